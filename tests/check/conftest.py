"""Fixtures for the hook's tests: a repository directory as the working directory, and
``tanon`` run in-process with the session engine (the real model, loaded once)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from service.config import get_settings
from tests.builders import docx_bytes  # noqa: F401  (used by this folder's tests)

# One raw interview: a name in the header, as a speaker label, and an employer.
RAW = (
    "Interview 3 - Priya Raman\n"
    "\n"
    "Interviewer: Thanks for joining us today.\n"
    "\n"
    "Priya Raman: I worked at Northwind Analytics Inc. for three years.\n"
)
RAW_NAMES = ("Priya", "Raman", "Northwind")
CLEAN = "Interviewer: Thanks for joining us today.\nParticipant 3: I worked at Company Y for three years.\n"


_RECOGNIZER = re.compile(r" \([a-z_]+\.v\d+\)$")


def located(output: str) -> list[str]:
    """Finding lines without their recognizer. When several recognizers find one span, which
    one the engine names varies between processes (it follows PYTHONHASHSEED), so tests
    compare file, line, column, type and mask, and check only that a recognizer is named."""
    lines = output.splitlines()
    assert all(_RECOGNIZER.search(line) for line in lines), output
    return [_RECOGNIZER.sub("", line) for line in lines]


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def repo(tmp_path, monkeypatch, engine) -> Path:
    """An empty repository root (``.git`` marks it) as the working directory; ``tanon``
    commands there use the session engine and a private store."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    monkeypatch.chdir(root)
    for var in ("TANON_STORE_URL", "TANON_STORE_KEY", "TANON_STORE_KEY_FILE", "TANON_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    get_settings.cache_clear()
    yield root
    get_settings.cache_clear()


@pytest.fixture
def tanon(capsys, cli_main):
    """tanon("check", "a.txt") -> Run(code, stdout, stderr), through ``cli.main`` with the session engine."""
    def run(*argv: str) -> Run:
        code = cli_main(list(argv))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


