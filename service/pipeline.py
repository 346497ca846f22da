"""The one path every entry point takes for a file:

    read(bytes, format) -> analyze -> decide -> pseudonymize -> write(bytes) -> report

The API, the CLI, batch jobs and the hook call ``redact_document`` / ``analyze_document``
and add nothing but their own input and output handling.
"""
from __future__ import annotations

from dataclasses import dataclass

from service import formats
from service.engine.engine import NO_OPTIONS, Analysis, Engine, Redaction, RequestOptions
from service.engine.pseudonymize import SurrogateBook
from service.errors import InputError


@dataclass(frozen=True)
class RedactedDocument:
    data: bytes
    format: str
    content_type: str
    redaction: Redaction
    transcript: formats.Transcript


def read_document(data: bytes, *, name: str | None, format: str | None, max_bytes: int) -> formats.Transcript:
    """Bytes to a Transcript; every format problem becomes an ``InputError`` naming the file."""
    try:
        return formats.read(data, filename=name, format=format, max_bytes=max_bytes)
    except formats.FormatError as exc:
        raise InputError(name, str(exc), line=exc.line) from None


def analyze_document(engine: Engine, data: bytes, *, name: str | None = None, format: str | None = None,
                     max_bytes: int, options: RequestOptions = NO_OPTIONS) -> tuple[formats.Transcript, Analysis]:
    transcript = read_document(data, name=name, format=format, max_bytes=max_bytes)
    return transcript, engine.analyze(transcript.text, options=options)


def redact_document(engine: Engine, data: bytes, *, name: str | None = None, format: str | None = None,
                    max_bytes: int, book: SurrogateBook | None = None,
                    options: RequestOptions = NO_OPTIONS) -> RedactedDocument:
    transcript = read_document(data, name=name, format=format, max_bytes=max_bytes)
    redaction = engine.redact(transcript.text, book=book, options=options)
    try:
        out = formats.write(transcript, redaction.replacements)
    except formats.FormatError as exc:
        raise InputError(name, str(exc), line=exc.line) from None
    return RedactedDocument(out, transcript.format, formats.content_type(transcript.format), redaction, transcript)
