"""The HTTP API's one translation table: every error a route can raise, to a status and a
stable ``detail``.

    TanonError (service.errors)   its ``http_status`` and ``detail`` (the message without
                                  a file name); 5xx ones are logged with their message
    RequestValidationError        422 with where and what is wrong, never the submitted value
    SQLAlchemyError               503 "the project store is unavailable" (its message can
                                  hold the URL or parameters: logged by class name only)

Authentication and authorization answer with ``HTTPException`` (401 with
``WWW-Authenticate``, 403), which FastAPI renders itself.
"""
from __future__ import annotations

import logging

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from service.errors import Busy, TanonError, public_validation_errors

logger = logging.getLogger("tanon.api")
RETRY_AFTER = 5  # seconds, when a Busy error does not say


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(TanonError, _tanon_error)
    app.add_exception_handler(sa.exc.SQLAlchemyError, _database_error)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    # Say what is wrong and where, but never echo the submitted text back, not even a
    # field name the client made up (service.errors.public_validation_errors).
    names = declared_field_names(request.app)
    errors = [
        public_validation_errors([error], exc.body if error.get("loc", ("",))[0] == "body" else None,
                                 field_names=names, skip=1)[0]
        for error in exc.errors()
    ]
    return JSONResponse(status_code=422, content={"detail": errors})


def declared_field_names(app: FastAPI) -> frozenset[str]:
    """Every property and parameter name the app's OpenAPI schema declares (computed once)."""
    names = getattr(app.state, "declared_field_names", None)
    if names is None:
        names = set(_LOCATIONS)
        schema = app.openapi()
        for component in schema.get("components", {}).get("schemas", {}).values():
            names.update(component.get("properties", {}))
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if isinstance(operation, dict):
                    names.update(p["name"] for p in operation.get("parameters", []) if "name" in p)
        names = app.state.declared_field_names = frozenset(names)
    return names


_LOCATIONS = ("body", "query", "path", "header", "cookie")


async def _tanon_error(request: Request, exc: TanonError) -> JSONResponse:
    if exc.http_status >= 500:  # the service's own trouble: its operator needs the reason
        logger.warning("%s: %s", exc.__class__.__name__, exc)
    headers = {"Retry-After": str(getattr(exc, "retry_after", RETRY_AFTER))} if isinstance(exc, Busy) else None
    return JSONResponse(status_code=exc.http_status, content={"detail": exc.detail}, headers=headers)


async def _database_error(request: Request, exc: sa.exc.SQLAlchemyError) -> JSONResponse:
    logger.error("project store database error: %s", exc.__class__.__name__)
    return JSONResponse(status_code=503, content={"detail": "the project store is unavailable"})
