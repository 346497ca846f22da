"""Opening zip archives that come from outside (Word documents, uploaded folders) within limits.

Everything is checked on the central directory before any member is inflated: member
count, duplicate names, encryption, compression method, each member's declared size and
compression ratio, and the total declared size and ratio. Members are then inflated in
chunks and never past their declared size (zipfile also checks each CRC), so a member
whose headers lie about its size costs no more memory than was checked.

Refusals name members by number, never by name (file names can be names).
"""
from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

ZIP_MAGIC = b"PK\x03\x04"
_READ_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
                NotImplementedError, RuntimeError)
_CHUNK = 1 << 16
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


@dataclass(frozen=True)
class ZipLimits:
    max_total: int  # declared uncompressed bytes of the checked members, together
    max_member: int | None = None  # declared uncompressed bytes of one member
    max_members: int = 10_000
    max_ratio: int = 100  # uncompressed:compressed, per member and in total
    ratio_check_above: int = 1_000_000  # small members compress "well" for harmless reasons


class ZipRefused(ValueError):
    """An archive refused before (or while) inflating it; the message holds no member names.

    ``reason`` completes a sentence about the archive ("has more than ...") or, when
    ``member`` is set, about that member ("zip member 3 is encrypted").
    """

    def __init__(self, reason: str, *, member: int | None = None, offset: int | None = None) -> None:
        super().__init__(reason if member is None else f"zip member {member} {reason}")
        self.member, self.offset = member, offset


def _every(info: zipfile.ZipInfo) -> bool:
    return True


def open_archive(
    data: bytes, limits: ZipLimits, *, checked: Callable[[zipfile.ZipInfo], bool] = _every
) -> zipfile.ZipFile:
    """``data`` as a zip archive whose declared sizes are within ``limits``.

    Size, ratio and compression method are checked on the members ``checked`` accepts
    (those the caller will read); count, names and encryption on every member.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _READ_ERRORS:
        raise ZipRefused("is not a readable zip archive (damaged or truncated)") from None
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise ZipRefused(f"has more than {limits.max_members} zip members")
    if len({info.filename for info in infos}) != len(infos):
        raise ZipRefused("has duplicate zip member names")
    total = compressed = 0
    for number, info in enumerate(infos, start=1):
        if info.flag_bits & 0x1:
            raise ZipRefused("is encrypted", member=number, offset=info.header_offset)
        if info.is_dir() or not checked(info):
            continue
        _check_member(info, number, limits)
        total += info.file_size
        compressed += info.compress_size
    if total > limits.max_total:
        raise ZipRefused(f"would expand to {total} bytes, over the {limits.max_total}-byte limit (possible zip bomb)")
    if total > limits.ratio_check_above and total > limits.max_ratio * max(compressed, 1):
        raise ZipRefused(f"is compressed more than {limits.max_ratio}:1 in total (possible zip bomb)")
    return archive


def _check_member(info: zipfile.ZipInfo, number: int, limits: ZipLimits) -> None:
    def refuse(reason: str) -> ZipRefused:
        return ZipRefused(reason, member=number, offset=info.header_offset)

    if info.compress_type not in _METHODS:
        raise refuse("uses an unsupported compression method")
    if info.file_size > limits.ratio_check_above and info.file_size > limits.max_ratio * max(info.compress_size, 1):
        raise refuse(f"is compressed more than {limits.max_ratio}:1 (possible zip bomb)")
    if limits.max_member is not None and info.file_size > limits.max_member:
        raise refuse(f"is {info.file_size} bytes; the limit is {limits.max_member} bytes")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The member's content, inflated chunk by chunk and never past its declared size."""
    declared, chunks, size = info.file_size, [], 0
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(min(_CHUNK, declared + 1 - size)):
                size += len(chunk)
                if size > declared:
                    break
                chunks.append(chunk)
    except _READ_ERRORS:
        raise _member_error(archive, info, "is damaged or truncated") from None
    if size != declared:
        raise _member_error(archive, info, "does not match its declared size")
    return b"".join(chunks)


def _member_error(archive: zipfile.ZipFile, info: zipfile.ZipInfo, reason: str) -> ZipRefused:
    return ZipRefused(reason, member=archive.infolist().index(info) + 1, offset=info.header_offset)
