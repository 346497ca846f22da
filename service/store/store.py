"""``ProjectStore``: the one interface to projects, surrogates, the dictionary and API keys.

Open it with a SQLite file path (default) or a PostgreSQL URL; the schema is created or
migrated on open. Every method is one database transaction, safe to call from many
threads, processes or service instances at once.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import api_keys, dictionary, placeholders, projects, redaction_records, surrogates
from .crypto import StoreCrypto
from .database import create_store_engine
from .errors import KeyMismatch
from .jobs import JobStoreMixin
from .migrate import upgrade_to_head
from .records import ApiKey, ApiKeyGrant, Project, Term
from .schema import store_meta
from .terms_io import TermSpec, format_terms, parse_terms
from .transactions import T, run_transaction

_KEY_CHECK = "key_fingerprint"


class _RolledBack(Exception):
    """Carries a result out of a transaction that must not commit."""

    def __init__(self, result: object) -> None:
        super().__init__("rolled back")
        self.result = result


class ProjectStore(JobStoreMixin):
    """Projects, their surrogates, re-identification key, dictionary and API keys.

    ``url``: a SQLite file path, ``sqlite:///path``, or ``postgresql+psycopg://...``.
    ``key``: a Fernet key or 32 raw bytes (see ``service.store.keys.load_store_key``).
    """

    def __init__(self, url: str | os.PathLike[str], *, key: bytes | str, echo: bool = False) -> None:
        self._crypto = StoreCrypto(key)
        self._engine = create_store_engine(url, echo=echo)
        try:
            upgrade_to_head(self._engine)
            self._run(self._check_key)
        except BaseException:
            self._engine.dispose()
            raise

    # -- lifecycle -------------------------------------------------------------------

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self._engine.dialect.name

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:  # never shows the password or key
        return f"ProjectStore(backend={self.backend!r})"

    def _run(self, work: Callable[[Connection], T]) -> T:
        return run_transaction(self._engine, work)

    def _check_key(self, conn: Connection) -> None:
        fingerprint = self._crypto.key_fingerprint()
        stored = conn.execute(sa.select(store_meta.c.value).where(store_meta.c.name == _KEY_CHECK)).scalar()
        if stored is None:
            conn.execute(store_meta.insert().values(name=_KEY_CHECK, value=fingerprint))
        elif stored != fingerprint:
            raise KeyMismatch("this database was created with a different store key")

    # -- projects --------------------------------------------------------------------

    def create_project(self, name: str, settings: dict[str, Any] | None = None) -> Project:
        return self._run(lambda c: projects.create(c, name=name, settings=settings))

    def list_projects(self) -> list[Project]:
        return self._run(projects.list_all)

    def get_project(self, id_or_name: int | str) -> Project:
        """By id (int) or by name (str)."""
        return self._run(lambda c: projects.get(c, id_or_name))

    def update_project_settings(self, project_id: int, settings: dict[str, Any], *, merge: bool = False) -> Project:
        """Replace the settings, or with ``merge=True`` update only the given keys."""
        return self._run(lambda c: projects.update_settings(c, project_id, settings=settings, merge=merge))

    def delete_project(self, project_id: int) -> None:
        """Delete the project with its surrogates, key, dictionary and API keys."""
        self._run(lambda c: projects.delete(c, project_id))

    # -- surrogates and the re-identification key ----------------------------------------

    def allocate_surrogates(
        self,
        project_id: int,
        items: Sequence[tuple[str, str, str]],
        make_label: Callable[[str, int], str],
        *,
        reserved_labels: Iterable[str] = (),
        reserved_cores: Iterable[str] = (),
    ) -> dict[tuple[str, str], str]:
        """Surrogate label of each ``(entity_type, canonical, original)``, keyed by ``(entity_type, canonical)``.

        An entity already known to the project keeps its label; a new one gets its fixed
        dictionary surrogate or ``make_label(entity_type, n)`` for the next free index
        ``n`` of its type, skipping ``reserved_labels``, labels given out already and every
        label whose core a placeholder of the project holds. ``reserved_cores`` (label cores
        of the placeholders in the document at hand, "company a") are recorded for the
        whole project first. Dictionary aliases resolve to their term's surrogate. Every
        ``original`` surface is recorded (encrypted) as a variant for the re-identification key.
        """
        items = list(items)
        reserved = set(reserved_labels)
        cores = set(reserved_cores)
        return self._run(
            lambda c: surrogates.allocate(
                c, self._crypto, project_id, items, make_label=make_label, reserved_labels=reserved,
                reserved_cores=cores,
            )
        )

    def preview_surrogates(
        self,
        project_id: int,
        items: Sequence[tuple[str, str, str]],
        make_label: Callable[[str, int], str],
        *,
        reserved_cores: Iterable[str] = (),
    ) -> dict[tuple[str, str], str]:
        """What ``allocate_surrogates`` would answer now, with nothing kept: the same work in
        a transaction that is rolled back (a review page shows surrogates before anyone
        decides to redact)."""
        items = list(items)
        cores = set(reserved_cores)

        def work(conn: Connection) -> None:
            result = surrogates.allocate(conn, self._crypto, project_id, items, make_label=make_label,
                                         reserved_labels=set(), reserved_cores=cores)
            raise _RolledBack(result)  # leaving the transaction by an exception rolls it back

        try:
            self._run(work)
        except _RolledBack as preview:
            return preview.result
        raise AssertionError("unreachable: the preview transaction always rolls back")

    def reserved_label_cores(self, project_id: int) -> set[str]:
        """Label cores ("company a") that placeholders hold in this project: never given out."""
        return self._run(lambda c: placeholders.reserved(c, project_id))

    def remember_redaction(
        self,
        project_id: int,
        *,
        redacted_text: str,
        record: dict[str, Any] | None,
        placeholder_cores: Iterable[str] = (),
    ) -> dict[str, str]:
        """After a document is redacted in the project, in one transaction: reserve the label
        cores of its placeholders for the project, and keep its redaction ``record``
        (encrypted, found again by ``redacted_text``). Returns core -> label for each
        placeholder whose label had already been given out as a surrogate (it is kept)."""
        cores = placeholders.clean_cores(placeholder_cores)

        def work(conn: Connection) -> dict[str, str]:
            projects.require(conn, project_id, lock=True)
            placeholders.reserve(conn, project_id, cores)
            if record is not None:
                redaction_records.save(conn, self._crypto, project_id, redacted_text, record)
            return placeholders.collisions(conn, project_id, cores)

        return self._run(work)

    def redaction_record(self, project_id: int, redacted_text: str) -> dict[str, Any] | None:
        """The record kept for a document whose redacted transcript text is ``redacted_text``."""
        return self._run(lambda c: redaction_records.find(c, self._crypto, project_id, redacted_text))

    def export_redaction_records(self, project_id: int) -> list[dict[str, Any]]:
        """``[{"text_hash", "created_at", "record"}]``, decrypted. Contains names: handle as secret."""
        def work(conn: Connection) -> list[dict[str, Any]]:
            projects.require(conn, project_id)
            return redaction_records.export(conn, self._crypto, project_id)

        return self._run(work)

    def fingerprint(self, data: bytes) -> str:
        """A keyed hash of ``data``: tells whether a file is exactly one seen before, without keeping it."""
        return self._crypto.lookup_hash(hashlib.sha256(data).hexdigest(), purpose="file")

    def surrogate_originals(self, project_id: int) -> dict[str, str]:
        """Every surrogate label of the project with its first-seen original (or dictionary term). Secret."""
        return self._run(lambda c: surrogates.originals(c, self._crypto, project_id))

    def export_key(self, project_id: int) -> list[dict[str, Any]]:
        """``[{"surrogate", "entity_type", "original", "variants"}]``, decrypted. Handle as secret."""
        return self._run(lambda c: surrogates.export_key(c, self._crypto, project_id))

    def reidentify(self, project_id: int, text: str) -> str:
        """``text`` with every surrogate label of the project replaced by its first-seen
        original (entity level; ``service.restoration`` puts back each mention's exact text)."""
        return self._run(lambda c: surrogates.reidentify(c, self._crypto, project_id, text))

    # -- dictionary ------------------------------------------------------------------

    def add_term(
        self,
        project_id: int,
        term: str,
        entity_type: str,
        *,
        role: str | None = None,
        aliases: Iterable[str] = (),
        surrogate: str | None = None,
        sound_alike: str | None = None,
    ) -> Term:
        """Add a dictionary term. ``surrogate`` ("Company Y") fixes the entity's label ("[Company Y]");
        ``sound_alike`` ("context", "always" or "off") says how renderings that only sound like it match."""
        spec = TermSpec(term=term, entity_type=entity_type, role=role, aliases=tuple(aliases), surrogate=surrogate,
                        sound_alike=sound_alike)
        return self._run(lambda c: dictionary.add(c, self._crypto, project_id, spec))

    def add_alias(self, project_id: int, term_id: int, alias: str) -> Term:
        """Add ``alias`` to the term's aliases (``DuplicateTerm`` if another term has that form)."""
        return self._run(lambda c: dictionary.add_alias(c, self._crypto, project_id, term_id, alias))

    def list_terms(self, project_id: int, *, entity_type: str | None = None) -> list[Term]:
        return self._run(lambda c: dictionary.list_all(c, self._crypto, project_id, entity_type=entity_type))

    def delete_term(self, project_id: int, term_id: int) -> None:
        self._run(lambda c: dictionary.delete(c, project_id, term_id))

    def import_terms(self, project_id: int, text: str, *, format: str) -> int:
        """Import a CSV or YAML dictionary (all or nothing); returns how many terms were added."""
        specs = parse_terms(text, format=format)
        return self._run(lambda c: dictionary.import_specs(c, self._crypto, project_id, specs))

    def export_terms(self, project_id: int, *, format: str) -> str:
        """The dictionary as CSV or YAML text, which ``import_terms`` reads back. Contains names."""
        return format_terms(self.list_terms(project_id), format=format)

    # -- API keys --------------------------------------------------------------------

    def create_api_key(self, project_id: int, *, role: str) -> str:
        """A new secret for ``role`` ('admin' | 'redactor'); returned once, stored only hashed."""
        return self._run(lambda c: api_keys.create(c, project_id, role=role))

    def authenticate(self, secret: str) -> ApiKeyGrant | None:
        """``(project_id, role)`` for a live key, else None."""
        return self._run(lambda c: api_keys.authenticate(c, secret))

    def list_api_keys(self, project_id: int) -> list[ApiKey]:
        return self._run(lambda c: api_keys.list_for_project(c, project_id))

    def revoke_api_key(self, key: int | str) -> None:
        """Revoke by key id or by secret."""
        self._run(lambda c: api_keys.revoke(c, key))
