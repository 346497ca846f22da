"""Propagation on hand-built findings (no model)."""
from __future__ import annotations

from service.config import PropagationConfig
from service.engine.propagate import propagate
from service.models import Finding


COMMON = {"spark": 4.0, "reading": 4.5, "chase": 4.4, "gates": 4.3, "first": 6.1, "power": 5.5}


def run(text, seeds, is_common_word=lambda w: w in COMMON, *, full=False):
    findings = [Finding(text.index(s), text.index(s) + len(s), t, 0.85, "spacy_ner.v1", "why") for s, t in seeds]
    out = propagate(text, findings, PropagationConfig(), is_noise=lambda s: s.lower() == "interviewer",
                    is_common_word=is_common_word, word_zipf=lambda w: COMMON.get(w, 2.0),
                    generic_words=frozenset({"group", "foundation", "bank", "analytics", "inc"}))
    if full:
        return sorted((text[f.start:f.end], f.entity_type, f.canonical) for f in out)
    return sorted(text[f.start:f.end] for f in out)


def test_propagate_finds_other_mentions_in_any_casing_with_possessives():
    text = "Netflix uses it. netflix's team and NETFLIX too. The Netflixes of this world."
    assert run(text, [("Netflix", "ORGANIZATION")]) == ["NETFLIX", "Netflixes", "netflix's"]


def test_propagate_person_parts_and_titles():
    text = "Sarah Chen joined. Later Sarah said Dr Chen would come."
    assert run(text, [("Sarah Chen", "PERSON")]) == ["Dr Chen", "Sarah"]


def test_propagate_ambiguous_part_is_not_propagated():
    text = "Sarah Chen and Sarah Jones met. Sarah left."
    assert "Sarah" not in run(text, [("Sarah Chen", "PERSON"), ("Sarah Jones", "PERSON")])


def test_propagate_common_word_keeps_its_casing():
    text = "My first job was at Spark, fixing routers. Then the spark went out of it."
    assert run(text, [("Spark", "ORGANIZATION")]) == []


def test_propagate_whitespace_inside_names():
    text = "Northwind Analytics is big. We met northwind\nanalytics twice."
    assert run(text, [("Northwind Analytics", "ORGANIZATION")]) == ["northwind\nanalytics"]


def test_propagate_never_spreads_noise():
    text = "Interviewer: hi. Interviewer again."
    assert run(text, [("Interviewer", "PERSON")]) == []
