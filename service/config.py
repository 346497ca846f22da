"""Typed configuration: the engine YAML (what to detect and how to replace it) and the
service settings (where things live, limits), each validated once and cached."""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from config import CONFIG_DIR
from recognizers import RecognizerConfigError, resolve_options
from recognizers.options import ProjectDictionaryOptions
from service.errors import SetupError
from service.vocabulary.entity_types import NAME_TYPES

# libyaml's parser when PyYAML has it (the same data, ten times faster); else the pure-Python one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DEFAULT_CONFIG_PATH = CONFIG_DIR / "default.yaml"

Operator = Literal["pseudonym", "tag", "mask", "hash", "redact", "keep"]


class ConfigError(SetupError):
    """The configuration file is missing, not YAML, or does not match the schema."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NlpConfig(_Strict):
    # The spaCy pipelines per language (ISO 639-1 code), in order of preference: the first
    # one installed is used. A language without an installed pipeline is not analysed.
    models: dict[str, tuple[str, ...]]
    pipes: tuple[str, ...] = ("ner",)
    batch_size: int = Field(8, ge=1)
    max_chars: int = Field(5_000_000, ge=1)
    # The model reads a longer text in pieces of at most chunk_chars, cut between turns
    # (else sentences), each read with chunk_context_chars of the text on either side
    # (service/engine/chunks.py); the recognizers read the whole text.
    chunk_chars: int = Field(60_000, ge=100)
    chunk_context_chars: int = Field(1_000, ge=0)

    @model_validator(mode="before")
    @classmethod
    def _one_english_model(cls, data: object) -> object:
        # "model: NAME" (one English pipeline) is the older spelling of models.en.
        if isinstance(data, dict) and "model" in data:
            data = dict(data)
            data["models"] = {**(data.get("models") or {}), "en": [data.pop("model")]}
        return data

    @field_validator("models")
    @classmethod
    def _english_and_lists(cls, models: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        if not models.get("en"):
            raise ValueError("nlp.models needs at least one pipeline for en")
        return models


class LanguageDetectionConfig(_Strict):
    """When a transcript counts as written in another language (service/engine/language.py)."""

    enabled: bool = True
    # Below this many words (labels, numbers and names left out) a text is never refused.
    min_words: int = Field(25, ge=1)
    # Another language is believed only at this probability or above.
    min_confidence: float = Field(0.95, ge=0, le=1)
    # Words read from a long transcript, taken from several places.
    sample_words: int = Field(1000, ge=50)


class LanguageSettings(_Strict):
    """What changes when a transcript is analysed in a language other than English."""

    # Noise words of that language, read in addition to decide.noise_file.
    noise_file: str | None = None


class LanguageConfig(_Strict):
    """Transcripts are analysed in English unless they look like another language."""

    detection: LanguageDetectionConfig = LanguageDetectionConfig()
    settings: dict[str, LanguageSettings] = Field(default_factory=dict)


class TruecaseConfig(_Strict):
    enabled: bool = True
    # The truecaser's model is English.
    languages: tuple[str, ...] = ("en",)
    min_lower_sentence_starts: float = Field(0.5, ge=0, le=1)
    # Words the truecaser leaves lower case that are this rare in English (wordfreq Zipf)
    # are capitalized for the model: unknown to its corpus and to everyday English, they
    # are names far more often than not ("kestrelbrook", "okonkwo"). 0 turns it off.
    rare_word_zipf: float = Field(2.0, ge=0)
    # A rare word made of one of these prefixes and a common word is a word ("multiannual").
    word_prefixes: tuple[str, ...] = ()
    # ... and so is a rare word with one of these endings ("anonymised", "scalability").
    word_endings: tuple[str, ...] = ()


class ModelGuessesConfig(_Strict):
    recognizers: tuple[str, ...] = ("spacy_ner.v1",)
    uncased_score: float = Field(0.5, ge=0, le=1)
    sentence_start_zipf: float = Field(5.0, ge=0)
    anywhere_zipf: float = Field(5.5, ge=0)
    # A guess ending in one of these words is an event, not a person or a company.
    event_heads: tuple[str, ...] = ()
    # The recognizer whose verdict on an acronym stands for the model's guess (empty: none).
    acronym_recognizer: str = ""


class VocabularyConfig(_Strict):
    # wordfreq Zipf frequency from which a word is common English ("spark", "reading").
    common_word_zipf: float = Field(3.5, ge=0)


class NerConfig(_Strict):
    labels: dict[str, str]
    score: float = Field(0.85, ge=0, le=1)
    model_guesses: ModelGuessesConfig = ModelGuessesConfig()


class RecognizerEntry(_Strict):
    name: str
    enabled: bool = True
    # Checked against the recognizer's options model (recognizers/options.py) when the
    # configuration loads, and held with every default filled in.
    options: dict = Field(default_factory=dict, validate_default=True)

    @field_validator("options")
    @classmethod
    def _resolve_options(cls, options: dict, info: ValidationInfo) -> dict:
        if "name" not in info.data:  # the name itself was refused
            return options
        return resolve_options(info.data["name"], options).model_dump(mode="json")


class PropagationConfig(_Strict):
    enabled: bool = True
    min_score: float = Field(0.6, ge=0, le=1)
    entity_types: tuple[str, ...] = NAME_TYPES
    min_name_part_chars: int = Field(3, ge=1)
    max_short_form_zipf: float = Field(5.0, ge=0)
    # A name's word written as two words ("Quor vane") is a mention when one half is rarer than this.
    split_mentions: bool = True
    max_split_part_zipf: float = Field(3.0, ge=0)


class GroupingConfig(_Strict):
    """Context words that tell a person from a place (a first name that is also a city),
    and the list of known places (relative to the config folder) that says which first
    names are also places."""

    person_before: tuple[str, ...] = ()
    person_after: tuple[str, ...] = ()
    place_before: tuple[str, ...] = ()
    place_after: tuple[str, ...] = ()
    known_places: str = "places/places.txt"
    # Recognizers whose type backs a mention but never keeps a short form from its longer name.
    weak_type_evidence: tuple[str, ...] = ()


class DecideConfig(_Strict):
    score_threshold: float = Field(0.4, ge=0, le=1)
    noise_file: str = "noise.yaml"
    noise_applies_to: tuple[str, ...] = NAME_TYPES
    # Weak candidates of these recognizers widen a kept name they start with (decide.py).
    widen_with: tuple[str, ...] = ()


class SuggestionsConfig(_Strict):
    """The second tier: candidates a reviewer sees but the engine does not replace (suggest.py)."""

    enabled: bool = True
    # At most this many suggestions per 150 words of transcript (and never fewer than
    # min_budget), the strongest first: a review page full of maybes is read like no page.
    per_150_words: float = Field(1.0, ge=0)
    min_budget: int = Field(5, ge=0)


class ReviewConfig(_Strict):
    suggestions: SuggestionsConfig = SuggestionsConfig()


class EntityPolicy(_Strict):
    operator: Operator
    template: str | None = None

    @model_validator(mode="after")
    def _template_when_needed(self) -> "EntityPolicy":
        if self.operator in ("pseudonym", "tag") and not self.template:
            raise ValueError(f"operator {self.operator!r} needs a template")
        if self.operator == "pseudonym" and not re.search(r"\{(n|letter)\}", self.template or ""):
            raise ValueError("a pseudonym template needs {n} or {letter}")
        return self


class EngineConfig(_Strict):
    """The whole engine YAML (config/default.yaml documents every key; recognizer options
    are declared in recognizers/options.py)."""

    version: Literal[1]
    nlp: NlpConfig
    language: LanguageConfig = LanguageConfig()
    truecase: TruecaseConfig = TruecaseConfig()
    vocabulary: VocabularyConfig = VocabularyConfig()
    ner: NerConfig
    recognizers: tuple[RecognizerEntry, ...]
    propagation: PropagationConfig = PropagationConfig()
    decide: DecideConfig = DecideConfig()
    grouping: GroupingConfig = GroupingConfig()
    # How a project's dictionary matches (spelling and sound-alike thresholds, cue lists).
    dictionary: ProjectDictionaryOptions = ProjectDictionaryOptions()
    review: ReviewConfig = ReviewConfig()
    entities: dict[str, EntityPolicy]
    # Directory that relative data paths (noise file, lists) are resolved against.
    base_dir: Path = CONFIG_DIR

    @field_validator("recognizers")
    @classmethod
    def _unique_names(cls, entries: tuple[RecognizerEntry, ...]) -> tuple[RecognizerEntry, ...]:
        names = [e.name for e in entries]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"recognizer listed twice: {', '.join(duplicates)}")
        return entries

    def resolve(self, relative: str) -> Path:
        path = Path(relative)
        return path if path.is_absolute() else self.base_dir / path

    def policy(self, entity_type: str) -> EntityPolicy:
        # Unknown types are protected, never passed through: a leak is worse than a tag.
        return self.entities.get(entity_type) or EntityPolicy(operator="tag", template=f"[{entity_type.lower()}]")


def load_engine_config(path: Path | str | None = None) -> EngineConfig:
    path = Path(path) if path else DEFAULT_CONFIG_PATH
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc.__class__.__name__})") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    raw.setdefault("base_dir", str(path.resolve().parent))
    try:
        return EngineConfig.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_describe(exc)}") from None


def _describe(exc: ValidationError) -> str:
    """A recognizer's own message ("recognizer gazetteer.v1: unknown option 'x'") where
    that is the problem, else pydantic's account of every error."""
    recognizer_errors = [
        error["ctx"]["error"] for error in exc.errors()
        if isinstance((error.get("ctx") or {}).get("error"), RecognizerConfigError)
    ]
    if recognizer_errors and len(recognizer_errors) == exc.error_count():
        return "; ".join(dict.fromkeys(str(e) for e in recognizer_errors))
    return str(exc)


