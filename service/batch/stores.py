"""Which project store a batch allocates its surrogates in.

* Without ``--project``: a store of the batch's own, ``OUT_DIR/.tanon-batch/store.sqlite3``,
  encrypted with a key generated beside it (``store.key``, mode 600), holding one project
  named "batch". Every worker opens it, so a name gets one surrogate across the batch
  whichever worker redacts it, a rerun continues with the same surrogates, and the
  re-identification key stays available (``tanon project export-key batch`` with
  ``TANON_STORE_URL``/``TANON_STORE_KEY_FILE`` pointed there). Remove ``.tanon-batch/``
  before sharing OUT_DIR.
* With ``--project``: the configured store (``TANON_STORE_URL``, as every other command),
  so the batch shares the study's surrogates and dictionary. On a cluster it must be a
  server every worker reaches (PostgreSQL).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from service.atomic_files import create_once
from service.context import AppContext
from service.errors import StoreUnavailable
from service.store import DuplicateProject, KeyMismatch, Project, ProjectNotFound, ProjectStore, generate_store_key

LOCAL_PROJECT = "batch"
STORE_FILE, KEY_FILE = "store.sqlite3", "store.key"


@dataclass(frozen=True)
class StoreTarget:
    """Where workers allocate surrogates: a store URL, its key and a project."""

    url: str
    key: bytes = field(repr=False)
    project_id: int
    label: str  # recorded in the manifest: "batch", or "project:<id>"
    project_name: str | None = None  # the user's project, for the report


@contextmanager
def open_batch_store(state_dir: Path, project: str | None, context: AppContext) -> Iterator[tuple[ProjectStore, StoreTarget]]:
    """The opened store (for the coordinator) and the target workers open for themselves."""
    if project is not None:  # the context's store: it stays open with the context
        found = context.find_project(project)
        target = StoreTarget(context.settings.store_url, context.store_key(), found.id, f"project:{found.id}", found.name)
        yield context.store(), target
        return
    key = _local_key(state_dir / KEY_FILE)
    url = str(state_dir / STORE_FILE)
    try:
        store = ProjectStore(url, key=key)
    except KeyMismatch:
        raise StoreUnavailable(f"{state_dir / STORE_FILE} was created with another key than {state_dir / KEY_FILE}") from None
    try:
        yield store, StoreTarget(url, key, _local_project(store).id, LOCAL_PROJECT)
    finally:
        store.close()


def _local_project(store: ProjectStore) -> Project:
    try:
        return store.get_project(LOCAL_PROJECT)
    except ProjectNotFound:
        try:
            return store.create_project(LOCAL_PROJECT)
        except DuplicateProject:
            return store.get_project(LOCAL_PROJECT)


def _local_key(path: Path) -> bytes:
    """The per-batch store key, created (mode 600) on the first run."""
    if not path.exists():
        create_once(path, generate_store_key() + b"\n")
    return path.read_bytes().strip()
