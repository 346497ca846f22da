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

from pydantic import BaseModel, ConfigDict, Field, model_validator

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


class PlaceholderOptions(RecognizerOptions):
    nouns: tuple[str, ...] = PLACEHOLDER_NOUNS  # "Company Y", "Participant 4"
    score: Score = 1.0


class OrganizationPatternOptions(RecognizerOptions):
    legal_suffixes: tuple[str, ...] = LEGAL_SUFFIXES
    sector_suffixes: tuple[str, ...] = SECTOR_SUFFIXES
    legal_score: Score = 0.87  # "Northwind Analytics Inc"
    sector_score: Score = 0.6  # "Westerfell Health": a hint, confirmed elsewhere or not
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


class SoundAlikeOptions(RecognizerOptions):
    """How the project dictionary matches renderings that only sound like a term ("alter ex"
    for Alteryx; ``recognizers/sound_alike.py``). The word lists it reads are in ``cues``."""

    enabled: bool = True
    # score = phonetic_weight * key similarity + (1 - phonetic_weight) * letter similarity.
    match_threshold: Score = 0.8
    suggest_threshold: Score = 0.7  # from here to match_threshold (or without context): a suggestion
    phonetic_weight: Score = 0.7
    min_phonetic: Score = 0.8  # floors on each part, whatever the score
    min_edit: Score = 0.45
    min_key_length: int = Field(4, ge=1)  # shorter keys ("JR" for Jira) say little, so they need
    short_key_min_edit: Score = 0.75  # letters at least this alike
    common_word_zipf: float = Field(4.0, ge=0)  # one word this common in English never matches alone
    common_word_zipf_capitalised: float = Field(5.0, ge=0)  # the same, capitalised mid-sentence
    split_word_zipf: float = Field(3.0, ge=0)  # "big query": a split into words this common needs context
    extra_stop_words: int = Field(1, ge=0)  # stop words a window may hold beyond the term's own
    max_gap: int = Field(3, ge=0)  # gap words and fillers between a cue and the window
    cues: str = "sound_alike_cues.yaml"  # fillers, no_start_words, gap_words, cues_before, cues_after

    @model_validator(mode="after")
    def _suggest_below_match(self) -> SoundAlikeOptions:
        if self.suggest_threshold > self.match_threshold:
            raise ValueError("suggest_threshold must not be above match_threshold")
        return self


class ProjectDictionaryOptions(RecognizerOptions):
    """The project dictionary (``recognizers/project_dictionary_recognizer.py``): built per
    request from a project's terms, with these options from the engine configuration."""

    # rapidfuzz fuzz.ratio for a misspelling: "Nortwind"/"northwind" scores 94, "north"/"northwind" 71.
    fuzzy_threshold: int = Field(86, ge=50, le=100)
    min_fuzzy_length: int = Field(5, ge=1)  # shorter keys ("ML", "Acme") must match exactly
    sound_alike: SoundAlikeOptions = SoundAlikeOptions()
