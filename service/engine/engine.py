"""The engine: analyze -> decide -> pseudonymize over plain text.

Built only from an ``EngineConfig``; loads the spaCy model once. Every entry point (API,
CLI, format readers) goes through ``Engine.analyze`` / ``Engine.redact``.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult

from recognizers import EngineResources, RecognizerSetupError, build_recognizer
from service.config import ConfigError, EngineConfig, EntityPolicy, RecognizerEntry
from service.engine.decide import (
    Dropped,
    drop_boilerplate,
    filter_findings,
    judge_model_guesses,
    protect_union,
    subtract_placeholders,
)
from service.engine.nlp import TranscriptNlpEngine, load_spacy
from service.engine.noise import NoiseFilter, normalize_surface
from service.engine.propagate import extend_titles, propagate
from service.engine.truecase import looks_uncased, truecase
from service.engine.pseudonymize import SurrogateBook, apply_replacements, pseudonymize
from service.models import Decision, Finding, Replacement
from service.vocabulary.word_frequency import WordFrequency, word_zipf

logger = logging.getLogger("tanon.engine")


@dataclass(frozen=True)
class RequestOptions:
    """What one request (a project) adds to the engine's configuration."""

    recognizers: tuple[EntityRecognizer, ...] = ()  # e.g. the project's dictionary
    allow: frozenset[str] = frozenset()  # surfaces never flagged (compared normalized)
    entities: Mapping[str, EntityPolicy] = field(default_factory=dict)  # operator/template per type

    def policy(self, config: EngineConfig, entity_type: str) -> EntityPolicy:
        return self.entities.get(entity_type) or config.policy(entity_type)


NO_OPTIONS = RequestOptions()


@dataclass(frozen=True)
class Analysis:
    text: str
    decisions: list[Decision]
    dropped: list[Dropped]


@dataclass(frozen=True)
class Redaction:
    text: str
    decisions: list[Decision]
    surrogates: list[str | None]
    replacements: list[Replacement]
    dropped: list[Dropped]


class TextTooLong(ValueError):
    pass


