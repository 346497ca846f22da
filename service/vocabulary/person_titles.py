"""Titles written before a person's name ("Dr Lee", "Prof. Rossi", "doctor przybylski").

A title belongs to the name it precedes: it is redacted with it and is not part of the
person's canonical form.
"""
from __future__ import annotations

# Lower case, without the abbreviation dot.
PERSON_TITLES: frozenset[str] = frozenset(
    {"dr", "doctor", "mr", "ms", "mrs", "miss", "mx", "prof", "professor", "sir", "dame",
     "mme", "mlle", "madame", "mademoiselle", "monsieur"}  # the last five for French transcripts
)

# Regex alternation of the titles as written ("Dr", "Professor"), longest first; callers
# add the optional dot and choose the case sensitivity.
TITLE_ALTERNATION = "|".join(t.capitalize() for t in sorted(PERSON_TITLES, key=lambda t: (-len(t), t)))
