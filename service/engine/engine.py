"""The engine: analyze -> decide -> pseudonymize over plain text.

Built only from an ``EngineConfig``; loads the spaCy model once. Every entry point (API,
CLI, format readers) goes through ``Engine.analyze`` / ``Engine.redact``.
"""
from __future__ import annotations

import itertools
import logging
import re
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult

from recognizers import EngineResources, RecognizerSetupError, build_recognizer
from recognizers.project_dictionary_recognizer import ProjectDictionaryRecognizer
from recognizers.sound_alike import SoundAlikeCuesError, SoundAlikeSettings, settings_for
from service.config import ConfigError, EngineConfig, RecognizerEntry
from service.engine.analysis import analyze_document
from service.engine.chunks import DocumentReader, map_pieces
from service.engine.decide import (
    Dropped,
    drop_boilerplate,
    filter_findings,
    judge_acronym_guesses,
    judge_model_guesses,
    protect_union,
    subtract_placeholders,
    widen_by_candidates,
)
from service.engine.edges import extend_names, join_adjacent, split_at_breaks, trim_edges
from service.engine.language import LanguageGuess, guess_language, language_name, preload
from service.engine.nlp import TranscriptNlpEngine, english_model, installed_models, load_spacy
from service.engine.line_endings import LfView
from service.engine.noise import NoiseFilter, normalize_surface
from service.engine.overrides import Override, apply_overrides
from service.engine.propagate import RECOGNIZER as PROPAGATION, extend_titles, propagate
from service.engine.split_mentions import split_mentions
from service.engine.truecase import capitalize_rare, looks_uncased, truecase
from service.engine.pseudonymize import Grouping, SurrogateBook, TypeCues, apply_replacements, pseudonymize
from service.engine.request_options import NO_OPTIONS, RequestOptions
from service.engine.suggest import Suggestion, budget, suggest
from service.errors import LanguageError, TextTooLong
from service.models import Decision, Finding, Replacement, TermMatch
from service.vocabulary.function_words import is_function_word
from service.vocabulary.organization_suffixes import ORGANIZATION_HEADS
from service.vocabulary.word_frequency import WordFrequency
from service.vocabulary.word_lists import read_word_list

logger = logging.getLogger("tanon.engine")


@dataclass(frozen=True)
class Analysis:
    text: str
    decisions: list[Decision]
    dropped: list[Dropped]
    language: str = "en"  # the language it was analysed in
    # The second tier: shown to a reviewer, replaced only when accepted (suggest.py).
    suggestions: list[Suggestion] = field(default_factory=list)


@dataclass(frozen=True)
class Redaction:
    text: str
    decisions: list[Decision]
    surrogates: list[str | None]
    replacements: list[Replacement]
    dropped: list[Dropped]
    language: str = "en"
    suggestions: list[Suggestion] = field(default_factory=list)
    # The engine's own decisions, when a reviewer's overrides changed them (overrides.py).
    reviewed_from: list[Decision] | None = None


@dataclass(frozen=True)
class LanguagePipeline:
    """Everything that reads text in one language: its spaCy model, Presidio around it,
    the recognizers, the noise words and the word frequencies the checks consult."""

    language: str
    model: str
    nlp_engine: TranscriptNlpEngine
    analyzer: AnalyzerEngine
    noise: NoiseFilter
    entities: list[str]
    words: WordFrequency  # how common a word is in this language

    def is_common_word(self, word: str) -> bool:
        return self.words.is_common(word)

    def word_zipf(self, word: str) -> float:
        return self.words.zipf(word)

    @property
    def nlp(self):
        return self.nlp_engine.nlp["en"]


