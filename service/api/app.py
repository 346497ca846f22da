"""The FastAPI application: routers assembled in one place, errors with stable details."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from service import __version__
from service.api.limits import BodySizeLimit
from service.api.routes import files, health, text
from service.config import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Transcript anonymizer",
        version=__version__,
        description="Finds names in interview transcripts and replaces them with consistent pseudonyms.",
    )
    app.include_router(health.router)
    app.include_router(text.router)
    app.include_router(files.router)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        # Say what is wrong and where, but never echo the submitted text back.
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()
        ]
        return JSONResponse(status_code=422, content={"detail": errors})

    return app


app = create_app()
