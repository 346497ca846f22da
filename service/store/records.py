"""Plain values the store hands out (never ORM objects bound to a session)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple


@dataclass(frozen=True)
class Project:
    id: int
    name: str
    settings: dict[str, Any] = field(compare=False)
    created_at: datetime = field(compare=False)


@dataclass(frozen=True)
class Term:
    """A dictionary entry, decrypted. ``surrogate`` is the fixed label, if the user set one."""

    id: int
    project_id: int
    term: str
    entity_type: str
    role: str | None = None
    aliases: tuple[str, ...] = ()
    surrogate: str | None = None
    created_at: datetime | None = field(default=None, compare=False)
    sound_alike: str = "context"  # context | always | off (service.store.entities.SOUND_ALIKE_MODES)


@dataclass(frozen=True)
class ApiKey:
    """An API key's metadata; the secret itself is never stored."""

    id: int
    project_id: int
    role: str
    display_prefix: str
    created_at: datetime
    revoked_at: datetime | None


class ApiKeyGrant(NamedTuple):
    """What an authenticated secret may act on."""

    project_id: int
    role: str
