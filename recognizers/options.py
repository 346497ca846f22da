"""What each registered recognizer can be configured with, and the default of every option.

One pydantic model per recognizer; the engine YAML's ``options:`` for a recognizer are
validated against it when the configuration loads, so a misspelt option or a wrong type
is a configuration error naming the recognizer and the option, and ``tanon config show``
prints every option with its default filled in. A recognizer built directly (in a test,
or a script) without options gets the same defaults. Relative paths are resolved against
the directory of the engine YAML.
"""
from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from service.vocabulary.organization_suffixes import LEGAL_SUFFIXES, SECTOR_SUFFIXES
from service.vocabulary.placeholder_nouns import PLACEHOLDER_NOUNS

Score = Annotated[float, Field(ge=0, le=1)]


class RecognizerOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SpacyNerOptions(RecognizerOptions):
    """The model's labels and score are engine settings: the ``ner`` section."""


class SpeakerNameOptions(RecognizerOptions):
    score: Score = 0.9
    role_score: Score = 1.0  # a numbered role label ("Speaker 2"), kept as a placeholder
    # A lowercase label ("jane doe:") that opens a single turn is a name when one of its
    # words is rarer in English than this (wordfreq Zipf); two or more turns suffice.
    lowercase_rare_zipf: float = Field(3.0, ge=0)


class PlaceholderOptions(RecognizerOptions):
    nouns: tuple[str, ...] = PLACEHOLDER_NOUNS  # "Company Y", "Participant 4"
    score: Score = 1.0


class OrganizationPatternOptions(RecognizerOptions):
    legal_suffixes: tuple[str, ...] = LEGAL_SUFFIXES
    sector_suffixes: tuple[str, ...] = SECTOR_SUFFIXES
    legal_score: Score = 0.87  # "Northwind Analytics Inc"
    sector_score: Score = 0.6  # "Brackley Health": a hint, confirmed elsewhere or not
    university_score: Score = 0.88


class PersonNameOptions(RecognizerOptions):
    first_names: str = "names/first_names.txt"
    last_names: str = "names/last_names.txt"
    ambiguous_first_names: str = "names/ambiguous_first_names.txt"
    # Lowercase words count as first names only when rarer than this in English (wordfreq Zipf).
    rare_lowercase_zipf: float = Field(3.2, ge=0)
    first_name_score: Score = 0.7
    full_name_score: Score = 0.86
    title_score: Score = 0.87
    lowercase_score: Score = 0.6


class GazetteerOptions(RecognizerOptions):
    dir: str = "gazetteers"  # the list files below are relative to it; null leaves a list out
    organizations_path: str | None = "organizations.txt"
    vendors_products_path: str | None = "vendors_products.txt"
    data_providers_path: str | None = "data_providers.txt"
    universities_path: str | None = "universities.txt"
    ambiguous_path: str | None = "ambiguous.txt"
    min_score: Score = 0.0
    # A listed name outscores the NER model (0.85), so its type wins where they overlap.
    score: Score = 0.9
    variant_score: Score = 0.75  # split or run together differently from the list ("cultureamp")
    context_score: Score = 0.7  # an ambiguous name with the evidence its rule asks for


class EmailOptions(RecognizerOptions):
    pass


class PhoneOptions(RecognizerOptions):
    # Where numbers without a country code are read from (phonenumbers region codes).
    regions: tuple[str, ...] = ("US", "UK", "DE", "FR", "IL", "IN", "CA", "BR", "AU", "NZ", "IE")


class UrlOptions(RecognizerOptions):
    pass
