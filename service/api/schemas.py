"""Pydantic models at the HTTP edge. Responses carry offsets and surrogates, never the
original names (the caller already has the text). The exceptions are explicit: the
dictionary routes (admin only) show the terms the admin entered, and the key export and
re-identification (admin only) show the originals."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ProjectRef = Annotated[int, Field(strict=True, ge=1)] | Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
]
PROJECT_FIELD_HELP = (
    "Project id or name: apply its dictionary, settings and project-wide surrogates. "
    "Needs an API key of that project."
)


class TextRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="Transcript text (UTF-8). Offsets in the answer are Python string indices into it.")
    project: ProjectRef | None = Field(None, description=PROJECT_FIELD_HELP)


class EntityPublic(BaseModel):
    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str = Field(description="Registered name of the recognizer (or engine step) that found it")
    reason: str = Field(description="Why this span was flagged, in one line")


class RedactedEntityPublic(EntityPublic):
    surrogate: str | None = Field(description="What replaced the span; null when kept (placeholders)")


class AnalyzeResponse(BaseModel):
    entities: list[EntityPublic]


class RedactResponse(BaseModel):
    text: str
    entities: list[RedactedEntityPublic]


class HealthResponse(BaseModel):
    status: str
    model: str


class RedactedFilePublic(BaseModel):
    filename: str | None
    format: str
    content_type: str
    data_base64: str = Field(description="The redacted file, base64-encoded")
    summary: dict
    entities: list[RedactedEntityPublic] = Field(description="Offsets index the transcript text the engine analyzed")


# -- projects -----------------------------------------------------------------------------


class ProjectCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, description="Unique project name (not only digits)")
    settings: dict[str, Any] = Field(
        default_factory=dict,
        description='{"entities": {TYPE: {"operator", "template"}}, "allow_list": [...]}',
    )


class ProjectUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    settings: dict[str, Any] = Field(
        description="Settings keys to replace (entities, allow_list); keys not given stay as they are"
    )


class ProjectPublic(BaseModel):
    id: int
    name: str
    settings: dict[str, Any]
    created_at: datetime


class ProjectCreatedPublic(ProjectPublic):
    admin_key: str = Field(description="The project's first admin API key. Shown once: store it now.")


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["admin", "redactor"] = "redactor"


class ApiKeyPublic(BaseModel):
    id: int
    role: str
    display_prefix: str = Field(description="The first characters of the key, to tell keys apart")
    created_at: datetime
    revoked_at: datetime | None


class ApiKeyCreatedPublic(BaseModel):
    id: int
    role: str
    display_prefix: str
    key: str = Field(description="The secret. Shown once: store it now.")


# -- dictionary ---------------------------------------------------------------------------


class TermCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    term: str = Field(min_length=1, max_length=300)
    entity_type: Literal["PERSON", "ORGANIZATION", "UNIVERSITY", "PRODUCT", "LOCATION"]
    role: Literal["employer", "client", "vendor", "data_provider", "other"] | None = Field(
        None, description="Only for ORGANIZATION terms"
    )
    aliases: list[Annotated[str, StringConstraints(min_length=1, max_length=300)]] = Field(default_factory=list, max_length=100)
    surrogate: str | None = Field(None, max_length=198, description='Fixed surrogate, e.g. "Company Y" (written "[Company Y]")')
    sound_alike: Literal["context", "always", "off"] = Field(
        "context",
        description='How renderings that only sound like the term match ("alter ex" for Alteryx): '
        '"context" with a vendor/employer cue or a mention of the term nearby, "always" anywhere, "off" never',
    )


class TermPublic(BaseModel):
    """A dictionary term (admin only: it is a name the admin entered)."""

    id: int
    term: str
    entity_type: str
    role: str | None
    aliases: list[str]
    surrogate: str | None
    sound_alike: str
    created_at: datetime | None


class ImportResult(BaseModel):
    added: int = Field(description="Terms added (identical terms already present are skipped)")


# -- the re-identification key ----------------------------------------------------------------


class KeyEntryPublic(BaseModel):
    surrogate: str
    entity_type: str
    original: str
    variants: list[str]


class KeyExportPublic(BaseModel):
    """The re-identification key: every surrogate with its original. Secret."""

    project_id: int
    entries: list[KeyEntryPublic]


class ReidentifyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str


class ReidentifyResponse(BaseModel):
    text: str
