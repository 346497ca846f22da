"""Project store: projects, consistent surrogates, the encrypted re-identification key,
the project dictionary and API keys, on SQLite (a file path) or PostgreSQL (a URL).

    from service.store import ProjectStore, load_store_key
    store = ProjectStore("data/projects.db", key=load_store_key())
"""
from service.vocabulary.canonical import canonical_form
from .entities import API_KEY_ROLES, ENTITY_TYPES, ORGANIZATION_ROLES
from .errors import (
    ApiKeyNotFound,
    DuplicateProject,
    DuplicateTerm,
    InvalidEntity,
    InvalidLabel,
    InvalidProject,
    InvalidRole,
    InvalidStoreKey,
    InvalidTerm,
    InvalidStoreRequest,
    InvalidTermsFile,
    JobNotFound,
    KeyMismatch,
    ProjectNotFound,
    StoreBusy,
    StoreError,
    SurrogateConflict,
    TermNotFound,
)
from .keys import KEY_ENV_VAR, KEY_FILE_ENV_VAR, generate_store_key, load_store_key
from .records import ApiKey, ApiKeyGrant, Project, Term
from .store import ProjectStore
from .surrogates import fixed_label

__all__ = [
    "API_KEY_ROLES",
    "ENTITY_TYPES",
    "KEY_ENV_VAR",
    "KEY_FILE_ENV_VAR",
    "ORGANIZATION_ROLES",
    "ApiKey",
    "ApiKeyGrant",
    "ApiKeyNotFound",
    "DuplicateProject",
    "DuplicateTerm",
    "InvalidEntity",
    "InvalidLabel",
    "InvalidProject",
    "InvalidRole",
    "InvalidStoreKey",
    "InvalidTerm",
    "InvalidStoreRequest",
    "InvalidTermsFile",
    "JobNotFound",
    "KeyMismatch",
    "Project",
    "ProjectNotFound",
    "ProjectStore",
    "StoreBusy",
    "StoreError",
    "SurrogateConflict",
    "Term",
    "TermNotFound",
    "canonical_form",
    "fixed_label",
    "generate_store_key",
    "load_store_key",
]
