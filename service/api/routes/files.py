"""Redact transcript files, returned in their own format."""
from __future__ import annotations

import base64
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Query, UploadFile
from fastapi.responses import Response

from service.api.deps import EngineDep, SettingsDep
from service.api.schemas import RedactedFilePublic
from service.errors import InputError
from service.pipeline import redact_document
from service.report import entity_rows, summary

router = APIRouter(prefix="/v1", tags=["files"])


@router.post(
    "/redact/file",
    summary="Redact a transcript file (txt, Otter txt, vtt, srt, docx, json) and return it in the same format",
    responses={200: {"content": {"application/octet-stream": {}}, "description": "The redacted file"}},
    response_model=None,
)
async def redact_file(
    engine: EngineDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="The transcript file")],
    format: Annotated[str | None, Form(description="text, otter, vtt, srt, docx or json; default: from name/content")] = None,
    report: Annotated[bool, Query(description="Answer with JSON: the file (base64) and the report")] = False,
) -> Response | RedactedFilePublic:
    data = await file.read(settings.max_request_bytes + 1)
    if len(data) > settings.max_request_bytes:
        raise HTTPException(413, detail=f"file exceeds the limit of {settings.max_request_bytes} bytes")
    try:
        document = redact_document(engine, data, name=file.filename, format=format, max_bytes=settings.max_request_bytes)
    except InputError as exc:
        raise HTTPException(422, detail=exc.reason) from None
    if report:
        return RedactedFilePublic(
            filename=file.filename,
            format=document.format,
            content_type=document.content_type,
            data_base64=base64.b64encode(document.data).decode("ascii"),
            summary=summary(document.redaction),
            entities=entity_rows(document.redaction, document.redaction.surrogates),
        )
    headers = {"X-Transcript-Format": document.format}
    if file.filename:
        headers["Content-Disposition"] = f'attachment; filename="{_safe_name(file.filename)}"'
    return Response(content=document.data, media_type=document.content_type, headers=headers)


def _safe_name(name: str) -> str:
    return "".join(c for c in name.rsplit("/", 1)[-1] if c.isprintable() and c not in '"\\') or "transcript"
