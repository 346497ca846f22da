"""Fixtures for batch tests: folders of real transcripts in every format, settings with a
private project store, and helpers to compare folders.

PostgreSQL comes from the store tests' fixtures (``TANON_TEST_POSTGRES_URL`` or the URL
``bash .ci/postgres.sh`` creates; skipped when unset and unreachable).
"""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from service.batch.runner import BatchRequest, BatchSummary, run_batch
from service.config import Settings
from service.context import AppContext
from service.engine.engine import Engine
from service.store import generate_store_key
# The HTTP app over a real store (SQLite file and PostgreSQL), shared with the project tests.
from tests.projects.conftest import (  # noqa: F401  (fixtures, shared rather than duplicated)
    backend,
    client,
    settings,
    store,
    store_key,
    store_url,
)
from tests.store.conftest import postgres_base_url, postgres_url  # noqa: F401
from tests.builders import docx_bytes  # noqa: F401  (used by this folder's tests)

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "tests" / "formats" / "samples"
EXAMPLE = REPO / "examples" / "interview_03.txt"
# One sample per format (Otter and UTF-16 WebVTT included), copied into the batch folder.
MIXED = {
    "interview.txt": "interview.txt",
    "otter.txt": "calls/otter.txt",
    "zoom.vtt": "calls/zoom.vtt",
    "utf16_bom.vtt": "calls/utf16_bom.vtt",
    "inline_tags.srt": "subtitles/inline_tags.srt",
    "crlf_bom.srt": "subtitles/crlf_bom.srt",
    "whisper.json": "stt/whisper.json",
    "segments_list.json": "stt/segments_list.json",
}
EXPECTED_FORMATS = {
    "interview.txt": "text", "calls/otter.txt": "otter", "calls/zoom.vtt": "vtt", "calls/utf16_bom.vtt": "vtt",
    "subtitles/inline_tags.srt": "srt", "subtitles/crlf_bom.srt": "srt", "stt/whisper.json": "json",
    "stt/segments_list.json": "json", "word/interview.docx": "docx", "example.txt": "text",
}
CORRUPT = "calls/broken.vtt"
# Names in the inputs that must not survive in any output or report.
NAMES = ["Dana Whitfield", "Omar Haddad", "Nora Lindqvist", "Tomasz Brezina", "Ines Valdemar", "Priya Raman"]


def batch(request: BatchRequest, *, engine: Engine | None = None, store_at: Settings | None = None) -> BatchSummary:
    """One batch run in this process with an application context of its own, as ``tanon batch``
    has (``engine``: the session engine, for runs in this process; ``store_at``: settings that
    point at a project store)."""
    with AppContext(store_at, engine=engine, create_store_key=True) as context:
        return run_batch(request, context, progress=False)


def make_mixed_folder(root: Path) -> Path:
    """Every format, nested folders, one corrupt file, and files a batch must skip."""
    for sample, rel in MIXED.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SAMPLES / sample, target)
    shutil.copyfile(EXAMPLE, root / "example.txt")
    (root / "word").mkdir()
    (root / "word" / "interview.docx").write_bytes(docx_bytes(
        "Interviewer: Thanks for joining, Dana.",
        "Dana Whitfield: I work with Dr. Omar Haddad at Northwind Analytics Inc.",
    ))
    # A WebVTT file with a reversed cue: refused by the reader, so reported and skipped.
    (root / CORRUPT).write_text("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nNora Lindqvist: hello\n", encoding="utf-8")
    (root / "notes.md").write_text("Dana Whitfield\n", encoding="utf-8")  # not a transcript type
    (root / ".hidden").mkdir()
    (root / ".hidden" / "secret.txt").write_text("Dana Whitfield\n", encoding="utf-8")
    return root


def tree_digest(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``root`` (hidden ones too)."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def outputs(out_dir: Path) -> dict[str, bytes]:
    """The redacted files of a batch (no reports, no state)."""
    return {
        p.relative_to(out_dir).as_posix(): p.read_bytes()
        for p in sorted(out_dir.rglob("*"))
        if p.is_file() and ".tanon-batch" not in p.relative_to(out_dir).parts
        and p.relative_to(out_dir).as_posix() not in ("report.json", "report.csv")
    }


def temp_files(root: Path) -> list[str]:
    return [p.name for p in root.rglob("*.tmp")]


@pytest.fixture
def mixed_folder(tmp_path) -> Path:
    return make_mixed_folder(tmp_path / "in")


@pytest.fixture
def store_settings(tmp_path) -> Settings:
    """Settings with a private SQLite project store (for --project runs)."""
    return Settings(store_url=str(tmp_path / "store" / "projects.sqlite3"), store_key=generate_store_key().decode())


@pytest.fixture
def no_store_env(monkeypatch):
    for name in [n for n in os.environ if n.startswith("TANON_STORE")]:
        monkeypatch.delenv(name)
