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


def test_a_listed_name_the_model_also_tagged_survives_the_models_dropped_guess(engine):
    # Lowercase speech-to-text: the model's guess on "un" is dropped as a common word, the
    # gazetteer's weaker hit on the same span ("the un") is what protects it.
    text = ("so we took the complaint to the un in the end and they said no\n"
            "and then we went back to the ministry and they said no again")
    analysis = engine.analyze(text)
    assert [(text[d.start:d.end], d.entity_type) for d in analysis.decisions] == [("un", "ORGANIZATION")]
    assert "gazetteer.v1" in {s.recognizer for s in analysis.decisions[0].sources}
