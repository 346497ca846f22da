"""A bounded queue in front of the engine: at most ``work_capacity`` requests of one worker
process run the engine at once, at most ``work_queue`` more wait for a turn, each for at
most ``work_queue_wait_seconds``; any other is refused at once with 503 and Retry-After.
Under overload a client gets a quick, honest answer instead of a latency that grows with
the backlog (the engine's work is CPU-bound: more threads make each request slower)."""
from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from service.config import Settings
from service.errors import Busy


class ServiceBusy(Busy):
    """Every slot of the engine is taken and the queue is full or did not move in time."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__("the service is at capacity: retry after the number of seconds in Retry-After")


class WorkQueue:
    """Created in the app's lifespan, on its event loop; waiting holds no thread."""

    def __init__(self, capacity: int, queue: int, wait_seconds: float) -> None:
        self.capacity, self.queue, self.wait_seconds = capacity, queue, wait_seconds
        self._slots = asyncio.Semaphore(capacity)
        self._waiting = 0
        self.retry_after = max(1, math.ceil(wait_seconds))

    @classmethod
    def from_settings(cls, settings: Settings) -> WorkQueue:
        return cls(settings.work_capacity, settings.work_queue, settings.work_queue_wait_seconds)

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        if self._slots.locked() and self._waiting >= self.queue:
            raise ServiceBusy(self.retry_after)
        self._waiting += 1
        try:
            await asyncio.wait_for(self._slots.acquire(), self.wait_seconds)
        except TimeoutError:
            raise ServiceBusy(self.retry_after) from None
        finally:
            self._waiting -= 1
        try:
            yield
        finally:
            self._slots.release()
