"""suggest: the second tier. Candidates a person sees on the review page and the engine
does not replace unless that person accepts them.

Built only from what analysis already knows, never from lists of words:

- findings the decide step dropped as weak (``Dropped.kind == WEAK``): below the score
  threshold, or a model guess a filter removed ("a very common word", "a noun after a
  determiner"), each with the reason it was dropped;
- candidates a recognizer offers without claiming them: a recognizer with a
  ``suggestions(text)`` method (the project dictionary's sound-alikes of its terms) is
  asked, and each item it gives (``start``, ``end``, ``entity_type``, ``score``, and
  optionally a ``reason`` that names no term, and a ``term_id``: the store id of the
  dictionary term it sounds like, so that a reviewer can add it as an alias of that term)
  becomes a suggestion.

Never suggested: transcript noise and lines a tool added (dropped as NOISE / TOOL_LINE,
and anything the noise filter names, whatever dropped it), placeholders, what the
project allows, and anything that overlaps a finding. Overlapping candidates keep the
strongest; past the budget (``per_150_words``, at least ``min_budget``) the weakest go.
Pure: no model, no I/O.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from service.engine.decide import PLACEHOLDER, WEAK, Dropped
from service.engine.noise import normalize_surface
from service.engine.spans import SpanIndex
from service.models import Decision

WORDS_PER_BUDGET = 150


@dataclass(frozen=True)
class Suggestion:
    """A span a reviewer should look at; not replaced unless accepted."""

    start: int
    end: int
    entity_type: str
    score: float
    source: str  # the recognizer that proposed it
    reason: str  # why it is only a suggestion (never a dictionary term's text)
    term_id: int | None = None  # the project dictionary term it sounds like, by store id (never its text)


def budget(text: str, *, per_150_words: float, min_budget: int) -> int:
    """How many suggestions a text of this length may carry."""
    return max(min_budget, int(len(text.split()) * per_150_words / WORDS_PER_BUDGET))


def suggest(
    text: str,
    decisions: list[Decision],
    dropped: Iterable[Dropped],
    *,
    offered: Iterable[tuple[str, object]] = (),
    why_noise: Callable[[str], str | None],
    noise_types: frozenset[str],
    allow: frozenset[str] = frozenset(),
    limit: int,
) -> list[Suggestion]:
    """The suggestions for ``text``, in reading order.

    ``decisions``: what the engine will replace (the first tier); ``dropped``: what it
    left out and why; ``offered``: ``(recognizer name, item)`` for each item a recognizer
    suggests.
    """
    candidates = [
        Suggestion(x.finding.start, x.finding.end, x.finding.entity_type, x.finding.score, x.finding.recognizer,
                   f"not replaced: {x.why}")
        for x in dropped if x.kind == WEAK
    ]
    candidates += [
        Suggestion(item.start, item.end, item.entity_type, float(item.score), source, "not replaced: " + (
            getattr(item, "reason", None) or f"{source} suggests it but is not sure enough to replace it"),
            getattr(item, "term_id", None))
        for source, item in offered
    ]
    taken = SpanIndex((d.start, d.end) for d in decisions)
    kept = []
    for s in candidates:
        surface = text[s.start:s.end]
        if s.entity_type == PLACEHOLDER or not surface.strip():
            continue
        if s.entity_type in noise_types and why_noise(surface):
            continue
        if normalize_surface(surface) in allow:
            continue
        if taken.overlaps(s.start, s.end):
            continue  # a decision reaches into it
        kept.append(s)
    # Strongest first: an overlap keeps the stronger (then longer) candidate.
    chosen: list[Suggestion] = []
    # The chosen never overlap, so in order of start their ends are in order too: only
    # the last one starting before a candidate's end can reach into it.
    chosen_starts: list[int] = []
    chosen_ends: list[int] = []
    for s in sorted(kept, key=lambda s: (-s.score, -(s.end - s.start), s.start, s.entity_type, s.source)):
        i = bisect_left(chosen_starts, s.end)
        if i and chosen_ends[i - 1] > s.start:
            continue
        chosen.append(s)
        chosen_starts.insert(i, s.start)
        chosen_ends.insert(i, s.end)
    return sorted(chosen[:limit], key=lambda s: (s.start, s.end))
