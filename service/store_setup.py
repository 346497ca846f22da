"""Opening the project store the settings point at (``TANON_STORE_URL``), with its key
(``TANON_STORE_KEY`` / ``TANON_STORE_KEY_FILE``).

For local command-line use with a SQLite store, the key file beside the store is used,
and created on first use (mode 600, announced). The HTTP service never creates a key.
Every failure is a ``StoreSetupError`` whose message says what to set or fix, and never
prints the store URL (it may carry a password).
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from service.atomic_files import create_once
from service.config import Settings
from service.errors import StoreUnavailable
from service.store import (
    KEY_ENV_VAR,
    KEY_FILE_ENV_VAR,
    InvalidStoreKey,
    KeyMismatch,
    ProjectStore,
    generate_store_key,
    load_store_key,
)


class StoreSetupError(StoreUnavailable):
    """The project store cannot be opened (no key, wrong key, database unreachable)."""


class StoreNotConfigured(StoreSetupError):
    """No store key is configured."""


def sqlite_path(store_url: str) -> Path | None:
    """The SQLite file of a store location, or None for a server URL."""
    if "://" not in store_url:
        return Path(store_url).expanduser()
    url = sa.engine.make_url(store_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).expanduser()
    return None


def store_is_new(settings: Settings) -> bool:
    """True when the settings point at a SQLite store that does not exist yet (no file, or
    an empty one): it holds no project, and finding that out must not create it or its key."""
    path = sqlite_path(settings.store_url)
    return path is not None and (not path.exists() or path.stat().st_size == 0)


def default_key_file(settings: Settings) -> Path | None:
    """The key file the CLI creates next to a SQLite store: ``<store file>.key``."""
    path = sqlite_path(settings.store_url)
    return None if path is None else path.with_name(path.name + ".key")


def _describe(settings: Settings) -> str:
    path = sqlite_path(settings.store_url)
    return f"the project store at {path}" if path is not None else "the project store database"


def _not_configured(settings: Settings) -> StoreNotConfigured:
    hint = ""
    key_file = default_key_file(settings)
    if key_file is not None and key_file.exists():
        hint = f" (the command line's key for this store is {key_file})"
    return StoreNotConfigured(f"no project store key: set {KEY_ENV_VAR} or {KEY_FILE_ENV_VAR}{hint}")


def _announce_default(message: str) -> None:
    print(message, file=sys.stderr)


def _read_key_file(path: Path, announce: Callable[[str], None]) -> bytes:
    try:
        if path.stat().st_mode & 0o077:
            announce(f"warning: the store key file {path} is readable by other users; chmod 600 it")
        return load_store_key(environ={KEY_FILE_ENV_VAR: str(path)})
    except InvalidStoreKey as exc:
        raise StoreSetupError(f"{path}: {exc}") from None
    except OSError as exc:
        raise StoreSetupError(f"cannot read {path} ({exc.strerror or exc.__class__.__name__})") from None


def _create_key_file(path: Path, announce: Callable[[str], None]) -> bytes:
    """Write a new key to ``path`` (mode 600) unless another process just did; return the key in it."""
    if create_once(path, generate_store_key() + b"\n"):
        announce(
            f"created a new project store key in {path} (mode 600). Back it up separately from the store: "
            "without it the re-identification key and the dictionary cannot be read."
        )
    return _read_key_file(path, announce)


def store_key(
    settings: Settings, *, create_key: bool = False, announce: Callable[[str], None] = _announce_default
) -> bytes:
    """The store key from TANON_STORE_KEY / TANON_STORE_KEY_FILE.

    With ``create_key`` (local command-line use) and a SQLite store, the key file next to
    the store is used, and created on first use (mode 600, announced on stderr). The HTTP
    service never creates a key.
    """
    environ = settings.store_key_environ()
    if environ:
        try:
            return load_store_key(environ=environ)
        except InvalidStoreKey as exc:
            raise StoreSetupError(f"unusable project store key: {exc}") from None
        except OSError as exc:
            raise StoreSetupError(f"cannot read {KEY_FILE_ENV_VAR} ({exc.strerror or exc.__class__.__name__})") from None
    key_file = default_key_file(settings)
    if not create_key or key_file is None:
        raise _not_configured(settings)
    if key_file.exists():
        return _read_key_file(key_file, announce)
    database = sqlite_path(settings.store_url)
    if database is not None and database.exists() and database.stat().st_size > 0:
        raise StoreSetupError(
            f"{_describe(settings)} exists but its key file {key_file} does not; "
            f"set {KEY_FILE_ENV_VAR} (or {KEY_ENV_VAR}) to the key it was created with"
        )
    return _create_key_file(key_file, announce)


def open_store(
    settings: Settings, *, create_key: bool = False, announce: Callable[[str], None] = _announce_default
) -> ProjectStore:
    """Open (and create or migrate) the store ``settings`` point at. Raises ``StoreSetupError``."""
    key = store_key(settings, create_key=create_key, announce=announce)
    try:
        return ProjectStore(settings.store_url, key=key)
    except KeyMismatch:
        raise StoreSetupError(f"{_describe(settings)} was created with a different store key") from None
    except InvalidStoreKey as exc:
        raise StoreSetupError(f"unusable project store key: {exc}") from None
    except (sa.exc.SQLAlchemyError, OSError, ValueError) as exc:
        # Never print the URL: it may carry a password.
        raise StoreSetupError(f"cannot open {_describe(settings)} ({exc.__class__.__name__})") from None


__all__ = [
    "StoreNotConfigured",
    "StoreSetupError",
    "default_key_file",
    "open_store",
    "sqlite_path",
    "store_is_new",
    "store_key",
]
