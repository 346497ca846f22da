"""overrides: a reviewer's decisions, applied to the engine's own before pseudonymize.

A pure step over ``Decision``s, like decide.py; offsets index the analyzed text (the
transcript text a format reader built). Each override, in the order given:

- ``reject``: the decision exactly at ``[start, end)`` is dropped (the text stays as
  written). A reject that matches no decision (a suggestion the reviewer turned down)
  changes nothing: a reject never removes a span it does not name exactly, so it cannot
  uncover more than the reviewer saw.
- ``accept``, ``add``, ``retype``: ``[start, end)`` is replaced, as one decision of
  ``entity_type`` (for ``accept``, by default the type the engine found there). A decision
  it overlaps is merged into it: the union is protected, as everywhere in the engine.
- ``apply_to_all``: the same for every other mention of the same words (any casing and
  spacing, whole words only; a possessive stays outside). For ``reject``: every decision
  with the same surface. Other mentions already inside a longer replaced span, or
  touching a placeholder, are left as they are.

Reviewer decisions carry the recognizer ``review`` and score 1.0: not a guess, so their
type holds for every mention of the name when surrogates are grouped.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from service.engine.decide import PLACEHOLDER
from service.engine.noise import normalize_surface
from service.models import Decision, Finding

ACCEPT, REJECT, ADD, RETYPE = "accept", "reject", "add", "retype"
ACTIONS = (ACCEPT, REJECT, ADD, RETYPE)
RECOGNIZER = "review"
SCORE = 1.0
REASONS = {
    ACCEPT: "accepted by a reviewer",
    ADD: "added by a reviewer",
    RETYPE: "type set by a reviewer",
}
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Override:
    start: int
    end: int
    action: str  # accept | reject | add | retype
    entity_type: str | None = None
    apply_to_all: bool = False


class OverrideError(ValueError):
    """An override that cannot apply to this text; ``index`` is its position (0-based)."""

    def __init__(self, index: int, reason: str) -> None:
        self.index, self.reason = index, reason
        super().__init__(f"decision {index + 1}: {reason}")


def apply_overrides(
    text: str,
    decisions: list[Decision],
    overrides: Iterable[Override],
    *,
    operator_for: Callable[[str], str],
    types: frozenset[str],
) -> list[Decision]:
    """``decisions`` with every override applied, in order; sorted and non-overlapping.

    ``types``: the entity types a reviewer may choose (those the configuration replaces).
    Raises ``OverrideError`` for an override that does not fit the text.
    """
    current = list(decisions)
    for index, override in enumerate(overrides):
        _check(text, index, override, types)
        if override.action == REJECT:
            current = _reject(text, current, override)
        else:
            current = _ensure(text, current, override, index, operator_for)
    return sorted(current, key=lambda d: (d.start, d.end))


def mentions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Every place the words of ``text[start:end]`` appear as whole words, in any casing
    and spacing (the span itself included)."""
    words = text[start:end].split()
    if not words:
        return []
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _check(text: str, index: int, o: Override, types: frozenset[str]) -> None:
    if o.action not in ACTIONS:
        raise OverrideError(index, f"an unknown action; expected one of {', '.join(ACTIONS)}")
    if not 0 <= o.start < o.end <= len(text):
        raise OverrideError(index, f"span {o.start}-{o.end} is outside the transcript text ({len(text)} characters)")
    if not _WORD.search(text[o.start:o.end]):
        raise OverrideError(index, f"span {o.start}-{o.end} holds no word")
    if o.action in (ADD, RETYPE) and not o.entity_type:
        raise OverrideError(index, f"{o.action} needs an entity_type")
    if o.entity_type is not None and o.action != REJECT and (o.entity_type not in types or o.entity_type == PLACEHOLDER):
        # Not repeated: a made-up type may be a name.
        raise OverrideError(index, f"an unknown entity type; expected one of {', '.join(sorted(types))}")


def _reject(text: str, decisions: list[Decision], o: Override) -> list[Decision]:
    form = normalize_surface(text[o.start:o.end])

    def rejected(d: Decision) -> bool:
        if (d.start, d.end) == (o.start, o.end):
            return True
        return o.apply_to_all and d.entity_type != PLACEHOLDER and normalize_surface(text[d.start:d.end]) == form

    return [d for d in decisions if not rejected(d)]


def _ensure(text: str, decisions: list[Decision], o: Override, index: int,
            operator_for: Callable[[str], str]) -> list[Decision]:
    exact = next((d for d in decisions if (d.start, d.end) == (o.start, o.end)), None)
    entity_type = o.entity_type or (exact.entity_type if exact is not None and exact.entity_type != PLACEHOLDER else None)
    if entity_type is None:
        raise OverrideError(index, f"{o.action} at {o.start}-{o.end} needs an entity_type (the engine found nothing there)")
    spans = [(o.start, o.end)]
    if o.apply_to_all:
        spans += [span for span in mentions(text, o.start, o.end) if span != (o.start, o.end)]
    current = list(decisions)
    for own, (start, end) in zip([True] + [False] * (len(spans) - 1), spans):
        overlapping = [d for d in current if d.start < end and start < d.end]
        if not own and any(d.entity_type == PLACEHOLDER or (d.start <= start and end <= d.end and (d.start, d.end) != (start, end))
                           for d in overlapping):
            continue  # inside a longer replaced name, or touching a placeholder: left as it is
        current = [d for d in current if not any(d is x for x in overlapping)]
        current.append(_decision(start, end, entity_type, o.action, overlapping, operator_for))
    return current


def _decision(start: int, end: int, entity_type: str, action: str, overlapping: list[Decision],
              operator_for: Callable[[str], str]) -> Decision:
    reason = REASONS[action]
    own = Finding(start, end, entity_type, SCORE, RECOGNIZER, reason)
    # The same span and type keeps the engine's canonical form (a dictionary term's), so
    # the entity keeps its surrogate; anything else is grouped by its own words.
    canonical = next((d.canonical for d in overlapping
                      if (d.start, d.end, d.entity_type) == (start, end, entity_type)), None)
    sources = tuple(f for d in overlapping for f in (d.sources or ())) + (own,)
    return Decision(
        start=min([start] + [d.start for d in overlapping]),
        end=max([end] + [d.end for d in overlapping]),
        entity_type=entity_type,
        score=SCORE,
        recognizer=RECOGNIZER,
        reason=reason,
        operator=operator_for(entity_type),
        sources=sources,
        canonical=canonical,
    )
