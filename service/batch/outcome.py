"""One document in, its redacted bytes and a summary out: the part of a batch that the
command line and the HTTP jobs share. A file that cannot be redacted becomes a failed
outcome with a reason that never quotes its text; nothing is raised."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

import sqlalchemy as sa

from pathlib import PurePosixPath

from service.batch.paths import SUPPORTED_EXTENSIONS, unsupported_reason
from service.engine.engine import Engine, RequestOptions
from service.engine.pseudonymize import SurrogateBook
from service.errors import InputError
from service.pipeline import redact_document
from service.report import summary
from service.store import StoreError

logger = logging.getLogger("tanon.batch")


@dataclass(frozen=True)
class FileOutcome:
    ok: bool
    format: str | None = None
    data: bytes | None = None
    entities_by_type: dict[str, int] = field(default_factory=dict)
    replacements: int = 0
    surrogates_used: list[str] = field(default_factory=list)
    error: str | None = None
    warnings: list[dict] = field(default_factory=list)

    def summary(self) -> dict:
        """What a report says about the file: counts and surrogate labels, never originals."""
        out = {
            "entities_by_type": self.entities_by_type,
            "replacements": self.replacements,
            "surrogates_used": self.surrogates_used,
        }
        if self.warnings:  # e.g. a placeholder that collides with an issued surrogate
            out["warnings"] = self.warnings
        return out


def failed(reason: str) -> FileOutcome:
    return FileOutcome(ok=False, error=reason)


def input_reason(exc: InputError) -> str:
    """The reason without the file name (reports list the path beside it); format errors
    already say where in the file."""
    return exc.reason


def redact_bytes(
    engine: Engine, data: bytes, *, name: str, max_bytes: int, book: SurrogateBook | None, options: RequestOptions
) -> FileOutcome:
    suffix = PurePosixPath(name).suffix
    if suffix.lower() not in SUPPORTED_EXTENSIONS:  # listed in the job's report with the reason, never read
        return failed(f"skipped: {unsupported_reason(suffix)}")
    try:
        document = redact_document(engine, data, name=name, max_bytes=max_bytes, book=book, options=options)
    except InputError as exc:  # unreadable, malformed, too long, another language
        return failed(input_reason(exc))
    except (StoreError, sa.exc.SQLAlchemyError) as exc:
        return failed(f"project store error ({exc.__class__.__name__})")
    except Exception as exc:  # a bug on one file must not stop the batch; its message may quote text
        logger.warning("a file could not be redacted: internal error (%s)", exc.__class__.__name__)
        return failed(f"internal error ({exc.__class__.__name__})")
    report = summary(document.redaction)
    return FileOutcome(
        ok=True,
        format=document.format,
        data=document.data,
        entities_by_type=report["entities_by_type"],
        replacements=report["replacements"],
        surrogates_used=report["surrogates_used"],
        warnings=document.warnings,
    )
