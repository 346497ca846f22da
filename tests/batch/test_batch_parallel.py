"""Parallel batches: a process pool and a real Dask cluster give the same bytes as one
worker, and a run killed with SIGKILL resumes without redoing or half-writing a file."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from service import formats
from service.batch.runner import BatchRequest
from service.config import Settings
from service.store import ProjectStore, generate_store_key

from .conftest import EXAMPLE, NAMES, batch, docx_bytes, make_mixed_folder, outputs, temp_files, tree_digest

REPO = EXAMPLE.parent.parent
PEOPLE = ["Dana Whitfield", "Omar Haddad", "Nora Lindqvist", "Tomasz Brezina", "Ines Valdemar"]


def shared_names_folder(root, copies: int = 6, repeat: int = 1):
    """Files that share names in different orders, so surrogate numbers depend on file order."""
    example = EXAMPLE.read_text(encoding="utf-8")
    root.mkdir(parents=True)
    for i in range(copies):
        first, second = PEOPLE[i % len(PEOPLE)], PEOPLE[(i + 2) % len(PEOPLE)]
        body = f"Interview {i} - {first}\n\nInterviewer: Thanks, {first}. You worked with {second}?\n\n"
        (root / f"interview_{i:02d}.txt").write_text(body + example * repeat, encoding="utf-8")
    (root / "notes.docx").write_bytes(docx_bytes(f"{PEOPLE[3]} met {PEOPLE[0]} at Northwind Analytics Inc."))
    return root


def serial(engine, in_dir, out_dir, **options):
    return batch(BatchRequest(in_dir, out_dir, **options), engine=engine)


def test_two_workers_give_the_same_files_as_one(engine, tmp_path):
    in_dir = shared_names_folder(tmp_path / "in")
    make_mixed_folder(in_dir / "mixed")
    serial(engine, in_dir, tmp_path / "one")
    summary = batch(BatchRequest(in_dir, tmp_path / "two", workers=2))

    assert summary.failed == 1 and summary.ok == summary.files - 1  # the corrupt sample
    one, two = outputs(tmp_path / "one"), outputs(tmp_path / "two")
    assert sorted(one) == sorted(two) and all(one[rel] == two[rel] for rel in one)
    # One surrogate per person across every file, whichever worker wrote it.
    state = tmp_path / "two" / ".tanon-batch"
    with ProjectStore(str(state / "store.sqlite3"), key=(state / "store.key").read_bytes()) as store:
        key = store.export_key(store.get_project("batch").id)
    assert len({(e["entity_type"], e["original"]) for e in key}) == len(key)  # one entity, one surrogate
    assert len({e["surrogate"] for e in key}) == len(key)
    variants = {v for e in key for v in e["variants"]}
    assert all(any(name in v for v in variants) for name in PEOPLE)
    assert temp_files(tmp_path / "two") == []


def _done(manifest) -> set[str]:
    try:
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError):
        return set()
    return {f["path"] for f in files if f["status"] == "ok"}


def test_a_killed_run_resumes_and_finishes_every_file_once(engine, tmp_path):
    in_dir = shared_names_folder(tmp_path / "in", copies=20, repeat=6)
    out_dir = tmp_path / "out"
    before = tree_digest(in_dir)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANON_STORE")}
    process = subprocess.Popen(
        [sys.executable, "-c", "from service.cli import entry_point; entry_point()",
         "batch", str(in_dir), str(out_dir), "--workers", "2"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    manifest = out_dir / ".tanon-batch" / "manifest.json"
    deadline = time.monotonic() + 120
    while len(_done(manifest)) < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    assert process.wait(30) == -signal.SIGKILL, process.stderr.read().decode()
    process.stderr.close()
    done_first = _done(manifest)
    assert 3 <= len(done_first) < 21, "killed mid-way"
    time.sleep(1.0)
    settled = tree_digest(out_dir)
    time.sleep(1.0)
    assert tree_digest(out_dir) == settled, "no orphaned worker goes on writing"
    first_outputs = {rel: (out_dir / rel).stat() for rel in done_first}

    summary = serial(engine, in_dir, out_dir)
    assert (summary.files, summary.ok, summary.failed) == (21, 21, 0)
    report = {row["path"]: row for row in json.loads((out_dir / "report.json").read_text())["files"]}
    assert {rel for rel, row in report.items() if row["from_earlier_run"]} == done_first  # not redone
    for rel, stat in first_outputs.items():
        assert (out_dir / rel).stat().st_ino == stat.st_ino and (out_dir / rel).stat().st_mtime_ns == stat.st_mtime_ns
    manifest_files = json.loads(manifest.read_text())["files"]
    assert sorted(f["path"] for f in manifest_files) == sorted(report) and len(manifest_files) == 21
    assert temp_files(out_dir) == []
    # Complete and consistent: byte for byte what an uninterrupted run produces.
    serial(engine, in_dir, tmp_path / "reference")
    assert outputs(out_dir) == outputs(tmp_path / "reference")
    assert not any(name.encode() in data for data in outputs(out_dir).values() for name in NAMES)
    assert tree_digest(in_dir) == before


# -- Dask ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dask_scheduler():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  silence_logs=40) as cluster:
        yield cluster.scheduler_address


def test_dask_cluster_gives_the_same_files_as_a_local_run(engine, tmp_path, dask_scheduler):
    in_dir = shared_names_folder(tmp_path / "in")
    make_mixed_folder(in_dir / "mixed")
    serial(engine, in_dir, tmp_path / "local")
    summary = batch(BatchRequest(in_dir, tmp_path / "dask", dask=dask_scheduler))

    assert summary.ok == summary.files - 1
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    local_report = json.loads((tmp_path / "local" / "report.json").read_text())
    dask_report = json.loads((tmp_path / "dask" / "report.json").read_text())
    assert local_report["files"] == dask_report["files"]


def test_dask_cluster_with_a_project_on_postgresql(engine, tmp_path, dask_scheduler, postgres_url):
    settings = Settings(store_url=postgres_url, store_key=generate_store_key().decode())
    with ProjectStore(postgres_url, key=settings.store_key.get_secret_value()) as store:
        for name in ("on-dask", "local"):
            project = store.create_project(name)
            store.add_term(project.id, "Northwind Analytics", "ORGANIZATION", surrogate="Company Q")
    in_dir = shared_names_folder(tmp_path / "in")
    batch(BatchRequest(in_dir, tmp_path / "local", project="local"), store_at=settings, engine=engine)
    summary = batch(BatchRequest(in_dir, tmp_path / "dask", project="on-dask", dask=dask_scheduler), store_at=settings)

    assert summary.failed == 0
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    assert "[Company Q]" in formats.read(outputs(tmp_path / "dask")["notes.docx"], filename="notes.docx").text
    with ProjectStore(postgres_url, key=settings.store_key.get_secret_value()) as store:
        key = store.export_key(store.get_project("on-dask").id)
    variants = {v for e in key for v in e["variants"]}
    assert all(any(name in v for v in variants) for name in PEOPLE)
