"""The re-identification key of a project (admin): export it, or apply it to a text or a file.

A text or file redacted in the project comes back exactly as it was (the project keeps a
redaction record per document, see ``service.restoration``). When no record matches (the
text was edited after redaction) each surrogate gets its first-seen original instead, and
the answer says so (``mode`` / ``note``, or the ``X-Reidentification`` header for files).
"""
from __future__ import annotations

import base64
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Response, UploadFile
from fastapi.concurrency import run_in_threadpool

from service import formats
from service.api.auth import AdminDep
from service.api.deps import SettingsDep, StoreDep
from service.api.limits import read_upload
from service.api.responses import PROJECT, error_responses
from service.api.routes.files import MULTIPART_EXAMPLE, FormatField, redacted_file_content
from service.api.schemas import (
    KeyEntryPublic,
    KeyExportPublic,
    ReidentifiedFilePublic,
    ReidentifyRequest,
    ReidentifyResponse,
)
from service.restoration import NOTES, public_records, reidentify_document, reidentify_text

router = APIRouter(prefix="/v1/projects/{project_id}", tags=["re-identification"],
                   responses=error_responses(*PROJECT, 409))
NO_STORE = {"Cache-Control": "no-store"}


@router.get("/key", response_model=KeyExportPublic, response_model_exclude_none=True,
            summary="Export the re-identification key (admin; secret)")
def export_key(
    project_id: int, access: AdminDep, store: StoreDep, response: Response,
    with_records: Annotated[bool, Query(description="Also export each redacted document's record (exact originals)")] = False,
) -> KeyExportPublic:
    response.headers.update(NO_STORE)
    entries = [KeyEntryPublic(**entry) for entry in store.export_key(access.project_id)]
    records = public_records(store.export_redaction_records(access.project_id)) if with_records else None
    return KeyExportPublic(project_id=access.project_id, entries=entries, records=records)


@router.post("/reidentify", response_model=ReidentifyResponse, summary="Put the originals back into a redacted text (admin)")
def reidentify(
    project_id: int, body: ReidentifyRequest, access: AdminDep, store: StoreDep, settings: SettingsDep, response: Response
) -> ReidentifyResponse:
    response.headers.update(NO_STORE)
    text, mode = reidentify_text(store, access.project_id, body.text, max_bytes=settings.max_request_bytes)
    return ReidentifyResponse(text=text, mode=mode, note=NOTES[mode])


@router.post(
    "/reidentify/file",
    summary="Put the originals back into a redacted file (txt, Otter txt, vtt, srt, docx, json) (admin)",
    responses={200: {"content": redacted_file_content(),
                     "description": "The re-identified file; its X-Reidentification header gives the mode"}},
    response_model=None,
    openapi_extra=MULTIPART_EXAMPLE,
)
async def reidentify_file(
    project_id: int,
    access: AdminDep,
    store: StoreDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="A transcript file redacted in this project")],
    format: FormatField = None,
    report: Annotated[bool, Query(description="Answer with JSON: the file (base64), the mode and a note")] = False,
) -> Response | ReidentifiedFilePublic:
    data = await read_upload(file, settings)
    result = await run_in_threadpool(
        reidentify_document, store, access.project_id, data, name=file.filename, format=format,
        max_bytes=settings.max_request_bytes,
    )
    content_type = formats.content_type(result.format)
    if report:
        return ReidentifiedFilePublic(
            filename=file.filename, format=result.format, content_type=content_type,
            data_base64=base64.b64encode(result.data).decode("ascii"), mode=result.mode, note=result.note,
        )
    headers = {**NO_STORE, "X-Transcript-Format": result.format, "X-Reidentification": result.mode}
    return Response(content=result.data, media_type=content_type, headers=headers)
