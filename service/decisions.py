"""The decisions document: what a reviewer decided about one transcript, replayable.

    {"version": 1,
     "document": {"sha256": "<sha256 of the file's bytes>", "format": "vtt", "filename": "call.vtt"},
     "decisions": [{"start": 120, "end": 128, "action": "reject", "entity_type": "PRODUCT",
                    "apply_to_all": false, "remember": true, "reviewer": "R. Lee",
                    "time": "2025-03-02T10:15:00Z"}]}

Offsets index the transcript text the format reader builds (the text the review page and
``tanon analyze --json`` show). Actions: ``accept`` (a finding, or a suggestion, which
is then replaced), ``reject`` (left as written), ``add`` (a name the engine missed),
``retype`` (another entity type); ``apply_to_all``: every mention of the same words.
``remember``, ``reviewer``, ``time`` and ``tier`` (what the reviewer was shown: a
finding, a suggestion, or a name they added) are the record's: the review page carries a
remembered decision into the project's dictionary or allow list itself.

The review page writes it with its download; ``tanon redact --decisions FILE`` and the
API's redact routes read it and give the same bytes. A document made for other bytes is
refused: offsets only mean something in the file they were made on.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from service.engine.overrides import ACTIONS, Override
from service.errors import InputError, public_validation_errors
from service.formats import FORMATS

VERSION = 1
MAX_DECISIONS = 100_000

Action = Literal[ACTIONS]  # type: ignore[valid-type]
EntityType = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]{0,63}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DocumentRef(_Strict):
    """The file the decisions were made on."""

    sha256: Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[0-9a-fA-F]{64}$")]
    format: Annotated[str, StringConstraints(pattern=r"^[a-z]{1,20}$")]
    filename: Annotated[str, StringConstraints(max_length=500)] | None = None


class ReviewDecision(_Strict):
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    action: Action
    entity_type: EntityType | None = None
    apply_to_all: bool = False
    remember: bool = False
    reviewer: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    time: datetime | None = None
    # What the reviewer was shown there (for the record; the engine does not read it).
    tier: Literal["finding", "suggestion", "added"] | None = None


class DecisionsDocument(_Strict):
    version: Literal[1]
    document: DocumentRef
    decisions: list[ReviewDecision] = Field(default_factory=list, max_length=MAX_DECISIONS)

    def overrides(self) -> tuple[Override, ...]:
        return tuple(Override(d.start, d.end, d.action, d.entity_type, d.apply_to_all) for d in self.decisions)


_FIELD_NAMES = frozenset(DecisionsDocument.model_fields) | frozenset(DocumentRef.model_fields) | frozenset(
    ReviewDecision.model_fields)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_decisions(data: bytes | str, *, name: str | None = None) -> DecisionsDocument:
    """A decisions document from its JSON; ``InputError`` naming the field and the problem
    (never the value: a reviewer's document may hold names)."""
    try:
        return DecisionsDocument.model_validate_json(data)
    except ValidationError as exc:
        try:
            submitted = json.loads(data)
        except ValueError:
            submitted = None
        raise InputError(name or "decisions", f"not a decisions document: {_summary(exc, submitted)}") from None


def check_document(decisions: DecisionsDocument, data: bytes, format: str, *, name: str | None = None) -> None:
    """Refuse decisions made on other bytes or read as another format."""
    if decisions.document.sha256 != sha256_of(data):
        raise InputError(name, "the decisions were made on another file (document.sha256 differs); "
                               "review this file and download its decisions again")
    if decisions.document.format != format:
        if decisions.document.format not in FORMATS:  # not a format: not repeated
            raise InputError(name, f"the decisions name an unknown format; this file reads as {format}")
        raise InputError(name, f"the decisions were made on the {decisions.document.format} reading of this file, "
                               f"not the {format} one; pass --format {decisions.document.format}")


def _summary(exc: ValidationError, submitted: object) -> str:
    """Where and what, never a value or a key the document's author wrote (unknown fields
    by position: ``service.errors.public_validation_errors``)."""
    parts = []
    for error in public_validation_errors(exc.errors()[:5], submitted, field_names=_FIELD_NAMES):
        where = ".".join(str(p) for p in error["loc"]) or "document"
        parts.append(f"{where}: {error['msg'] or 'invalid'}")
    more = exc.error_count() - len(parts)
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")
