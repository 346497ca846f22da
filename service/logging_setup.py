"""The ``tanon.*`` loggers: level from ``TANON_LOG_LEVEL``, lines as text or JSON
(``TANON_LOG_FORMAT=json``, one object per line for log collectors).

Messages are written by the product's own code, which never puts transcript text, names,
terms or keys in them. An exception's own message can hold anything (``KeyError('…')``
holds the key), so a logged exception shows its class and where it was raised, never its
message.
"""
from __future__ import annotations

import json
import logging
import sys
import traceback
from datetime import datetime, timezone
from typing import IO, Literal

LOGGER = "tanon"
LogFormat = Literal["text", "json"]


class _SafeExceptions(logging.Formatter):
    def formatException(self, exc_info) -> str:  # noqa: N802 (logging's name)
        kind, _, tb = exc_info
        frames = "".join(traceback.format_list(traceback.extract_tb(tb)))
        return f"Traceback (most recent call last):\n{frames}{kind.__name__} (message not logged)"


class TextFormatter(_SafeExceptions):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")


class JsonFormatter(_SafeExceptions):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, and
    ``exception`` (class and frames) when one is logged."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class _OwnHandler(logging.StreamHandler):
    """The handler this module installs (configuring again replaces it). Without a stream
    of its own it writes to whatever ``sys.stderr`` is when a record comes."""

    def __init__(self, stream: IO[str] | None) -> None:
        self._own_stream = stream
        super().__init__(stream)

    @property
    def stream(self) -> IO[str]:
        return self._own_stream or sys.stderr

    @stream.setter
    def stream(self, value: IO[str] | None) -> None:
        self._own_stream = value


def configure_logging(level: str | int = "INFO", format: LogFormat = "text", *, stream: IO[str] | None = None) -> None:
    """Give the ``tanon`` loggers a level and one handler (replacing the one set before)."""
    logger = logging.getLogger(LOGGER)
    for handler in [h for h in logger.handlers if isinstance(h, _OwnHandler)]:
        logger.removeHandler(handler)
    handler = _OwnHandler(stream)
    handler.setFormatter(JsonFormatter() if format == "json" else TextFormatter())
    logger.addHandler(handler)
    logger.setLevel(level.upper() if isinstance(level, str) else level)
    # A library's logging.config call with disable_existing_loggers (the default) silences
    # every logger that existed then; these are ours to configure.
    for name, existing in list(logging.root.manager.loggerDict.items()):
        if (name == LOGGER or name.startswith(LOGGER + ".")) and isinstance(existing, logging.Logger):
            existing.disabled = False
