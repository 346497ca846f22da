"""The FastAPI application: routers assembled in one place, the application context built
in the lifespan (or handed in), errors translated in one place (``error_handlers``)."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from service import __version__
from service.api.docs import add_offline_docs
from service.api.error_handlers import install_error_handlers
from service.api.limits import BodySizeLimit
from service.api.routes import api_keys, dictionary, files, health, jobs, projects, reidentification, review, text
from service.config import get_settings
from service.context import AppContext
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
        _check_store_at_startup(app.state.context)
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
    install_error_handlers(app)
    return app


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
