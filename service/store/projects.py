"""Project rows: create, find, change settings, delete (with everything they own)."""
from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .errors import DuplicateProject, InvalidProject, ProjectNotFound
from .records import Project
from .schema import (
    as_utc,
    api_keys,
    placeholder_reservations,
    projects,
    redaction_records,
    surrogate_variants,
    surrogates,
    term_keys,
    terms,
)

MAX_NAME_LENGTH = 200


def _to_project(row: sa.Row) -> Project:
    return Project(id=row.id, name=row.name, settings=dict(row.settings or {}), created_at=as_utc(row.created_at))


def _check_settings(settings: dict[str, Any] | None) -> dict[str, Any]:
    settings = {} if settings is None else settings
    if not isinstance(settings, dict):
        raise InvalidProject("settings must be a JSON object")
    try:
        json.dumps(settings)
    except (TypeError, ValueError):
        raise InvalidProject("settings must be JSON-serialisable") from None
    return settings


def create(conn: Connection, *, name: str, settings: dict[str, Any] | None) -> Project:
    name = (name or "").strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise InvalidProject(f"project name must be 1-{MAX_NAME_LENGTH} characters")
    settings = _check_settings(settings)
    if conn.execute(sa.select(projects.c.id).where(projects.c.name == name)).first():
        raise DuplicateProject("a project with that name already exists")
    project_id = conn.execute(
        projects.insert().values(name=name, settings=settings).returning(projects.c.id)
    ).scalar_one()
    return get(conn, project_id)


def get(conn: Connection, id_or_name: int | str) -> Project:
    if isinstance(id_or_name, bool):
        raise ProjectNotFound("no such project")
    column = projects.c.id if isinstance(id_or_name, int) else projects.c.name
    row = conn.execute(sa.select(projects).where(column == id_or_name)).first()
    if row is None:
        raise ProjectNotFound(
            f"no project with id {id_or_name}" if isinstance(id_or_name, int) else "no project with that name"
        )
    return _to_project(row)


def require(conn: Connection, project_id: int, *, lock: bool = False) -> None:
    """Raise ProjectNotFound unless the project exists; optionally lock its row.

    The lock (PostgreSQL ``FOR UPDATE``) serialises allocations within one project so
    concurrent writers queue instead of colliding and retrying; SQLite transactions are
    already serialised by BEGIN IMMEDIATE.
    """
    query = sa.select(projects.c.id).where(projects.c.id == project_id)
    if lock and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    if conn.execute(query).first() is None:
        raise ProjectNotFound(f"no project with id {project_id}")


def list_all(conn: Connection) -> list[Project]:
    return [_to_project(row) for row in conn.execute(sa.select(projects).order_by(projects.c.id))]


def update_settings(conn: Connection, project_id: int, *, settings: dict[str, Any], merge: bool) -> Project:
    current = get(conn, project_id)
    settings = _check_settings(settings)
    new_settings = {**current.settings, **settings} if merge else settings
    conn.execute(projects.update().where(projects.c.id == project_id).values(settings=new_settings))
    return get(conn, project_id)


def delete(conn: Connection, project_id: int) -> None:
    require(conn, project_id, lock=True)
    # Explicit deletes rather than relying on ON DELETE CASCADE alone, which SQLite
    # enforces only when the foreign_keys pragma is on for the connection.
    surrogate_ids = sa.select(surrogates.c.id).where(surrogates.c.project_id == project_id)
    conn.execute(surrogate_variants.delete().where(surrogate_variants.c.surrogate_id.in_(surrogate_ids)))
    for table in (surrogates, term_keys, terms, api_keys, placeholder_reservations, redaction_records):
        conn.execute(table.delete().where(table.c.project_id == project_id))
    conn.execute(projects.delete().where(projects.c.id == project_id))
