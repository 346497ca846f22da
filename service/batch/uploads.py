"""Turning the files of a ``POST /v1/jobs`` into (path, bytes) pairs, safely.

A zip is checked whole before anything is inflated: member count, sizes and compression
ratios from its central directory (zip bombs, ``service.untrusted_zip``), member paths (no
absolute paths, drive letters, backslashes or ``..``: path traversal), no symbolic links
or encrypted members; members are inflated with a hard cap at their declared size.
Hidden files and ``__MACOSX/`` are left out; other files that are not transcripts are kept,
empty, so that the job lists each with the reason and redacts the rest. Errors name members
by number, never by name (file names can be names).
"""
from __future__ import annotations

import posixpath
import stat
from pathlib import PurePosixPath

from service.batch.paths import REPORT_JSON, SUPPORTED_EXTENSIONS
from service.errors import InputError
from service.untrusted_zip import ZIP_MAGIC, ZipLimits, ZipRefused, open_archive, read_member

MAX_JOB_FILES = 1000
MAX_JOB_BYTES = 200_000_000  # all files of a job, uncompressed
MAX_ZIP_MEMBERS = 10_000


class UploadError(InputError):
    """An upload that cannot become a job; the message is safe to return (no names)."""

    def __init__(self, reason: str) -> None:
        super().__init__(None, reason)


def is_zip(name: str | None, data: bytes) -> bool:
    return (name or "").lower().endswith(".zip") or (data.startswith(ZIP_MAGIC) and not _is_docx_name(name))


def collect_uploads(uploads: list[tuple[str | None, bytes]], *, max_file_bytes: int) -> list[tuple[str, bytes]]:
    """The transcripts of a job, in upload order: zips expanded, plain files by their base name."""
    files: list[tuple[str, bytes]] = []
    for number, (name, data) in enumerate(uploads, start=1):
        if is_zip(name, data):
            files.extend(extract_zip(data, max_file_bytes=max_file_bytes, upload=number))
            continue
        base = PurePosixPath((name or "").replace("\\", "/")).name
        if not _is_transcript(base):  # listed in the job's report as skipped, with the reason
            files.append((base or f"upload {number}", b""))
            continue
        if len(data) > max_file_bytes:
            raise UploadError(f"upload {number} is {len(data)} bytes; the limit is {max_file_bytes} bytes")
        files.append((base, data))
    _check_job(files)
    return files


def extract_zip(data: bytes, *, max_file_bytes: int, upload: int = 1) -> list[tuple[str, bytes]]:
    where = f"upload {upload}"
    limits = ZipLimits(max_total=MAX_JOB_BYTES, max_member=max_file_bytes, max_members=MAX_ZIP_MEMBERS)
    try:
        archive = open_archive(data, limits, checked=_is_wanted)
    except ZipRefused as refused:
        raise UploadError(f"{where}, {refused}" if refused.member else f"{where} {refused}") from None
    wanted = []
    for number, info in enumerate(archive.infolist(), start=1):
        member = f"{where}, zip member {number}"
        path = _member_path(info.filename, member)
        if info.is_dir():
            continue
        if stat.S_ISLNK(info.external_attr >> 16):
            raise UploadError(f"{member} is a symbolic link")
        if _is_transcript(path):
            wanted.append((path, info))
        elif not _is_hidden(path):
            wanted.append((path, None))  # not a transcript: listed, never inflated
    files = []
    for path, info in wanted:
        if info is None:
            files.append((path, b""))
            continue
        try:
            files.append((path, read_member(archive, info)))
        except ZipRefused as refused:
            raise UploadError(f"{where}, {refused}") from None
    return files


def _member_path(name: str, member: str) -> str:
    """A safe relative POSIX path for a zip member name, or UploadError."""
    problem = _path_problem(name)
    if problem is not None:
        raise UploadError(f"{member} {problem}")
    return _relative_path(name)


def _path_problem(name: str) -> str | None:
    if "\x00" in name or "\\" in name:
        return "has a backslash or NUL in its path"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "has an absolute path"
    if ".." in name.split("/"):
        return "has '..' in its path"
    return None


def _relative_path(name: str) -> str:
    parts = [p for p in name.split("/") if p not in ("", ".")]
    return posixpath.join(*parts) if parts else ""


def _is_wanted(info) -> bool:
    """A member the job takes (unsafe paths are refused on their own, before any inflating)."""
    return _path_problem(info.filename) is None and _is_transcript(_relative_path(info.filename))


def _is_hidden(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return not parts or any(p.startswith(".") or p == "__MACOSX" for p in parts)


def _is_transcript(path: str) -> bool:
    return not _is_hidden(path) and PurePosixPath(path).suffix.lower() in SUPPORTED_EXTENSIONS


def _is_docx_name(name: str | None) -> bool:
    return (name or "").lower().endswith(".docx")


def _check_job(files: list[tuple[str, bytes]]) -> None:
    if not any(_is_transcript(path) for path, _ in files):
        raise UploadError(f"no transcripts in the upload ({_supported()}, or a .zip of them)")
    if len(files) > MAX_JOB_FILES:
        raise UploadError(f"a job takes at most {MAX_JOB_FILES} files")
    if sum(len(data) for _, data in files) > MAX_JOB_BYTES:
        raise UploadError(f"a job takes at most {MAX_JOB_BYTES} bytes of transcripts")
    paths = [path for path, _ in files]
    if len(set(paths)) != len(paths):
        raise UploadError("two files have the same path; rename one")
    if REPORT_JSON in paths:
        raise UploadError(f"a file named {REPORT_JSON} at the top level would clash with the job's report; rename it")


def _supported() -> str:
    return " ".join(sorted(SUPPORTED_EXTENSIONS))
