"""Reading the files a user names on the command line (or a batch folder holds), with errors
that name the file and say what is wrong; outputs are written with ``service.atomic_files``."""
from __future__ import annotations

from pathlib import Path

from service import formats
from service.errors import InputError

__all__ = ["read_input_file", "read_text_file"]


def read_input_file(path: Path, *, max_bytes: int) -> bytes:
    """The bytes of ``path``, refused with a reason when it is missing, a directory or too big."""
    try:
        if path.is_dir():
            raise InputError(str(path), "is a directory, not a transcript file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(str(path), f"is {size} bytes; the limit is {max_bytes} bytes")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None


def read_text_file(path: Path, *, max_bytes: int) -> str:
    """A plain-text transcript, decoded strictly (UTF-8 or a UTF BOM; no NUL bytes).

    The text is exactly the file's characters, so offsets into it are offsets into the file.
    """
    data = read_input_file(path, max_bytes=max_bytes)
    try:
        return formats.decode_text(data)
    except formats.FormatError as exc:
        raise InputError(str(path), exc.reason, line=exc.line) from None
