"""Line endings never change what is found: the engine reads an LF view of a text with
CRLF or CR line ends, and maps every offset back to the original.

Patterns anchored at line ends, the model's tokenizer and the speaker-label rules all
see "\\r\\n" differently from "\\n"; without this view a Windows export of a transcript
gave other findings than the same transcript saved on Linux.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from service.models import Decision, Finding, Suggestion

_CR = re.compile(r"\r\n?")


@dataclass(frozen=True)
class LfView:
    """``text`` with "\\r\\n" as "\\n" and a lone "\\r" as "\\n"; ``removed`` holds the view
    positions before which a "\\r" was dropped."""

    original: str
    text: str
    removed: tuple[int, ...] = ()

    @classmethod
    def of(cls, original: str) -> "LfView":
        if "\r" not in original:
            return cls(original, original)
        removed: list[int] = []
        parts: list[str] = []
        position = 0
        for match in _CR.finditer(original):
            parts.append(original[position:match.start()])
            parts.append("\n")
            if match.group() == "\r\n":
                removed.append(match.start() - len(removed))
            position = match.end()
        parts.append(original[position:])
        return cls(original, "".join(parts), tuple(removed))

    def start(self, offset: int) -> int:
        """The original offset of the character at view ``offset``."""
        return offset + bisect.bisect_right(self.removed, offset)

    def end(self, offset: int) -> int:
        """The original offset just after view character ``offset - 1`` (a span's end)."""
        return self.start(offset - 1) + 1 if offset > 0 else 0

    def finding(self, f: Finding) -> Finding:
        return replace(f, start=self.start(f.start), end=self.end(f.end))

    def suggestion(self, s: Suggestion) -> Suggestion:
        return replace(s, start=self.start(s.start), end=self.end(s.end))

    def decision(self, d: Decision) -> Decision:
        return replace(d, start=self.start(d.start), end=self.end(d.end),
                       sources=tuple(self.finding(f) for f in d.sources))
