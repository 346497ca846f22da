"""Analyze and redact plain text (with a project: its dictionary, settings and surrogates)."""
from __future__ import annotations

from fastapi import APIRouter

from service.api.auth import TextCallerDep, project_scope, sees_dictionary
from service.api.deps import ContextDep, EngineDep
from service.api.limits import check_request_text
from service.api.responses import KEYED, error_responses
from service.api.schemas import AnalyzeResponse, RedactResponse, TextRequest
from service.pipeline import analyze_text, redact_text
from service.report import entity_rows

router = APIRouter(prefix="/v1", tags=["text"], responses=error_responses(*KEYED))


@router.post("/analyze", response_model=AnalyzeResponse, response_model_exclude_none=True,
             summary="Find identifying names in a text")
def analyze(request: TextRequest, engine: EngineDep, context: ContextDep, caller: TextCallerDep) -> AnalyzeResponse:
    check_request_text(request.text, context.settings)
    scope = project_scope(context, caller, request.project)
    analysis = analyze_text(engine, request.text, options=scope.options, language=request.language)
    # An admin key of the project may see which dictionary term each hit matched.
    rows = entity_rows(analysis, show_terms=sees_dictionary(caller, scope))
    return AnalyzeResponse(entities=rows, language=analysis.language)


@router.post("/redact", response_model=RedactResponse, summary="Replace identifying names with pseudonyms")
def redact(request: TextRequest, engine: EngineDep, context: ContextDep, caller: TextCallerDep) -> RedactResponse:
    check_request_text(request.text, context.settings)
    scope = project_scope(context, caller, request.project)
    redacted = redact_text(engine, request.text, book=scope.book, options=scope.options, language=request.language)
    redaction = redacted.redaction
    # Redacted output travels with the transcript: its rows never carry a dictionary term.
    return RedactResponse(text=redaction.text, entities=entity_rows(redaction), warnings=redacted.warnings,
                          language=redaction.language)
