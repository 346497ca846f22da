"""Word lists shipped as text files: one entry per line, "#" comments and blank lines skipped."""
from __future__ import annotations

from pathlib import Path


def read_word_list(path: Path) -> frozenset[str]:
    """The entries of ``path``; ``OSError`` (e.g. ``FileNotFoundError``) if it cannot be read."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
