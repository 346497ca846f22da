"""Project-scoped API keys: the secret is shown once, only its SHA-256 is kept.

A secret is ``tanon_`` + 43 characters of urlsafe base64 (32 random bytes). With that
much entropy a plain SHA-256 is enough at rest (no salt/KDF needed: there is nothing to
guess), and lookup by hash avoids comparing secrets in Python.
"""
from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import projects
from .entities import API_KEY_ROLES
from .errors import ApiKeyNotFound, InvalidRole
from .records import ApiKey, ApiKeyGrant
from .schema import api_keys, as_utc, utcnow

SECRET_PREFIX = "tanon_"
_DISPLAY_LENGTH = len(SECRET_PREFIX) + 6


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create(conn: Connection, project_id: int, *, role: str) -> str:
    if role not in API_KEY_ROLES:
        raise InvalidRole(f"role must be one of {', '.join(API_KEY_ROLES)}")
    projects.require(conn, project_id)
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    conn.execute(
        api_keys.insert().values(
            project_id=project_id,
            role=role,
            secret_hash=hash_secret(secret),
            display_prefix=secret[:_DISPLAY_LENGTH],
        )
    )
    return secret


def authenticate(conn: Connection, secret: object) -> ApiKeyGrant | None:
    if not isinstance(secret, str) or not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    row = conn.execute(
        sa.select(api_keys.c.project_id, api_keys.c.role).where(
            api_keys.c.secret_hash == hash_secret(secret), api_keys.c.revoked_at.is_(None)
        )
    ).first()
    return None if row is None else ApiKeyGrant(project_id=row.project_id, role=row.role)


def list_for_project(conn: Connection, project_id: int) -> list[ApiKey]:
    projects.require(conn, project_id)
    rows = conn.execute(sa.select(api_keys).where(api_keys.c.project_id == project_id).order_by(api_keys.c.id))
    return [
        ApiKey(
            id=row.id,
            project_id=row.project_id,
            role=row.role,
            display_prefix=row.display_prefix,
            created_at=as_utc(row.created_at),
            revoked_at=as_utc(row.revoked_at),
        )
        for row in rows
    ]


def revoke(conn: Connection, key: int | str) -> None:
    """Revoke by key id or by the secret itself. Revoking twice is harmless."""
    condition = api_keys.c.id == key if isinstance(key, int) else api_keys.c.secret_hash == hash_secret(key)
    if conn.execute(sa.select(api_keys.c.id).where(condition)).first() is None:
        raise ApiKeyNotFound("no such API key")
    conn.execute(api_keys.update().where(condition, api_keys.c.revoked_at.is_(None)).values(revoked_at=utcnow()))
