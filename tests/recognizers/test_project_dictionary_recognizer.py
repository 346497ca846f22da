import time

import pytest

from recognizers.base import TranscriptRecognizer
from recognizers.project_dictionary_recognizer import (
    CANONICAL_METADATA_KEY,
    HOW_METADATA_KEY,
    TERM_METADATA_KEY,
    ProjectDictionaryRecognizer,
)

TERMS = [
    ("Northwind Analytics", "ORGANIZATION", ["NWA"]),
    ("Jane Okafor", "PERSON", []),
    ("University of Westbrook", "UNIVERSITY", []),
    ("Lagos", "LOCATION", []),
    ("Apple", "ORGANIZATION", []),
]


@pytest.fixture(scope="module")
def recognizer():
    return ProjectDictionaryRecognizer(TERMS)


def found(recognizer, text, entities=None):
    return [(text[r.start : r.end], r.entity_type) for r in recognizer.analyze(text, entities, None)]


POSITIVES = [
    # (text, matched span, entity type)
    ("We worked with Northwind Analytics last year.", "Northwind Analytics", "ORGANIZATION"),
    ("Northwind", "Northwind", "ORGANIZATION"),
    ("it was northwind's call", "northwind's", "ORGANIZATION"),
    ("the North wind team", "North wind", "ORGANIZATION"),
    ("at Nortwind we", "Nortwind", "ORGANIZATION"),
    ("NORTHWIND ANALYTICS", "NORTHWIND ANALYTICS", "ORGANIZATION"),
    ("Northwind\nAnalytics", "Northwind\nAnalytics", "ORGANIZATION"),
    ("all the Northwinds", "Northwinds", "ORGANIZATION"),
    ("Northwind Analytics' data", "Northwind Analytics'", "ORGANIZATION"),
    ("Nortwind Analytics shipped", "Nortwind Analytics", "ORGANIZATION"),
    ("ask NWA", "NWA", "ORGANIZATION"),
    ("Jane Okafor said", "Jane Okafor", "PERSON"),
    ("jane okafor said", "jane okafor", "PERSON"),
    ("then Okafor said", "Okafor", "PERSON"),
    ("Jane Okafur said", "Jane Okafur", "PERSON"),
    ("at the University of Westbrook", "University of Westbrook", "UNIVERSITY"),
    ("back in Westbrook", "Westbrook", "UNIVERSITY"),
    ("flew to Lagos", "Lagos", "LOCATION"),
    ("We bought Apple laptops", "Apple", "ORGANIZATION"),
]

NEGATIVES = [
    "north",
    "wind",
    "Interviewer",
    "Interviewer: mm-hmm.",
    "mm-hmm",
    "ML",
    "the north wind was cold",
    "an apple a day",
    "University of somewhere",
    "Analytics",
    "Northern",
    "Northward",
    "Okay",
]


@pytest.mark.parametrize(("text", "span", "entity_type"), POSITIVES)
def test_project_dictionary_recognizer_finds_variants(recognizer, text, span, entity_type):
    assert found(recognizer, text) == [(span, entity_type)]


@pytest.mark.parametrize("text", NEGATIVES)
def test_project_dictionary_recognizer_ignores_common_words(recognizer, text):
    assert found(recognizer, text) == []


def test_project_dictionary_recognizer_is_a_transcript_recognizer(recognizer):
    assert isinstance(recognizer, TranscriptRecognizer)
    assert recognizer.name == "project_dictionary.v1"
    assert set(recognizer.supported_entities) == {"PERSON", "ORGANIZATION", "UNIVERSITY", "PRODUCT", "LOCATION"}


def test_project_dictionary_recognizer_explains_fuzzy_matches(recognizer):
    (result,) = recognizer.analyze("at Nortwind Analytics we", None, None)
    reason = result.analysis_explanation.textual_explanation
    assert reason.startswith("project dictionary term (fuzzy ") and "Nort" not in reason
    assert result.recognition_metadata[TERM_METADATA_KEY] == "Northwind Analytics"
    assert result.recognition_metadata[HOW_METADATA_KEY] == reason.removeprefix("project dictionary term (")[:-1]
    assert 0.85 < result.score < 0.95  # above the NER model, below an exact match
    assert result.recognition_metadata[CANONICAL_METADATA_KEY] == "northwind analytics"
    assert result.recognition_metadata["recognizer_name"] == "project_dictionary.v1"


def test_project_dictionary_recognizer_prefers_exact_full_term(recognizer):
    (result,) = recognizer.analyze("Northwind Analytics", None, None)
    assert result.score == 0.98
    assert result.analysis_explanation.textual_explanation == "project dictionary term (exact)"
    assert (result.recognition_metadata[TERM_METADATA_KEY], result.recognition_metadata[HOW_METADATA_KEY]) == (
        "Northwind Analytics", "exact")


def test_project_dictionary_recognizer_filters_entities(recognizer):
    text = "Jane Okafor joined Northwind."
    assert found(recognizer, text, ["PERSON"]) == [("Jane Okafor", "PERSON")]
    assert found(recognizer, text) == [("Jane Okafor", "PERSON"), ("Northwind", "ORGANIZATION")]


def test_project_dictionary_recognizer_finds_every_mention_with_offsets(recognizer):
    text = "Interviewer: How was Northwind?\nJane Okafor: Northwind Analytics was fine, NWA paid."
    results = recognizer.analyze(text, None, None)
    assert [text[r.start : r.end] for r in results] == ["Northwind", "Jane Okafor", "Northwind Analytics", "NWA"]


def test_project_dictionary_recognizer_skips_ambiguous_head_words():
    recognizer = ProjectDictionaryRecognizer([("Acme Robotics", "ORGANIZATION", []), ("Acme Foods", "ORGANIZATION", [])])
    assert found(recognizer, "Acme said") == []
    assert found(recognizer, "Acme Foods said") == [("Acme Foods", "ORGANIZATION")]


def test_project_dictionary_recognizer_accepts_store_terms(tmp_path):
    from service.store import ProjectStore, generate_store_key

    with ProjectStore(tmp_path / "s.db", key=generate_store_key()) as store:
        project = store.create_project("p")
        store.add_term(project.id, "Contoso Ltd", "ORGANIZATION", aliases=["CTS"])
        recognizer = ProjectDictionaryRecognizer.from_project(store, project.id)
    assert found(recognizer, "Contoso and CTS") == [("Contoso", "ORGANIZATION"), ("CTS", "ORGANIZATION")]


def test_project_dictionary_recognizer_is_fast_on_long_transcripts():
    terms = [(f"Company{i:03d}x Holdings", "ORGANIZATION", []) for i in range(300)]
    recognizer = ProjectDictionaryRecognizer(terms + TERMS)
    text = "Interviewer: so tell me how the rollout went with the team at Nortwind last spring.\n" * 500
    started = time.perf_counter()
    results = recognizer.analyze(text, None, None)
    assert len(results) == 500
    assert time.perf_counter() - started < 10
