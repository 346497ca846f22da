"""One batch run: check the folders, plan (what is done already), run the tasks on a
backend, record each result in the manifest as it arrives, and write the reports.

Runs on one OUT_DIR never overlap (a lock file in the state folder); a run killed at any
point leaves complete outputs only (each is written to a temporary file and renamed),
and the next run removes stray temporary files, skips what is done and redoes the rest.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from service.batch.backends import DaskBackend, InProcessBackend, PoolBackend
from service.batch.fingerprint import engine_fingerprint
from service.batch.manifest import FAILED, MANIFEST_NAME, OK, SKIPPED, FileRecord, Manifest
from service.batch.paths import (
    REPORT_JSON,
    STATE_DIR_NAME,
    check_dirs,
    discover_all,
    file_sha256,
    is_reserved_output,
    sweep_temp_files,
)
from service.batch.progress import BatchProgress
from service.batch.report_files import build_report, file_row, write_reports
from service.batch.stores import StoreTarget, open_batch_store
from service.batch.worker import FileResult, FileTask, WorkerSpec
from service.config import load_engine_config
from service.context import AppContext
from service.errors import InputError
from service.report import engine_info

LOCK_FILE = "lock"
STALE_TURNS_SECONDS = 7 * 86_400  # turns of runs killed more than a week ago are purged
RESERVED_REASON = "its output would overwrite the batch report (report.json/report.csv at the top of OUT_DIR); rename it"


@dataclass(frozen=True)
class BatchRequest:
    in_dir: Path
    out_dir: Path
    project: str | None = None
    workers: int = 1
    dask: str | None = None  # scheduler address
    config: Path | None = None


@dataclass(frozen=True)
class BatchSummary:
    files: int
    ok: int
    failed: int
    from_earlier_runs: int
    report: Path
    skipped: int = 0  # files that are not transcripts: listed in the report with the reason, never read

    @property
    def return_code(self) -> int:
        """0 when every file is redacted, 1 when some failed (the one place this is decided)."""
        return 0 if self.failed == 0 else 1


def run_batch(
    request: BatchRequest,
    context: AppContext,
    *,
    progress: bool = True,
    on_result: Callable[[FileResult], None] | None = None,
) -> BatchSummary:
    """Redact every supported file under IN_DIR into OUT_DIR. One worker without Dask runs
    in this process, with the context's engine (loaded only if a file needs redoing)."""
    settings = context.settings
    _check_options(request)
    in_dir, out_dir = check_dirs(request.in_dir, request.out_dir)
    config_path = str(context.engine_config_path(request.config))
    config = load_engine_config(config_path)
    fingerprint = engine_fingerprint(config)
    files, skipped = discover_all(in_dir)
    state_dir = out_dir / STATE_DIR_NAME
    try:
        state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        _check_writable(state_dir)
    except OSError as exc:
        raise InputError(str(out_dir), f"cannot write to the output folder ({exc.strerror or exc.__class__.__name__})") from None

    with _exclusive(state_dir), open_batch_store(state_dir, request.project, context) as (store, target):
        sweep_temp_files(out_dir)
        run_id = uuid.uuid4().hex
        manifest = Manifest.load(state_dir / MANIFEST_NAME)
        manifest.keep_only(set(files))
        tasks = _plan(files, in_dir, out_dir, manifest, fingerprint=fingerprint, target=target, run_id=run_id)
        manifest.save()
        spec = WorkerSpec(config_path, target, run_id, settings.max_request_bytes)
        store.clear_turns(run_id, older_than_seconds=STALE_TURNS_SECONDS)
        done_before = sum(1 for rel in files if not is_reserved_output(rel)) - len(tasks)
        try:
            with BatchProgress(len(tasks), enabled=progress, done_before=done_before) as bar:
                for result in _backend(request, spec, context).run(tasks) if tasks else ():
                    manifest.record(_record(result, fingerprint=fingerprint, project=target.label, run_id=run_id))
                    manifest.save()
                    if not result.ok:  # an output of an older version of this input would contradict the report
                        _remove_stale_output(out_dir / result.path)
                    bar.advance(result.ok)
                    if on_result is not None:
                        on_result(result)
        finally:
            _forget_turns(store, run_id)
            rows = sorted([_row(manifest, rel, run_id) for rel in files]
                          + [_skipped_row(rel, why) for rel, why in skipped.items()], key=lambda row: row["path"])
            write_reports(out_dir, build_report(rows, project=target.project_name, engine=engine_info(config),
                                                fingerprint=fingerprint))
    ok = [row for row in rows if row["status"] == OK]
    return BatchSummary(files=len(files), ok=len(ok), failed=len(files) - sum(1 for row in rows if row["status"] == OK),
                        from_earlier_runs=sum(1 for row in ok if row["from_earlier_run"]), report=out_dir / REPORT_JSON,
                        skipped=len(skipped))


