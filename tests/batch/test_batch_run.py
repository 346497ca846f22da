"""``tanon batch`` in this process with the session engine: outputs, reports, refusals, resume."""
from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import subprocess
import sys

import pytest
import yaml

from service import cli, formats
from service.batch.backends import pool_context
from service.batch.runner import BatchRequest
from service.config import DEFAULT_CONFIG_PATH, get_settings
from service.errors import InputError
from service.store import ProjectStore

from .conftest import CORRUPT, EXPECTED_FORMATS, NAMES, batch, docx_bytes, outputs, temp_files, tree_digest


def run(engine, in_dir, out_dir, **options):
    return batch(BatchRequest(in_dir, out_dir, **options), engine=engine)


def test_batch_redacts_every_format_into_the_same_paths(engine, mixed_folder, tmp_path):
    before = tree_digest(mixed_folder)
    out_dir = tmp_path / "out"
    summary = run(engine, mixed_folder, out_dir)

    assert (summary.files, summary.ok, summary.failed, summary.return_code) == (11, 10, 1, 1)
    produced = outputs(out_dir)
    assert sorted(produced) == sorted(EXPECTED_FORMATS)  # the corrupt, hidden and .md files have no output
    for rel, data in produced.items():
        assert formats.read(data, filename=rel).format == EXPECTED_FORMATS[rel]  # same format, still readable
        assert data != (mixed_folder / rel).read_bytes()
        assert not any(name.encode() in data for name in NAMES), rel
    assert tree_digest(mixed_folder) == before  # IN_DIR untouched
    assert temp_files(out_dir) == []


def test_batch_reports_each_file_and_never_a_name(engine, mixed_folder, tmp_path):
    out_dir = tmp_path / "out"
    run(engine, mixed_folder, out_dir)
    report = json.loads((out_dir / "report.json").read_text(encoding="utf-8"))
    by_path = {row["path"]: row for row in report["files"]}

    assert report["totals"]["files"] == 11 and report["totals"]["ok"] == 10 and report["totals"]["failed"] == 1
    broken = by_path[CORRUPT]
    assert broken["status"] == "failed" and "ends before it starts" in broken["error"] and broken["format"] is None
    for rel, expected in EXPECTED_FORMATS.items():
        row = by_path[rel]
        assert row["status"] == "ok" and row["format"] == expected and row["error"] is None
        assert sum(row["entities_by_type"].values()) >= 1 and row["surrogates_used"]
    assert by_path["interview.txt"]["entities_by_type"]["PERSON"] >= 2
    assert any(label.startswith("[Person ") for label in by_path["interview.txt"]["surrogates_used"])

    rows = list(csv.DictReader(io.StringIO((out_dir / "report.csv").read_text(encoding="utf-8"))))
    assert [r["path"] for r in rows] == sorted(by_path)
    assert by_path["notes.md"]["status"] == "skipped" and ".md file is not a transcript" in by_path["notes.md"]["error"]
    csv_broken = next(r for r in rows if r["path"] == CORRUPT)
    assert csv_broken["status"] == "failed" and csv_broken["error"] == broken["error"]
    assert int(next(r for r in rows if r["path"] == "interview.txt")["PERSON"]) >= 2

    for name in ("report.json", "report.csv", ".tanon-batch/manifest.json"):
        text = (out_dir / name).read_text(encoding="utf-8")
        assert not any(part in text for n in NAMES for part in n.split()), name


def test_batch_keeps_one_surrogate_per_name_across_files(engine, tmp_path):
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    for i in range(3):
        (in_dir / f"session_{i}.txt").write_text(
            f"Interviewer: Session {i}.\nDana Whitfield: I still work at Northwind Analytics Inc. with Omar Haddad.\n",
            encoding="utf-8")
    (in_dir / "notes.docx").write_bytes(docx_bytes("Dana Whitfield joined Northwind Analytics Inc. last year."))
    out_dir = tmp_path / "out"
    run(engine, in_dir, out_dir)

    texts = [(out_dir / f"session_{i}.txt").read_text(encoding="utf-8") for i in range(3)]
    assert len(set(texts) - {texts[0]}) == 2  # the lines differ only by the session number
    first = texts[0].splitlines()[1]
    assert all(t.splitlines()[1] == first for t in texts)
    label = first.split(":")[0]
    assert label.startswith("[Person")
    assert label.encode() in (out_dir / "notes.docx").read_bytes() or label in formats.read(
        (out_dir / "notes.docx").read_bytes(), filename="notes.docx").text
    # The per-batch store holds the re-identification key, readable with the key beside it.
    state = out_dir / ".tanon-batch"
    assert (state / "store.key").stat().st_mode & 0o777 == 0o600
    with ProjectStore(str(state / "store.sqlite3"), key=(state / "store.key").read_bytes()) as store:
        key = store.export_key(store.get_project("batch").id)
    assert [e["surrogate"] for e in key if e["original"] == "Dana Whitfield"] == [label]


