"""Errors raised by the project store: members of the one error tree (``service.errors``),
each also one of its kinds, which gives it its exit code and HTTP status.

Messages name ids and kinds only, never a person's or organisation's name, a term, a
surrogate's original, a key or transcript text: they may end up in logs and API replies.
"""
from __future__ import annotations

from service.errors import Busy, Conflict, InputError, NotFound, StoreUnavailable, TanonError


class StoreError(TanonError):
    """Base class of every error the project store raises on purpose."""


class InvalidStoreRequest(StoreError, InputError):
    """Something asked of the store is unusable (exit 2, HTTP 422); the message says what."""

    def __init__(self, message: str) -> None:
        InputError.__init__(self, None, message)


class InvalidStoreKey(StoreError, StoreUnavailable):
    """The key is neither a Fernet key nor 32 raw bytes."""

    where = "project store"


class KeyMismatch(StoreError, StoreUnavailable):
    """The database was created with a different store key."""

    where = "project store"


class StoreBusy(StoreError, Busy):
    """A transaction kept conflicting with concurrent writers and gave up."""

    where = "project store"


class ProjectNotFound(StoreError, NotFound):
    """No project has the given id or name."""


class DuplicateProject(StoreError, Conflict):
    """A project with that name already exists."""


class InvalidProject(InvalidStoreRequest):
    """Project name or settings are unusable."""


class InvalidTerm(InvalidStoreRequest):
    """A dictionary term has an unknown entity type, a bad role or an empty name."""


class InvalidTermsFile(InvalidStoreRequest):
    """A CSV/YAML dictionary file could not be parsed."""


class DuplicateTerm(StoreError, Conflict):
    """A term (or one of its aliases) is already in the project's dictionary."""


class TermNotFound(StoreError, NotFound):
    """No dictionary term has the given id in the project."""


class SurrogateConflict(StoreError, Conflict):
    """A fixed surrogate is already given to another entity, or the entity has another one."""


class InvalidLabel(InvalidStoreRequest):
    """make_label produced an unusable label (empty, or it never yields a free one)."""


class ApiKeyNotFound(StoreError, NotFound):
    """No API key has the given id."""


class InvalidRole(InvalidStoreRequest):
    """An API key role other than 'admin' or 'redactor'."""


class InvalidEntity(InvalidStoreRequest):
    """An entity to allocate has an empty canonical form or an over-long entity type."""


class JobNotFound(StoreError, NotFound):
    """No job has the given id."""
