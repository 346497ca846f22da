"""Dependencies: the application context (built in the app's lifespan, or handed to
``create_app``), and typed aliases so route signatures read as a spec."""
from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from service.api.work_queue import WorkQueue
from service.config import Settings
from service.context import AppContext
from service.engine.engine import Engine
from service.store import ProjectStore


def get_context(request: Request) -> AppContext:
    """The process's application context (``service.api.app``)."""
    return request.app.state.context


ContextDep = Annotated[AppContext, Depends(get_context)]


def get_settings(context: ContextDep) -> Settings:
    return context.settings


async def get_engine(request: Request, context: ContextDep) -> AsyncIterator[Engine]:
    """The engine, with a turn to use it (``service.api.work_queue``: 503 when the queue
    is full). One engine per process, built at start-up (``service.api.app``); a request
    that comes before it is ready waits for the same build."""
    async with work_queue(request, context).turn():
        yield context.engine() if context.engine_is_built else await run_in_threadpool(context.engine)


def get_store(context: ContextDep) -> ProjectStore:
    """The project store; 503 saying why when it cannot be used (``StoreSetupError``).

    The HTTP service never creates a store key: without TANON_STORE_KEY /
    TANON_STORE_KEY_FILE the project routes answer 503 with the reason."""
    return context.store()


def work_queue(request: Request, context: AppContext) -> WorkQueue:
    """The app's work queue, opened in its lifespan (or here, for an app used without one)."""
    queue = getattr(request.app.state, "work_queue", None)
    if queue is None:
        queue = request.app.state.work_queue = WorkQueue.from_settings(context.settings)
    return queue


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
StoreDep = Annotated[ProjectStore, Depends(get_store)]
