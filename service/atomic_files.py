"""Writing files atomically: a reader sees the old file or the new one, never half of one.

Every write goes to a temporary file beside the target (created mode 600, so private
files are never readable by others, not even for a moment), is flushed to disk, and is
then renamed into place (``write_atomic``) or linked into place only if the target does
not exist yet (``create_once``). A failed or interrupted write leaves no partial target,
and its temporary file is removed (a killed process leaves one behind that
``is_temp_name`` recognises, so it can be swept later).

The temporary name is short and fixed in length, so a target whose name is at the file
system's limit (255 bytes) can still be written.
"""
from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_PREFIX, TEMP_SUFFIX = ".tanon-", ".tmp"
# mkstemp adds 8 characters from [a-z0-9_]. The second form (".<target name>.<8>.tmp")
# is what earlier versions left behind.
_TEMP_NAME = re.compile(r"^\.tanon-[a-z0-9_]{8}\.tmp$|^\..+\.[a-z0-9_]{8}\.tmp$")


def is_temp_name(name: str) -> bool:
    """Whether ``name`` is a temporary file this module creates (left by a killed write)."""
    return _TEMP_NAME.match(name) is not None


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` (mode 600), creating its folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _temp_copy(path.parent, data) as tmp:
        os.replace(tmp, path)


def create_once(path: Path, data: bytes) -> bool:
    """Create ``path`` with ``data`` (mode 600) unless it exists; True if this call created it.

    Two processes racing to create the same file both succeed, and exactly one of them
    writes it: the file is never overwritten, and never seen half-written.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with _temp_copy(path.parent, data) as tmp:
        try:
            os.link(tmp, path)  # atomic, and fails if the file exists
        except FileExistsError:
            return False
    return True


@contextmanager
def _temp_copy(folder: Path, data: bytes) -> Iterator[str]:
    """A flushed temporary file holding ``data`` in ``folder``; removed on the way out
    unless it was renamed away."""
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)  # mode 600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        yield tmp
    finally:
        Path(tmp).unlink(missing_ok=True)
