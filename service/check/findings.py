"""One document's findings, located in the file and marked when something suppresses them.

A finding is a decision the engine would act on: placeholders ("Company Y", "[Person 1]")
and entity types configured to be kept are not findings. Allow-list words never get here
(the engine drops them, see ``RequestOptions.allow``); the pragma and the baseline are
applied here, so ``check`` and ``redact-in-place`` agree on what counts.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from service.check.baseline import Baseline
from service.formats.locate import Locator
from service.check.pragma import allowed_by_pragma
from service.formats import Transcript
from service.models import Decision

PRAGMA = "pragma"
BASELINE = "baseline"


@dataclass(frozen=True)
class NameFinding:
    start: int  # offsets into Transcript.text
    end: int
    line: int
    col: int
    entity_type: str
    recognizer: str
    surface: str = ""  # the name itself: shown only with --show, hashed for the baseline
    suppressed_by: str | None = None  # PRAGMA, BASELINE or None (reported)

    def __repr__(self) -> str:  # never print the name by accident (logs, assertion messages)
        return (f"NameFinding({self.line}:{self.col} {self.entity_type} {self.recognizer}"
                f"{', suppressed by ' + self.suppressed_by if self.suppressed_by else ''})")


def is_finding(decision: Decision) -> bool:
    return decision.operator != "keep"


def find_names(transcript: Transcript, decisions: Iterable[Decision], *, baseline: Baseline | None = None,
               file_key: str = "") -> list[NameFinding]:
    """The findings among ``decisions`` in reading order, each located and checked against
    the pragma and (with ``baseline``) the baseline entries of ``file_key``."""
    locator = Locator(transcript)
    out = []
    for decision in decisions:
        if not is_finding(decision):
            continue
        where = locator.locate(decision.start)
        surface = transcript.text[decision.start:decision.end]
        suppressed = None
        if allowed_by_pragma(locator, where.line):
            suppressed = PRAGMA
        elif baseline is not None and baseline.contains(file_key, decision.entity_type, surface):
            suppressed = BASELINE
        out.append(NameFinding(decision.start, decision.end, where.line, where.col, decision.entity_type,
                               decision.recognizer, surface, suppressed))
    return sorted(out, key=lambda f: (f.start, f.end))
