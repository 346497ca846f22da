"""The recognizers over one document: what Presidio's ``AnalyzerEngine.analyze`` does, in
time linear in the document.

The same steps in the same order: the registry's recognizers for the entities (and the
request's own), each recognizer's own context step, Presidio's lemma context enhancement,
low scores out, duplicates out; but a weaker result inside a stronger one of its type is
kept. Presidio drops it, and with it the evidence that a name is more than the model's
guess: a listed name the model also tagged ("the un" in speech-to-text) would go with the
guess when the engine later drops lowercase guesses. The engine merges overlaps itself. The token a match starts in is found by bisection over
the tokens' ends (Presidio scans the tokens from the first one, for every match), and the
results are not deep-copied first. Of two results with the same span, type and score
Presidio keeps the first in hash order (``PYTHONHASHSEED``); here the choice is fixed.
"""
from __future__ import annotations

from typing import Sequence

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

from service.engine.chunks import DocumentReading

_ID = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
_NAME = RecognizerResult.RECOGNIZER_NAME_KEY


def analyze_document(
    analyzer: AnalyzerEngine,
    text: str,
    reading: DocumentReading,
    *,
    entities: list[str],
    ad_hoc: Sequence[EntityRecognizer] = (),
    score_threshold: float = 0,
    guesses: frozenset[str] = frozenset(),
) -> list[RecognizerResult]:
    """Every recognizer's results on ``text`` (explanations kept), as
    ``analyzer.analyze(text, "en", entities, nlp_artifacts=reading, score_threshold=...,
    ad_hoc_recognizers=..., return_decision_process=True)`` returns them; except that of
    results equal in span, type and score the one kept does not depend on the process
    (``guesses``: the recognizers whose results are the model's guesses)."""
    recognizers = analyzer.registry.get_recognizers(
        language="en", entities=entities, all_fields=False, ad_hoc_recognizers=list(ad_hoc) or None
    )
    results: list[RecognizerResult] = []
    for recognizer in recognizers:
        if not recognizer.is_loaded:
            recognizer.load()
            recognizer.is_loaded = True
        found = recognizer.analyze(text=text, entities=entities, nlp_artifacts=reading)
        for result in found or ():
            if not result.recognition_metadata:
                result.recognition_metadata = {}
            result.recognition_metadata.setdefault(_ID, recognizer.id)
            result.recognition_metadata.setdefault(_NAME, recognizer.name)
        results.extend(found or ())
    results = _recognizer_context(text, results, reading, recognizers)
    results = _lemma_context(analyzer.context_aware_enhancer, text, results, reading, recognizers)
    results = [r for r in results if r.score >= score_threshold]
    return [r for r in _one_per_span(results, guesses) if r.score > 0]


def _one_per_span(results: list[RecognizerResult], guesses: frozenset[str]) -> list[RecognizerResult]:
    """One result per span, type and score. Presidio keeps one of such equals in set order,
    which changes from process to process; here the one kept is fixed: a recognizer's that
    is not a model guess first (its evidence is more than the guess), then by name."""
    def rank(result: RecognizerResult) -> tuple:
        name = result.recognition_metadata.get(_NAME) or ""
        explanation = result.analysis_explanation
        return (name in guesses, name, (explanation.textual_explanation or "") if explanation else "")

    best: dict[tuple, RecognizerResult] = {}
    for result in results:
        key = (result.start, result.end, result.entity_type, result.score)
        if key not in best or rank(result) < rank(best[key]):
            best[key] = result
    return list(best.values())


def _recognizer_context(text: str, results: list[RecognizerResult], reading: DocumentReading,
                        recognizers: list[EntityRecognizer]) -> list[RecognizerResult]:
    """Each recognizer's ``enhance_using_context`` on its own results (the base class's
    returns them unchanged), grouped by recognizer as Presidio groups them."""
    by_id: dict[str, list[RecognizerResult]] = {}
    for result in results:
        by_id.setdefault(result.recognition_metadata[_ID], []).append(result)
    out: list[RecognizerResult] = []
    for recognizer in recognizers:
        own = by_id.get(recognizer.id, [])
        if type(recognizer).enhance_using_context is EntityRecognizer.enhance_using_context:
            out.extend(own)
            continue
        others = [r for r in results if r.recognition_metadata[_ID] != recognizer.id]
        out.extend(recognizer.enhance_using_context(
            text=text, raw_recognizer_results=own, other_raw_recognizer_results=others,
            nlp_artifacts=reading, context=None,
        ))
    return out


def _lemma_context(enhancer, text: str, results: list[RecognizerResult], reading: DocumentReading,
                   recognizers: list[EntityRecognizer]) -> list[RecognizerResult]:
    """``LemmaContextAwareEnhancer.enhance_using_context`` with the match's token found by
    bisection; results are changed in place."""
    if not isinstance(enhancer, LemmaContextAwareEnhancer):  # another enhancer: let it run as it is
        return enhancer.enhance_using_context(text=text, raw_results=results, nlp_artifacts=reading,
                                              recognizers=recognizers, context=None)
    by_id = {recognizer.id: recognizer for recognizer in recognizers}
    for result in results:
        recognizer = by_id.get((result.recognition_metadata or {}).get(_ID))
        if recognizer is None or not recognizer.context:
            continue
        if result.recognition_metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
            continue
        words = _surrounding_words(enhancer, reading, result.start)
        supportive = enhancer._find_supportive_word_in_context(words, recognizer.context, enhancer.context_matching_mode)
        if supportive != "":
            result.score += enhancer.context_similarity_factor
            result.score = max(result.score, enhancer.min_score_with_context_similarity)
            result.score = min(result.score, enhancer.MAX_SCORE)
            result.analysis_explanation.set_supportive_context_word(supportive)
            result.analysis_explanation.set_improved_score(result.score)
    return results


def _surrounding_words(enhancer: LemmaContextAwareEnhancer, reading: DocumentReading, start: int) -> list[str]:
    if not len(reading.tokens):
        return [""]
    index = reading.token_at(start)
    before = enhancer._add_n_words_backward(index, enhancer.context_prefix_count, reading.lemmas, reading.keywords)
    after = enhancer._add_n_words_forward(index, enhancer.context_suffix_count, reading.lemmas, reading.keywords)
    return list(set(before + after))
