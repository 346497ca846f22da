"""A project's name and settings, as a user submits them: validated strictly, and refused
with a reason that says where and what, never the submitted value (it may be a name)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from service.config import EntityPolicy
from service.errors import InputError, public_validation_errors

MAX_PROJECT_NAME = 200

EntityTypeName = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]{0,63}$")]
AllowTerm = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class ProjectSettings(BaseModel):
    """What a project may change. Stored as the project's JSON settings.

    ``entities``: operator and template per entity type, over the engine configuration
    (e.g. ``{"ORGANIZATION": {"operator": "pseudonym", "template": "[Org {letter}]"}}``).
    ``allow_list``: surfaces never flagged in this project (compared case-, space- and
    possessive-insensitively).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    entities: dict[EntityTypeName, EntityPolicy] = Field(default_factory=dict)
    allow_list: list[AllowTerm] = Field(default_factory=list, max_length=10_000)


class ProjectSettingsError(InputError):
    """Project settings that do not match ``ProjectSettings``; the message never echoes values."""

    def __init__(self, reason: str, *, path: str | None = None) -> None:
        super().__init__(path, reason)


class InvalidProjectName(InputError):
    def __init__(self, reason: str) -> None:
        super().__init__("project name", reason)


SETTINGS_FIELDS = frozenset(ProjectSettings.model_fields) | frozenset(EntityPolicy.model_fields)


def validation_summary(exc: ValidationError, data: object) -> str:
    """Where and what, never the submitted value nor a key the user wrote (either may be a
    name): an entity type or unknown key is named by its position."""
    parts = []
    for error in public_validation_errors(exc.errors(), data, field_names=SETTINGS_FIELDS):
        where = ".".join(str(p) for p in error["loc"]) or "settings"
        parts.append(f"{where}: {error['msg'] or 'invalid'}")
    return "; ".join(parts)


def parse_settings(raw: Mapping[str, Any] | None) -> ProjectSettings:
    data = dict(raw or {})
    try:
        return ProjectSettings.model_validate(data)
    except ValidationError as exc:
        raise ProjectSettingsError(f"invalid project settings: {validation_summary(exc, data)}") from None


def settings_json(settings: ProjectSettings) -> dict[str, Any]:
    """The JSON stored for ``settings`` (defaults left out)."""
    return settings.model_dump(mode="json", exclude_defaults=True, exclude_none=True)


def check_project_name(name: str) -> str:
    """A usable project name: 1-200 printable characters and not only digits (digits are ids)."""
    name = (name or "").strip()
    if not name or len(name) > MAX_PROJECT_NAME:
        raise InvalidProjectName(f"a project name must have 1-{MAX_PROJECT_NAME} characters")
    if name.isdigit():
        raise InvalidProjectName("a project name cannot be only digits (those refer to project ids)")
    if not name.isprintable():
        raise InvalidProjectName("a project name cannot contain control characters")
    return name
