"""The engine's cache folder: compact forms of the models it reads, built from the
installed packages' own files the first time they are needed (never downloaded), so that
later processes start faster. Deleting the folder is always safe: it is rebuilt.

``$TANON_CACHE_DIR``, else ``$XDG_CACHE_HOME/tanon``, else ``~/.cache/tanon``.
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any, Callable


def cache_dir() -> Path:
    base = os.environ.get("TANON_CACHE_DIR")
    if base:
        return Path(base)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tanon"


def source_stamp(path: Path) -> str:
    """Size and modification time of a package's file: a cached form names the file it came from."""
    stat = path.stat()
    return f"{stat.st_size}-{stat.st_mtime_ns}"


def write_atomic(path: Path, write: Callable[[Any], None]) -> None:
    """Write ``path`` through ``write(file)`` so that readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            write(f)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def cached_pickle(path: Path, build: Callable[[], Any]) -> Any:
    """The object pickled at ``path``; else ``build()``, pickled there when the folder can be
    written (a damaged file is rebuilt)."""
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        pass
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        pass  # damaged or from another version of a package: rebuilt below
    value = build()
    try:
        write_atomic(path, lambda f: pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only cache folder: built again next time
    return value
