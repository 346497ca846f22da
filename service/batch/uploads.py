"""Turning the files of a ``POST /v1/jobs`` into (path, bytes) pairs, safely.

A zip is checked whole before anything is inflated: member count, sizes and compression
ratios from its central directory (zip bombs), member paths (no absolute paths, drive
letters, backslashes or ``..``: path traversal), no symbolic links or encrypted members.
zipfile then stops each member at its declared size and checks its CRC. Members that are
not transcripts (other extensions, hidden files, ``__MACOSX/``) are left out. Errors name
members by number, never by name (file names can be names).
"""
from __future__ import annotations

import io
import posixpath
import stat
import zipfile
import zlib
from pathlib import PurePosixPath

from service.batch.paths import REPORT_JSON, SUPPORTED_EXTENSIONS

MAX_JOB_FILES = 1000
MAX_JOB_BYTES = 200_000_000  # all files of a job, uncompressed
MAX_ZIP_MEMBERS = 10_000
MAX_RATIO = 100  # compression ratio above which a large member is taken for a bomb
RATIO_CHECK_ABOVE = 1_000_000
_ZIP_MAGIC = b"PK\x03\x04"
_READ_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
                NotImplementedError, RuntimeError)


class UploadError(ValueError):
    """An upload that cannot become a job; the message is safe to return (no names)."""


def is_zip(name: str | None, data: bytes) -> bool:
    return (name or "").lower().endswith(".zip") or (data.startswith(_ZIP_MAGIC) and not _is_docx_name(name))


def collect_uploads(uploads: list[tuple[str | None, bytes]], *, max_file_bytes: int) -> list[tuple[str, bytes]]:
    """The transcripts of a job, in upload order: zips expanded, plain files by their base name."""
    files: list[tuple[str, bytes]] = []
    for number, (name, data) in enumerate(uploads, start=1):
        if is_zip(name, data):
            files.extend(extract_zip(data, max_file_bytes=max_file_bytes, upload=number))
            continue
        base = PurePosixPath((name or "").replace("\\", "/")).name
        if PurePosixPath(base).suffix.lower() not in SUPPORTED_EXTENSIONS:
            raise UploadError(f"upload {number}: not a supported transcript ({_supported()}) or a .zip of them")
        if len(data) > max_file_bytes:
            raise UploadError(f"upload {number} is {len(data)} bytes; the limit is {max_file_bytes} bytes")
        files.append((base, data))
    _check_job(files)
    return files


def extract_zip(data: bytes, *, max_file_bytes: int, upload: int = 1) -> list[tuple[str, bytes]]:
    where = f"upload {upload}"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _READ_ERRORS:
        raise UploadError(f"{where} is not a readable zip archive") from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise UploadError(f"{where} has more than {MAX_ZIP_MEMBERS} zip members")
    wanted, total = [], 0
    for number, info in enumerate(infos, start=1):
        member = f"{where}, zip member {number}"
        path = _member_path(info.filename, member)
        if info.is_dir():
            continue
        if stat.S_ISLNK(info.external_attr >> 16):
            raise UploadError(f"{member} is a symbolic link")
        if info.flag_bits & 0x1:
            raise UploadError(f"{member} is encrypted")
        if not _is_transcript(path):
            continue
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UploadError(f"{member} uses an unsupported compression method")
        if info.file_size > RATIO_CHECK_ABOVE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UploadError(f"{member} is compressed more than {MAX_RATIO}:1 (possible zip bomb)")
        if info.file_size > max_file_bytes:
            raise UploadError(f"{member} is {info.file_size} bytes; the limit is {max_file_bytes} bytes")
        total += info.file_size
        if total > MAX_JOB_BYTES:
            raise UploadError(f"{where} would expand to over {MAX_JOB_BYTES} bytes (possible zip bomb)")
        wanted.append((path, info, member))
    files = []
    for path, info, member in wanted:
        try:
            with archive.open(info) as handle:
                content = handle.read(info.file_size + 1)
        except _READ_ERRORS:
            raise UploadError(f"{member} is damaged") from None
        if len(content) != info.file_size:
            raise UploadError(f"{member} does not match its declared size")
        files.append((path, content))
    return files


def _member_path(name: str, member: str) -> str:
    """A safe relative POSIX path for a zip member name, or UploadError."""
    if "\x00" in name or "\\" in name:
        raise UploadError(f"{member} has a backslash or NUL in its path")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise UploadError(f"{member} has an absolute path")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise UploadError(f"{member} has '..' in its path")
    return posixpath.join(*parts) if parts else ""


def _is_transcript(path: str) -> bool:
    parts = PurePosixPath(path).parts
    if not parts or any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return False
    return PurePosixPath(path).suffix.lower() in SUPPORTED_EXTENSIONS


def _is_docx_name(name: str | None) -> bool:
    return (name or "").lower().endswith(".docx")


def _check_job(files: list[tuple[str, bytes]]) -> None:
    if not files:
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
