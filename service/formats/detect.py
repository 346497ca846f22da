"""Choosing a format: by file extension, else by sniffing the content."""
from __future__ import annotations

import json
import os
import re

from .base import FormatError, UnsupportedDocument
from .otter import looks_like_otter
from .docx_package import OLE_MAGIC, ZIP_MAGIC
from .textfile import LineSource, decode, split_lines

_BY_EXTENSION = {".vtt": "vtt", ".srt": "srt", ".docx": "docx", ".docm": "docx", ".dotx": "docx",
                 ".json": "json"}
_SRT_START = re.compile(r"[ \t]*\d+[ \t]*\r?\n[ \t]*\d{1,3}:\d{2}:\d{2}[,.]\d{3}[ \t]+-->")


# Documents people export instead of a transcript: recognised by their first bytes, whatever
# the file is called, and refused with what to do instead.
_EXPORT_HINT = "export the transcript as DOCX or TXT"
_UNSUPPORTED = (
    (b"%PDF-", "PDF", _EXPORT_HINT),
    (b"{\\rtf", "RTF", _EXPORT_HINT),
    (OLE_MAGIC, "A legacy Word .doc file (or a password-protected document)",
     "save it as .docx without a password, or export the transcript as TXT"),
)
_OPEN_DOCUMENT = re.compile(rb"PK\x03\x04.{26}mimetype(application/vnd\.oasis\.opendocument\.[a-z.-]+)", re.S)


def refuse_unsupported(data: bytes) -> None:
    """FormatError naming the kind of document when ``data`` is a PDF, RTF, legacy Word or
    OpenDocument file: those are never transcripts this service can read."""
    for magic, kind, advice in _UNSUPPORTED:
        if data.startswith(magic):
            raise UnsupportedDocument(kind, advice)
    if _OPEN_DOCUMENT.match(data[:200]):
        raise UnsupportedDocument("OpenDocument (ODT)", _EXPORT_HINT)


def detect_format(data: bytes, filename: str | None = None) -> str:
    """Format name for ``data``: a known extension decides; .txt and unknown
    names are sniffed (so a .txt that is really VTT, SRT or Otter is read as such)."""
    extension = os.path.splitext(filename or "")[1].lower()
    if extension in _BY_EXTENSION:
        return _BY_EXTENSION[extension]
    if data.startswith(ZIP_MAGIC) or data.startswith(OLE_MAGIC):
        return "docx"
    text, encoding = decode(data, "text")
    head = text.lstrip()
    if head.startswith("WEBVTT"):
        return "vtt"
    if _SRT_START.match(head):
        return "srt"
    if head[:1] in ("{", "["):
        try:
            json.loads(text)
            return "json"
        except (ValueError, RecursionError):
            pass  # e.g. a plain transcript starting with "[00:01]"
    if looks_like_otter(LineSource(text, encoding, split_lines(text))):
        return "otter"
    return "text"


__all__ = ["detect_format", "FormatError", "refuse_unsupported"]
