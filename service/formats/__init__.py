"""Transcript file formats: bytes -> Transcript (one text for the engine) -> bytes.

``read`` turns a file into a Transcript whose ``text`` is what the engine
analyzes; ``write`` splices the engine's replacements back into the original
file through the offset map (offsets.py), changing nothing outside the
replaced spans.  With no replacements the file comes back byte-identical.

Choices worth knowing:
- A replacement spanning two pieces (cue lines, DOCX runs, JSON words) puts
  the surrogate in the first piece and removes the rest.  In VTT/SRT a cue
  line left empty that way is removed with its line break (an empty line would
  end the cue); the cue, its number and its timing stay.
- JSON word lists: the first word a replacement touches gets the surrogate,
  later covered words become "" (entries and timings are kept).
- Text formats never gain line breaks from a surrogate (they become spaces);
  VTT surrogates are HTML-escaped; control characters are dropped in DOCX.
- ``write(..., undo=[])`` also collects what ``restore`` needs to rebuild the
  original file byte for byte from the written one (re-identification).
"""
from __future__ import annotations

from typing import Sequence

from service.models import Replacement

from . import docx, json_stt, otter, srt, text, vtt
from .base import FormatError, FormatHandler, Segment, Transcript
from .detect import detect_format, refuse_unsupported
from .offsets import check_replacements
from .textfile import decode

FORMATS: dict[str, FormatHandler] = {
    handler.name: handler
    for handler in (text.HANDLER, otter.HANDLER, vtt.HANDLER, srt.HANDLER, docx.HANDLER, json_stt.HANDLER)
}
DEFAULT_MAX_BYTES = 20_000_000


def read(data: bytes, *, filename: str | None = None, format: str | None = None,
         max_bytes: int = DEFAULT_MAX_BYTES) -> Transcript:
    if len(data) > max_bytes:
        raise FormatError(format, f"is {len(data)} bytes, over the {max_bytes}-byte limit")
    refuse_unsupported(data)
    if format is None:
        format = detect_format(data, filename)
    if format not in FORMATS:
        # Not FormatError(format, ...): the name the caller asked for is not repeated back.
        raise FormatError(None, f"unknown format; expected one of {', '.join(FORMATS)}")
    return FORMATS[format].read(data)


def decode_text(data: bytes) -> str:
    """A text file's characters, decoded strictly as the text format reads it (UTF-8 or a UTF
    BOM; no NUL bytes), every character kept: offsets into it are offsets into the file."""
    return decode(data, "text")[0]


def write(transcript: Transcript, replacements: Sequence[Replacement], *, undo: list | None = None) -> bytes:
    """The original file with each replacement spliced in (ValueError if they overlap).

    ``undo``, if given, receives what ``restore`` needs to turn the written bytes back
    into the original file exactly: plain JSON-ready lists holding the replaced source
    text only (names, and a line a replacement emptied), never the rest of the file.
    """
    ordered = check_replacements(replacements, len(transcript.text))
    return FORMATS[transcript.format].write(transcript, ordered, undo=undo)


def restore(data: bytes, format: str, undo: Sequence) -> bytes:
    """The file that ``write`` was given, from exactly the bytes it returned and its ``undo``.

    FormatError if ``data`` cannot hold those edits (it is not what ``write`` returned).
    """
    if format not in FORMATS:
        raise FormatError(format, "unknown format")
    try:
        return FORMATS[format].restore(data, undo)
    except (TypeError, ValueError, IndexError, KeyError) as exc:
        if isinstance(exc, FormatError):
            raise
        raise FormatError(format, "does not match its redaction record") from None


def content_type(format: str) -> str:
    if format not in FORMATS:
        raise FormatError(format, "unknown format")
    return FORMATS[format].content_type


__all__ = ["FORMATS", "FormatError", "FormatHandler", "Segment", "Transcript", "content_type",
           "decode_text", "detect_format", "read", "restore", "write"]
