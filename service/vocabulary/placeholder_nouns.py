"""Nouns that researchers put before a letter or number to hide a name: "Company Y",
"Participant 4", "Site C"."""
from __future__ import annotations

PLACEHOLDER_NOUNS: tuple[str, ...] = (
    "company", "companies", "client", "customer", "vendor", "supplier", "partner", "provider",
    "employer", "organization", "organisation", "org", "firm", "business", "startup", "agency",
    "bank", "hospital", "clinic", "school", "college", "university", "institute", "department",
    "team", "product", "tool", "platform", "project", "participant", "person", "interviewee",
    "respondent", "colleague", "manager", "city", "town", "country", "location", "site", "region",
)
