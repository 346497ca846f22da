"""Shared fixtures for the format tests: sample files and replacement helpers."""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from service.models import Replacement

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def sample():
    """sample("zoom.vtt") -> the file's bytes."""
    return lambda name: (SAMPLES / name).read_bytes()


def replacements_for(text: str, surrogates: dict[str, str]) -> list[Replacement]:
    """A replacement for every occurrence of each name in ``text`` (longest names first)."""
    taken = [False] * len(text)
    found = []
    for name in sorted(surrogates, key=len, reverse=True):
        for match in re.finditer(re.escape(name), text):
            if not any(taken[match.start():match.end()]):
                taken[match.start():match.end()] = [True] * len(name)
                found.append(Replacement(match.start(), match.end(), surrogates[name], "PERSON"))
    return sorted(found, key=lambda r: r.start)


@pytest.fixture
def replace_names():
    return replacements_for


def changed_outside(original: str, redacted: str, names: list[str]) -> list[str]:
    """Pieces of ``original`` that changed although no name word covers them."""
    allowed = [False] * len(original)
    for word in {w.strip(".,") for name in names for w in name.split()} | set(names):
        for match in re.finditer(re.escape(word), original):
            allowed[match.start():match.end()] = [True] * len(word)
    bad = []
    matcher = difflib.SequenceMatcher(None, original, redacted, autojunk=False)
    for op, i1, i2, _, _ in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "insert":  # an insertion must touch a replaced word
            near = allowed[max(i1 - 1, 0):i1 + 1]
            if not any(near):
                bad.append(f"insert at {i1}")
        elif not all(allowed[i1:i2]):
            bad.append(original[i1:i2])
    return bad


@pytest.fixture
def assert_only_names_changed():
    def check(original: str, redacted: str, names: list[str]) -> None:
        assert changed_outside(original, redacted, names) == []
    return check
