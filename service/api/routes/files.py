"""Transcript files: analyze them (findings located in the file) or redact them (returned
in their own format). Both read the file through the same format readers."""
from __future__ import annotations

import base64
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from service.api.auth import TextCallerDep, project_scope, sees_dictionary
from service.api.deps import ContextDep, EngineDep, SettingsDep
from service.api.limits import check_upload_text, read_upload
from service.api.responses import KEYED, error_responses
from service.api.schemas import LANGUAGE_FIELD_HELP, AnalyzedFilePublic, RedactedFilePublic
from service.config import Settings
from service.decisions import DecisionsDocument, parse_decisions
from service.errors import InputError
from service.formats import FORMATS
from service.pipeline import analyze_document, redact_document
from service.report import entity_rows, summary
from service.review_record import review_record

router = APIRouter(prefix="/v1", tags=["files"], responses=error_responses(*KEYED))

FileField = Annotated[UploadFile, File(description="The transcript file")]
FormatName = Literal[tuple(FORMATS)]  # type: ignore[valid-type]
FormatField = Annotated[FormatName | None, Form(description="The file's format; default: from its name and content")]
ProjectField = Annotated[str | None, Form(description="Project id or name (needs an API key of that project)")]
LanguageField = Annotated[str | None, Form(description=LANGUAGE_FIELD_HELP, pattern=r"^\s*([A-Za-z]{2,3})?\s*$")]
DecisionsField = Annotated[
    UploadFile | str | None,
    Form(description="A reviewer's decisions document (JSON, as the review page downloads it), as a file or a "
                     "text field: applied after the engine's own; refused with 422 if made on other bytes"),
]


def redacted_file_content() -> dict:
    """The 200 content types of a route that answers with a transcript file: each format's,
    and JSON (a JSON transcript, or the report with the file in base64)."""
    content: dict = {FORMATS[name].content_type: {"schema": {"type": "string", "format": "binary"}}
                     for name in FORMATS if FORMATS[name].content_type != "application/json"}
    content["application/json"] = {"schema": {}, "example": {
        "filename": "call.vtt", "format": "vtt", "content_type": "text/vtt", "data_base64": "V0VCVlRUCgo=",
        "summary": {"PERSON": 1}, "entities": [], "warnings": []}}
    return content


MULTIPART_EXAMPLE = {"requestBody": {"content": {"multipart/form-data": {"encoding": {
    "file": {"contentType": "text/plain, text/vtt, application/x-subrip, application/json, "
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document, "
                            "application/octet-stream"}}}}}}


@router.post(
    "/analyze/file",
    response_model=AnalyzedFilePublic,
    response_model_exclude_none=True,
    summary="Find identifying names in a transcript file (txt, Otter txt, vtt, srt, docx, json)",
    openapi_extra=MULTIPART_EXAMPLE,
)
async def analyze_file(
    engine: EngineDep,
    settings: SettingsDep,
    context: ContextDep,
    caller: TextCallerDep,
    file: FileField,
    format: FormatField = None,
    project: ProjectField = None,
    language: LanguageField = None,
) -> AnalyzedFilePublic:
    data = await read_upload(file, settings)
    await run_in_threadpool(check_upload_text, data, settings, name=file.filename, format=format)
    project = project.strip() if project and project.strip() else None
    language = language.strip().lower() if language and language.strip() else None
    scope = await run_in_threadpool(project_scope, context, caller, project)
    transcript, analysis = await run_in_threadpool(
        analyze_document, engine, data, name=file.filename, format=format,
        max_bytes=settings.max_request_bytes, options=scope.options, language=language,
    )
    # An admin key of the project may see which dictionary term each hit matched.
    rows = entity_rows(analysis, transcript=transcript, show_terms=sees_dictionary(caller, scope))
    return AnalyzedFilePublic(filename=file.filename, format=transcript.format, entities=rows)


@router.post(
    "/redact/file",
    summary="Redact a transcript file (txt, Otter txt, vtt, srt, docx, json) and return it in the same format",
    responses={200: {"content": redacted_file_content(), "description": "The redacted file in its own format and "
                     "content type (Content-Disposition names it); with report=true, JSON: the file in base64 and "
                     "the report (RedactedFilePublic)"}},
    response_model=None,
    openapi_extra=MULTIPART_EXAMPLE,
)
async def redact_file(
    engine: EngineDep,
    settings: SettingsDep,
    context: ContextDep,
    caller: TextCallerDep,
    file: FileField,
    format: FormatField = None,
    project: ProjectField = None,
    language: LanguageField = None,
    decisions: DecisionsField = None,
    report: Annotated[bool, Query(description="Answer with JSON: the file (base64) and the report")] = False,
    sensitive_record: Annotated[
        bool, Query(description="With decisions and report=true: the review record also holds the original text")
    ] = False,
) -> Response | RedactedFilePublic:
    data = await read_upload(file, settings)
    await run_in_threadpool(check_upload_text, data, settings, name=file.filename, format=format)
    project = project.strip() if project and project.strip() else None
    language = language.strip().lower() if language and language.strip() else None
    reviewed = await _read_decisions(decisions, settings)
    # Store and engine work block: run them off the event loop.
    scope = await run_in_threadpool(project_scope, context, caller, project)
    document = await run_in_threadpool(
        redact_document, engine, data, name=file.filename, format=format,
        max_bytes=settings.max_request_bytes, book=scope.book, options=scope.options, language=language,
        decisions=reviewed,
    )
    if report:
        record = None
        if reviewed is not None:
            record = review_record(reviewed, document, project=scope.project.name if scope.project else None,
                                   sensitive=sensitive_record)
        return RedactedFilePublic(
            filename=file.filename,
            format=document.format,
            content_type=document.content_type,
            data_base64=base64.b64encode(document.data).decode("ascii"),
            summary=summary(document.redaction),
            entities=entity_rows(document.redaction),  # travels with the file: no dictionary terms
            warnings=document.warnings,
            review=record,
        )
    headers = {"X-Transcript-Format": document.format}
    if document.warnings:  # the warnings themselves are in the JSON answer (report=true)
        headers["X-Redaction-Warnings"] = str(len(document.warnings))
    if file.filename:
        headers["Content-Disposition"] = content_disposition(file.filename)
    return Response(content=document.data, media_type=document.content_type, headers=headers)


async def _read_decisions(decisions: UploadFile | str | None, settings: Settings) -> DecisionsDocument | None:
    """The decisions part, parsed (422 with the field and the problem, never the value)."""
    if decisions is None or (isinstance(decisions, str) and not decisions.strip()):
        return None
    raw = decisions if isinstance(decisions, str) else await read_upload(decisions, settings)
    try:
        return parse_decisions(raw, name="decisions")
    except InputError as exc:  # the form field's name, not the client's file name
        raise InputError(None, f"decisions: {exc.reason}") from None


def content_disposition(name: str) -> str:
    """An attachment header for the client's own file name, whatever its script: an ASCII
    fallback in ``filename`` and the name itself, UTF-8 and percent-encoded, in ``filename*``
    (RFC 6266 and RFC 5987; an HTTP header holds Latin-1 only)."""
    base = "".join(c for c in name.replace("\\", "/").rsplit("/", 1)[-1] if c.isprintable() and c not in '"\\')
    fallback = "".join(c if c.isascii() else "_" for c in base).strip() or "transcript"
    if base.isascii():
        return f'attachment; filename="{fallback}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(base, safe='')}"
