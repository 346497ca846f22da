"""Pydantic models at the HTTP edge. Responses carry offsets and surrogates, never the
original names (the caller already has the text). The exceptions are explicit: the
dictionary routes (admin only) show the terms the admin entered, analyze answers in a
project show which of its terms a finding matched (``term``, to a key of that project),
the key export and re-identification (admin only) show the originals, and the review
route gives the caller back the text its own file holds (a Word file's text cannot be
read in a browser)."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ProjectRef = Annotated[int, Field(strict=True, ge=1)] | Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
]
LanguageCode = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[A-Za-z]{2,3}$")]
LANGUAGE_FIELD_HELP = (
    "ISO 639 code of the transcript's language (en, fr, ...). Default: detected; a language "
    "without an installed model is refused with 422, naming it."
)
PROJECT_FIELD_HELP = (
    "Project id or name: apply its dictionary, settings and project-wide surrogates. "
    "Needs an API key of that project."
)


class TextRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="Transcript text (UTF-8). Offsets in the answer are Python string indices into it.")
    project: ProjectRef | None = Field(None, description=PROJECT_FIELD_HELP)
    language: LanguageCode | None = Field(None, description=LANGUAGE_FIELD_HELP)


class EntityPublic(BaseModel):
    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str = Field(description="Registered name of the recognizer (or engine step) that found it")
    reason: str = Field(description="Why this span was flagged, in one line")


TERM_FIELD_HELP = ("The project dictionary term this matched (with a project, to an admin key of it); "
                   "absent otherwise. Redaction answers never carry it.")


class AnalyzedEntityPublic(EntityPublic):
    term: str | None = Field(None, description=TERM_FIELD_HELP)


class RedactedEntityPublic(EntityPublic):
    surrogate: str | None = Field(description="What replaced the span; null when kept (placeholders)")


class AnalyzeResponse(BaseModel):
    entities: list[AnalyzedEntityPublic]
    language: str = Field("en", description="The language the text was analysed in")


class WarningPublic(BaseModel):
    """Something the researcher must know about a redaction; never carries a name."""

    code: str = Field(description="placeholder_collision: a placeholder in the text holds the label of a surrogate issued earlier in the project")
    placeholder: str | None = None
    surrogate: str | None = None
    message: str


class RedactResponse(BaseModel):
    text: str
    entities: list[RedactedEntityPublic]
    warnings: list[WarningPublic] = Field(default_factory=list)
    language: str = Field("en", description="The language the text was analysed in")


class HealthResponse(BaseModel):
    status: str
    model: str = Field(description="The English spaCy pipeline in use")
    languages: list[str] = Field(description="Languages with an installed pipeline; others are refused")


class LocatedEntityPublic(EntityPublic):
    line: int = Field(description="Line of the file where the finding starts (1-based; DOCX: paragraph)")
    col: int = Field(description="Column in that line (1-based, characters)")


class AnalyzedLocatedEntityPublic(LocatedEntityPublic):
    term: str | None = Field(None, description=TERM_FIELD_HELP)


class AnalyzedFilePublic(BaseModel):
    filename: str | None
    format: str
    entities: list[AnalyzedLocatedEntityPublic] = Field(
        description="start/end index the transcript text the engine analyzed; line/col locate it in the file"
    )


class RedactedFilePublic(BaseModel):
    filename: str | None
    format: str
    content_type: str
    data_base64: str = Field(description="The redacted file, base64-encoded")
    summary: dict
    entities: list[RedactedEntityPublic] = Field(description="Offsets index the transcript text the engine analyzed")
    warnings: list[WarningPublic] = Field(default_factory=list)
    review: dict | None = Field(
        None, description="The review record, when decisions were sent: each decision's type, surrogate, action, "
        "reviewer and time, and every finding or suggestion nobody decided (original text only with sensitive_record)"
    )


# -- review -------------------------------------------------------------------------------


class ReviewProjectPublic(BaseModel):
    id: int
    name: str


class ReviewSessionPublic(BaseModel):
    """What the review page needs to know before a file is opened."""

    require_api_key: bool = Field(description="Every /v1 route needs an API key (TANON_REQUIRE_API_KEY)")
    project: ReviewProjectPublic | None = Field(None, description="The project of the key sent, if any")
    role: str | None = Field(None, description="admin or redactor; only an admin key can remember decisions")
    entity_types: list[str] = Field(description="Types a reviewer may choose, in the order offered")
    formats: list[str]
    languages: list[str]
    max_request_bytes: int


class SegmentPublic(BaseModel):
    """A cue, speaker turn or paragraph; offsets index ``text``."""

    start: int
    end: int
    speaker_start: int | None = None
    speaker_end: int | None = None
    begin: str | None = Field(None, description="Cue start time as written in the file")
    end_time: str | None = None


class ReviewFindingPublic(LocatedEntityPublic):
    surrogate: str | None = Field(description="What will replace it; null for a placeholder (kept)")


class SuggestionPublic(BaseModel):
    start: int
    end: int
    entity_type: str
    score: float
    source: str = Field(description="The recognizer that proposed it")
    reason: str = Field(description="Why it is only a suggestion")
    term_id: int | None = Field(
        None, description="The id of the project dictionary term it sounds like (never the term): an admin may add "
        "these words as that term's alias (POST /v1/projects/{id}/dictionary/{term_id}/aliases)",
    )
    line: int
    col: int


class ReviewDocumentPublic(BaseModel):
    filename: str | None
    format: str
    sha256: str = Field(description="sha256 of the file's bytes: the decisions document names it")
    language: str
    text: str = Field(description="The transcript text the format reader built (offsets index it)")
    segments: list[SegmentPublic]
    findings: list[ReviewFindingPublic] = Field(description="Replaced unless rejected (placeholders are kept)")
    suggestions: list[SuggestionPublic] = Field(description="Not replaced unless accepted")
    project: ReviewProjectPublic | None = None


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


class AliasCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    alias: str = Field(min_length=1, max_length=300, description='Another way the term is written, e.g. "alter ex"')


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


class RecordReplacementPublic(BaseModel):
    start: int = Field(description="Offset of the surrogate in the redacted transcript text")
    end: int
    surrogate: str
    original: str = Field(description="The exact text the surrogate replaced")


class RedactionRecordPublic(BaseModel):
    """What re-identification keeps of one redacted document. Secret."""

    text_hash: str = Field(description="Keyed hash of the redacted transcript text (identifies the document)")
    format: str | None
    created_at: str | None
    replacements: list[RecordReplacementPublic]


class KeyExportPublic(BaseModel):
    """The re-identification key: every surrogate with its original. Secret."""

    project_id: int
    entries: list[KeyEntryPublic]
    records: list[RedactionRecordPublic] | None = Field(
        None, description="Per redacted document, each replacement and its exact original (only with_records=true)"
    )


ReidentifyMode = Literal["exact", "text", "approximate"]
MODE_HELP = (
    "exact: the original came back byte for byte; text: the file changed after redaction but its text did not, "
    "each surrogate got back the exact text it replaced; approximate: no redaction record for this text, each "
    "surrogate got its entity's first-seen original"
)


class ReidentifyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str


class ReidentifyResponse(BaseModel):
    text: str
    mode: ReidentifyMode = Field(description=MODE_HELP)
    note: str | None = Field(None, description="Said whenever the result is not the exact original")


class ReidentifiedFilePublic(BaseModel):
    filename: str | None
    format: str
    content_type: str
    data_base64: str = Field(description="The re-identified file, base64-encoded")
    mode: ReidentifyMode = Field(description=MODE_HELP)
    note: str | None = None


# -- errors -------------------------------------------------------------------------------------


class ErrorBody(BaseModel):
    """Every refusal but a 422 from request validation: one sentence that names no value sent."""

    detail: str


class ValidationIssue(BaseModel):
    loc: list[str | int] = Field(description='Where: "body", "query" or "path", then field names and list '
                                 'positions; a key the client chose is written "<key N>" (its position)')
    msg: str = Field(description="What is wrong; an unknown field is named by its position, never by its name")
    type: str = Field(description="pydantic's error type (missing, extra_forbidden, string_type, ...)")


class ValidationErrorBody(BaseModel):
    """422: the request does not match the schema (a list, one item per problem), or its
    content cannot be used (a sentence: a file that cannot be read, a language without a
    model, project settings that do not validate)."""

    detail: list[ValidationIssue] | str
