"""Projects: the glue between the project store (``service.store``) and the engine.

A project brings three things to a request:

* its dictionary, as a ``ProjectDictionaryRecognizer`` (hits carry the term's canonical
  form, so "Nortwind" and "Northwind Analytics" share one surrogate);
* its settings: an allow list and per-type operator/template overrides
  (``ProjectSettings``, validated strictly);
* its surrogates: ``StoreBook`` gives every entity the label the store already holds for
  it, or allocates the next free one in one store transaction, so the same name gets the
  same surrogate in every document of the project, from any process or machine.

Also here: opening the store from ``Settings`` (and, for local CLI use, creating the key
file on first use) and resolving a project reference (id or name).
"""
from __future__ import annotations

import json
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from recognizers.project_dictionary_recognizer import ProjectDictionaryRecognizer
from service.atomic_files import create_once
from service.config import EntityPolicy, Settings
from service.engine.engine import Redaction, RequestOptions
from service.engine.noise import normalize_surface
from service.engine.pseudonymize import render_template
from service.errors import SetupError
from service.pipeline import WrittenFile
from service.restoration import remember_redaction
from service.store import (
    KEY_ENV_VAR,
    KEY_FILE_ENV_VAR,
    InvalidStoreKey,
    KeyMismatch,
    Project,
    ProjectStore,
    Term,
    generate_store_key,
    load_store_key,
)

MAX_PROJECT_NAME = 200


# -- settings ------------------------------------------------------------------------------

EntityTypeName = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]{0,63}$")]
AllowTerm = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class ProjectSettings(BaseModel):
    """What a project may change. Stored as the project's JSON settings.

    ``entities``: operator and template per entity type, over the engine configuration
    (e.g. ``{"ORGANIZATION": {"operator": "pseudonym", "template": "[Org {letter}]"}}``).
    ``allow_list``: surfaces never flagged in this project (compared case-, space- and
    possessive-insensitively).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    entities: dict[EntityTypeName, EntityPolicy] = Field(default_factory=dict)
    allow_list: list[AllowTerm] = Field(default_factory=list, max_length=10_000)


class ProjectSettingsError(ValueError):
    """Project settings that do not match ``ProjectSettings``; the message never echoes values."""


def validation_summary(exc: ValidationError) -> str:
    """Where and what, never the submitted value (it may be a name)."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ())) or "settings"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


def parse_settings(raw: Mapping[str, Any] | None) -> ProjectSettings:
    try:
        return ProjectSettings.model_validate(dict(raw or {}))
    except ValidationError as exc:
        raise ProjectSettingsError(f"invalid project settings: {validation_summary(exc)}") from None


def settings_json(settings: ProjectSettings) -> dict[str, Any]:
    """The JSON stored for ``settings`` (defaults left out)."""
    return settings.model_dump(mode="json", exclude_defaults=True, exclude_none=True)


def check_project_name(name: str) -> str:
    """A usable project name: 1-200 printable characters and not only digits (digits are ids)."""
    name = (name or "").strip()
    if not name or len(name) > MAX_PROJECT_NAME:
        raise ValueError(f"a project name must have 1-{MAX_PROJECT_NAME} characters")
    if name.isdigit():
        raise ValueError("a project name cannot be only digits (those refer to project ids)")
    if not name.isprintable():
        raise ValueError("a project name cannot contain control characters")
    return name


def resolve_project(store: ProjectStore, ref: int | str) -> Project:
    """A project by id (an int, or a string of digits) or by name. Raises ``ProjectNotFound``."""
    if isinstance(ref, int) and not isinstance(ref, bool):
        return store.get_project(ref)
    text = str(ref).strip()
    return store.get_project(int(text)) if text.isdigit() else store.get_project(text)


# -- options -------------------------------------------------------------------------------




def build_options(terms: Iterable[Term], settings: ProjectSettings) -> RequestOptions:
    """RequestOptions for a project's dictionary terms and settings (no store access)."""
    terms = tuple(terms)
    recognizers = (ProjectDictionaryRecognizer(terms),) if terms else ()
    allow = frozenset(form for form in (normalize_surface(s) for s in settings.allow_list) if form)
    return RequestOptions(recognizers=recognizers, allow=allow, entities=dict(settings.entities))


