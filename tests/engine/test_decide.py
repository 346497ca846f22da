"""Pure decision logic on hand-built findings (no model)."""
from __future__ import annotations

import pytest

from service.engine.decide import filter_findings, protect_union, subtract_placeholders
from service.models import Finding


def F(start, end, entity_type="PERSON", score=0.85, recognizer="r.v1", reason="why"):
    return Finding(start, end, entity_type, score, recognizer, reason)


def op(_):
    return "pseudonym"


def test_decide_protect_union_merges_overlaps_into_the_union():
    decisions = protect_union([F(0, 6, "ORGANIZATION"), F(4, 15, "PRODUCT", 0.9)], op)
    assert [(d.start, d.end, d.entity_type) for d in decisions] == [(0, 15, "PRODUCT")]
    assert len(decisions[0].sources) == 2


def test_decide_protect_union_keeps_disjoint_spans_apart():
    decisions = protect_union([F(10, 14), F(0, 4), F(4, 8)], op)
    assert [(d.start, d.end) for d in decisions] == [(0, 4), (4, 8), (10, 14)]


def test_decide_protect_union_chain_of_overlaps_becomes_one_span():
    decisions = protect_union([F(0, 5), F(3, 9), F(8, 12)], op)
    assert [(d.start, d.end) for d in decisions] == [(0, 12)]


def test_decide_placeholder_cuts_other_findings():
    text = "at Company Y's Toronto office"
    findings = [F(3, 12, "PLACEHOLDER", 1.0), F(3, 22, "ORGANIZATION")]
    out = subtract_placeholders(text, findings)
    spans = sorted((f.start, f.end, f.entity_type) for f in out)
    assert spans == [(3, 12, "PLACEHOLDER"), (15, 22, "ORGANIZATION")]
    assert text[15:22] == "Toronto"


def test_decide_placeholder_swallows_findings_inside_it():
    text = "at University X today"
    out = subtract_placeholders(text, [F(3, 15, "PLACEHOLDER", 1.0), F(3, 13, "ORGANIZATION")])
    assert [(f.entity_type) for f in out] == ["PLACEHOLDER"]


@pytest.mark.parametrize(
    "text, expected_kept",
    [
        ("Interviewee", False),
        ("mm-hmm", False),
        ("ML", False),
        ("Speaker 2", False),
        ("[inaudible]", False),
        ("Northwind", True),
    ],
)
def test_decide_filter_drops_transcript_noise(noise, text, expected_kept):
    kept, dropped = filter_findings(
        text, [F(0, len(text), "ORGANIZATION")], threshold=0.4, why_noise=noise.why_noise, trim=noise.trim,
        noise_types=("ORGANIZATION",),
    )
    assert bool(kept) is expected_kept
    assert bool(dropped) is not expected_kept


def test_decide_filter_trims_noise_words_at_the_edges(noise):
    text = "Interviewee Amin"
    kept, _ = filter_findings(
        text, [F(0, len(text))], threshold=0.4, why_noise=noise.why_noise, trim=noise.trim, noise_types=("PERSON",)
    )
    assert [(text[f.start:f.end]) for f in kept] == ["Amin"]


def test_decide_filter_drops_weak_findings(noise):
    kept, dropped = filter_findings(
        "Amin", [F(0, 4, score=0.2)], threshold=0.4, why_noise=noise.why_noise, trim=noise.trim, noise_types=("PERSON",)
    )
    assert kept == [] and "below threshold" in dropped[0].why


def test_decide_filter_never_treats_contacts_as_noise(noise):
    text = "+1 416 555 0142"
    kept, _ = filter_findings(
        text, [F(0, len(text), "PHONE_NUMBER")], threshold=0.4, why_noise=noise.why_noise, trim=noise.trim,
        noise_types=("PERSON",),
    )
    assert [(f.start, f.end) for f in kept] == [(0, len(text))]
