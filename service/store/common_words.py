"""The common English words that must never be matched as names on their own.

``common_words.txt`` (shipped beside this module) plus spaCy's English stop words, which
spaCy ships with its code (no model download needed).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

_WORDS_FILE = Path(__file__).with_name("common_words.txt")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    words = set(STOP_WORDS)
    for line in _WORDS_FILE.read_text(encoding="utf-8").splitlines():
        words.update(line.split("#", 1)[0].lower().split())
    return frozenset(words)


def is_common_word(word: str) -> bool:
    return word.casefold() in common_words()