def _check_options(request: BatchRequest) -> None:
    if request.workers < 1:
        raise InputError("--workers", "must be 1 or more")
    if request.dask is not None and request.workers != 1:
        raise InputError("--workers", "use either --workers (this machine) or --dask (a cluster), not both")


def _plan(files: list[str], in_dir: Path, out_dir: Path, manifest: Manifest, *, fingerprint: str,
          target: StoreTarget, run_id: str) -> list[FileTask]:
    """The tasks still to do, largest file first, then by path.

    Their order is their allocation order (``turns.py``): it depends only on the files, so
    every run of the same folder numbers surrogates alike. Largest first balances the
    workers, and puts files of similar size next to each other, so a worker seldom waits
    long for the file before its own to allocate.
    """
    todo: list[tuple[int, str]] = []
    for rel in files:
        if is_reserved_output(rel):
            manifest.record(FileRecord(rel, "", fingerprint, target.label, FAILED, error=RESERVED_REASON, run=run_id))
            continue
        source, output = in_dir / rel, out_dir / rel
        try:
            digest, size = file_sha256(source), source.stat().st_size
        except OSError:
            digest, size = "", 0  # unreadable: the task reports why
        if not manifest.is_done(rel, sha256=digest, engine=fingerprint, project=target.label, output=output):
            todo.append((size, rel))
    todo.sort(key=lambda item: (-item[0], item[1]))
    return [FileTask(rel, str(in_dir / rel), str(out_dir / rel), position=i) for i, (_, rel) in enumerate(todo)]


def _backend(request: BatchRequest, spec: WorkerSpec, context: AppContext):
    if request.dask is not None:
        return DaskBackend(spec, request.dask)
    if request.workers > 1:
        return PoolBackend(spec, request.workers)
    return InProcessBackend(spec, engine=context.engine_factory(request.config))


def _record(result: FileResult, *, fingerprint: str, project: str, run_id: str) -> FileRecord:
    return FileRecord(
        path=result.path, sha256=result.sha256, engine=fingerprint, project=project,
        status=OK if result.ok else FAILED, format=result.format, entities_by_type=result.entities_by_type,
        replacements=result.replacements, surrogates_used=result.surrogates_used, error=result.error,
        run=run_id, seconds=result.seconds,
    )


def _row(manifest: Manifest, rel: str, run_id: str) -> dict:
    record = manifest.records.get(rel)
    if record is None:  # the run stopped before this file
        return {"path": rel, "status": "pending", "format": None, "entities_by_type": {}, "replacements": 0,
                "surrogates_used": [], "error": "not processed: the run was interrupted", "from_earlier_run": False}
    return file_row(record, run_id=run_id)


def _check_writable(folder: Path) -> None:
    """OSError unless a file can be created in ``folder`` (a read-only OUT_DIR is refused
    before any work, with the reason, rather than failing every file)."""
    probe = folder / f".write-check-{uuid.uuid4().hex[:8]}"
    probe.touch(mode=0o600)
    probe.unlink()


def _remove_stale_output(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:  # a folder that cannot be written: the report says the file failed, and why
        pass


def _skipped_row(rel: str, reason: str) -> dict:
    return {"path": rel, "status": SKIPPED, "format": None, "entities_by_type": {}, "replacements": 0,
            "surrogates_used": [], "error": reason, "from_earlier_run": False}


def _forget_turns(store, run_id: str) -> None:
    try:
        store.clear_turns(run_id)
    except Exception:  # the store is away; the rows are purged by a later run
        pass


@contextmanager
def _exclusive(state_dir: Path) -> Iterator[None]:
    """Hold the folder's lock for the run; the OS releases it if the process dies."""
    lock = FileLock(state_dir / LOCK_FILE, timeout=0, mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        raise InputError(str(state_dir.parent), "another tanon batch is writing to this folder") from None
    try:
        yield
    finally:
        lock.release()
