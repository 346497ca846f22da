"""Which files a batch takes, where their outputs go, and which folders it refuses.

IN_DIR is only ever read. Outputs mirror IN_DIR's relative paths under OUT_DIR; the
batch's own state (manifest, per-batch store and key) lives in ``OUT_DIR/.tanon-batch/``.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from service.atomic_files import is_temp_name
from service.errors import InputError

SUPPORTED_EXTENSIONS = frozenset({".txt", ".vtt", ".srt", ".docx", ".json"})
STATE_DIR_NAME = ".tanon-batch"
REPORT_JSON, REPORT_CSV = "report.json", "report.csv"


def check_dirs(in_dir: Path, out_dir: Path) -> tuple[Path, Path]:
    """Both folders, resolved; refuses overlapping ones so the input can never be touched."""
    if not in_dir.exists():
        raise InputError(str(in_dir), "no such folder")
    if not in_dir.is_dir():
        raise InputError(str(in_dir), "is not a folder")
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(str(out_dir), "exists and is not a folder")
    source, target = in_dir.resolve(), out_dir.resolve()
    if target == source:
        raise InputError(str(out_dir), "is the input folder; choose another output folder (the input is never modified)")
    if target.is_relative_to(source):
        raise InputError(str(out_dir), "is inside the input folder; choose an output folder outside it")
    if source.is_relative_to(target):
        raise InputError(str(in_dir), "is inside the output folder; choose an output folder outside it")
    return source, target


def discover(in_dir: Path) -> list[str]:
    """Relative POSIX paths of the supported files under ``in_dir``, sorted."""
    return discover_all(in_dir)[0]


def discover_all(in_dir: Path) -> tuple[list[str], dict[str, str]]:
    """The supported files under ``in_dir`` (relative POSIX paths, sorted), and every other
    file the batch leaves alone, with the reason (for the report).

    Hidden files and folders (``.git``, ``.DS_Store``) are passed over without a word;
    symbolic links are skipped: a link could lead outside the folder the user chose.
    """
    found, skipped = [], {}
    for root, dirs, files in os.walk(in_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith("."):
                continue
            path = Path(root, name)
            rel = path.relative_to(in_dir).as_posix()
            if path.is_symlink():
                skipped[rel] = "skipped: a symbolic link (only files inside IN_DIR are read)"
            elif path.suffix.lower() not in SUPPORTED_EXTENSIONS:
                skipped[rel] = f"skipped: {unsupported_reason(path.suffix)}"
            else:
                found.append(rel)
    return sorted(found), dict(sorted(skipped.items()))


def unsupported_reason(suffix: str) -> str:
    """Why a file with this extension is not read, and what is."""
    kind = f"a {suffix.lower()} file" if suffix else "a file without an extension"
    return f"{kind} is not a transcript this service reads ({' '.join(sorted(SUPPORTED_EXTENSIONS))})"


def is_reserved_output(rel_path: str) -> bool:
    """True for an input whose output would overwrite the batch's own report."""
    return rel_path.lower() in (REPORT_JSON, REPORT_CSV)


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def sweep_temp_files(out_dir: Path) -> int:
    """Remove the temporary files of writes a killed run left unfinished; returns how many.

    Only in a folder that a batch wrote before (it has the state folder), and only names
    of the form ``write_atomic`` uses, so no file of the user's is ever touched.
    """
    if not (out_dir / STATE_DIR_NAME).is_dir():
        return 0
    removed = 0
    for root, _, files in os.walk(out_dir, followlinks=False):
        for name in files:
            if is_temp_name(name):
                try:
                    Path(root, name).unlink(missing_ok=True)
                except OSError:  # a folder that cannot be written; its files fail with the reason
                    continue
                removed += 1
    return removed
