"""The one path every entry point takes for a file:

    read(bytes, format) -> analyze -> decide -> pseudonymize -> write(bytes) -> report

The API, the CLI, batch jobs and the hook call ``redact_document`` / ``redact_text`` /
``analyze_document`` and add nothing but their own input and output handling.

A project's surrogate book also remembers each redaction (``RedactionMemory``): the labels
its placeholders hold, and what re-identification needs to give back the exact original.

``language`` names the language to analyse in; None lets the engine decide, refusing a
language it has no model for.

``decisions`` (a reviewer's decisions document, ``service.decisions``) are applied after
the engine's own and before pseudonymize; made on other bytes, they are refused.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from service import formats
from service.decisions import DecisionsDocument, check_document
from service.engine.engine import NO_OPTIONS, Analysis, Engine, Redaction, RequestOptions
from service.engine.overrides import OverrideError
from service.engine.pseudonymize import SurrogateBook
from service.errors import InputError, LanguageError, TextTooLong


@runtime_checkable
class RedactionMemory(Protocol):
    """A surrogate book that keeps something of each document it redacted (a project's)."""

    def remember(self, text: str, redaction: Redaction, written: WrittenFile | None) -> list[dict]:
        """``text`` is what the engine analyzed; returns warnings for the report."""


@dataclass(frozen=True)
class WrittenFile:
    """A transcript, the bytes written for its redaction, and what undoes them (``formats.write``)."""

    transcript: formats.Transcript
    data: bytes
    undo: list


@dataclass(frozen=True)
class RedactedDocument:
    data: bytes
    format: str
    content_type: str
    redaction: Redaction
    transcript: formats.Transcript
    # Structured notes for the report, e.g. a placeholder that collides with an issued surrogate.
    warnings: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class RedactedText:
    redaction: Redaction
    warnings: list[dict] = field(default_factory=list)


def read_document(data: bytes, *, name: str | None, format: str | None, max_bytes: int) -> formats.Transcript:
    """Bytes to a Transcript; every format problem becomes an ``InputError`` naming the file."""
    try:
        return formats.read(data, filename=name, format=format, max_bytes=max_bytes)
    except formats.FormatError as exc:
        raise InputError(name, str(exc), line=exc.line) from None


@contextmanager
def _naming(name: str | None) -> Iterator[None]:
    """The engine's refusals of a document, naming the file it came from."""
    try:
        yield
    except LanguageError as exc:
        raise LanguageError(name, exc.reason) from None
    except TextTooLong as exc:
        raise exc.at(name) from None
    except OverrideError as exc:  # a reviewer's decision the engine cannot apply
        raise InputError(name, f"decisions: {exc}") from None


def analyze_text(engine: Engine, text: str, *, name: str | None = None, options: RequestOptions = NO_OPTIONS,
                 language: str | None = None) -> Analysis:
    with _naming(name):
        return engine.analyze(text, options=options, language=language)


def analyze_document(engine: Engine, data: bytes, *, name: str | None = None, format: str | None = None,
                     max_bytes: int, options: RequestOptions = NO_OPTIONS,
                     language: str | None = None) -> tuple[formats.Transcript, Analysis]:
    transcript = read_document(data, name=name, format=format, max_bytes=max_bytes)
    return transcript, analyze_text(engine, transcript.text, name=name, options=options, language=language)


def redact_document(engine: Engine, data: bytes, *, name: str | None = None, format: str | None = None,
                    max_bytes: int, book: SurrogateBook | None = None,
                    options: RequestOptions = NO_OPTIONS, language: str | None = None,
                    decisions: DecisionsDocument | None = None) -> RedactedDocument:
    transcript = read_document(data, name=name, format=format, max_bytes=max_bytes)
    overrides = ()
    if decisions is not None:
        check_document(decisions, data, transcript.format, name=name)
        overrides = decisions.overrides()
    with _naming(name):
        redaction = engine.redact(transcript.text, book=book, options=options, language=language, overrides=overrides)
    memory = book if isinstance(book, RedactionMemory) else None
    undo: list | None = [] if memory is not None else None
    try:
        out = formats.write(transcript, redaction.replacements, undo=undo)
    except formats.FormatError as exc:
        raise InputError(name, str(exc), line=exc.line) from None
    warnings = []
    if memory is not None:
        warnings = memory.remember(transcript.text, redaction, WrittenFile(transcript, out, undo))
    return RedactedDocument(out, transcript.format, formats.content_type(transcript.format), redaction, transcript,
                            warnings)


def preview_document(engine: Engine, data: bytes, *, name: str | None = None, format: str | None = None,
                     max_bytes: int, book: SurrogateBook | None = None, options: RequestOptions = NO_OPTIONS,
                     language: str | None = None) -> tuple[formats.Transcript, Redaction]:
    """read -> analyze -> decide -> pseudonymize, without writing: what a reviewer is shown,
    with each finding's surrogate and the suggestions. ``book`` should not keep anything
    (``service.project_access.PreviewBook`` for a project)."""
    transcript, analysis = analyze_document(engine, data, name=name, format=format, max_bytes=max_bytes,
                                            options=options, language=language)
    return transcript, engine.redact_analysis(analysis, book=book, options=options)


def redact_text(engine: Engine, text: str, *, book: SurrogateBook | None = None,
                options: RequestOptions = NO_OPTIONS, language: str | None = None) -> RedactedText:
    """Redact a text as it is (no format reader: it is plain text)."""
    redaction = engine.redact(text, book=book, options=options, language=language)
    if not isinstance(book, RedactionMemory):
        return RedactedText(redaction)
    return RedactedText(redaction, book.remember(text, redaction, _as_text_file(text, redaction)))


def _as_text_file(text: str, redaction: Redaction) -> WrittenFile | None:
    """The text as a UTF-8 text file and its redaction, when reading that file gives the same text
    (not for a text with NUL characters or a leading byte-order mark)."""
    try:
        transcript = formats.read(text.encode("utf-8"), format="text")
    except formats.FormatError:
        return None
    if transcript.text != text:
        return None
    undo: list = []
    return WrittenFile(transcript, formats.write(transcript, redaction.replacements, undo=undo), undo)
