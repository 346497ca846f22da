"""Words that end organization names: legal forms ("Inc", "GmbH") and sector words
("Labs", "Analytics").

Legal suffixes say "this is a company" and are not part of its canonical form ("Contoso
Ltd" is "contoso"); sector suffixes only hint at an organization after capitalized words.
"""
from __future__ import annotations

# As written in names; matched case-sensitively by the organization patterns.
LEGAL_SUFFIXES: tuple[str, ...] = (
    "Inc", "Incorporated", "Ltd", "Limited", "LLC", "LLP", "GmbH", "AG", "plc", "PLC", "Corp",
    "Corporation", "Co", "S.A.", "SA", "BV", "B.V.", "NV", "Pty", "SARL", "Oy", "AB", "KG",
)


def suffix_key(word: str) -> str:
    """How a legal suffix is compared: lower case, without dots ("L.L.C." is "llc")."""
    return word.lower().replace(".", "")


LEGAL_SUFFIX_KEYS: frozenset[str] = frozenset(suffix_key(s) for s in LEGAL_SUFFIXES)

SECTOR_SUFFIXES: tuple[str, ...] = (
    "Labs", "Analytics", "Technologies", "Technology", "Tech", "Systems", "Solutions", "Group",
    "Holdings", "Partners", "Consulting", "Consultants", "Capital", "Ventures", "Software",
    "Networks", "Logistics", "Health", "Healthcare", "Pharma", "Pharmaceuticals", "Bank",
    "Insurance", "Foods", "Energy", "Media", "Studios", "Robotics", "Biosciences", "Bio",
    "Cooperative", "Co-op", "Seed", "Seeds", "Motors", "Airlines", "Telecom", "Digital",
    "Data", "AI", "Cyber", "Security", "Financial", "Industries", "Enterprises", "Associates",
    "Foundation", "Trust", "Council", "Museum", "Hospital", "Clinic", "Institute",
)

