"""Dependencies: typed aliases so route signatures read as a spec."""
from __future__ import annotations

import logging
import threading
from functools import lru_cache
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from service.config import Settings, get_settings, load_engine_config
from service.engine.engine import Engine
from service.projects import StoreSetupError, open_store
from service.store import ProjectStore

logger = logging.getLogger("tanon.api")


@lru_cache
def get_engine() -> Engine:
    """One engine per process: the spaCy model is loaded once, on first use."""
    settings = get_settings()
    return Engine(load_engine_config(settings.config))


class StoreHolder:
    """The process's project store, opened on first use (or handed in, e.g. by tests).

    The HTTP service never creates a store key: without TANON_STORE_KEY /
    TANON_STORE_KEY_FILE the project routes answer 503 with the reason.
    """

    def __init__(self, store: ProjectStore | None = None) -> None:
        self._store = store
        self._owned = store is None
        self._lock = threading.Lock()

    def get(self, settings: Settings) -> ProjectStore:
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = open_store(settings, create_key=False)
        return self._store

    def close(self) -> None:
        with self._lock:
            if self._owned and self._store is not None:
                self._store.close()
                self._store = None


def store_holder(request: Request) -> StoreHolder:
    holder = getattr(request.app.state, "store_holder", None)
    if holder is None:  # an app assembled without create_app
        holder = request.app.state.store_holder = StoreHolder()
    return holder


def get_store(request: Request, settings: Annotated[Settings, Depends(get_settings)]) -> ProjectStore:
    """The project store, or 503 saying why it cannot be used (never a traceback)."""
    try:
        return store_holder(request).get(settings)
    except StoreSetupError as exc:
        logger.warning("project store unavailable: %s", exc)
        raise HTTPException(503, detail=f"project store unavailable: {exc}") from None


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
StoreDep = Annotated[ProjectStore, Depends(get_store)]