def test_batch_resume_skips_done_files_and_redoes_changed_ones(engine, mixed_folder, tmp_path):
    out_dir = tmp_path / "out"
    run(engine, mixed_folder, out_dir)
    kept = out_dir / "calls" / "zoom.vtt"
    stat_before = kept.stat()
    changed = mixed_folder / "interview.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "Interviewer: Thanks, Dana Whitfield.\n", encoding="utf-8")

    summary = run(engine, mixed_folder, out_dir)
    report = {row["path"]: row for row in json.loads((out_dir / "report.json").read_text())["files"]}
    assert summary.from_earlier_runs == 9  # everything but the changed file and the corrupt one
    assert report["interview.txt"]["from_earlier_run"] is False and report["calls/zoom.vtt"]["from_earlier_run"] is True
    assert report[CORRUPT]["status"] == "failed" and report[CORRUPT]["from_earlier_run"] is False  # failures are retried
    assert (kept.stat().st_ino, kept.stat().st_mtime_ns) == (stat_before.st_ino, stat_before.st_mtime_ns)
    assert b"Thanks, [Person" in (out_dir / "interview.txt").read_bytes()


def test_batch_redoes_every_file_for_another_engine_configuration(engine, mixed_folder, tmp_path):
    out_dir = tmp_path / "out"
    run(engine, mixed_folder, out_dir)
    assert run(engine, mixed_folder, out_dir).from_earlier_runs == 10
    config = yaml.safe_load(DEFAULT_CONFIG_PATH.read_text(encoding="utf-8"))
    config["decide"]["score_threshold"] = 0.45
    config["base_dir"] = str(DEFAULT_CONFIG_PATH.parent)
    changed = tmp_path / "engine.yaml"
    changed.write_text(yaml.safe_dump(config), encoding="utf-8")
    assert run(engine, mixed_folder, out_dir, config=changed).from_earlier_runs == 0


def test_batch_removes_an_old_output_when_its_input_now_fails(engine, tmp_path):
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    (in_dir / "a.txt").write_text("Dana Whitfield: hello.\n", encoding="utf-8")
    run(engine, in_dir, out_dir)
    assert (out_dir / "a.txt").exists()
    (in_dir / "a.txt").write_bytes(b"caf\xe9")
    assert run(engine, in_dir, out_dir).failed == 1
    assert not (out_dir / "a.txt").exists()


def test_batch_refuses_an_input_named_like_the_report(engine, tmp_path):
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    (in_dir / "report.json").write_text('{"segments": [{"text": "Dana Whitfield"}]}', encoding="utf-8")
    assert run(engine, in_dir, out_dir).failed == 1
    report = json.loads((out_dir / "report.json").read_text(encoding="utf-8"))
    assert "rename it" in report["files"][0]["error"]


def test_batch_sweeps_temporary_files_left_by_a_killed_run(engine, mixed_folder, tmp_path):
    out_dir = tmp_path / "out"
    run(engine, mixed_folder, out_dir)
    strays = [out_dir / "calls" / ".tanon-abcd1234.tmp", out_dir / "calls" / ".zoom.vtt.abcd1234.tmp"]
    for stray in strays:  # the temporary names of this version and of earlier ones
        stray.write_bytes(b"half a file")
    mine = out_dir / "calls" / "keep.tmp"  # not a name write_atomic makes: left alone
    mine.write_bytes(b"the user's")
    run(engine, mixed_folder, out_dir)
    assert not any(stray.exists() for stray in strays) and mine.exists()


