"""Function words: the words that come off the edges of a name ("Northwind to", "the
Ocados of the world") and may stand inside one ("Bank of America").

spaCy's stop words without the numbers and nouns that list also holds ("three", "side",
"part", "first"): those can be words of a name ("Three", "Microsoft three sixty five",
"North Side", "First Republic").
"""
from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS

FUNCTION_WORDS: frozenset[str] = frozenset(STOP_WORDS) - frozenset(
    """one two three four five six seven eight nine ten eleven twelve fifteen twenty forty fifty sixty hundred
    first third last former latter next amount back bottom call empty front full give go keep made make move
    name part put say see serious show side take top whole well used using get""".split()
)


def is_function_word(word: str) -> bool:
    """``word`` in lower case is a function word."""
    return word in FUNCTION_WORDS
