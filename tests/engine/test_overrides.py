"""A reviewer's decisions applied to the engine's, on hand-built spans (no model)."""
from __future__ import annotations

import pytest

from service.engine.overrides import Override, OverrideError, apply_overrides, mentions
from service.models import Decision

TEXT = ("Okafor: We moved from Brindlewood to Company K. Brindlewood's team and Tasselby "
        "helped; brindlewood still calls. Tasselby left.")
TYPES = frozenset({"PERSON", "ORGANIZATION", "PRODUCT", "LOCATION", "PLACEHOLDER"})


def at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def D(word: str, entity_type: str = "ORGANIZATION", nth: int = 0, operator: str = "pseudonym") -> Decision:
    return Decision(*at(word, nth), entity_type, 0.85, "spacy_ner.v1", "model", operator)


ENGINE = [
    D("Okafor", "PERSON"),
    D("Brindlewood"),
    D("Company K", "PLACEHOLDER", operator="keep"),
    D("Brindlewood", nth=1),
    D("Tasselby", "PERSON"),
]


def operator_for(entity_type: str) -> str:
    return "keep" if entity_type == "PLACEHOLDER" else "pseudonym"


def apply(*overrides: Override, decisions=ENGINE) -> list[tuple[str, str]]:
    out = apply_overrides(TEXT, list(decisions), overrides, operator_for=operator_for, types=TYPES)
    return [(TEXT[d.start:d.end], d.entity_type) for d in out]


def O(word: str, action: str, entity_type: str | None = None, nth: int = 0, everywhere: bool = False) -> Override:
    return Override(*at(word, nth), action, entity_type, everywhere)


BASE = [("Okafor", "PERSON"), ("Brindlewood", "ORGANIZATION"), ("Company K", "PLACEHOLDER"),
        ("Brindlewood", "ORGANIZATION"), ("Tasselby", "PERSON")]


@pytest.mark.parametrize(
    "overrides, expected",
    [
        # nothing to apply: the engine's decisions as they are
        ((), BASE),
        # accepting a finding changes nothing
        ((O("Okafor", "accept"),), BASE),
        # reject: that span only; the other mention stays replaced
        ((O("Brindlewood", "reject"),), [x for i, x in enumerate(BASE) if i != 1]),
        # reject every mention with the same surface
        ((O("Brindlewood", "reject", everywhere=True),),
         [("Okafor", "PERSON"), ("Company K", "PLACEHOLDER"), ("Tasselby", "PERSON")]),
        # a reject that names no decision (a suggestion turned down) changes nothing
        ((O("calls", "reject"),), BASE),
        # a reject never removes a span it only overlaps
        ((Override(*at("Okafor"), "reject"),), [x for i, x in enumerate(BASE) if i != 0]),
        ((Override(at("Okafor")[0], at("Okafor")[1] - 2, "reject"),), BASE),
        # retype one finding
        ((O("Tasselby", "retype", "ORGANIZATION"),),
         BASE[:4] + [("Tasselby", "ORGANIZATION")]),
        # retype every mention: the one the engine missed is replaced too
        ((O("Tasselby", "retype", "ORGANIZATION", everywhere=True),),
         BASE[:4] + [("Tasselby", "ORGANIZATION"), ("Tasselby", "ORGANIZATION")]),
        # add a missed name; every mention, any casing, a possessive stays outside
        ((O("calls", "add", "PRODUCT"),), BASE + [("calls", "PRODUCT")]),
        ((O("brindlewood", "add", "ORGANIZATION", everywhere=True),),
         BASE + [("brindlewood", "ORGANIZATION")]),
        # accepting a suggestion (no finding there) needs its type
        ((O("team", "accept", "ORGANIZATION"),),
         BASE[:4] + [("team", "ORGANIZATION"), ("Tasselby", "PERSON")]),
        # later decisions win: add, then reject the same span
        ((O("calls", "add", "PRODUCT"), O("calls", "reject")), BASE),
    ],
)
def test_overrides_table(overrides, expected):
    assert apply(*overrides) == expected


def test_overrides_added_span_protects_the_union_with_what_it_overlaps():
    start, _ = at("Brindlewood", nth=1)
    _, end = at("team")
    out = apply(Override(start, end, "add", "ORGANIZATION"))
    assert ("Brindlewood's team", "ORGANIZATION") in out
    assert len([x for x in out if x[0].startswith("Brindlewood")]) == 2


def test_overrides_other_mentions_inside_a_longer_name_stay_as_they_are():
    decisions = [D("Brindlewood's team", "ORGANIZATION"), D("Brindlewood")]
    out = apply(O("Brindlewood", "add", "PRODUCT", everywhere=True), decisions=decisions)
    assert ("Brindlewood's team", "ORGANIZATION") in out
    assert ("brindlewood", "PRODUCT") in out


def test_overrides_other_mentions_never_swallow_a_placeholder():
    out = apply(O("Company", "add", "ORGANIZATION", everywhere=True), decisions=[])
    assert out == [("Company", "ORGANIZATION")]


def test_overrides_reviewer_decisions_are_not_guesses():
    (decision,) = apply_overrides(TEXT, [], [O("Tasselby", "add", "PERSON")], operator_for=operator_for, types=TYPES)
    assert (decision.recognizer, decision.score, decision.reason) == ("review", 1.0, "added by a reviewer")
    assert decision.operator == "pseudonym"


def test_overrides_same_span_and_type_keeps_the_canonical_form():
    term = Decision(*at("Tasselby"), "PERSON", 0.98, "project_dictionary.v1", "term", "pseudonym",
                    canonical="tasselby jones")
    (kept,) = apply_overrides(TEXT, [term], [O("Tasselby", "accept")], operator_for=operator_for, types=TYPES)
    assert kept.canonical == "tasselby jones"
    (retyped,) = apply_overrides(TEXT, [term], [O("Tasselby", "retype", "ORGANIZATION")],
                                 operator_for=operator_for, types=TYPES)
    assert retyped.canonical is None


@pytest.mark.parametrize(
    "override, message",
    [
        (Override(0, 10_000, "add", "PERSON"), "outside the transcript text"),
        (Override(5, 3, "add", "PERSON"), "outside the transcript text"),
        (Override(*at(": "), "add", "PERSON"), "holds no word"),
        (O("calls", "add"), "add needs an entity_type"),
        (O("calls", "retype"), "retype needs an entity_type"),
        (O("calls", "accept"), "needs an entity_type (the engine found nothing there)"),
        (O("calls", "add", "SPACESHIP"), "an unknown entity type"),
        (O("calls", "add", "PLACEHOLDER"), "an unknown entity type"),
        (O("calls", "approve"), "an unknown action"),
    ],
)
def test_overrides_refuse_what_does_not_fit(override, message):
    with pytest.raises(OverrideError) as caught:
        apply_overrides(TEXT, list(ENGINE), [O("Okafor", "accept"), override], operator_for=operator_for, types=TYPES)
    assert caught.value.index == 1
    assert message in str(caught.value) and str(caught.value).startswith("decision 2: ")


def test_overrides_mentions_match_whole_words_in_any_casing_and_spacing():
    text = "Nova Terra, nova  terra's office, NovaTerra and novaterra\nNova\nTerra"
    found = [text[s:e] for s, e in mentions(text, 0, 10)]
    assert found == ["Nova Terra", "nova  terra", "Nova\nTerra"]
