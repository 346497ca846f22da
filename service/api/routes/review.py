"""The review page: a person checks every decision before a transcript leaves the team.

``GET /review`` serves the page: HTML, CSS and JavaScript from this package, nothing
from elsewhere (its Content-Security-Policy lets it talk to this server only). It uses:

- ``GET /v1/review/session``: whether a key is needed, and the key's project and role;
- ``POST /v1/review/analyze``: the file's text as its reader reads it, each finding with
  the surrogate it would get now (a project's surrogates are looked up, never allocated),
  and the suggestions;
- ``POST /v1/redact/file?report=true`` with the reviewer's decisions: the redacted file
  and the review record (the same path as ``tanon redact --decisions``);
- the project's dictionary and settings routes (an admin key) to remember decisions.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse

from service import formats
from service.api.auth import CallerDep, TextCallerDep, project_scope
from service.api.deps import ContextDep, EngineDep, SettingsDep
from service.api.limits import check_upload_text, read_upload
from service.api.responses import KEYED, error_responses
from service.api.routes.files import FileField, FormatField, LanguageField, ProjectField
from service.api.schemas import (
    ReviewDocumentPublic,
    ReviewFindingPublic,
    ReviewProjectPublic,
    ReviewSessionPublic,
    SegmentPublic,
    SuggestionPublic,
)
from service.decisions import sha256_of
from service.engine.decide import PLACEHOLDER
from service.engine.pseudonymize import SurrogateBook
from service.pipeline import preview_document
from service.project_access import PreviewBook
from service.report import entity_rows, suggestion_rows

router = APIRouter(tags=["review"], responses=error_responses(*KEYED))

STATIC = Path(__file__).resolve().parent.parent / "static" / "review"
ASSETS = {"review.js": "text/javascript", "review.css": "text/css", "favicon.svg": "image/svg+xml"}
# The page talks to this server only: no other origin for scripts, styles, images or requests.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
NO_STORE = {"Cache-Control": "no-store"}


@router.get("/review", include_in_schema=False)
def review_page() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)


@router.get("/review/assets/{name}", include_in_schema=False)
def review_asset(name: str) -> FileResponse:
    if name not in ASSETS:
        raise HTTPException(404, detail="no such file")
    return FileResponse(STATIC / name, media_type=ASSETS[name], headers=PAGE_HEADERS)


@router.get("/v1/review/session", response_model=ReviewSessionPublic, summary="What the review page needs to start",
            # Answers without a key too (the page asks before the user has typed one).
            openapi_extra={"security": [{}, {"bearer": []}, {"apiKey": []}]})
def review_session(context: ContextDep, settings: SettingsDep, engine: EngineDep, caller: CallerDep,
                   response: Response) -> ReviewSessionPublic:
    response.headers.update(NO_STORE)
    project = None
    if caller is not None:
        found = context.store().get_project(caller.project_id)
        project = ReviewProjectPublic(id=found.id, name=found.name)
    return ReviewSessionPublic(
        require_api_key=settings.require_api_key,
        project=project,
        role=caller.role if caller is not None else None,
        entity_types=[t for t in engine.config.entities if t != PLACEHOLDER],
        formats=list(formats.FORMATS),
        languages=engine.languages,
        max_request_bytes=settings.max_request_bytes,
    )


@router.post(
    "/v1/review/analyze",
    response_model=ReviewDocumentPublic,
    summary="A transcript file as a reviewer sees it: its text, findings with surrogates, and suggestions",
)
async def analyze_for_review(
    engine: EngineDep,
    settings: SettingsDep,
    context: ContextDep,
    caller: TextCallerDep,
    response: Response,
    file: FileField,
    format: FormatField = None,
    project: ProjectField = None,
    language: LanguageField = None,
) -> ReviewDocumentPublic:
    response.headers.update(NO_STORE)
    data = await read_upload(file, settings)
    await run_in_threadpool(check_upload_text, data, settings, name=file.filename, format=format)
    project = project.strip() if project and project.strip() else None
    language = language.strip().lower() if language and language.strip() else None
    scope = await run_in_threadpool(project_scope, context, caller, project)
    # Surrogates as a redaction would give them now; nothing is allocated or kept.
    book = PreviewBook(scope.book.store, scope.book.project_id) if scope.book is not None else SurrogateBook()
    transcript, redaction = await run_in_threadpool(
        preview_document, engine, data, name=file.filename, format=format,
        max_bytes=settings.max_request_bytes, book=book, options=scope.options, language=language,
    )
    # The page may be shared on screen: its rows name no dictionary term.
    findings = [ReviewFindingPublic(**row) for row in entity_rows(redaction, transcript=transcript)]
    suggestions = [SuggestionPublic(**row) for row in suggestion_rows(redaction, transcript=transcript)]
    return ReviewDocumentPublic(
        filename=file.filename,
        format=transcript.format,
        sha256=sha256_of(data),
        language=redaction.language,
        text=transcript.text,
        segments=[SegmentPublic(start=s.start, end=s.end, speaker_start=s.speaker_start, speaker_end=s.speaker_end,
                                begin=s.begin, end_time=s.end_time) for s in transcript.segments],
        findings=findings,
        suggestions=suggestions,
        project=ReviewProjectPublic(id=scope.project.id, name=scope.project.name) if scope.project else None,
    )
