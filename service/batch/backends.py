"""Where the per-file tasks run: in this process, in a local process pool, or on a Dask
cluster. Each backend takes the run's tasks in file order and yields results as they
finish; all run the same ``redact_file_task``."""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from service.batch.errors import WorkerFailed
from service.batch.worker import (
    FileResult,
    FileTask,
    WorkerSpec,
    close_state,
    init_pool_worker,
    process_file,
    redact_file_task,
    worker_state,
)
from service.engine.engine import Engine


def pool_context() -> multiprocessing.context.BaseContext:
    """How pool workers are started: from a fork server that has imported the engine's
    modules once (saves about a second per worker) where the platform has one, else
    spawned (Windows, where there is no fork). Never forked from the coordinator, which has
    threads and open database connections."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["service.batch.worker"])
        return context
    return multiprocessing.get_context("spawn")


class InProcessBackend:
    """One worker: this process (``engine`` gives the engine this process already has)."""

    def __init__(self, spec: WorkerSpec, *, engine: Callable[[], Engine] | None = None) -> None:
        self.spec, self.engine = spec, engine

    def run(self, tasks: list[FileTask]) -> Iterator[FileResult]:
        state = worker_state(self.spec, engine=self.engine() if self.engine is not None else None)
        try:
            for task in tasks:
                yield process_file(state, self.spec, task)
        finally:
            close_state(self.spec)


class PoolBackend:
    """``workers`` processes on this machine, each loading the engine once.

    Tasks are queued in their allocation order and the pool takes them in that order, so
    a task always finds the tasks before it running or done (see ``turns.py``).
    """

    def __init__(self, spec: WorkerSpec, workers: int) -> None:
        self.spec, self.workers = spec, workers

    def run(self, tasks: list[FileTask]) -> Iterator[FileResult]:
        pool = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=pool_context(),
            initializer=init_pool_worker, initargs=(self.spec,),
        )
        finished = False
        try:
            futures = [pool.submit(redact_file_task, self.spec, task) for task in tasks]
            for future in as_completed(futures):
                yield future.result()
            finished = True
        except BrokenProcessPool:
            raise WorkerFailed("a worker process died (out of memory?); rerun the same command to resume") from None
        finally:
            pool.shutdown(wait=finished, cancel_futures=True)


class DaskBackend:
    """The tasks on a Dask distributed cluster (``address`` of its scheduler).

    Workers must see IN_DIR and OUT_DIR at the same paths (a shared file system, as on
    Slurm clusters) and reach the project store (PostgreSQL for a real cluster).
    """

    def __init__(self, spec: WorkerSpec, address: str) -> None:
        self.spec, self.address = spec, address

    def run(self, tasks: list[FileTask]) -> Iterator[FileResult]:
        from distributed import Client, as_completed as dask_completed

        from service.batch.dask_plugin import BatchWorkerPlugin

        try:
            client = Client(self.address, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise WorkerFailed(f"cannot reach the Dask scheduler ({exc.__class__.__name__})") from None
        plugin_name = f"tanon-batch-{self.spec.run_id}"
        try:
            client.register_plugin(BatchWorkerPlugin(self.spec), name=plugin_name)
            futures = [
                # Higher priority first: tasks start in file order, as turns.py expects.
                client.submit(redact_file_task, self.spec, task, key=f"{plugin_name}-{task.position}",
                              priority=-task.position, pure=False)
                for task in tasks
            ]
            for future in dask_completed(futures):
                yield future.result()
        finally:
            try:
                client.unregister_worker_plugin(plugin_name)
            except Exception:  # the cluster may be gone already; nothing left to clean there
                pass
            client.close()
