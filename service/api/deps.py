"""Dependencies: the application context (built in the app's lifespan, or handed to
``create_app``), and typed aliases so route signatures read as a spec."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

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


def get_engine(context: ContextDep) -> Engine:
    """One engine per process: the spaCy model is loaded once, on first use."""
    return context.engine()


def get_store(context: ContextDep) -> ProjectStore:
    """The project store; 503 saying why when it cannot be used (``StoreSetupError``).

    The HTTP service never creates a store key: without TANON_STORE_KEY /
    TANON_STORE_KEY_FILE the project routes answer 503 with the reason."""
    return context.store()


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
StoreDep = Annotated[ProjectStore, Depends(get_store)]