class Engine:
    def __init__(self, config: EngineConfig, *, hash_key: bytes = b"") -> None:
        self.config = config
        self.hash_key = hash_key
        english_model(config.nlp)  # a missing English model is an installation error
        if config.language.detection.enabled:
            preload()
        # Language -> the installed pipeline that analyses it; others are loaded on first use.
        self.models = installed_models(config.nlp)
        self._pipelines: dict[str, LanguagePipeline] = {}
        self._loading = threading.Lock()
        english = self.pipeline("en")
        self.noise, self.nlp_engine, self.analyzer, self.entities = (
            english.noise, english.nlp_engine, english.analyzer, english.entities
        )
        self.nlp = english.nlp
        self.dictionary_sound_alike = _sound_alike_settings(config)
        cues = config.grouping
        self.grouping = Grouping(
            guesses=frozenset(config.ner.model_guesses.recognizers) | {PROPAGATION},
            weak_evidence=frozenset(cues.weak_type_evidence),
            decisive_score=config.ner.score,
            generic_words=ORGANIZATION_HEADS,
            cues=TypeCues(cues.person_before, cues.person_after, cues.place_before, cues.place_after),
            known_places=_known_places(config.resolve(cues.known_places)),
        )

    @property
    def languages(self) -> list[str]:
        """The languages this installation analyses."""
        return sorted(self.models)

    def pipeline(self, language: str) -> LanguagePipeline:
        with self._loading:
            if language not in self._pipelines:
                self._pipelines[language] = self._build_pipeline(language)
            return self._pipelines[language]

    def _build_pipeline(self, language: str) -> LanguagePipeline:
        config = self.config
        settings = config.language.settings.get(language)
        noise_files = [config.resolve(config.decide.noise_file)]
        if settings is not None and settings.noise_file:
            noise_files.append(config.resolve(settings.noise_file))
        noise = NoiseFilter.from_files(noise_files)
        words = WordFrequency(config.vocabulary.common_word_zipf, language)
        resources = EngineResources(
            ner_labels=dict(config.ner.labels),
            ner_score=config.ner.score,
            is_noise=lambda s: noise.why_noise(s) is not None,
            why_noise=noise.why_noise,
            is_common_word=words.is_common,
            word_zipf=words.zipf,
            resolve_path=config.resolve,
        )
        # Before the model loads, so a broken list fails fast.
        recognizers = [_build_recognizer(entry, resources) for entry in config.recognizers if entry.enabled]
        nlp_engine = TranscriptNlpEngine(load_spacy(self.models[language], config.nlp), config.nlp.batch_size)
        registry = RecognizerRegistry(recognizers=recognizers, supported_languages=["en"])
        analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])
        entities = sorted({e for r in recognizers for e in r.supported_entities})
        return LanguagePipeline(language, self.models[language], nlp_engine, analyzer, noise, entities, words)

    # -- language ------------------------------------------------------------------------
    def choose_language(self, text: str, language: str | None = None) -> str:
        """The language to analyse ``text`` in: ``language`` when the caller names one,
        else English unless the text clearly is another language. A language without an
        installed model is refused (``LanguageError``), never analysed with another's."""
        if language is not None:
            language = language.strip().lower()
            if not re.fullmatch(r"[a-z]{2,3}", language):
                raise LanguageError(None, f"{language!r} is not a language code (ISO 639: en, fr, ...)")
            if language not in self.models:
                raise LanguageError(None, _not_installed(language, self.languages))
            return language
        detection = self.config.language.detection
        if not detection.enabled:
            return "en"
        guess = guess_language(text, detection)
        if guess.code is None or guess.code == "en" or guess.confidence < detection.min_confidence:
            return "en"
        if guess.code in self.models:
            return guess.code
        raise LanguageError(None, _refusal(guess, self.languages))

    # -- analyze -------------------------------------------------------------------------
    def analyze(self, text: str, *, options: RequestOptions = NO_OPTIONS, language: str | None = None) -> Analysis:
        return next(self.analyze_many([text], options=options, language=language))

    def analyze_many(
        self, texts: Iterable[str], *, options: RequestOptions = NO_OPTIONS, language: str | None = None
    ) -> Iterator[Analysis]:
        """Analyze documents, streaming them through ``nlp.pipe`` in batches.

        ``language``: analyse every text in this language; None: decide per text
        (``choose_language``), refusing a language that has no installed model.
        """
        texts = list(texts)
        for text in texts:
            if len(text) > self.config.nlp.max_chars:
                raise TextTooLong(f"text has {len(text)} characters; the limit (nlp.max_chars) is {self.config.nlp.max_chars}")
        chosen = [self.choose_language(text, language) for text in texts]
        # Runs of texts in one language go through that language's model together.
        for lang, run in itertools.groupby(zip(texts, chosen), key=lambda pair: pair[1]):
            yield from self._analyze_run([text for text, _ in run], self.pipeline(lang), options)

    def _analyze_run(self, texts: list[str], pipeline: LanguagePipeline, options: RequestOptions) -> Iterator[Analysis]:
        # The NER model reads the truecased copy of uncased speech-to-text (offsets are the
        # same); the other recognizers read the original, where capitals are real evidence.
        # Line endings never change what is found: the engine reads an LF view of the text.
        views = [LfView.of(text) for text in texts]
        min_lower_starts = self.config.truecase.min_lower_sentence_starts
        uncased = [looks_uncased(view.text, min_lower_starts=min_lower_starts) for view in views]
        seen = [self._for_model(view.text, pipeline, uncased=u) for view, u in zip(views, uncased)]
        nlp = self.config.nlp
        reader = DocumentReader(pipeline.nlp, pipeline.nlp_engine, chunk_chars=nlp.chunk_chars,
                                context_chars=nlp.chunk_context_chars, batch_size=nlp.batch_size)
        dictionary = self.dictionary_recognizer(options)
        if dictionary is not None:  # from here on one of the request's recognizers (it also offers suggestions)
            options = replace(options, recognizers=(*options.recognizers, dictionary))
        ad_hoc = list(options.recognizers)
        guesses = frozenset(self.config.ner.model_guesses.recognizers)
        for view, model_text, is_uncased, reading in zip(views, seen, uncased, reader.read(seen)):
            text = view.text
            results = analyze_document(pipeline.analyzer, text, reading, entities=pipeline.entities, ad_hoc=ad_hoc,
                                       guesses=guesses)
            # Presidio returns results in set order (it varies between processes): sort them.
            findings = sorted((_to_finding(r) for r in results), key=_finding_order)
            analysis = self._decide(text, model_text, findings, options, pipeline, uncased=is_uncased)
            if view.text is not view.original:
                analysis = Analysis(
                    text=view.original,
                    decisions=[view.decision(d) for d in analysis.decisions],
                    dropped=[replace(x, finding=view.finding(x.finding)) for x in analysis.dropped],
                    language=analysis.language,
                    suggestions=[replace(s, start=view.start(s.start), end=view.end(s.end)) for s in analysis.suggestions],
                )
            yield analysis

    def dictionary_recognizer(self, options: RequestOptions) -> ProjectDictionaryRecognizer | None:
        """The request's dictionary as a recognizer, with this configuration's thresholds."""
        if options.dictionary is None or not len(options.dictionary):
            return None
        return options.dictionary.recognizer(self.config.dictionary, self.dictionary_sound_alike)

    def _for_model(self, text: str, pipeline: LanguagePipeline, *, uncased: bool) -> str:
        """What the model reads: ``text``, or for uncased speech-to-text (``uncased``) a copy
        with the capitals the truecaser restores and rare words capitalized."""
        settings = self.config.truecase
        if settings.enabled and pipeline.language in settings.languages and uncased:
            # The truecaser looks at a word's neighbours only: it reads a long text in the
            # model's pieces, so that its memory does not grow with the text either.
            nlp = self.config.nlp
            cased = map_pieces(text, truecase, nlp.chunk_chars, nlp.chunk_context_chars)
            return capitalize_rare(cased, word_zipf=pipeline.word_zipf, below=settings.rare_word_zipf,
                                   prefixes=settings.word_prefixes, endings=settings.word_endings)
        return text

    def _decide(
        self, text: str, seen: str, findings: list[Finding], options: RequestOptions, pipeline: LanguagePipeline,
        *, uncased: bool,
    ) -> Analysis:
        """``seen`` is what the NER model read: ``text``, or its truecased copy; ``uncased``:
        ``text`` looks like speech-to-text without capitals."""
        decide = self.config.decide
        noise = pipeline.noise
        if options.allow:
            findings = [f for f in findings if normalize_surface(text[f.start:f.end]) not in options.allow]
        guesses = self.config.ner.model_guesses
        cased = not uncased
        acronyms = _recognizer(pipeline, guesses.acronym_recognizer) if cased else None
        if acronyms is not None:
            findings = judge_acronym_guesses(text, findings, acronyms.verdicts(text), recognizers=guesses.recognizers,
                                             threshold=decide.score_threshold)
        kept, dropped = filter_findings(
            text,
            findings,
            threshold=decide.score_threshold,
            why_noise=noise.why_noise,
            trim=noise.trim,
            noise_types=decide.noise_applies_to,
        )
        kept, weak = judge_model_guesses(
            text,
            seen,
            kept,
            recognizers=guesses.recognizers,
            uncased_score=guesses.uncased_score,
            is_common_word=pipeline.is_common_word,
            word_zipf=pipeline.word_zipf,
            sentence_start_zipf=guesses.sentence_start_zipf,
            anywhere_zipf=guesses.anywhere_zipf,
            event_heads=frozenset(guesses.event_heads),
            is_generic_acronym=lambda word: noise.why_noise(word) == "acronyms",
        )
        dropped += weak
        kept = widen_by_candidates(kept, dropped, recognizers=frozenset(decide.widen_with))
        kept, tool_lines = drop_boilerplate(kept, noise.boilerplate_spans(text), noise.boilerplate_types)
        dropped += tool_lines
        names = frozenset(decide.noise_applies_to)
        model_guesses = frozenset(guesses.recognizers) | {PROPAGATION}
        edges = dict(is_function_word=is_function_word, is_common_word=pipeline.is_common_word,
                     guesses=model_guesses, name_types=names, cased=cased)
        # Placeholders are cut out first, so that the edges are judged on what is left.
        kept = subtract_placeholders(text, kept)
        kept = split_at_breaks(text, kept, guesses=model_guesses, name_types=names)
        kept = trim_edges(text, kept, **edges)
        kept = extend_titles(text, kept)
        kept = extend_names(text, kept, org_heads=ORGANIZATION_HEADS, name_types=names, cased=cased)
        kept += propagate(
            text,
            kept,
            self.config.propagation,
            is_noise=lambda s: noise.why_noise(s) is not None,
            is_common_word=pipeline.is_common_word,
            word_zipf=pipeline.word_zipf,
            generic_words=ORGANIZATION_HEADS,
        )
        kept += split_mentions(text, kept, self.config.propagation, word_zipf=pipeline.word_zipf)
        # Propagated mentions get the same edges, then names that touch become one.
        kept = trim_edges(text, kept, **edges)
        kept = extend_names(text, kept, org_heads=ORGANIZATION_HEADS, name_types=names, cased=cased)
        kept = join_adjacent(text, kept, is_function_word=is_function_word, name_types=names, cased=cased)
        kept = subtract_placeholders(text, kept)
        decisions = protect_union(kept, lambda t: options.policy(self.config, t).operator, name_types=names)
        suggestions = self._suggest(text, decisions, dropped, options, pipeline, names)
        return Analysis(text=text, decisions=decisions, dropped=dropped, language=pipeline.language,
                        suggestions=suggestions)

    def _suggest(self, text: str, decisions: list[Decision], dropped: list[Dropped], options: RequestOptions,
                 pipeline: LanguagePipeline, names: frozenset[str]) -> list[Suggestion]:
        settings = self.config.review.suggestions
        if not settings.enabled:
            return []
        # A recognizer that knows candidates it does not claim (the project dictionary's
        # sound-alikes) offers them through ``suggestions(text)``.
        offered = [(getattr(r, "name", None) or type(r).__name__, item)
                   for r in options.recognizers if callable(getattr(r, "suggestions", None))
                   for item in r.suggestions(text)]
        return suggest(
            text, decisions, dropped, offered=offered, why_noise=pipeline.noise.why_noise, noise_types=names,
            allow=options.allow,
            limit=budget(text, per_150_words=settings.per_150_words, min_budget=settings.min_budget),
        )

    # -- redact --------------------------------------------------------------------------
    def redact(
        self, text: str, *, book: SurrogateBook | None = None, options: RequestOptions = NO_OPTIONS,
        language: str | None = None, overrides: Sequence[Override] = (),
    ) -> Redaction:
        """``overrides``: a reviewer's decisions, applied after the engine's own
        (``service.engine.overrides``; ``OverrideError`` for one that does not fit the text)."""
        analysis = self.analyze(text, options=options, language=language)
        return self.redact_analysis(analysis, book=book, options=options, overrides=overrides)

    def redact_many(
        self, texts: Iterable[str], *, book: SurrogateBook | None = None, options: RequestOptions = NO_OPTIONS,
        language: str | None = None,
    ) -> Iterator[Redaction]:
        """Redact documents; pass one ``book`` (e.g. a project's) to keep surrogates
        consistent across them."""
        for analysis in self.analyze_many(texts, options=options, language=language):
            yield self.redact_analysis(analysis, book=book, options=options)

    def redact_analysis(
        self, analysis: Analysis, *, book: SurrogateBook | None = None, options: RequestOptions = NO_OPTIONS,
        overrides: Sequence[Override] = (),
    ) -> Redaction:
        """decide (a reviewer's overrides, if any) -> pseudonymize, for an analysis already made."""
        decisions = analysis.decisions
        if overrides:
            decisions = apply_overrides(
                analysis.text, decisions, overrides,
                operator_for=lambda t: options.policy(self.config, t).operator,
                types=frozenset(self.config.entities) | frozenset(options.entities),
            )
        replacements, surrogates, typed = pseudonymize(
            analysis.text,
            decisions,
            lambda t: options.policy(self.config, t),
            grouping=self.grouping,
            book=book if book is not None else SurrogateBook(),
            hash_key=self.hash_key,
        )
        return Redaction(
            text=apply_replacements(analysis.text, replacements),
            decisions=typed,
            surrogates=surrogates,
            replacements=replacements,
            dropped=analysis.dropped,
            language=analysis.language,
            suggestions=analysis.suggestions,
            reviewed_from=analysis.decisions if overrides else None,
        )


