"""The Dask worker plugin of a batch run: loads the engine and opens the store on every
worker before the tasks arrive, and closes the store when the run ends. Imported only
when ``--dask`` is used (it needs ``distributed``)."""
from __future__ import annotations

import asyncio

from distributed.diagnostics.plugin import WorkerPlugin

from service.batch.worker import WorkerSpec, close_state, worker_state


class BatchWorkerPlugin(WorkerPlugin):
    def __init__(self, spec: WorkerSpec) -> None:
        self.spec = spec

    async def setup(self, worker) -> None:
        # Loading the model takes seconds: off the worker's event loop, so heartbeats go on.
        await asyncio.get_running_loop().run_in_executor(None, worker_state, self.spec)

    def teardown(self, worker) -> None:
        close_state(self.spec)