def dump_engine_config(config: EngineConfig) -> str:
    """The resolved configuration as YAML, every default filled in (``tanon config show``)."""
    data = config.model_dump(mode="json")
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100)


def default_data_dir() -> Path:
    """Where local data lives: ``$XDG_DATA_HOME/tanon``, else ``~/.local/share/tanon``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "tanon"


def default_store_url() -> str:
    return str(default_data_dir() / "projects.sqlite3")


_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class Settings(BaseSettings):
    """Deployment settings, from TANON_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="TANON_", extra="ignore")

    config: Path = DEFAULT_CONFIG_PATH
    max_request_bytes: int = Field(5_000_000, ge=1)
    # The shape of a transcript's text (service.text_limits): the longest line, the longest
    # run of characters without a space, and the words in one request or file.
    max_line_chars: int = Field(200_000, ge=100)
    max_word_chars: int = Field(1_000, ge=50)
    max_words: int = Field(500_000, ge=1)
    # The tanon.* loggers (service.logging_setup): level, and text or JSON lines.
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    # The HTTP service's work queue, per worker process (service.api.work_queue): requests
    # running the engine at once, requests waiting for a turn, and how long one waits
    # before it gets 503 with Retry-After.
    work_capacity: int = Field(2, ge=1, le=64)
    work_queue: int = Field(16, ge=0, le=10_000)
    work_queue_wait_seconds: float = Field(10.0, gt=0, le=600)
    # The project store: a SQLite file path (default) or postgresql+psycopg://user:pw@host/db.
    store_url: str = Field(default_factory=default_store_url)
    # Its key (a Fernet key), given directly or as a file; see service.store.keys.
    store_key: SecretStr | None = None
    store_key_file: Path | None = None
    # When true, every /v1 route needs an API key; when false (local use) /v1/analyze,
    # /v1/redact and /v1/redact/file answer without one unless a project is named.
    require_api_key: bool = False
    # Service administrator token: creates and lists projects over HTTP (unset: disabled).
    admin_token: SecretStr | None = None

    @field_validator("log_level", "log_format", mode="before")
    @classmethod
    def _any_case(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        return value.strip().upper() if value.strip().upper() in _LEVELS else value.strip().lower()

    @field_validator("store_key_file", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("admin_token")
    @classmethod
    def _long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value() and len(value.get_secret_value()) < 16:
            raise ValueError("TANON_ADMIN_TOKEN must have at least 16 characters")
        return value or None

    def store_key_environ(self) -> dict[str, str]:
        """The store key settings in the shape ``service.store.load_store_key`` reads."""
        environ = {}
        if self.store_key is not None and self.store_key.get_secret_value():
            environ["TANON_STORE_KEY"] = self.store_key.get_secret_value()
        if self.store_key_file is not None and str(self.store_key_file):
            environ["TANON_STORE_KEY_FILE"] = str(self.store_key_file)
        return environ

    @property
    def store_is_sqlite(self) -> bool:
        return "://" not in self.store_url or self.store_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()
