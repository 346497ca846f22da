"""Short forms: the shorter names that may stand for a longer one in a transcript.

A person is "Jane" or "Okafor" for "Jane Okafor"; an organization is "Northwind" for
"Northwind Analytics", "Chase" for "JPMorgan Chase", but never "Group" or "Inc" alone;
a product's first word is its vendor ("Adobe" in "Adobe Analytics"), not the product; a
place has none ("York" is not "New York"). Used by the engine to join mentions in a
document and by the project store to join them across documents.
"""
from __future__ import annotations

from service.vocabulary.entity_types import LOCATION, PERSON, PRODUCT
from service.vocabulary.organization_suffixes import ORGANIZATION_HEADS


def short_forms(entity_type: str, form: str, generic_words: frozenset[str] = ORGANIZATION_HEADS) -> list[str]:
    """The short forms of the canonical form ``form`` (words separated by single spaces)."""
    words = form.split()
    if len(words) < 2 or entity_type == LOCATION:
        return []
    if entity_type == PERSON:
        return words
    first = 1 if entity_type == PRODUCT else 0
    runs = (" ".join(words[a:b]) for a in range(first, len(words)) for b in range(a + 1, len(words) + 1)
            if b - a < len(words))
    return [run for run in runs if not all(w in generic_words or len(w) < 2 for w in run.split())]
