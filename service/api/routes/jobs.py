"""Batch jobs over HTTP: upload transcripts (files or a zip), poll, download a zip of the
redacted files and their report.

Jobs, their inputs and results live in the project store (encrypted), so they survive a
restart; each service process runs queued jobs in one background thread
(``service.batch.job_runner``), started with the app and stopped with it.

Access: a job created with a project's API key belongs to that project, and only keys of
that project can read or delete it (either role); naming a ``project`` needs a key of
that project. A job created without a key (allowed while ``TANON_REQUIRE_API_KEY`` is
false) is reachable by its id alone: the id is 128 random bits.
"""
from __future__ import annotations

import io
import json
import logging
import zipfile
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, File, Form, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field

from service.api.auth import NO_KEY, OTHER_PROJECT, CallerDep, TextCallerDep, forbidden, project_scope, unauthorized
from service.api.deps import ContextDep, EngineDep, StoreDep
from service.api.limits import read_upload
from service.api.responses import PROJECT, error_responses
from service.batch.fingerprint import engine_fingerprint
from service.batch.job_runner import JobRunner
from service.batch.report_files import build_report
from service.batch.uploads import collect_uploads
from service.context import AppContext
from service.report import engine_info
from service.store.jobs import DONE, FILE_OK, FILE_PENDING, Job, JobFile
from service.store_setup import StoreSetupError

logger = logging.getLogger("tanon.api")


@asynccontextmanager
async def _lifespan(app: FastAPI):
    _start_runner(app)  # resume jobs a previous run of the service left unfinished
    yield
    runner = getattr(app.state, "job_runner", None)
    if runner is not None:
        await run_in_threadpool(runner.stop)


router = APIRouter(prefix="/v1/jobs", tags=["jobs"], lifespan=_lifespan, responses=error_responses(*PROJECT, 409))


class JobCreated(BaseModel):
    id: str
    status: str


class JobProgress(BaseModel):
    total: int
    done: int = Field(description="Files redacted")
    failed: int = Field(description="Files that could not be redacted (see errors)")


class FileError(BaseModel):
    path: str
    reason: str


class JobPublic(BaseModel):
    id: str
    status: str = Field(description="queued | running | done | failed")
    project: int | None
    progress: JobProgress
    errors: list[FileError] = Field(description="Files that could not be redacted, with the reason (never their text)")
    error: str | None = Field(description="Why the whole job failed, when it did")
    restarts: int = Field(description="How often the job was resumed after the service stopped while running it")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    result: str | None = Field(description="Where to download the zip of redacted files once the job is done")


# -- the runner -----------------------------------------------------------------------


def _start_runner(app: FastAPI) -> JobRunner | None:
    runner = getattr(app.state, "job_runner", None)
    if runner is not None:
        return runner
    context: AppContext = app.state.context
    try:
        context.store()
    except StoreSetupError:
        return None  # no store: the job routes answer 503 and say why
    runner = JobRunner(context, max_bytes=context.settings.max_request_bytes)
    app.state.job_runner = runner
    runner.start()
    return runner


# -- access ---------------------------------------------------------------------------


def job_access(job_id: str, context: ContextDep, caller: CallerDep) -> Job:
    """The job, if the caller may see it (404 unknown, 401/403 as for projects)."""
    if caller is None and context.settings.require_api_key:
        raise unauthorized(NO_KEY)
    job = context.store().get_job(job_id)
    if job.owner_project_id is not None:
        if caller is None:
            raise unauthorized(NO_KEY)
        if caller.project_id != job.owner_project_id:
            raise forbidden(OTHER_PROJECT)
    return job


JobDep = Annotated[Job, Depends(job_access)]


# -- routes ---------------------------------------------------------------------------


@router.post("", status_code=202, response_model=JobCreated,
             summary="Start a batch job over transcript files or a zip of them")
async def create_job(
    http: Request,
    context: ContextDep,
    caller: TextCallerDep,
    files: Annotated[list[UploadFile], File(description="Transcripts (.txt .vtt .srt .docx .json) or .zip archives of them")],
    project: Annotated[str | None, Form(description="Project id or name (needs an API key of that project)")] = None,
) -> JobCreated:
    settings = context.settings
    uploads = [(upload.filename, await read_upload(upload, settings, what="an upload")) for upload in files]
    project = project.strip() if project and project.strip() else None
    scope = await run_in_threadpool(project_scope, context, caller, project)
    collected = await run_in_threadpool(collect_uploads, uploads, max_file_bytes=settings.max_request_bytes)
    job = await run_in_threadpool(
        context.store().create_job, collected,
        project_id=scope.project.id if scope.project is not None else None,
        owner_project_id=caller.project_id if caller is not None else None,
    )
    runner = _start_runner(http.app)
    if runner is not None:
        runner.wake()
    return JobCreated(id=job.id, status=job.status)


@router.get("/{job_id}", response_model=JobPublic, summary="A job's status, progress and per-file errors")
def get_job(job: JobDep, http: Request, store: StoreDep) -> JobPublic:
    files = store.list_job_files(job.id)
    return JobPublic(
        id=job.id,
        status=job.status,
        project=job.project_id,
        progress=JobProgress(total=job.total, done=job.done, failed=job.failed),
        errors=[FileError(path=f.path, reason=f.error or "") for f in files if f.status not in (FILE_OK, FILE_PENDING)],
        error=job.error,
        restarts=max(job.attempts - 1, 0),
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        result=str(http.url_for("get_job_result", job_id=job.id).path) if job.status == DONE else None,
    )


@router.get("/{job_id}/result", summary="A zip of the redacted files and report.json (once the job is done)",
            responses={200: {"content": {"application/zip": {}}, "description": "The redacted files"}},
            response_class=Response)
def get_job_result(job: JobDep, store: StoreDep, engine: EngineDep) -> Response:
    if job.status != DONE:
        raise HTTPException(409, detail=f"the job is {job.status}; its result is ready when GET /v1/jobs/{{id}} says done")
    files = store.list_job_files(job.id, with_outputs=True)
    report = build_report([_report_row(f) for f in files], project=job.project_id, engine=engine_info(engine.config),
                          fingerprint=engine_fingerprint(engine.config))
    return Response(
        content=_result_zip(files, report),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="tanon-job-{job.id}.zip"'},
    )


@router.delete("/{job_id}", status_code=204, summary="Delete a job with its files and results")
def delete_job(job: JobDep, store: StoreDep) -> Response:
    store.delete_job(job.id)  # 404 if it went meanwhile
    return Response(status_code=204)


def _report_row(file: JobFile) -> dict:
    summary = file.summary or {}
    return {
        "path": file.path,
        "status": file.status,
        "format": file.format,
        "entities_by_type": summary.get("entities_by_type", {}),
        "replacements": summary.get("replacements", 0),
        "surrogates_used": summary.get("surrogates_used", []),
        "error": file.error,
        "from_earlier_run": False,
    }


def _result_zip(files: list[JobFile], report: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            if file.status == FILE_OK and file.data is not None:
                archive.writestr(file.path, file.data)
        archive.writestr("report.json", json.dumps(report, indent=2, ensure_ascii=False))
    return buffer.getvalue()
