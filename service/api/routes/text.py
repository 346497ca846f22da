"""Analyze and redact plain text."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException

from service.api.deps import EngineDep
from service.api.schemas import AnalyzeResponse, RedactResponse, TextRequest
from service.engine.engine import TextTooLong
from service.report import entity_rows

router = APIRouter(prefix="/v1", tags=["text"])


@router.post("/analyze", response_model=AnalyzeResponse, summary="Find identifying names in a text")
def analyze(request: TextRequest, engine: EngineDep) -> AnalyzeResponse:
    try:
        analysis = engine.analyze(request.text)
    except TextTooLong as exc:
        raise HTTPException(413, detail=str(exc)) from None
    return AnalyzeResponse(entities=entity_rows(analysis))


@router.post("/redact", response_model=RedactResponse, summary="Replace identifying names with pseudonyms")
def redact(request: TextRequest, engine: EngineDep) -> RedactResponse:
    try:
        redaction = engine.redact(request.text)
    except TextTooLong as exc:
        raise HTTPException(413, detail=str(exc)) from None
    return RedactResponse(text=redaction.text, entities=entity_rows(redaction, redaction.surrogates))
