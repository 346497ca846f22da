"""Generic words: words that never name anyone or anything on their own.

``generic_words.txt`` (shipped beside this module: transcript vocabulary, the generic
words of organization, product and place names, the commonest English words) plus spaCy's
English stop words, which spaCy ships with its code (no model download needed).

This is a fixed list, unlike ``word_frequency``: first names such as "Jane" are frequent
English words, but not generic ones, so a dictionary term "Jane Okafor" can still be
found by "jane".
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

_WORDS_FILE = Path(__file__).with_name("generic_words.txt")


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    words = set(STOP_WORDS)
    for line in _WORDS_FILE.read_text(encoding="utf-8").splitlines():
        words.update(line.split("#", 1)[0].lower().split())
    return frozenset(words)


def is_generic_word(word: str) -> bool:
    return word.casefold() in generic_words()
