"""Analyze and redact plain text (with a project: its dictionary, settings and surrogates)."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from service.api.auth import TextCallerDep, project_context
from service.api.deps import EngineDep, SettingsDep
from service.api.schemas import AnalyzeResponse, RedactResponse, TextRequest
from service.engine.engine import TextTooLong
from service.pipeline import redact_text
from service.projects import report_rows
from service.report import entity_rows

router = APIRouter(prefix="/v1", tags=["text"])


@router.post("/analyze", response_model=AnalyzeResponse, summary="Find identifying names in a text")
def analyze(
    request: TextRequest, engine: EngineDep, http: Request, settings: SettingsDep, caller: TextCallerDep
) -> AnalyzeResponse:
    context = project_context(http, settings, caller, request.project)
    try:
        analysis = engine.analyze(request.text, options=context.options, language=request.language)
    except TextTooLong as exc:
        raise HTTPException(413, detail=str(exc)) from None
    return AnalyzeResponse(entities=entity_rows(analysis), language=analysis.language)


@router.post("/redact", response_model=RedactResponse, summary="Replace identifying names with pseudonyms")
def redact(
    request: TextRequest, engine: EngineDep, http: Request, settings: SettingsDep, caller: TextCallerDep
) -> RedactResponse:
    context = project_context(http, settings, caller, request.project)
    try:
        redacted = redact_text(engine, request.text, book=context.book, options=context.options,
                               language=request.language)
    except TextTooLong as exc:
        raise HTTPException(413, detail=str(exc)) from None
    redaction = redacted.redaction
    # Redacted output travels with the transcript: reasons there never quote a dictionary term.
    return RedactResponse(
        text=redaction.text, entities=report_rows(entity_rows(redaction, redaction.surrogates)), warnings=redacted.warnings,
        language=redaction.language,
    )
