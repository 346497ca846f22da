"""Projects: create (service admin), list, read, change settings, delete."""
from __future__ import annotations

from fastapi import APIRouter, Response

from service.api.auth import AdminDep, ListerDep, ProjectDep, ServiceAdminDep
from service.api.deps import StoreDep
from service.api.responses import PROJECT, error_responses
from service.api.schemas import ProjectCreate, ProjectCreatedPublic, ProjectPublic, ProjectUpdate
from service.project_settings import check_project_name, parse_settings, settings_json
from service.store import Project

router = APIRouter(prefix="/v1/projects", tags=["projects"], responses=error_responses(*PROJECT, 409))


def project_public(project: Project) -> ProjectPublic:
    return ProjectPublic(id=project.id, name=project.name, settings=project.settings, created_at=project.created_at)


def _checked_settings(raw: dict) -> dict:
    return settings_json(parse_settings(raw))  # 422 when they do not validate


@router.post("", status_code=201, response_model=ProjectCreatedPublic, summary="Create a project (service admin token)")
def create_project(body: ProjectCreate, _: ServiceAdminDep, store: StoreDep) -> ProjectCreatedPublic:
    project = store.create_project(check_project_name(body.name), _checked_settings(body.settings))
    secret = store.create_api_key(project.id, role="admin")
    return ProjectCreatedPublic(**project_public(project).model_dump(), admin_key=secret)


@router.get("", response_model=list[ProjectPublic], summary="List projects (all for the service admin, else the key's own)")
def list_projects(lister: ListerDep, store: StoreDep) -> list[ProjectPublic]:
    if lister.all_projects:
        return [project_public(p) for p in store.list_projects()]
    return [project_public(store.get_project(lister.project_id))]


@router.get("/{project_id}", response_model=ProjectPublic, summary="A project and its settings (any key of it)")
def get_project(project_id: int, access: ProjectDep, store: StoreDep) -> ProjectPublic:
    return project_public(store.get_project(access.project_id))


@router.patch("/{project_id}", response_model=ProjectPublic, summary="Change settings (admin); given keys replace the old ones")
def update_project(project_id: int, body: ProjectUpdate, access: AdminDep, store: StoreDep) -> ProjectPublic:
    current = store.get_project(access.project_id)
    merged = _checked_settings({**current.settings, **body.settings})
    return project_public(store.update_project_settings(access.project_id, merged))


@router.delete("/{project_id}", status_code=204, summary="Delete the project with its key, dictionary and API keys (admin)")
def delete_project(project_id: int, access: AdminDep, store: StoreDep) -> Response:
    store.delete_project(access.project_id)
    return Response(status_code=204)
