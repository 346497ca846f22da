"""The FastAPI application: routers assembled in one place, errors with stable details."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from service import __version__
from service.api.deps import StoreHolder
from service.api.docs import add_offline_docs
from service.api.limits import BodySizeLimit
from service.api.routes import api_keys, dictionary, files, health, jobs, projects, reidentification, review, text
from service.config import Settings, get_settings
from service.errors import InputError
from service.projects import StoreSetupError, store_key
from service.store import ProjectStore, StoreError
from service.store import errors as store_errors

logger = logging.getLogger("tanon.api")

# Store errors carry messages without names (ids and kinds only): safe to return.
STORE_ERROR_STATUS: dict[type[StoreError], int] = {
    store_errors.ProjectNotFound: 404,
    store_errors.TermNotFound: 404,
    store_errors.ApiKeyNotFound: 404,
    store_errors.DuplicateProject: 409,
    store_errors.DuplicateTerm: 409,
    store_errors.SurrogateConflict: 409,
    store_errors.InvalidProject: 422,
    store_errors.InvalidTerm: 422,
    store_errors.InvalidTermsFile: 422,
    store_errors.InvalidLabel: 422,
    store_errors.InvalidRole: 422,
    store_errors.InvalidEntity: 422,
    store_errors.StoreBusy: 503,
    store_errors.KeyMismatch: 503,
    store_errors.InvalidStoreKey: 503,
}


def _status_for(exc: StoreError) -> int:
    for kind in type(exc).__mro__:
        if kind in STORE_ERROR_STATUS:
            return STORE_ERROR_STATUS[kind]
    return 500


def create_app(settings: Settings | None = None, *, store: ProjectStore | None = None) -> FastAPI:
    """The app. ``store``: use this project store instead of opening the one in ``settings``."""
    settings = settings or get_settings()
    holder = StoreHolder(store)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if store is None:
            _check_store_at_startup(settings, holder)
        yield
        holder.close()

    app = FastAPI(
        title="Transcript anonymizer",
        version=__version__,
        description="Finds names in interview transcripts and replaces them with consistent pseudonyms. "
        "A person checks every decision on the review page, /review.",
        lifespan=lifespan,
        docs_url=None,  # served offline below
        redoc_url=None,
    )
    add_offline_docs(app)
    app.state.store_holder = holder
    app.state.settings = settings
    app.include_router(health.router)
    app.include_router(text.router)
    app.include_router(files.router)
    app.include_router(projects.router)
    app.include_router(api_keys.router)
    app.include_router(dictionary.router)
    app.include_router(reidentification.router)
    app.include_router(review.router)
    app.include_router(jobs.router)  # its lifespan starts and stops the job runner
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        # Say what is wrong and where, but never echo the submitted text back.
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()
        ]
        return JSONResponse(status_code=422, content={"detail": errors})

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError) -> JSONResponse:
        # The reason names the problem (a language, a format), never the text.
        return JSONResponse(status_code=422, content={"detail": exc.reason})

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> JSONResponse:
        status = _status_for(exc)
        if status >= 500:
            logger.warning("project store error: %s", exc.__class__.__name__)
        return JSONResponse(status_code=status, content={"detail": str(exc)})

    @app.exception_handler(sa.exc.SQLAlchemyError)
    async def _database_error(request: Request, exc: sa.exc.SQLAlchemyError) -> JSONResponse:
        # Never the message: it can hold the URL or parameters.
        logger.error("project store database error: %s", exc.__class__.__name__)
        return JSONResponse(status_code=503, content={"detail": "the project store is unavailable"})

    return app


def _check_store_at_startup(settings: Settings, holder: StoreHolder) -> None:
    """Say once, clearly, whether the project routes can work; never stop the text routes."""
    try:
        store_key(settings, create_key=False)
    except StoreSetupError as exc:
        level = logging.ERROR if settings.require_api_key else logging.WARNING
        logger.log(level, "project routes disabled (they answer 503): %s", exc)
        return
    try:
        holder.get(settings)
    except StoreSetupError as exc:
        logger.error("project store not available yet (project routes answer 503 until it is): %s", exc)


app = create_app()
