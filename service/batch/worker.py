"""The per-file task of a batch, and what each worker process keeps between tasks.

``process_file`` reads one input, redacts it through ``redact_document`` with a
``TurnBook`` and writes the output atomically. A worker (pool process or Dask worker)
loads the engine and opens the store once: ``worker_state(spec)`` caches them per
process, ``init_pool_worker`` warms the cache when a pool process starts, and the Dask
plugin in ``backends.py`` does the same on each cluster worker.
"""
from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

from service.batch.outcome import FileOutcome, failed, input_reason, redact_bytes
from service.batch.stores import StoreTarget
from service.batch.turns import Turn, TurnBook
from service.context import AppContext
from service.engine.engine import Engine, RequestOptions
from service.errors import InputError, SetupError
from service.project_access import InvalidStoredSettings, project_options
from service.store import ProjectStore
from service.atomic_files import write_atomic
from service.input_files import read_input_file

logger = logging.getLogger("tanon.batch")


@dataclass(frozen=True)
class WorkerSpec:
    """What every task of one run needs; sent to each worker."""

    config_path: str  # the engine YAML
    target: StoreTarget
    run_id: str
    max_bytes: int


@dataclass(frozen=True)
class FileTask:
    path: str  # relative to IN_DIR, POSIX
    source: str  # the input file
    output: str  # the output file
    position: int  # place in this run's sorted file list (its allocation turn)


@dataclass(frozen=True)
class FileResult:
    path: str
    sha256: str  # of the bytes actually redacted ("" when the file could not be read)
    ok: bool
    format: str | None = None
    entities_by_type: dict[str, int] = field(default_factory=dict)
    replacements: int = 0
    surrogates_used: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


@dataclass
class WorkerState:
    engine: Engine
    store: object  # ProjectStore
    options: RequestOptions


_lock = threading.Lock()
_context: AppContext | None = None
_states: dict[tuple[str, StoreTarget], WorkerState] = {}


def worker_context() -> AppContext:
    """This worker process's application context: its engines are built once per process."""
    global _context
    with _lock:
        if _context is None:
            _context = AppContext()
        return _context


def worker_state(spec: WorkerSpec, *, engine: Engine | None = None) -> WorkerState:
    """This process's engine, store and project options for ``spec`` (created on first use).
    ``engine``: the engine this process already has (one worker, in the coordinator)."""
    key = (spec.config_path, spec.target)
    with _lock:
        state = _states.get(key)
    if state is not None:
        return state
    engine = engine or worker_context().engine(spec.config_path)
    try:
        # The batch's own store, or the project's: the target says which (not the settings).
        store = ProjectStore(spec.target.url, key=spec.target.key)
    except Exception as exc:  # the message could hold the URL and its password
        raise SetupError(f"a worker cannot open the project store ({exc.__class__.__name__})") from None
    try:
        options = project_options(store, store.get_project(spec.target.project_id))
    except InvalidStoredSettings:  # says which project and what to fix (exit 3)
        store.close()
        raise
    except Exception as exc:
        store.close()
        raise SetupError(f"a worker cannot read the project ({exc.__class__.__name__})") from None
    with _lock:
        if key in _states:  # another thread of this worker got there first
            store.close()
            return _states[key]
        _states[key] = state = WorkerState(engine, store, options)
        return state


def close_state(spec: WorkerSpec) -> None:
    with _lock:
        state = _states.pop((spec.config_path, spec.target), None)
    if state is not None:
        state.store.close()


def process_file(state: WorkerState, spec: WorkerSpec, task: FileTask) -> FileResult:
    started = time.perf_counter()
    book = TurnBook(state.store, spec.target.project_id, Turn(spec.run_id, task.position))
    digest = ""
    try:
        try:
            data = read_input_file(Path(task.source), max_bytes=spec.max_bytes)
        except InputError as exc:
            outcome = failed(input_reason(exc))
        else:
            digest = hashlib.sha256(data).hexdigest()
            outcome = redact_bytes(state.engine, data, name=task.path, max_bytes=spec.max_bytes,
                                   book=book, options=state.options)
    finally:
        try:
            book.end_turn()  # before writing: later files need only the allocation
        except Exception as exc:
            raise SetupError(f"project store error ({exc.__class__.__name__}); rerun the same command to resume") from None
    if outcome.ok:
        outcome = _write(task, outcome)
    return _result(task, digest, outcome, time.perf_counter() - started)


def _write(task: FileTask, outcome: FileOutcome) -> FileOutcome:
    try:
        write_atomic(Path(task.output), outcome.data)
    except OSError as exc:
        return failed(f"cannot write the output ({exc.strerror or exc.__class__.__name__})")
    return outcome


def _result(task: FileTask, digest: str, outcome: FileOutcome, seconds: float) -> FileResult:
    return FileResult(
        path=task.path, sha256=digest, ok=outcome.ok, format=outcome.format,
        entities_by_type=outcome.entities_by_type, replacements=outcome.replacements,
        surrogates_used=outcome.surrogates_used, error=outcome.error, seconds=round(seconds, 3),
    )


def redact_file_task(spec: WorkerSpec, task: FileTask) -> FileResult:
    """The task a pool process or Dask worker runs (module level, so it pickles by name)."""
    return process_file(worker_state(spec), spec, task)


def init_pool_worker(spec: WorkerSpec) -> None:
    """Pool initializer: exit with the parent, then load the engine once."""
    _exit_with_parent()
    try:
        worker_state(spec)
    except Exception as exc:  # the first task raises it again, where the caller sees it
        logger.debug("worker setup failed: %s", exc.__class__.__name__)


def _exit_with_parent() -> None:
    """A killed coordinator must not leave workers writing into OUT_DIR behind its back."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="tanon-parent-watch", daemon=True).start()
