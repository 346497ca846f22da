"""The inline pragma: ``tanon: allow`` anywhere on a line accepts the names on that line.

It goes where the format allows a remark: a comment-like aside on a text line, a cue line,
a pretty-printed JSON line, a Word paragraph. WebVTT cue text is shown to viewers, so there
a ``NOTE`` block that carries the pragma, directly before a cue, covers that whole cue:

    NOTE tanon: allow

    00:00:01.000 --> 00:00:04.000
    Priya Raman: thanks for having me
"""
from __future__ import annotations

import re

from service.formats.locate import Locator

PRAGMA = "tanon: allow"
_PRAGMA = re.compile(r"tanon:\s*allow", re.IGNORECASE)


def has_pragma(line: str) -> bool:
    return _PRAGMA.search(line) is not None


def allowed_by_pragma(locator: Locator, line: int) -> bool:
    """True when ``line`` (1-based, as ``Locator.locate`` numbers it) carries the pragma."""
    if has_pragma(locator.line_text(line)):
        return True
    return locator.format == "vtt" and _note_before_cue(locator, line)


def _note_before_cue(locator: Locator, line: int) -> bool:
    """Whether the block just before the cue that holds ``line`` is a NOTE with the pragma."""
    def blank(n: int) -> bool:
        return not locator.line_text(n).strip()

    n = line
    while n > 1 and not blank(n - 1):  # to the first line of this cue
        n -= 1
    n -= 1
    while n >= 1 and blank(n):  # over the blank lines between blocks
        n -= 1
    if n < 1:
        return False
    last = n
    while n > 1 and not blank(n - 1):  # to the first line of the previous block
        n -= 1
    if not locator.line_text(n).startswith("NOTE"):
        return False
    return any(has_pragma(locator.line_text(k)) for k in range(n, last + 1))