class Engine:
    def __init__(self, config: EngineConfig, *, hash_key: bytes = b"") -> None:
        self.config = config
        self.hash_key = hash_key
        self.noise = NoiseFilter.from_file(config.resolve(config.decide.noise_file))
        self.words = WordFrequency(config.vocabulary.common_word_zipf)
        resources = EngineResources(
            ner_labels=dict(config.ner.labels),
            ner_score=config.ner.score,
            is_noise=lambda s: self.noise.why_noise(s) is not None,
            why_noise=self.noise.why_noise,
            is_common_word=self.words.is_common,
            word_zipf=word_zipf,
            resolve_path=config.resolve,
        )
        # Before the model loads, so a broken list fails fast.
        recognizers = [_build_recognizer(entry, resources) for entry in config.recognizers if entry.enabled]
        self.nlp = load_spacy(config.nlp)
        self.nlp_engine = TranscriptNlpEngine(self.nlp, config.nlp.batch_size)
        registry = RecognizerRegistry(recognizers=recognizers, supported_languages=["en"])
        self.analyzer = AnalyzerEngine(registry=registry, nlp_engine=self.nlp_engine, supported_languages=["en"])
        self.entities = sorted({e for r in recognizers for e in r.supported_entities})

    # -- analyze -------------------------------------------------------------------------
    def analyze(self, text: str, *, options: RequestOptions = NO_OPTIONS) -> Analysis:
        return next(self.analyze_many([text], options=options))

    def analyze_many(self, texts: Iterable[str], *, options: RequestOptions = NO_OPTIONS) -> Iterator[Analysis]:
        """Analyze documents, streaming them through ``nlp.pipe`` in batches."""
        recognizers = options.recognizers
        texts = list(texts)
        for text in texts:
            if len(text) > self.config.nlp.max_chars:
                raise TextTooLong(f"text has {len(text)} characters; the limit (nlp.max_chars) is {self.config.nlp.max_chars}")
        # The NER model reads the truecased copy of uncased speech-to-text (offsets are the
        # same); the other recognizers read the original, where capitals are real evidence.
        seen = [self._for_model(text) for text in texts]
        artifacts = self.nlp_engine.process_batch(seen, language="en", batch_size=self.config.nlp.batch_size)
        for text, cased, (_, nlp_artifacts) in zip(texts, seen, artifacts):
            results = self.analyzer.analyze(
                text=text, language="en", entities=self.entities,
                nlp_artifacts=nlp_artifacts,
                score_threshold=0,
                ad_hoc_recognizers=list(recognizers) or None,
                return_decision_process=True,  # keeps each result's explanation (the reason)
            )
            # Presidio returns results in set order (it varies between processes): sort them.
            findings = sorted((_to_finding(r) for r in results), key=_finding_order)
            yield self._decide(text, cased, findings, options)

    def _for_model(self, text: str) -> str:
        settings = self.config.truecase
        if settings.enabled and looks_uncased(text, min_lower_starts=settings.min_lower_sentence_starts):
            return truecase(text)
        return text

    def _decide(self, text: str, seen: str, findings: list[Finding], options: RequestOptions) -> Analysis:
        """``seen`` is what the NER model read: ``text``, or its truecased copy."""
        decide = self.config.decide
        if options.allow:
            findings = [f for f in findings if normalize_surface(text[f.start:f.end]) not in options.allow]
        kept, dropped = filter_findings(
            text,
            findings,
            threshold=decide.score_threshold,
            why_noise=self.noise.why_noise,
            trim=self.noise.trim,
            noise_types=decide.noise_applies_to,
        )
        guesses = self.config.ner.model_guesses
        kept, weak = judge_model_guesses(
            text,
            seen,
            kept,
            recognizers=guesses.recognizers,
            uncased_score=guesses.uncased_score,
            is_common_word=self.words.is_common,
            word_zipf=word_zipf,
            sentence_start_zipf=guesses.sentence_start_zipf,
            anywhere_zipf=guesses.anywhere_zipf,
        )
        dropped += weak
        kept, tool_lines = drop_boilerplate(kept, self.noise.boilerplate_spans(text), self.noise.boilerplate_types)
        dropped += tool_lines
        kept = extend_titles(text, kept)
        kept += propagate(
            text,
            kept,
            self.config.propagation,
            is_noise=lambda s: self.noise.why_noise(s) is not None,
            is_common_word=self.words.is_common,
        )
        kept = subtract_placeholders(text, kept)
        decisions = protect_union(kept, lambda t: options.policy(self.config, t).operator)
        return Analysis(text=text, decisions=decisions, dropped=dropped)

    # -- redact --------------------------------------------------------------------------
    def redact(self, text: str, *, book: SurrogateBook | None = None, options: RequestOptions = NO_OPTIONS) -> Redaction:
        return next(self.redact_many([text], book=book, options=options))

    def redact_many(
        self, texts: Iterable[str], *, book: SurrogateBook | None = None, options: RequestOptions = NO_OPTIONS
    ) -> Iterator[Redaction]:
        """Redact documents; pass one ``book`` (e.g. a project's) to keep surrogates
        consistent across them."""
        for analysis in self.analyze_many(texts, options=options):
            doc_book = book if book is not None else SurrogateBook()
            replacements, surrogates = pseudonymize(
                analysis.text,
                analysis.decisions,
                lambda t: options.policy(self.config, t),
                book=doc_book,
                hash_key=self.hash_key,
            )
            yield Redaction(
                text=apply_replacements(analysis.text, replacements),
                decisions=analysis.decisions,
                surrogates=surrogates,
                replacements=replacements,
                dropped=analysis.dropped,
            )


def _build_recognizer(entry: RecognizerEntry, resources: EngineResources) -> EntityRecognizer:
    try:
        return build_recognizer(entry.name, entry.options, resources)
    except RecognizerSetupError as exc:  # a list it reads is missing or contradicts itself
        raise ConfigError(f"recognizer {entry.name}: {exc}") from None


def _finding_order(f: Finding) -> tuple:
    return (f.start, -f.end, f.entity_type, -f.score, f.recognizer, f.reason)


def _to_finding(result: RecognizerResult) -> Finding:
    explanation = result.analysis_explanation
    recognizer = (result.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_NAME_KEY) or (
        explanation.recognizer if explanation else "unknown"
    )
    reason = explanation.textual_explanation if explanation and explanation.textual_explanation else None
    if not reason:
        pattern = explanation.pattern_name if explanation else None
        reason = f"matched the {pattern} pattern" if pattern else f"detected by {recognizer}"
    canonical = (result.recognition_metadata or {}).get("dictionary_canonical")
    return Finding(result.start, result.end, result.entity_type, round(result.score, 4), recognizer, reason, canonical)
