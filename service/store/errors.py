"""Errors raised by the project store.

Messages name ids and kinds only, never a person's or organisation's name, a term, a
surrogate's original, a key or transcript text: they may end up in logs and API replies.
"""
from __future__ import annotations


class StoreError(Exception):
    """Base class of every error the project store raises on purpose."""


class InvalidStoreKey(StoreError):
    """The key is neither a Fernet key nor 32 raw bytes."""


class KeyMismatch(StoreError):
    """The database was created with a different store key."""


class StoreBusy(StoreError):
    """A transaction kept conflicting with concurrent writers and gave up."""


class ProjectNotFound(StoreError):
    """No project has the given id or name."""


class DuplicateProject(StoreError):
    """A project with that name already exists."""


class InvalidProject(StoreError):
    """Project name or settings are unusable."""


class InvalidTerm(StoreError):
    """A dictionary term has an unknown entity type, a bad role or an empty name."""


class InvalidTermsFile(StoreError):
    """A CSV/YAML dictionary file could not be parsed."""


class DuplicateTerm(StoreError):
    """A term (or one of its aliases) is already in the project's dictionary."""


class TermNotFound(StoreError):
    """No dictionary term has the given id in the project."""


class SurrogateConflict(StoreError):
    """A fixed surrogate is already given to another entity, or the entity has another one."""


class InvalidLabel(StoreError):
    """make_label produced an unusable label (empty, or it never yields a free one)."""


class ApiKeyNotFound(StoreError):
    """No API key has the given id."""


class InvalidRole(StoreError):
    """An API key role other than 'admin' or 'redactor'."""


class InvalidEntity(StoreError):
    """An entity to allocate has an empty canonical form or an over-long entity type."""
