"""Who may call what: project API keys (admin | redactor) and the service admin token.

A key is sent as ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``. Keys belong to
one project; the store keeps only their SHA-256.

* no key, or an unknown/revoked key             -> 401
* a key of another project                       -> 403
* a redactor key on an admin route               -> 403
* ``POST /v1/projects`` needs ``TANON_ADMIN_TOKEN`` (compared in constant time);
  ``GET /v1/projects`` lists every project for it, and a key's own project for a key.
* ``/v1/analyze``, ``/v1/redact``, ``/v1/redact/file`` answer without a key only while
  ``TANON_REQUIRE_API_KEY`` is false and no ``project`` is named.
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from service.api.deps import ContextDep, SettingsDep
from service.config import Settings
from service.context import AppContext, ProjectScope
from service.project_access import resolve_project
from service.store import ApiKeyGrant, ProjectNotFound

ADMIN = "admin"
REDACTOR = "redactor"

bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    description="A project API key (`tanon_...`), or the service admin token for POST/GET /v1/projects.",
)
api_key_scheme = APIKeyHeader(name="X-API-Key", auto_error=False, scheme_name="apiKey",
                              description="A project API key, as an alternative to the Authorization header.")


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(401, detail=detail, headers={"WWW-Authenticate": "Bearer"})


def forbidden(detail: str) -> HTTPException:
    return HTTPException(403, detail=detail)


NO_KEY = "an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>"
BAD_KEY = "invalid or revoked API key"
OTHER_PROJECT = "this API key does not belong to that project"
NOT_ADMIN = "this needs an admin API key of the project"


def presented_secret(
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)],
    api_key: Annotated[str | None, Security(api_key_scheme)],
) -> str | None:
    """The secret the client sent, if any (the Authorization header wins)."""
    if bearer is not None and bearer.credentials.strip():
        return bearer.credentials.strip()
    if api_key is not None and api_key.strip():
        return api_key.strip()
    return None


SecretDep = Annotated[str | None, Depends(presented_secret)]


def optional_caller(context: ContextDep, secret: SecretDep) -> ApiKeyGrant | None:
    """The project and role of the key sent; None when no key was sent; 401 for a bad key.

    The store is opened only when a key is presented, so the key-less routes work on a
    service without a store.
    """
    if secret is None:
        return None
    grant = context.store().authenticate(secret)
    if grant is None:
        raise unauthorized(BAD_KEY)
    return grant


CallerDep = Annotated[ApiKeyGrant | None, Depends(optional_caller)]


def key_if_required(settings: SettingsDep, caller: CallerDep) -> ApiKeyGrant | None:
    """For the text and file routes: a key only when ``TANON_REQUIRE_API_KEY`` is true."""
    if caller is None and settings.require_api_key:
        raise unauthorized(NO_KEY)
    return caller


@dataclass(frozen=True)
class ProjectAccess:
    project_id: int
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


def project_access(project_id: Annotated[int, Path(ge=1, description="Project id")], caller: CallerDep) -> ProjectAccess:
    if caller is None:
        raise unauthorized(NO_KEY)
    if caller.project_id != project_id:
        raise forbidden(OTHER_PROJECT)
    return ProjectAccess(caller.project_id, caller.role)


def project_admin(access: Annotated[ProjectAccess, Depends(project_access)]) -> ProjectAccess:
    if not access.is_admin:
        raise forbidden(NOT_ADMIN)
    return access


def _is_service_admin(settings: Settings, secret: str | None) -> bool:
    token = settings.admin_token.get_secret_value() if settings.admin_token is not None else ""
    if not token or secret is None:
        return False
    return hmac.compare_digest(secret.encode("utf-8"), token.encode("utf-8"))


def service_admin(settings: SettingsDep, secret: SecretDep) -> None:
    if secret is None:
        raise unauthorized(NO_KEY)
    if settings.admin_token is None:
        raise forbidden("creating projects over HTTP is disabled: set TANON_ADMIN_TOKEN (or use `tanon project create`)")
    if not _is_service_admin(settings, secret):
        raise unauthorized("invalid service admin token")


@dataclass(frozen=True)
class Lister:
    """Who lists projects: the service admin (all) or a key (its own project)."""

    all_projects: bool
    project_id: int | None = None


def project_lister(context: ContextDep, secret: SecretDep) -> Lister:
    if secret is None:
        raise unauthorized(NO_KEY)
    if _is_service_admin(context.settings, secret):
        return Lister(all_projects=True)
    grant = context.store().authenticate(secret)
    if grant is None:
        raise unauthorized(BAD_KEY)
    return Lister(all_projects=False, project_id=grant.project_id)


def project_scope(context: AppContext, caller: ApiKeyGrant | None, ref: int | str | None) -> ProjectScope:
    """Dictionary, settings and store-backed surrogates of the project ``ref`` (id or name).

    The key must belong to that project (either role); a project whose stored settings no
    longer validate answers 409. Call from a worker thread: it reads the store.
    """
    if ref is None:
        return context.project_scope(None)
    if caller is None:
        raise unauthorized("naming a project needs an API key of that project")
    try:
        project = resolve_project(context.store(), ref)
    except ProjectNotFound:
        raise forbidden(OTHER_PROJECT) from None  # never reveal which other projects exist
    if project.id != caller.project_id:
        raise forbidden(OTHER_PROJECT)
    return context.project_scope(project)


def sees_dictionary(caller: ApiKeyGrant | None, scope: ProjectScope) -> bool:
    """Whether an answer in ``scope`` may name the dictionary terms findings matched: only
    to an admin key of the project, as only an admin may list the dictionary (a redactor
    sending an alias must not learn the full term)."""
    return scope.project is not None and caller is not None and caller.role == ADMIN


TextCallerDep = Annotated[ApiKeyGrant | None, Depends(key_if_required)]
ProjectDep = Annotated[ProjectAccess, Depends(project_access)]
AdminDep = Annotated[ProjectAccess, Depends(project_admin)]
ServiceAdminDep = Annotated[None, Depends(service_admin)]
ListerDep = Annotated[Lister, Depends(project_lister)]
