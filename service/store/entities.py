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

API_KEY_ROLES: tuple[str, ...] = ("admin", "redactor")
