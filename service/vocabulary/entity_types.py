"""The entity types the engine reports, and the groups of them that rules talk about."""
from __future__ import annotations

PERSON = "PERSON"
ORGANIZATION = "ORGANIZATION"
UNIVERSITY = "UNIVERSITY"
PRODUCT = "PRODUCT"
LOCATION = "LOCATION"
EMAIL_ADDRESS = "EMAIL_ADDRESS"
PHONE_NUMBER = "PHONE_NUMBER"
URL = "URL"
# A user name on a social platform ("@crumbandcompass", "jane underscore doe").
SOCIAL_HANDLE = "SOCIAL_HANDLE"
# A street address or a postcode: a contact detail, not a place name ("[Location 1]" is a
# town or a country).
ADDRESS = "ADDRESS"
# A tag a person already put in the text ("Company Y"): kept as it is.
PLACEHOLDER = "PLACEHOLDER"

# Names: what a project dictionary holds, what propagates through a document and what the
# noise filter judges. Contact details are not names.
NAME_TYPES: tuple[str, ...] = (PERSON, ORGANIZATION, UNIVERSITY, PRODUCT, LOCATION)
# Names of organizations and of what they make: suffixes and leading words group them.
ORGANIZATION_TYPES: tuple[str, ...] = (ORGANIZATION, UNIVERSITY, PRODUCT)
# Contact details: tagged, never grouped with a name, never judged as noise, never propagated.
CONTACT_TYPES: tuple[str, ...] = (EMAIL_ADDRESS, PHONE_NUMBER, URL, SOCIAL_HANDLE, ADDRESS)

# The part an organisation plays for the interviewee (a project dictionary records it: the
# surrogate alone hides it).
ORGANIZATION_ROLES: tuple[str, ...] = ("employer", "client", "vendor", "data_provider", "other")
