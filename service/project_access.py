"""Projects: what a project brings to a request, between the project store
(``service.store``) and the engine.

* its dictionary, as a ``ProjectDictionary`` the engine matches with the thresholds of its
  configuration (hits carry the term's canonical form, so "Nortwind" and "Northwind
  Analytics" share one surrogate);
* its settings: an allow list and per-type operator/template overrides
  (``service.project_settings``, validated strictly);
* its surrogates: ``StoreBook`` gives every entity the label the store already holds for
  it, or allocates the next free one in one store transaction, so the same name gets the
  same surrogate in every document of the project, from any process or machine.

Also here: resolving a project reference (id or name). Opening the store is
``service.store_setup``; the process's shared access to both is ``service.context``.
"""
from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Iterable

from recognizers.project_dictionary_recognizer import ProjectDictionary
from service.engine.engine import Redaction, RequestOptions
from service.engine.noise import normalize_surface
from service.errors import Conflict
from service.pipeline import WrittenFile
from service.project_settings import ProjectSettings, ProjectSettingsError, parse_settings
from service.restoration import remember_redaction
from service.store import Project, ProjectStore, Term
from service.vocabulary.surrogate_labels import render_template


class InvalidStoredSettings(Conflict):
    """A project whose stored settings no longer validate: requests in it cannot run until an
    admin fixes them (HTTP 409; on the command line a broken setup, exit 3)."""

    exit_code = 3


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
    allow = frozenset(form for form in (normalize_surface(s) for s in settings.allow_list) if form)
    return RequestOptions(
        dictionary=ProjectDictionary(terms) if terms else None, allow=allow, entities=dict(settings.entities)
    )


class OptionsCache:
    """Built RequestOptions per project, keyed by the dictionary and settings they come from.

    The dictionary is read from the store on every call (about 10 ms for 500 terms: it is
    decrypted), so a change made by any process is seen at once; only building the
    recognizer (about 50 ms for 500 terms, done by the engine on first use and kept with
    the dictionary) is skipped when nothing changed.
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


def project_options(store: ProjectStore, project: Project, *, cache: OptionsCache | None = None) -> RequestOptions:
    """The project's dictionary recognizer, allow list and operator/template overrides
    (``cache``: reuse what was built for the same dictionary and settings).

    Raises ``InvalidStoredSettings`` when the stored settings do not validate.
    """
    terms = tuple(store.list_terms(project.id))
    try:
        if cache is None:
            return build_options(terms, parse_settings(project.settings))
        return cache.get(project, terms)
    except ProjectSettingsError as exc:
        raise InvalidStoredSettings(exc.reason, where=f"project {project.id}") from None


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


__all__ = [
    "InvalidStoredSettings",
    "OptionsCache",
    "PreviewBook",
    "StoreBook",
    "build_options",
    "project_options",
    "resolve_project",
]