class OptionsCache:
    """Built RequestOptions per project, keyed by the dictionary and settings they come from.

    The dictionary is read from the store on every call (about 10 ms for 500 terms: it is
    decrypted), so a change made by any process is seen at once; only building the
    recognizer (about 15 ms for 500 terms) is skipped when nothing changed.
    """

    def __init__(self, size: int = 32) -> None:
        self._size = size
        self._items: OrderedDict[tuple, RequestOptions] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, project: Project, terms: tuple[Term, ...]) -> RequestOptions:
        key = (project.id, json.dumps(project.settings, sort_keys=True), terms)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        options = build_options(terms, parse_settings(project.settings))
        with self._lock:
            self._items[key] = options
            self._items.move_to_end(key)
            # Older versions of the same project are never asked for again.
            for stale in [k for k in self._items if k[0] == project.id and k != key]:
                del self._items[stale]
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return options

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_options_cache = OptionsCache()


def project_options(store: ProjectStore, project: Project, *, cache: OptionsCache | None = _options_cache) -> RequestOptions:
    """The project's dictionary recognizer, allow list and operator/template overrides.

    Raises ``ProjectSettingsError`` when the stored settings do not validate.
    """
    terms = tuple(store.list_terms(project.id))
    if cache is None:
        return build_options(terms, parse_settings(project.settings))
    return cache.get(project, terms)


# -- reports -------------------------------------------------------------------------------

# The dictionary recognizer explains a hit as: dictionary term "<term>" (<how>). Fine for
# /v1/analyze (the caller is checking the dictionary), but redacted output and its report
# travel with the transcript, so there the term itself is left out.
_TERM_REASON = re.compile(r'dictionary term ".*?" \((exact|head word|(?:head word, )?fuzzy \d+)\)', re.DOTALL)


def without_terms(reason: str) -> str:
    """``reason`` with any dictionary term's text removed ("project dictionary term (fuzzy 94)")."""
    return _TERM_REASON.sub(lambda m: f"project dictionary term ({m.group(1)})", reason)


def report_rows(rows: list[dict]) -> list[dict]:
    """Entity rows (``service.report.entity_rows``) safe to store beside a redacted transcript."""
    return [{**row, "reason": without_terms(row["reason"])} if "reason" in row else row for row in rows]


# -- surrogates ----------------------------------------------------------------------------


class StoreBook:
    """A surrogate book backed by the project store: one label per entity for the whole project.

    Implements the engine's ``allocate`` call (each call is one store transaction) and the
    pipeline's ``remember``: after a document is redacted, the labels its placeholders hold
    are reserved for the whole project and its redaction record is kept for exact
    re-identification (``service.restoration``).
    """

    def __init__(self, store: ProjectStore, project_id: int) -> None:
        self.store = store
        self.project_id = project_id

    def allocate(
        self, items: list[tuple[str, str, str]], *, templates: dict[str, str], reserved: set[str]
    ) -> dict[tuple[str, str], str]:
        if not items:
            return {}
        return self.store.allocate_surrogates(
            self.project_id,
            items,
            make_label=lambda entity_type, n: render_template(templates[entity_type], n),
            reserved_cores=reserved,
        )

    def remember(self, text: str, redaction: Redaction, written: WrittenFile | None) -> list[dict]:
        return remember_redaction(self.store, self.project_id, text, redaction, written)


class PreviewBook(StoreBook):
    """The surrogates a redaction in the project would give now, with nothing written:
    the review page shows them before the reviewer has decided anything."""

    def allocate(
        self, items: list[tuple[str, str, str]], *, templates: dict[str, str], reserved: set[str]
    ) -> dict[tuple[str, str], str]:
        if not items:
            return {}
        return self.store.preview_surrogates(
            self.project_id,
            items,
            make_label=lambda entity_type, n: render_template(templates[entity_type], n),
            reserved_cores=reserved,
        )

    def remember(self, text: str, redaction: Redaction, written: WrittenFile | None) -> list[dict]:
        return []


# -- opening the store ---------------------------------------------------------------------


class StoreSetupError(SetupError):
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
    "OptionsCache",
    "PreviewBook",
    "ProjectSettings",
    "ProjectSettingsError",
    "StoreBook",
    "StoreNotConfigured",
    "StoreSetupError",
    "build_options",
    "check_project_name",
    "default_key_file",
    "open_store",
    "parse_settings",
    "report_rows",
    "without_terms",
    "project_options",
    "resolve_project",
    "settings_json",
    "sqlite_path",
    "store_key",
    "validation_summary",
]
