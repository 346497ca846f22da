"""The re-identification key of a project (admin): export it, or apply it to a text."""
from __future__ import annotations

from fastapi import APIRouter, Response

from service.api.auth import AdminDep
from service.api.deps import StoreDep
from service.api.schemas import KeyEntryPublic, KeyExportPublic, ReidentifyRequest, ReidentifyResponse

router = APIRouter(prefix="/v1/projects/{project_id}", tags=["re-identification"])
NO_STORE = {"Cache-Control": "no-store"}


@router.get("/key", response_model=KeyExportPublic, summary="Export the re-identification key (admin; secret)")
def export_key(project_id: int, access: AdminDep, store: StoreDep, response: Response) -> KeyExportPublic:
    response.headers.update(NO_STORE)
    entries = [KeyEntryPublic(**entry) for entry in store.export_key(access.project_id)]
    return KeyExportPublic(project_id=access.project_id, entries=entries)


@router.post("/reidentify", response_model=ReidentifyResponse, summary="Put the originals back into a redacted text (admin)")
def reidentify(project_id: int, body: ReidentifyRequest, access: AdminDep, store: StoreDep, response: Response) -> ReidentifyResponse:
    response.headers.update(NO_STORE)
    return ReidentifyResponse(text=store.reidentify(access.project_id, body.text))
