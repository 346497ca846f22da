"""The recognizers' results over one document (service/engine/analysis.py)."""
from __future__ import annotations

from presidio_analyzer import AnalysisExplanation, RecognizerResult

from service.engine.analysis import _one_per_span


def result(recognizer: str, start: int = 4, end: int = 9, score: float = 0.85) -> RecognizerResult:
    return RecognizerResult("ORGANIZATION", start, end, score,
                            analysis_explanation=AnalysisExplanation(recognizer, score, textual_explanation=recognizer),
                            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: recognizer})


def test_of_equal_results_the_same_one_is_kept_whatever_their_order():
    guess, listed, acronym = result("spacy_ner.v1"), result("gazetteer.v1"), result("organization_acronym.v1")
    guesses = frozenset({"spacy_ner.v1"})
    for order in ([guess, listed, acronym], [acronym, guess, listed], [listed, acronym, guess]):
        (kept,) = _one_per_span(order, guesses)
        assert kept is listed  # not the model's guess; then by name
    # results that differ in span or score are all kept
    assert len(_one_per_span([guess, result("gazetteer.v1", end=10), result("gazetteer.v1", score=0.9)], guesses)) == 3
