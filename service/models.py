"""Data that flows along the one path: read -> analyze -> decide -> pseudonymize -> write -> report.

Offsets are always Python string indices into the text the engine analyzed.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TermMatch:
    """The project dictionary term a finding matched, and how ("exact", "head word",
    "fuzzy 94"). The term is a name: a report shows it only, as its own field, to a caller
    allowed to see the dictionary (``service.report``); reasons never quote it."""

    term: str
    how: str

    def __repr__(self) -> str:  # never print the term by accident (logs, assertion messages)
        return f"TermMatch(how={self.how!r})"


@dataclass(frozen=True)
class Finding:
    """One candidate span, as a recognizer reported it (before any decision)."""

    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str
    reason: str
    # The entity this mention belongs to when the recognizer knows it (a dictionary term
    # matched through an alias or a misspelling); otherwise derived from the surface.
    canonical: str | None = None
    term_match: TermMatch | None = None  # set by the project dictionary recognizer

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Decision:
    """A span the policy decided to act on (or keep, for placeholders)."""

    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str
    reason: str
    operator: str  # pseudonym | tag | mask | hash | redact | keep
    sources: tuple[Finding, ...] = field(default=(), compare=False)
    canonical: str | None = None
    term_match: TermMatch | None = None


@dataclass(frozen=True)
class Suggestion:
    """A span a person should look at: shown for review, replaced only when someone accepts it.

    ``term`` is the dictionary term it resembles and ``method`` how ("metaphone ALTRKS",
    which is nearly the term): reports that hide terms leave both out.
    """

    start: int
    end: int
    entity_type: str
    score: float  # how alike, 0..1
    recognizer: str
    kind: str  # how it resembles the term: "sound-alike"
    method: str
    evidence: str  # the context it had: "none", or "context", "name slot" (scored below the threshold)
    term: str
    canonical: str | None = None


@dataclass(frozen=True)
class Replacement:
    """Text to put in place of ``[start, end)`` of the analyzed text."""

    start: int
    end: int
    text: str
    entity_type: str = ""
