"""A batch over a folder that holds more than transcripts, or that cannot all be written:
every file is listed with what happened to it, and one bad spot never stops the rest."""
from __future__ import annotations

import json
import os

import pytest

from service.batch.runner import BatchRequest
from service.errors import InputError

from .conftest import batch

SPEECH = "Interviewer: Thanks for coming.\nDana Whitlock: Glad to help, Dana Whitlock here.\n"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _folder(tmp_path):
    in_dir = tmp_path / "in"
    (in_dir / "sub").mkdir(parents=True)
    (in_dir / "a.txt").write_text(SPEECH, encoding="utf-8")
    (in_dir / "sub" / "b.txt").write_text(SPEECH, encoding="utf-8")
    (in_dir / "slides.pdf").write_bytes(b"%PDF-1.7\n")
    (in_dir / "scan.txt").write_bytes(b"%PDF-1.7\n%binary\n")  # a PDF under a transcript's name
    return in_dir


def _rows(out_dir):
    return {row["path"]: row for row in json.loads((out_dir / "report.json").read_text(encoding="utf-8"))["files"]}


def test_files_that_are_not_transcripts_are_listed_with_the_reason_and_the_rest_is_redacted(engine, tmp_path):
    in_dir = _folder(tmp_path)
    out_dir = tmp_path / "out"
    summary = batch(BatchRequest(in_dir, out_dir), engine=engine)
    rows = _rows(out_dir)
    assert rows["slides.pdf"]["status"] == "skipped" and ".pdf file is not a transcript" in rows["slides.pdf"]["error"]
    assert rows["scan.txt"]["status"] == "failed"
    assert rows["scan.txt"]["error"] == "PDF is not supported: export the transcript as DOCX or TXT"
    assert rows["a.txt"]["status"] == rows["sub/b.txt"]["status"] == "ok"
    assert (summary.ok, summary.failed, summary.skipped) == (2, 1, 1)
    assert "Whitlock" not in (out_dir / "sub" / "b.txt").read_text(encoding="utf-8")
    assert "slides" in (out_dir / "report.csv").read_text(encoding="utf-8")


def test_a_file_name_at_the_file_system_limit_is_redacted(engine, tmp_path):
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    name = "i" * 251 + ".txt"  # 255 bytes: no room for a temporary name built from it
    (in_dir / name).write_text(SPEECH, encoding="utf-8")
    out_dir = tmp_path / "out"
    summary = batch(BatchRequest(in_dir, out_dir), engine=engine)
    assert (summary.ok, summary.failed) == (1, 0)
    assert "Whitlock" not in (out_dir / name).read_text(encoding="utf-8")


def test_one_output_folder_that_cannot_be_written_fails_its_files_only(engine, tmp_path):
    in_dir = _folder(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "sub").write_text("a file where the output folder should be", encoding="utf-8")
    summary = batch(BatchRequest(in_dir, out_dir), engine=engine)
    rows = _rows(out_dir)
    assert rows["sub/b.txt"]["status"] == "failed" and rows["sub/b.txt"]["error"].startswith("cannot write the output")
    assert rows["a.txt"]["status"] == "ok" and not any(row["status"] == "pending" for row in rows.values())
    assert summary.return_code == 1


@pytest.mark.skipif(AS_ROOT, reason="root writes into read-only folders")
def test_a_read_only_output_folder_is_refused_with_the_reason(engine, tmp_path):
    in_dir = _folder(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out_dir.chmod(0o555)
    try:
        with pytest.raises(InputError, match="cannot write to the output folder"):
            batch(BatchRequest(in_dir, out_dir), engine=engine)
    finally:
        out_dir.chmod(0o755)


@pytest.mark.skipif(AS_ROOT, reason="root writes into read-only folders")
def test_a_read_only_subfolder_fails_its_files_and_the_run_goes_on(engine, tmp_path):
    in_dir = _folder(tmp_path)
    out_dir = tmp_path / "out"
    batch(BatchRequest(in_dir, out_dir), engine=engine)
    (in_dir / "sub" / "b.txt").write_text(SPEECH + "More.\n", encoding="utf-8")  # to be redone
    (in_dir / "a.txt").write_text(SPEECH + "More.\n", encoding="utf-8")
    (out_dir / "sub").chmod(0o555)
    try:
        batch(BatchRequest(in_dir, out_dir), engine=engine)
    finally:
        (out_dir / "sub").chmod(0o755)
    rows = _rows(out_dir)
    assert rows["sub/b.txt"]["status"] == "failed" and "Permission denied" in rows["sub/b.txt"]["error"]
    assert rows["a.txt"]["status"] == "ok"
