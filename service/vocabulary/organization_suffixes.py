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
    "Cooperative", "Co-op", "Seeds", "Motors", "Airlines", "Telecom", "Digital",
    "Data", "AI", "Security", "Financial", "Industries", "Enterprises", "Associates",
    "Foundation", "Trust", "Council", "Museum", "Hospital", "Clinic", "Institute",
)

# Heads of academic names: "X University", "University of X".
ACADEMIC_HEADS: tuple[str, ...] = ("University", "College", "Institute", "Polytechnic", "Academy", "School")

# Words that head names of organizations, institutions and places (lower case): never a
# short form of a name on their own ("Group" is not "Lloyds Banking Group"), and a
# capitalized one right after an organization belongs to it ("Lloyds Banking" + "Group").
ORGANIZATION_HEADS: frozenset[str] = frozenset(
    suffix_key(w) for w in (*LEGAL_SUFFIXES, *SECTOR_SUFFIXES, *ACADEMIC_HEADS)
) | frozenset("""centre center society association agency ministry department commission board gallery library
park gardens hall house theatre theater church cathedral station airport stadium arena district county city
club team""".split())

# Heads of institutions and places named after a person ("Tate Gallery", "Gates Foundation").
NAMED_AFTER_HEADS: frozenset[str] = frozenset("""foundation institute university college school academy gallery
museum hall centre center library hospital clinic trust society park gardens stadium arena prize award
fellowship chair lab laboratory""".split())

# Heads that take "of" or "for" and a name after them: "Bank of America", "Institute for
# Fiscal Studies", "University of Leeds" (not "Inc for", "Analytics for").
COMPLEMENT_HEADS: frozenset[str] = frozenset("""university college institute school academy polytechnic bank
department ministry centre center museum foundation society association council board commission office agency
trust fund federation union church hospital library gallery""".split())

