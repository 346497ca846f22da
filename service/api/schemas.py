"""Pydantic models at the HTTP edge. Responses carry offsets and surrogates, never the
original names (the caller already has the text)."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class TextRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="Transcript text (UTF-8). Offsets in the answer are Python string indices into it.")


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
