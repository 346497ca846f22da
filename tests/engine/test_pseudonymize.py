"""Surrogates: consistent per entity, in reading order, never reusing placeholder letters."""
from __future__ import annotations

import pytest

from service.vocabulary.canonical import canonical_form
from service.engine.pseudonymize import Grouping, TypeCues, apply_replacements, pseudonymize
from service.vocabulary.surrogate_labels import letter_label
from service.models import Decision

GROUPING = Grouping(guesses=frozenset({"r.v1"}), decisive_score=0.85, generic_words=frozenset({"inc", "group"}),
                    cues=TypeCues())


def D(text, surface, entity_type, *, nth=0, operator="pseudonym", score=0.85):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Decision(start, start + len(surface), entity_type, score, "r.v1", "why", operator)


@pytest.mark.parametrize(
    "entity_type, surface, canonical",
    [
        ("ORGANIZATION", "Northwind Analytics Inc.", "northwind analytics"),
        ("ORGANIZATION", "northwind analytics", "northwind analytics"),
        ("ORGANIZATION", "Northwind's", "northwind"),
        ("ORGANIZATION", "The  Northwind\nGroup", "northwind group"),
        ("PERSON", "Dr. Sarah Chen", "sarah chen"),
        ("PERSON", "Sarah Chen's", "sarah chen"),
    ],
)
def test_pseudonymize_canonical_form(entity_type, surface, canonical):
    assert canonical_form(entity_type, surface) == canonical


def test_pseudonymize_letter_labels():
    assert [letter_label(i) for i in (1, 2, 26, 27, 28)] == ["A", "B", "Z", "AA", "AB"]


def test_pseudonymize_same_entity_same_surrogate(engine_config):
    text = "Northwind Analytics Inc. hired Sarah Chen. Later northwind's team and Sarah left; Dr Chen stayed at Acme."
    decisions = [
        D(text, "Northwind Analytics Inc.", "ORGANIZATION"),
        D(text, "Sarah Chen", "PERSON"),
        D(text, "northwind", "ORGANIZATION"),
        D(text, "Sarah", "PERSON", nth=1),
        D(text, "Dr Chen", "PERSON"),
        D(text, "Acme", "ORGANIZATION"),
    ]
    decisions.sort(key=lambda d: d.start)
    replacements, surrogates, _ = pseudonymize(text, decisions, engine_config.policy, grouping=GROUPING)
    by_surface = {text[d.start:d.end]: s for d, s in zip(decisions, surrogates)}
    assert by_surface["Northwind Analytics Inc."] == by_surface["northwind"] == "[Company A]"
    assert by_surface["Sarah Chen"] == by_surface["Sarah"] == by_surface["Dr Chen"] == "[Person 1]"
    assert by_surface["Acme"] == "[Company B]"
    out = apply_replacements(text, replacements)
    assert out == "[Company A] hired [Person 1]. Later [Company A]'s team and [Person 1] left; [Person 1] stayed at [Company B]."


def test_pseudonymize_skips_letters_used_by_placeholders(engine_config):
    text = "I was at Company A before, now at Vodafone and then BT, not company B."
    decisions = sorted(
        [
            D(text, "Company A", "PLACEHOLDER", operator="keep", score=1.0),
            D(text, "Vodafone", "ORGANIZATION"),
            D(text, "BT", "ORGANIZATION"),
            D(text, "company B", "PLACEHOLDER", operator="keep", score=1.0),
        ],
        key=lambda d: d.start,
    )
    replacements, surrogates, _ = pseudonymize(text, decisions, engine_config.policy, grouping=GROUPING)
    assert surrogates == [None, "[Company C]", "[Company D]", None]
    assert "Company A" in apply_replacements(text, replacements)


def test_pseudonymize_operators_from_config(engine_config):
    from service.config import EngineConfig, EntityPolicy

    entities = dict(engine_config.entities)
    entities["PERSON"] = EntityPolicy(operator="mask")
    entities["ORGANIZATION"] = EntityPolicy(operator="redact")
    entities["LOCATION"] = EntityPolicy(operator="keep")
    entities["PRODUCT"] = EntityPolicy(operator="hash")
    config = EngineConfig.model_validate({**engine_config.model_dump(), "entities": entities})
    text = "Amin at Acme in Leeds uses Tableau."
    decisions = [D(text, "Amin", "PERSON"), D(text, "Acme", "ORGANIZATION"), D(text, "Leeds", "LOCATION"),
                 D(text, "Tableau", "PRODUCT")]
    replacements, _, _ = pseudonymize(text, decisions, config.policy, grouping=GROUPING, hash_key=b"k")
    out = apply_replacements(text, replacements)
    assert out.startswith("**** at  in Leeds uses [product-")
    again, _, _ = pseudonymize(text, decisions, config.policy, grouping=GROUPING, hash_key=b"k")
    assert apply_replacements(text, again) == out  # hashing is stable for one key
