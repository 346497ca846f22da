"""The decisions document: parsed strictly, refused on other bytes, turned into overrides."""
from __future__ import annotations

import hashlib
import json

import pytest

from service.decisions import check_document, parse_decisions
from service.engine.overrides import Override
from service.errors import InputError

DATA = b"Interviewer: we spoke with Halvard Oyelaran at Quintrell.\n"
SHA = hashlib.sha256(DATA).hexdigest()


def document(**changes) -> dict:
    doc = {
        "version": 1,
        "document": {"sha256": SHA, "format": "text", "filename": "call.txt"},
        "decisions": [
            {"start": 27, "end": 43, "action": "accept", "entity_type": "PERSON", "reviewer": "J. Okoro",
             "time": "2025-04-01T09:30:00Z"},
            {"start": 47, "end": 56, "action": "add", "entity_type": "ORGANIZATION", "apply_to_all": True,
             "remember": True},
        ],
    }
    doc.update(changes)
    return doc


def test_decisions_parse_and_become_overrides():
    parsed = parse_decisions(json.dumps(document()))
    assert parsed.overrides() == (Override(27, 43, "accept", "PERSON", False),
                                  Override(47, 56, "add", "ORGANIZATION", True))
    assert parsed.decisions[0].reviewer == "J. Okoro" and parsed.decisions[1].remember
    check_document(parsed, DATA, "text", name="call.txt")  # the same bytes: accepted


@pytest.mark.parametrize(
    "raw, message",
    [
        ("not json", "not a decisions document"),
        (json.dumps(document(version=2)), "version"),
        (json.dumps(document(extra=1)), "an unknown field (field 4 of this object)"),
        (json.dumps(document(decisions=[{"start": 1, "end": 4, "action": "approve"}])), "decisions.0.action"),
        (json.dumps(document(decisions=[{"start": -1, "end": 4, "action": "reject"}])), "decisions.0.start"),
        (json.dumps(document(decisions=[{"start": 1, "end": 4, "action": "add", "entity_type": "person name"}])),
         "decisions.0.entity_type"),
        (json.dumps(document(document={"sha256": "abc", "format": "text"})), "document.sha256"),
    ],
)
def test_decisions_refused_with_the_field_and_never_the_value(raw, message):
    with pytest.raises(InputError) as caught:
        parse_decisions(raw, name="review.json")
    assert message in str(caught.value) and str(caught.value).startswith("review.json: ")
    assert "person name" not in str(caught.value)


def test_decisions_made_on_other_bytes_are_refused():
    parsed = parse_decisions(json.dumps(document()))
    with pytest.raises(InputError, match="made on another file"):
        check_document(parsed, DATA + b"\n", "text", name="call.txt")
    with pytest.raises(InputError, match="not the otter one; pass --format text"):
        check_document(parsed, DATA, "otter", name="call.txt")


def test_a_field_or_type_the_author_made_up_is_not_repeated():
    raw = document()
    raw["decisions"][0]["Halvard Oyelaran"] = True
    with pytest.raises(InputError) as caught:
        parse_decisions(json.dumps(raw), name="review.json")
    assert "an unknown field (field 7 of this object)" in str(caught.value)
    assert "Halvard" not in str(caught.value)
    made_up = document(document={"sha256": SHA, "format": "halvard", "filename": "call.txt"})
    with pytest.raises(InputError) as caught:
        check_document(parse_decisions(json.dumps(made_up)), DATA, "text", name="call.txt")
    assert "an unknown format" in str(caught.value) and "halvard" not in str(caught.value)
