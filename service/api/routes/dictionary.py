"""A project's dictionary (admin): list, add, delete terms; import and export CSV or YAML."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from service.api.auth import AdminDep
from service.api.deps import StoreDep
from service.api.responses import PROJECT, error_responses
from service.api.schemas import AliasCreate, ImportResult, TermCreate, TermPublic
from service.store import Term

router = APIRouter(prefix="/v1/projects/{project_id}/dictionary", tags=["dictionary"],
                   responses=error_responses(*PROJECT, 409))

CONTENT_TYPES = {
    "text/csv": "csv",
    "application/csv": "csv",
    "application/yaml": "yaml",
    "application/x-yaml": "yaml",
    "text/yaml": "yaml",
    "text/x-yaml": "yaml",
}
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "yaml": "application/yaml; charset=utf-8"}
NO_STORE = {"Cache-Control": "no-store"}


def term_public(term: Term) -> TermPublic:
    return TermPublic(
        id=term.id, term=term.term, entity_type=term.entity_type, role=term.role,
        aliases=list(term.aliases), surrogate=term.surrogate, sound_alike=term.sound_alike, created_at=term.created_at,
    )


@router.get("", response_model=list[TermPublic], summary="The dictionary terms (admin)")
def list_terms(project_id: int, access: AdminDep, store: StoreDep, response: Response) -> list[TermPublic]:
    response.headers.update(NO_STORE)
    return [term_public(t) for t in store.list_terms(access.project_id)]


@router.post("", status_code=201, response_model=TermPublic, summary="Add a term (admin)")
def add_term(project_id: int, body: TermCreate, access: AdminDep, store: StoreDep) -> TermPublic:
    term = store.add_term(
        access.project_id, body.term, body.entity_type, role=body.role, aliases=body.aliases, surrogate=body.surrogate,
        sound_alike=body.sound_alike,
    )
    return term_public(term)


@router.post(
    "/{term_id}/aliases",
    response_model=TermPublic,
    summary="Add another way a term is written (admin): a rendering a reviewer confirmed",
)
def add_alias(project_id: int, term_id: int, body: AliasCreate, access: AdminDep, store: StoreDep) -> TermPublic:
    return term_public(store.add_alias(access.project_id, term_id, body.alias))


@router.post(
    "/import",
    response_model=ImportResult,
    summary="Import terms from CSV or YAML (admin; all or nothing)",
    responses=error_responses(415),
    openapi_extra={"requestBody": {"content": {"text/csv": {"schema": {"type": "string"}},
                                               "application/yaml": {"schema": {"type": "string"}}}}},
)
async def import_terms(
    project_id: int,
    request: Request,
    access: AdminDep,
    store: StoreDep,
    format: Annotated[Literal["csv", "yaml", "yml"] | None, Query(description="Default: from the content type")] = None,
) -> ImportResult:
    fmt = format or CONTENT_TYPES.get(request.headers.get("content-type", "").split(";")[0].strip().lower())
    if fmt is None:
        raise HTTPException(415, detail="send text/csv or application/yaml, or add ?format=csv|yaml")
    try:
        text = (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(422, detail="the dictionary must be UTF-8 text") from None
    added = await run_in_threadpool(store.import_terms, access.project_id, text, format=fmt)
    return ImportResult(added=added)


@router.get(
    "/export",
    summary="The dictionary as CSV or YAML (admin; contains names)",
    responses={200: {"content": {"text/csv": {}, "application/yaml": {}}}},
    response_class=Response,
)
def export_terms(
    project_id: int,
    access: AdminDep,
    store: StoreDep,
    format: Annotated[Literal["csv", "yaml", "yml"], Query()] = "csv",
) -> Response:
    fmt = "yaml" if format == "yml" else format
    text = store.export_terms(access.project_id, format=fmt)
    return Response(content=text, media_type=MEDIA_TYPES[fmt], headers=NO_STORE)


@router.delete("/{term_id}", status_code=204, summary="Delete a term (admin); a surrogate it fixed stays")
def delete_term(project_id: int, term_id: int, access: AdminDep, store: StoreDep) -> Response:
    store.delete_term(access.project_id, term_id)
    return Response(status_code=204)
