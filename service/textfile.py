"""Reading plain-text transcripts strictly, and writing outputs atomically."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from service.errors import InputError


def decode_text(data: bytes, *, path: str | None = None) -> str:
    """UTF-8 (with or without BOM) text, refused with the line of the first bad byte.

    Plain UTF-8 decoding accepts NUL bytes and lets UTF-16 without a BOM through as
    garbage; both are refused here rather than analyzed.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", line=line) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(path, "contains NUL bytes: not a text file (UTF-16 without a BOM?)", line=line)
    return text


def read_text_file(path: Path, *, max_bytes: int) -> str:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(str(path), "is a directory, not a transcript file")
        if size > max_bytes:
            raise InputError(str(path), f"is {size} bytes; the limit is {max_bytes} bytes")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    return decode_text(data, path=str(path))


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place, so a reader
    never sees half a file and an interrupted run leaves the old file intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
