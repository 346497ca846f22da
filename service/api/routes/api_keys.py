"""A project's API keys (admin): create one (the secret is shown once), list, revoke."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response

from service.api.auth import AdminDep
from service.api.deps import StoreDep
from service.api.responses import PROJECT, error_responses
from service.api.schemas import ApiKeyCreate, ApiKeyCreatedPublic, ApiKeyPublic
from service.store import ApiKey

router = APIRouter(prefix="/v1/projects/{project_id}/api-keys", tags=["api keys"], responses=error_responses(*PROJECT))


def key_public(key: ApiKey) -> ApiKeyPublic:
    return ApiKeyPublic(
        id=key.id, role=key.role, display_prefix=key.display_prefix, created_at=key.created_at, revoked_at=key.revoked_at
    )


@router.post("", status_code=201, response_model=ApiKeyCreatedPublic, summary="Create an API key (admin)")
def create_api_key(project_id: int, access: AdminDep, store: StoreDep, body: ApiKeyCreate | None = None) -> ApiKeyCreatedPublic:
    role = (body or ApiKeyCreate()).role
    secret = store.create_api_key(access.project_id, role=role)
    created = max(
        (k for k in store.list_api_keys(access.project_id) if secret.startswith(k.display_prefix) and k.role == role),
        key=lambda k: k.id,
    )
    return ApiKeyCreatedPublic(id=created.id, role=role, display_prefix=created.display_prefix, key=secret)


@router.get("", response_model=list[ApiKeyPublic], summary="The project's API keys, without secrets (admin)")
def list_api_keys(project_id: int, access: AdminDep, store: StoreDep) -> list[ApiKeyPublic]:
    return [key_public(k) for k in store.list_api_keys(access.project_id)]


@router.delete("/{key_id}", status_code=204, summary="Revoke an API key (admin)")
def revoke_api_key(project_id: int, key_id: int, access: AdminDep, store: StoreDep) -> Response:
    if key_id not in {k.id for k in store.list_api_keys(access.project_id)}:
        raise HTTPException(404, detail=f"no API key with id {key_id} in this project")
    store.revoke_api_key(key_id)
    return Response(status_code=204)
