"""The entity types a project dictionary knows, and the roles an organisation can play."""
from __future__ import annotations

from service.vocabulary.entity_types import (
    LOCATION,
    NAME_TYPES,
    ORGANIZATION,
    ORGANIZATION_ROLES,
    PERSON,
    PRODUCT,
    UNIVERSITY,
)
from service.vocabulary.sound_alike_modes import DEFAULT_SOUND_ALIKE, SOUND_ALIKE_MODES

__all__ = ["API_KEY_ROLES", "DEFAULT_SOUND_ALIKE", "ENTITY_TYPES", "LOCATION", "ORGANIZATION", "ORGANIZATION_ROLES",
           "PERSON", "PRODUCT", "SOUND_ALIKE_MODES", "UNIVERSITY"]

# A dictionary term names something: a person, an organization, a university, a product or a place.
ENTITY_TYPES: tuple[str, ...] = NAME_TYPES

API_KEY_ROLES: tuple[str, ...] = ("admin", "redactor")
