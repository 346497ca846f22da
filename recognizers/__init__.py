"""The recognizer registry: one explicit table from versioned name to factory.

Each entry names the recognizer's options model (``recognizers.options``: every option
and its default) and a factory that takes validated options plus the engine's shared
resources (``EngineResources``) and returns a Presidio recognizer. Options are checked
against the model when the engine configuration loads (``resolve_options``), as spaCy
checks a config against factory signatures; recognizer modules are imported only when a
recognizer is built. Nothing is discovered by import side effects: what a config name
points to is answered here.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from recognizers.deferred_imports import defer_unused_imports

defer_unused_imports()  # before anything imports Presidio or spaCy

from recognizers.errors import RecognizerConfigError, RecognizerSetupError
from recognizers.options import (
    EmailOptions,
    GazetteerOptions,
    NameSlotOptions,
    OrganizationAcronymOptions,
    OrganizationPatternOptions,
    PersonNameOptions,
    PhoneOptions,
    PlaceholderOptions,
    PostcodeOptions,
    RareCapitalizedOptions,
    RecognizerOptions,
    SocialHandleOptions,
    SpacyNerOptions,
    SpeakerNameOptions,
    SpokenEmailOptions,
    SpokenPhoneOptions,
    SpokenUrlOptions,
    StreetAddressOptions,
    UrlOptions,
)

if TYPE_CHECKING:
    from presidio_analyzer import EntityRecognizer

__all__ = [
    "REGISTRY", "EngineResources", "Factory", "InvalidRecognizerOptions", "RecognizerConfigError",
    "RecognizerSetupError", "UnknownRecognizer", "build_recognizer", "resolve_options",
]


@dataclass(frozen=True)
class EngineResources:
    """What recognizers may borrow from the engine."""

    ner_labels: dict[str, str]
    ner_score: float
    is_noise: Callable[[str], bool]
    why_noise: Callable[[str], "str | None"]  # the noise list a surface is on ("speaker_roles", ...)
    is_common_word: Callable[[str], bool]
    word_zipf: Callable[[str], float]
    resolve_path: Callable[[str], Path]


def _spacy_ner(options: SpacyNerOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.spacy_ner_recognizer import SpacyNerRecognizer

    return SpacyNerRecognizer(labels=res.ner_labels, score=res.ner_score)


def _speaker_name(options: SpeakerNameOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.speaker_name_recognizer import SpeakerNameRecognizer

    return SpeakerNameRecognizer(options, why_noise=res.why_noise, word_zipf=res.word_zipf)


def _placeholder(options: PlaceholderOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.placeholder_recognizer import PlaceholderRecognizer

    return PlaceholderRecognizer(options)


def _organization_pattern(options: OrganizationPatternOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.organization_pattern_recognizer import OrganizationPatternRecognizer

    return OrganizationPatternRecognizer(options, word_zipf=res.word_zipf)


def _person_name(options: PersonNameOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.person_name_recognizer import PersonNameRecognizer

    return PersonNameRecognizer(
        options,
        first_names=res.resolve_path(options.first_names),
        last_names=res.resolve_path(options.last_names),
        ambiguous_first_names=res.resolve_path(options.ambiguous_first_names),
        is_common_word=res.is_common_word,
        word_zipf=res.word_zipf,
        is_noise=res.is_noise,
    )


def _gazetteer(options: GazetteerOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.gazetteer_recognizer import GazetteerRecognizer

    return GazetteerRecognizer(options, base_dir=res.resolve_path(options.dir))


def _rare_capitalized(options: RareCapitalizedOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.rare_capitalized_recognizer import RareCapitalizedRecognizer
    from recognizers.text_signals import name_list

    return RareCapitalizedRecognizer(
        options,
        word_zipf=res.word_zipf,
        why_noise=res.why_noise,
        person_names=name_list(res.resolve_path(options.first_names)) | name_list(res.resolve_path(options.last_names)),
    )


def _name_slot(options: NameSlotOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.name_slot_recognizer import NameSlotRecognizer

    return NameSlotRecognizer(options, word_zipf=res.word_zipf, why_noise=res.why_noise)


def _organization_acronym(options: OrganizationAcronymOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.organization_acronym_recognizer import OrganizationAcronymRecognizer

    return OrganizationAcronymRecognizer(options, word_zipf=res.word_zipf, why_noise=res.why_noise)


def _email(options: EmailOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.email_recognizer import TranscriptEmailRecognizer

    return TranscriptEmailRecognizer()


def _phone(options: PhoneOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.phone_recognizer import TranscriptPhoneRecognizer

    return TranscriptPhoneRecognizer(options)


def _url(options: UrlOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.url_recognizer import TranscriptUrlRecognizer

    return TranscriptUrlRecognizer(options)


def _spoken_email(options: SpokenEmailOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.spoken_email_recognizer import SpokenEmailRecognizer

    return SpokenEmailRecognizer(options, word_zipf=res.word_zipf)


def _social_handle(options: SocialHandleOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.social_handle_recognizer import SocialHandleRecognizer

    return SocialHandleRecognizer(options, word_zipf=res.word_zipf)


def _spoken_phone(options: SpokenPhoneOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.spoken_phone_recognizer import SpokenPhoneRecognizer

    return SpokenPhoneRecognizer(options)


def _street_address(options: StreetAddressOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.street_address_recognizer import StreetAddressRecognizer

    return StreetAddressRecognizer(
        options,
        street_types_file=res.resolve_path(options.street_types_file),
        regions_file=res.resolve_path(options.regions_file),
    )


def _postcode(options: PostcodeOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.postcode_recognizer import PostcodeRecognizer

    return PostcodeRecognizer(options, regions_file=res.resolve_path(options.regions_file))


def _spoken_url(options: SpokenUrlOptions, res: EngineResources) -> EntityRecognizer:
    from recognizers.spoken_url_recognizer import SpokenUrlRecognizer

    return SpokenUrlRecognizer(options)


@dataclass(frozen=True)
class Factory:
    options: type[RecognizerOptions]
    build: Callable[[Any, EngineResources], EntityRecognizer]


REGISTRY: dict[str, Factory] = {
    "spacy_ner.v1": Factory(SpacyNerOptions, _spacy_ner),
    "speaker_name.v1": Factory(SpeakerNameOptions, _speaker_name),
    "placeholder.v1": Factory(PlaceholderOptions, _placeholder),
    "organization_pattern.v1": Factory(OrganizationPatternOptions, _organization_pattern),
    "person_name.v1": Factory(PersonNameOptions, _person_name),
    "gazetteer.v1": Factory(GazetteerOptions, _gazetteer),
    "rare_capitalized.v1": Factory(RareCapitalizedOptions, _rare_capitalized),
    "name_slot.v1": Factory(NameSlotOptions, _name_slot),
    "organization_acronym.v1": Factory(OrganizationAcronymOptions, _organization_acronym),
    "email.v1": Factory(EmailOptions, _email),
    "phone.v1": Factory(PhoneOptions, _phone),
    "url.v1": Factory(UrlOptions, _url),
    "spoken_email.v1": Factory(SpokenEmailOptions, _spoken_email),
    "social_handle.v1": Factory(SocialHandleOptions, _social_handle),
    "spoken_phone.v1": Factory(SpokenPhoneOptions, _spoken_phone),
    "street_address.v1": Factory(StreetAddressOptions, _street_address),
    "postcode.v1": Factory(PostcodeOptions, _postcode),
    "spoken_url.v1": Factory(SpokenUrlOptions, _spoken_url),
}


class UnknownRecognizer(RecognizerConfigError):
    def __init__(self, name: str) -> None:
        super().__init__(f"unknown recognizer {name!r}; registered: {', '.join(sorted(REGISTRY))}")


class InvalidRecognizerOptions(RecognizerConfigError):
    """Says which option is wrong and why, one problem after another."""

    def __init__(self, name: str, exc: ValidationError) -> None:
        problems = []
        for error in exc.errors():
            option, *inner = error["loc"] or ("",)
            where = f"{option}" + "".join(f"[{part}]" for part in inner)
            if error["type"] == "extra_forbidden":
                problems.append(f"unknown option {where!r}")
            else:
                problems.append(f"option {where!r}: {error['msg']}")
        super().__init__(f"recognizer {name}: {'; '.join(problems)}")


def resolve_options(name: str, options: Mapping[str, Any] | RecognizerOptions | None) -> RecognizerOptions:
    """The options of recognizer ``name`` with every default filled in."""
    factory = REGISTRY.get(name)
    if factory is None:
        raise UnknownRecognizer(name)
    try:
        return factory.options.model_validate(dict(options or {}))
    except ValidationError as exc:
        raise InvalidRecognizerOptions(name, exc) from None


def build_recognizer(
    name: str, options: Mapping[str, Any] | RecognizerOptions | None, resources: EngineResources
) -> EntityRecognizer:
    """Build a registered recognizer; a list it cannot load raises ``RecognizerSetupError``."""
    factory = REGISTRY.get(name)
    if factory is None:
        raise UnknownRecognizer(name)
    if not isinstance(options, factory.options):
        options = resolve_options(name, options)
    return factory.build(options, resources)