def _sound_alike_settings(config: EngineConfig) -> SoundAlikeSettings:
    try:
        return settings_for(config.dictionary.sound_alike, config.base_dir)
    except SoundAlikeCuesError as exc:
        raise ConfigError(f"dictionary.sound_alike.cues: {exc}") from None


def _known_places(path: Path) -> frozenset[str]:
    try:
        return read_word_list(path)
    except OSError:
        raise ConfigError(f"grouping.known_places: {path} cannot be read") from None


def _build_recognizer(entry: RecognizerEntry, resources: EngineResources) -> EntityRecognizer:
    try:
        return build_recognizer(entry.name, entry.options, resources)
    except RecognizerSetupError as exc:  # a list it reads is missing or contradicts itself
        raise ConfigError(f"recognizer {entry.name}: {exc}") from None


def _recognizer(pipeline: LanguagePipeline, name: str) -> EntityRecognizer | None:
    """The pipeline's recognizer registered as ``name`` (None when it is not configured)."""
    if not name:
        return None
    return next((r for r in pipeline.analyzer.registry.recognizers if r.name == name), None)


def _not_installed(language: str, installed: list[str]) -> str:
    return (
        f"no model for {language_name(language)} ({language}) is installed; the installed models analyse "
        f"{_names(installed)}"
    )


def _refusal(guess: LanguageGuess, installed: list[str]) -> str:
    return (
        f"the transcript looks {guess.name} ({guess.code}, {guess.confidence:.0%} sure); the installed models "
        f"analyse only {_names(installed)}. Set the language to en (--language en, or \"language\": \"en\") "
        f"to analyse it as English anyway, which misses names and replaces ordinary words; or install a spaCy "
        f"model for {guess.code} and list it under nlp.models.{guess.code}"
    )


def _names(codes: list[str]) -> str:
    return ", ".join(f"{language_name(c)} ({c})" for c in codes)


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
    metadata = result.recognition_metadata or {}
    # The project dictionary's hits carry the entity's canonical form and the term they
    # matched, and how (recognizers/project_dictionary_recognizer.py).
    term = metadata.get("dictionary_term")
    term_match = TermMatch(term, metadata.get("dictionary_how") or "") if term else None
    return Finding(result.start, result.end, result.entity_type, round(result.score, 4), recognizer, reason,
                   metadata.get("dictionary_canonical"), term_match)
