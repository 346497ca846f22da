"""Dependencies: typed aliases so route signatures read as a spec."""
from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from fastapi import Depends

from service.config import Settings, get_settings, load_engine_config
from service.engine.engine import Engine


@lru_cache
def get_engine() -> Engine:
    """One engine per process: the spaCy model is loaded once, on first use."""
    settings = get_settings()
    return Engine(load_engine_config(settings.config))


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
