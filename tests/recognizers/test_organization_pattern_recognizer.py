from __future__ import annotations

import pytest
import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.organization_pattern_recognizer import OrganizationPatternRecognizer
from service.vocabulary.word_frequency import word_zipf


@pytest.fixture(scope="module")
def recognizer():
    return OrganizationPatternRecognizer(word_zipf=word_zipf)


def found(recognizer, text, nlp_artifacts=None, *, threshold=0.4):
    results = recognizer.analyze(text, ["ORGANIZATION", "UNIVERSITY"], nlp_artifacts)
    return sorted({(text[r.start:r.end], r.entity_type) for r in results if r.score >= threshold})


def model_copy(seen: str) -> NlpArtifacts:
    """What the engine hands recognizers for uncased text: the model's recased copy."""
    doc = spacy.blank("en")(seen)
    return NlpArtifacts(entities=[], tokens=doc, tokens_indices=[t.idx for t in doc], lemmas=[t.text for t in doc],
                        nlp_engine=None, language="en")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I was at Northwind Analytics Inc. for years", [("Northwind Analytics Inc.", "ORGANIZATION")]),
        ("She joined Acme Widgets Ltd in May", [("Acme Widgets Ltd", "ORGANIZATION")]),
        ("she audits claims for Brackley Health, mostly", [("Brackley Health", "ORGANIZATION")]),
        ("my master's at the University of Toronto, in", [("University of Toronto", "UNIVERSITY")]),
        ("a year at the university of otago, then work", [("university of otago", "UNIVERSITY")]),
        ("I studied at Carnegie Mellon University", [("Carnegie Mellon University", "UNIVERSITY")]),
        # not organizations
        ("Interviewer: what about health?", []),
        ("The University is big", []),
        ("mm-hmm, the ML team", []),
        ("our Data team", []),
        ("I qualified for university in 2009", []),  # a lowercase word before it, in cased text
        ("The Customer Data team moved", []),  # common words before a sector word: a suggestion only
    ],
)
def test_organization_pattern_table(recognizer, text, expected):
    assert found(recognizer, text) == sorted(expected)


def test_organization_pattern_common_words_before_a_suffix_are_a_suggestion(recognizer):
    text = "The Customer Data team moved"
    [result] = recognizer.analyze(text, ["ORGANIZATION"])
    assert text[result.start:result.end] == "Customer Data" and result.score < 0.4
    assert "suggestion" in result.analysis_explanation.textual_explanation


@pytest.mark.parametrize(
    "text, seen, expected",
    [
        # The model's copy carries the capitals the truecaser and the rare-word rule gave.
        ("she audits claims for brackley health now", "she audits claims for Brackley health now",
         [("brackley health", "ORGANIZATION")]),
        ("we hired from kelderwick university", "we hired from Kelderwick university",
         [("kelderwick university", "UNIVERSITY")]),
        # capitals at a sentence start, or on common words, make no name
        ("healthcare data is messy", "Healthcare data is messy", []),
        ("i went to university late", "I went to university late", []),
        ("the limited data we had", "The limited data we had", []),
    ],
)
def test_organization_pattern_uncased_text_reads_the_model_copy(recognizer, text, seen, expected):
    assert found(recognizer, text, model_copy(seen)) == sorted(expected)


@pytest.mark.parametrize(
    "text, suggested",
    [
        # the truecaser capitalized nothing, but a fairly rare word sits before the suffix
        ("i lead ops at heron more logistics these days", ["heron more logistics"]),
        ("there's one, ngaio it solutions, they host it", ["ngaio it solutions"]),
        # common words before a suffix are no suggestion in uncased text either
        ("we ran a focus group", []),
        ("the patient data was messy", []),
        ("so the local council paid", []),
    ],
)
def test_organization_pattern_uncased_suffix_after_rarer_words_is_a_suggestion(recognizer, text, suggested):
    results = recognizer.analyze(text, ["ORGANIZATION"], model_copy(text.capitalize()))
    assert sorted(text[r.start:r.end] for r in results if r.score < 0.4) == suggested
    assert not [r for r in results if r.score >= 0.4]
    cased = "So " + text + "."  # speech-to-text that capitalizes sentences only
    assert sorted(cased[r.start:r.end] for r in recognizer.analyze(cased, ["ORGANIZATION"]) if r.score < 0.4) == suggested
