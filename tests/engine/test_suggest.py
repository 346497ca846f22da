"""The suggestions tier on hand-built findings (no model): what a reviewer is shown."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from service.engine.decide import NOISE, TOOL_LINE, WEAK, Dropped
from service.engine.pseudonymize import NAME_TYPES
from service.engine.suggest import budget, suggest
from service.models import Decision, Finding

TEXT = "Interviewer: our vendor was brambleby, and later Quintrell took over from Halvard Oyelaran."
#       0         1         2         3         4         5         6         7         8
NOISE_WORDS = {"interviewer": "speaker_roles", "mm-hmm": "fillers"}


def why_noise(surface: str) -> str | None:
    return NOISE_WORDS.get(surface.lower())


def span(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def dropped(word: str, kind: str = WEAK, score: float = 0.3, entity_type: str = "ORGANIZATION",
            why: str = "score 0.30 below threshold 0.40") -> Dropped:
    return Dropped(Finding(*span(word), entity_type, score, "weak.v1", "a guess"), why, kind)


def decision(word: str, entity_type: str = "PERSON") -> Decision:
    return Decision(*span(word), entity_type, 0.9, "speaker_name.v1", "a label", "pseudonym")


@dataclass(frozen=True)
class Offer:
    start: int
    end: int
    entity_type: str
    score: float
    reason: str | None = None


def run(dropped_items=(), decisions=(), offered=(), allow=frozenset(), limit=10):
    found = suggest(TEXT, list(decisions), list(dropped_items), offered=offered, why_noise=why_noise,
                    noise_types=frozenset(NAME_TYPES), allow=allow, limit=limit)
    return [TEXT[s.start:s.end] for s in found]


@pytest.mark.parametrize(
    "items, expected",
    [
        # a weak finding is suggested, with the reason it was dropped
        ([dropped("brambleby")], ["brambleby"]),
        # noise and tool lines never are, whatever their kind says
        ([dropped("Interviewer", kind=NOISE, why="transcript noise (speaker_roles)")], []),
        ([dropped("Interviewer", kind=WEAK)], []),
        ([dropped("Quintrell", kind=TOOL_LINE, why="on a line a tool added")], []),
        # placeholders are kept, never suggested
        ([dropped("Quintrell", entity_type="PLACEHOLDER")], []),
        # two candidates for one span: one suggestion, the stronger
        ([dropped("brambleby", score=0.2), dropped("brambleby", score=0.35)], ["brambleby"]),
        # reading order
        ([dropped("Quintrell"), dropped("brambleby")], ["brambleby", "Quintrell"]),
    ],
)
def test_suggest_from_dropped_findings(items, expected):
    assert run(items) == expected


def test_suggest_keeps_the_reason_and_the_source():
    (only,) = suggest(TEXT, [], [dropped("brambleby", why="a very common word")], why_noise=why_noise,
                      noise_types=frozenset(NAME_TYPES), limit=5)
    assert (only.entity_type, only.source, only.score) == ("ORGANIZATION", "weak.v1", 0.3)
    assert only.reason == "not replaced: a very common word"


def test_suggest_never_overlaps_a_finding():
    # "Halvard Oyelaran" is replaced already; a weak guess for "Oyelaran" adds nothing.
    assert run([dropped("Oyelaran"), dropped("brambleby")], decisions=[decision("Halvard Oyelaran")]) == ["brambleby"]


def test_suggest_overlapping_candidates_keep_the_strongest():
    items = [dropped("Halvard", score=0.2, entity_type="PERSON"), dropped("Halvard Oyelaran", score=0.35)]
    assert run(items) == ["Halvard Oyelaran"]


def test_suggest_leaves_out_what_the_project_allows():
    assert run([dropped("Quintrell"), dropped("brambleby")], allow=frozenset({"quintrell"})) == ["brambleby"]


def test_suggest_budget_keeps_the_strongest():
    items = [dropped("brambleby", score=0.1), dropped("Quintrell", score=0.3), dropped("Halvard", score=0.2)]
    assert run(items, limit=2) == ["Quintrell", "Halvard"]


def test_suggest_takes_what_a_recognizer_offers():
    start, end = span("Quintrell")
    offers = [("project_dictionary.v1", Offer(start, end, "ORGANIZATION", 0.7, "sounds like a dictionary term")),
              ("project_dictionary.v1", Offer(*span("brambleby"), "ORGANIZATION", 0.6))]
    found = suggest(TEXT, [], [], offered=offers, why_noise=why_noise, noise_types=frozenset(NAME_TYPES), limit=5)
    assert [(TEXT[s.start:s.end], s.source, s.reason) for s in found] == [
        ("brambleby", "project_dictionary.v1",
         "not replaced: project_dictionary.v1 suggests it but is not sure enough to replace it"),
        ("Quintrell", "project_dictionary.v1", "not replaced: sounds like a dictionary term"),
    ]


@pytest.mark.parametrize("words, per_150, minimum, expected", [(150, 1.0, 5, 5), (1500, 1.0, 5, 10), (3000, 0.5, 0, 10)])
def test_suggest_budget_grows_with_the_text(words, per_150, minimum, expected):
    assert budget("word " * words, per_150_words=per_150, min_budget=minimum) == expected