HOLD_LOCK = """
import sys
from pathlib import Path
from service.batch.runner import _exclusive
with _exclusive(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_batch_refuses_a_folder_another_run_is_writing_to_until_that_run_dies(engine, mixed_folder, tmp_path):
    out_dir = tmp_path / "out"
    (out_dir / ".tanon-batch").mkdir(parents=True)
    other = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out_dir / ".tanon-batch")],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline() == "held\n"
        with pytest.raises(InputError, match="another tanon batch is writing to this folder"):
            run(engine, mixed_folder, out_dir)
        assert not (out_dir / "report.json").exists()
    finally:
        other.kill()  # no clean exit: the OS releases the lock
        other.wait()
    assert run(engine, mixed_folder, out_dir).ok == 10


@pytest.mark.parametrize("methods, expected", [(["fork", "spawn", "forkserver"], "forkserver"), (["spawn"], "spawn")])
def test_worker_processes_start_from_a_fork_server_where_the_platform_has_one(monkeypatch, methods, expected):
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: methods)
    assert pool_context().get_start_method() == expected


@pytest.mark.parametrize(
    "layout, message",
    [
        (lambda t: (t / "in", t / "in"), "is the input folder"),
        (lambda t: (t / "in", t / "in" / "out"), "inside the input folder"),
        (lambda t: (t / "out" / "in", t / "out"), "inside the output folder"),
        (lambda t: (t / "missing", t / "out"), "no such folder"),
    ],
)
def test_cli_batch_refuses_bad_folders_with_exit_2(tmp_path, capsys, layout, message):
    in_dir, out_dir = layout(tmp_path)
    if "missing" not in str(in_dir):
        in_dir.mkdir(parents=True)
        (in_dir / "a.txt").write_text("Dana Whitfield: hi\n", encoding="utf-8")
    before = tree_digest(tmp_path)
    assert cli.main(["batch", str(in_dir), str(out_dir)]) == 2
    assert message in capsys.readouterr().err
    assert tree_digest(tmp_path) == before


def test_cli_batch_refuses_workers_with_dask_and_zero_workers(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    assert cli.main(["batch", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "0"]) == 2
    assert "must be 1 or more" in capsys.readouterr().err
    assert cli.main(["batch", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "2",
                     "--dask", "tcp://127.0.0.1:1"]) == 2
    assert "either --workers" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_cli_batch_exit_codes_0_when_all_ok_and_1_when_some_failed(tmp_path, capsys, no_store_env):
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    (in_dir / "a.txt").write_text("Dana Whitfield: I work at Northwind Analytics Inc.\n", encoding="utf-8")
    assert cli.main(["batch", str(in_dir), str(tmp_path / "out")]) == 0
    assert "1 redacted, 0 failed" in capsys.readouterr().err
    (in_dir / "b.srt").write_text("1\n00:00:02,000 --> 00:00:01,000\nDana\n", encoding="utf-8")
    assert cli.main(["batch", str(in_dir), str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "1 of 2 files could not be redacted" in err and "report.json" in err and "Dana" not in err


def test_cli_batch_with_an_unknown_project_is_exit_2(tmp_path, capsys, store_settings, monkeypatch):
    monkeypatch.setenv("TANON_STORE_URL", store_settings.store_url)
    monkeypatch.setenv("TANON_STORE_KEY", store_settings.store_key.get_secret_value())
    get_settings.cache_clear()
    try:
        (tmp_path / "in").mkdir()
        assert cli.main(["batch", str(tmp_path / "in"), str(tmp_path / "out"), "--project", "nope"]) == 2
    finally:
        get_settings.cache_clear()
    assert "no project with that name" in capsys.readouterr().err


def test_batch_with_project_shares_the_study_surrogates(engine, tmp_path, store_settings):
    settings = store_settings
    with ProjectStore(settings.store_url, key=settings.store_key.get_secret_value()) as store:
        project = store.create_project("study")
        store.add_term(project.id, "Northwind Analytics", "ORGANIZATION", surrogate="Company Q")
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    (in_dir / "a.txt").write_text("Dana Whitfield: I moved to Northwind last year.\n", encoding="utf-8")
    for out in ("out1", "out2"):
        summary = batch(BatchRequest(in_dir, tmp_path / out, project="study"), store_at=settings, engine=engine)
        assert summary.ok == 1
    first, second = (tmp_path / "out1" / "a.txt").read_text(), (tmp_path / "out2" / "a.txt").read_text()
    assert first == second and "[Company Q]" in first and "Northwind" not in first
    assert not (tmp_path / "out1" / ".tanon-batch" / "store.sqlite3").exists()  # the study's store was used
    assert json.loads((tmp_path / "out1" / "report.json").read_text())["project"] == "study"


def test_batch_outputs_are_private_files(engine, mixed_folder, tmp_path):
    out_dir = tmp_path / "out"
    run(engine, mixed_folder, out_dir)
    assert (out_dir / ".tanon-batch").stat().st_mode & 0o777 == 0o700
    assert os.stat(out_dir / "interview.txt").st_mode & 0o077 == 0
