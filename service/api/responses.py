"""The error answers each route documents in the OpenAPI schema: body shape and an example."""
from __future__ import annotations

from typing import Any

from service.api.schemas import ErrorBody, ValidationErrorBody

_EXAMPLES: dict[int, tuple[str, Any]] = {
    401: ("No API key, or an unknown or revoked one", "invalid or revoked API key"),
    403: ("The key may not do this (another project's, or a redactor on an admin route)",
          "this needs an admin API key of the project"),
    404: ("No such project, term, API key or job", "no project with that name or id"),
    409: ("The name is taken, or the change conflicts with what the project holds", "a project with that name already exists"),
    413: ("The request body, a file or the text is over the size limit",
          "request body exceeds the limit of 5000000 bytes"),
    415: ("The body's content type is not one this route reads", "send text/csv or application/yaml, or add ?format=csv|yaml"),
    422: ("The request does not match the schema, or its content cannot be used",
          [{"loc": ["body"], "msg": "an unknown field (field 2 of this object) is not allowed", "type": "extra_forbidden"}]),
    500: ("The service is not set up correctly (its log says why)", "the service is not set up correctly; its log says why"),
    503: ("Busy (retry after Retry-After seconds), starting, or the project store is unavailable",
          "the service is at capacity: retry after the number of seconds in Retry-After"),
}
_RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before retrying", "schema": {"type": "integer"}}}
_AUTHENTICATE = {"WWW-Authenticate": {"description": "Bearer", "schema": {"type": "string"}}}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route or router: each status with its body model and an example."""
    responses: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        description, example = _EXAMPLES[status]
        entry: dict[str, Any] = {
            "model": ValidationErrorBody if status == 422 else ErrorBody,
            "description": description,
            "content": {"application/json": {"example": {"detail": example}}},
        }
        if status == 503:
            entry["headers"] = _RETRY_AFTER
        if status == 401:
            entry["headers"] = _AUTHENTICATE
        responses[status] = entry
    return responses


# Every route: the body limit (middleware), validation, a broken setup, overload.
COMMON = (413, 422, 500, 503)
# Routes that take a key: and those of one project, and those that change what a project holds.
KEYED = (401, 403)
PROJECT = (401, 403, 404)
