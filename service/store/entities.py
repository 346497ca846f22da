"""The entity types a project dictionary knows, and the roles an organisation can play."""
from __future__ import annotations

PERSON = "PERSON"
ORGANIZATION = "ORGANIZATION"
UNIVERSITY = "UNIVERSITY"
PRODUCT = "PRODUCT"
LOCATION = "LOCATION"

ENTITY_TYPES: tuple[str, ...] = (PERSON, ORGANIZATION, UNIVERSITY, PRODUCT, LOCATION)

# Only organisations carry a role: it tells the researcher how the company relates to
# the interviewee, which the surrogate alone hides.
ORGANIZATION_ROLES: tuple[str, ...] = ("employer", "client", "vendor", "data_provider", "other")

# How a term takes part in sound-alike matching of misheard names ("alter ex" for
# Alteryx): "context" needs evidence around the rendering, "always" matches anywhere,
# "off" never matches by sound.
SOUND_ALIKE_MODES: tuple[str, ...] = ("context", "always", "off")
DEFAULT_SOUND_ALIKE = "context"

API_KEY_ROLES: tuple[str, ...] = ("admin", "redactor")
