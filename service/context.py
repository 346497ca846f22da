"""The application context: what every entry point of one process shares.

    settings         the deployment settings (``TANON_*``)
    engine()         the engine, built on first use, once, however many threads ask at once
    store()          the project store, opened on first use, once; closed with the context
    project_scope()  what a named project adds to a request: options and surrogate book

Each process creates one: ``tanon`` in ``service.cli.main``, the HTTP service in its
lifespan (``service.api.app``), a batch worker for its tasks. It is handed down to the
commands, routes, hook and batch runs, so none of them builds an engine or opens a store
of its own, and tests hand in a context with the session engine and a private store.

The engine (spaCy, Presidio) and the store (SQLAlchemy, Alembic, cryptography) are
imported when first asked for, not with this module: ``tanon --help`` and the commands
that need neither start without them (see "Start-up time" in the README).
"""
from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from service.config import Settings, get_settings, load_engine_config

if TYPE_CHECKING:
    from service.engine.engine import Engine
    from service.engine.request_options import RequestOptions
    from service.project_access import OptionsCache, StoreBook
    from service.store import Project, ProjectStore


@dataclass(frozen=True)
class ProjectScope:
    """What a named project adds to an analyze/redact request (nothing without a project)."""

    project: Project | None
    options: RequestOptions
    book: StoreBook | None


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


class AppContext:
    """One per process; see the module docstring.

    ``engine``: use this loaded engine for the default configuration (tests, a process
    that already has one). ``store``: use this open store (it is not closed with the
    context). ``create_store_key``: create the key file beside a new local SQLite store
    (the command line does; the HTTP service never does). ``announce`` tells the user
    about a key file it created.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        engine: Engine | None = None,
        store: ProjectStore | None = None,
        create_store_key: bool = False,
        announce: Callable[[str], None] = _stderr,
    ) -> None:
        self.settings = settings or get_settings()
        self.create_store_key = create_store_key
        self.announce = announce
        self._engines: dict[str, Engine] = {}
        if engine is not None:
            self._engines[self._config_key(None)] = engine
        self._engine_lock = threading.Lock()
        self._store = store
        self._owns_store = store is None
        self._store_lock = threading.Lock()
        self._options: OptionsCache | None = None

    # -- the engine ------------------------------------------------------------------------
    def _config_key(self, config: Path | str | None) -> str:
        return str(Path(config or self.settings.config).expanduser().resolve())

    def engine_config_path(self, config: Path | str | None = None) -> Path:
        """The engine YAML a command runs with: ``config``, else the settings' (``TANON_CONFIG``)."""
        return Path(config or self.settings.config)

    def engine(self, config: Path | str | None = None) -> Engine:
        """The engine for ``config`` (default: the settings' engine YAML), built on first use.

        Raises ``ConfigError`` or ``ModelNotInstalled`` (setup errors, exit 3)."""
        key = self._config_key(config)
        engine = self._engines.get(key)
        if engine is not None:
            return engine
        with self._engine_lock:
            if key not in self._engines:
                from service.engine.engine import Engine  # spaCy and Presidio: about 1.5 s to import

                self._engines[key] = Engine(load_engine_config(self.engine_config_path(config)))
            return self._engines[key]

    @property
    def engine_is_built(self) -> bool:
        """Whether the engine for the default configuration is built (``engine()`` returns at once)."""
        return self._config_key(None) in self._engines

    def engine_factory(self, config: Path | str | None = None) -> Callable[[], Engine]:
        """A callable that builds (or returns) the engine only when a file needs it."""
        return lambda: self.engine(config)

    # -- the project store -----------------------------------------------------------------
    def store(self) -> ProjectStore:
        """The project store the settings point at, opened on first use.

        Raises ``StoreSetupError`` (exit 3, HTTP 503) saying what to set or fix."""
        if self._store is not None:
            return self._store
        with self._store_lock:
            if self._store is None:
                from service.store_setup import open_store  # SQLAlchemy, Alembic, cryptography

                self._store = open_store(self.settings, create_key=self.create_store_key, announce=self.announce)
            return self._store

    @property
    def store_is_open(self) -> bool:
        return self._store is not None

    def store_key(self) -> bytes:
        """The key of the store the settings point at (for workers that open it themselves)."""
        from service.store_setup import store_key

        return store_key(self.settings, create_key=self.create_store_key, announce=self.announce)

    def close(self) -> None:
        """Close the store this context opened (one handed in stays open)."""
        with self._store_lock:
            if self._owns_store and self._store is not None:
                self._store.close()
                self._store = None

    def __enter__(self) -> AppContext:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- projects --------------------------------------------------------------------------
    def find_project(self, ref: int | str) -> Project:
        """A project by id or name, as a user gave it. Raises ``ProjectNotFound``."""
        from service.project_access import resolve_project
        from service.store import ProjectNotFound

        self._refuse_in_a_new_store()
        try:
            return resolve_project(self.store(), ref)
        except ProjectNotFound:  # one message for ids and names alike
            raise ProjectNotFound("no project with that name or id", where="project") from None

    def _refuse_in_a_new_store(self) -> None:
        """ProjectNotFound when the store does not exist yet: looking a project up in it must
        not create the store or its key file."""
        from service.store import ProjectNotFound
        from service.store_setup import store_is_new

        if self._store is None and store_is_new(self.settings):
            raise ProjectNotFound("no project with that name or id", where="project")

    def project_scope(self, project: Project | int | str | None) -> ProjectScope:
        """The request options and store-backed surrogate book of ``project`` (a project, or
        its id or name); ``NO_PROJECT``'s when None. Raises ``ProjectNotFound`` and
        ``InvalidStoredSettings``."""
        from service.engine.request_options import NO_OPTIONS

        if project is None:
            return ProjectScope(None, NO_OPTIONS, None)
        from service.project_access import OptionsCache, StoreBook, project_options  # and the store

        if isinstance(project, (int, str)):
            self._refuse_in_a_new_store()
        store = self.store()
        if isinstance(project, (int, str)):
            project = self.find_project(project)
        with self._store_lock:
            if self._options is None:
                self._options = OptionsCache()
        return ProjectScope(project, project_options(store, project, cache=self._options), StoreBook(store, project.id))
