"""The FastAPI application: routers assembled in one place, the application context built
in the lifespan (or handed in), errors translated in one place (``error_handlers``).

At start-up each worker process configures the ``tanon`` loggers, opens its work queue
and starts building the engine in the background: ``/health`` answers 503 (Retry-After)
until it is ready, and requests that come earlier wait for that one build."""
from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager

from fastapi import FastAPI

from service import __version__
from service.api.docs import add_offline_docs
from service.api.error_handlers import install_error_handlers
from service.api.limits import BodySizeLimit
from service.api.request_log import RequestLog
from service.api.responses import COMMON, error_responses
from service.api.routes import api_keys, dictionary, files, health, jobs, projects, reidentification, review, text
from service.config import get_settings
from service.api.work_queue import WorkQueue
from service.context import AppContext
from service.errors import TanonError
from service.logging_setup import configure_logging
from service.store_setup import StoreSetupError, store_key

logger = logging.getLogger("tanon.api")


def create_app(context: AppContext | None = None) -> FastAPI:
    """The app. ``context``: use this application context (its settings, engine and store)
    instead of building one from the environment when the app starts."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        owned = app.state.context is None
        if owned:
            app.state.context = AppContext(get_settings())
        context = app.state.context
        configure_logging(context.settings.log_level, context.settings.log_format)
        app.state.work_queue = WorkQueue.from_settings(context.settings)
        app.state.engine_failed = False
        _check_store_at_startup(context)
        if not context.engine_is_built:
            threading.Thread(target=_build_engine, args=(app,), name="engine-build", daemon=True).start()
        yield
        if owned:
            app.state.context.close()
            app.state.context = None

    app = FastAPI(
        title="Transcript anonymizer",
        version=__version__,
        description="Finds names in interview transcripts and replaces them with consistent pseudonyms. "
        "A person checks every decision on the review page, /review.",
        lifespan=lifespan,
        responses=error_responses(*COMMON),
        docs_url=None,  # served offline below
        redoc_url=None,
    )
    add_offline_docs(app)
    app.state.context = context
    app.include_router(health.router)
    app.include_router(text.router)
    app.include_router(files.router)
    app.include_router(projects.router)
    app.include_router(api_keys.router)
    app.include_router(dictionary.router)
    app.include_router(reidentification.router)
    app.include_router(review.router)
    app.include_router(jobs.router)  # its lifespan starts and stops the job runner
    app.add_middleware(BodySizeLimit)
    app.add_middleware(RequestLog)  # outermost: also logs the 413s BodySizeLimit answers
    install_error_handlers(app)
    return app


def _build_engine(app: FastAPI) -> None:
    """Build the worker's engine once, before the first request needs it."""
    try:
        app.state.context.engine()
    except TanonError as exc:  # ConfigError, ModelNotInstalled: the operator must act
        app.state.engine_failed = True
        logger.error("the engine cannot be built: %s", exc)
    else:
        logger.info("engine ready")


def _check_store_at_startup(context: AppContext) -> None:
    """Say once, clearly, whether the project routes can work; never stop the text routes."""
    if context.store_is_open:  # handed in, open already
        return
    settings = context.settings
    try:
        store_key(settings, create_key=False)
    except StoreSetupError as exc:
        level = logging.ERROR if settings.require_api_key else logging.WARNING
        logger.log(level, "project routes disabled (they answer 503): %s", exc)
        return
    try:
        context.store()
    except StoreSetupError as exc:
        logger.error("project store not available yet (project routes answer 503 until it is): %s", exc)


app = create_app()
