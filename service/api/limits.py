"""Request size limits: ASGI middleware that refuses with 413 before the body is parsed,
whether the client sent Content-Length or streamed the body in chunks; the same limit for
each file of a multipart upload (``read_upload``); and the limits on the text's shape
(``service.text_limits``: line, run without a space, words), checked before the engine."""
from __future__ import annotations

import json

from fastapi import UploadFile

from service.config import Settings
from service.errors import TooLarge
from service.pipeline import read_document
from service.text_limits import TextLimits, check_text


async def read_upload(file: UploadFile, settings: Settings, *, what: str = "file") -> bytes:
    """The uploaded file, refused (413) over the request size limit."""
    data = await file.read(settings.max_request_bytes + 1)
    if len(data) > settings.max_request_bytes:
        raise TooLarge(None, f"{what} exceeds the limit of {settings.max_request_bytes} bytes")
    return data


def check_request_text(text: str, settings: Settings) -> None:
    """413 when the text breaks a shape limit (``service.text_limits``)."""
    check_text(text, TextLimits.from_settings(settings))


def check_upload_text(data: bytes, settings: Settings, *, name: str | None, format: str | None) -> None:
    """The file read as its format reads it (422 if it cannot be), its text checked (413)."""
    transcript = read_document(data, name=name, format=format, max_bytes=settings.max_request_bytes)
    check_text(transcript.text, TextLimits.from_settings(settings))


class BodySizeLimit:
    """The limit is the application context's ``max_request_bytes`` (``service.api.app``)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = scope["app"].state.context.settings.max_request_bytes
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await _too_large(send, limit)
        # Read the body up to the limit before the app sees it; frameworks turn errors
        # raised while reading into a generic 400, which would hide the real reason.
        messages, size = [], 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > limit:
                return await _too_large(send, limit)
            if not message.get("more_body", False):
                break

        async def replay():
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)


async def _too_large(send, limit: int) -> None:
    body = json.dumps({"detail": f"request body exceeds the limit of {limit} bytes"}).encode()
    await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})
