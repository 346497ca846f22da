"""The recognizer registry: one explicit table from versioned name to factory.

A factory takes the recognizer's options from config plus the engine's shared resources
(``EngineResources``) and returns a Presidio recognizer. Nothing is discovered by import
side effects: what a config name points to is answered here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from presidio_analyzer import EntityRecognizer


@dataclass(frozen=True)
class EngineResources:
    """What recognizers may borrow from the engine."""

    ner_labels: dict[str, str]
    ner_score: float
    is_noise: Callable[[str], bool]
    why_noise: Callable[[str], "str | None"]  # the noise list a surface is on ("speaker_roles", ...)
    is_common_word: Callable[[str], bool]
    word_zipf: Callable[[str], float]
    resolve_path: Callable[[str], object]


def _spacy_ner(options: dict, res: EngineResources) -> EntityRecognizer:
    from recognizers.spacy_ner_recognizer import SpacyNerRecognizer

    return SpacyNerRecognizer(labels=res.ner_labels, score=res.ner_score, **options)


def _speaker_name(options: dict, res: EngineResources) -> EntityRecognizer:
    from recognizers.speaker_name_recognizer import SpeakerNameRecognizer

    return SpeakerNameRecognizer(why_noise=res.why_noise, **options)


def _placeholder(options: dict, res: EngineResources) -> EntityRecognizer:
    from recognizers.placeholder_recognizer import PlaceholderRecognizer

    return PlaceholderRecognizer(**options)


def _organization_pattern(options: dict, res: EngineResources) -> EntityRecognizer:
    from recognizers.organization_pattern_recognizer import OrganizationPatternRecognizer

    return OrganizationPatternRecognizer(**options)


def _person_name(options: dict, res: EngineResources) -> EntityRecognizer:
    from recognizers.person_name_recognizer import PersonNameRecognizer

    paths = {key: res.resolve_path(options.pop(key, default)) for key, default in
             (("first_names", "names/first_names.txt"), ("last_names", "names/last_names.txt"),
              ("ambiguous_first_names", "names/ambiguous_first_names.txt"))}
    return PersonNameRecognizer(
        **paths, is_common_word=res.is_common_word, word_zipf=res.word_zipf, is_noise=res.is_noise, **options
    )


def _gazetteer(options: dict, res: EngineResources) -> EntityRecognizer:
    from recognizers.gazetteer_recognizer import GazetteerRecognizer

    return GazetteerRecognizer(base_dir=res.resolve_path(options.pop("dir", "gazetteers")), **options)


def _email(options: dict, res: EngineResources) -> EntityRecognizer:
    from recognizers.email_recognizer import TranscriptEmailRecognizer

    return TranscriptEmailRecognizer(**options)


def _phone(options: dict, res: EngineResources) -> EntityRecognizer:
    from recognizers.phone_recognizer import TranscriptPhoneRecognizer

    return TranscriptPhoneRecognizer(**options)


def _url(options: dict, res: EngineResources) -> EntityRecognizer:
    from recognizers.url_recognizer import TranscriptUrlRecognizer

    return TranscriptUrlRecognizer(**options)


REGISTRY: dict[str, Callable[[dict, EngineResources], EntityRecognizer]] = {
    "spacy_ner.v1": _spacy_ner,
    "speaker_name.v1": _speaker_name,
    "placeholder.v1": _placeholder,
    "organization_pattern.v1": _organization_pattern,
    "person_name.v1": _person_name,
    "gazetteer.v1": _gazetteer,
    "email.v1": _email,
    "phone.v1": _phone,
    "url.v1": _url,
}


class UnknownRecognizer(KeyError):
    def __str__(self) -> str:
        return f"unknown recognizer {self.args[0]!r}; registered: {', '.join(sorted(REGISTRY))}"


def build_recognizer(name: str, options: dict, resources: EngineResources) -> EntityRecognizer:
    try:
        factory = REGISTRY[name]
    except KeyError:
        raise UnknownRecognizer(name) from None
    return factory(dict(options), resources)
