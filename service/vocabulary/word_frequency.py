"""How common a word is in English, from wordfreq's Zipf scale (log10 of occurrences per
billion words: "the" is about 7.7, "spark" 4.0, "przybylski" 1.3).

A word is *common* when its Zipf frequency reaches a threshold that the engine
configuration sets (``vocabulary.common_word_zipf``). Unlike ``generic_words``, this
counts first names ("ben", "grace") as common: it asks whether a word is ordinary
English, not whether it can name something.
"""
from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency


@lru_cache(maxsize=65536)
def word_zipf(word: str, language: str = "en") -> float:
    """Zipf frequency of ``word`` in ``language`` (0 for words wordfreq does not know)."""
    return zipf_frequency(word, language)


class WordFrequency:
    """Answers "is this word common in the language?" at one configured threshold."""

    def __init__(self, common_word_zipf: float, language: str = "en") -> None:
        self.common_word_zipf = common_word_zipf
        self.language = language

    def zipf(self, word: str) -> float:
        return word_zipf(word, self.language)

    def is_common(self, word: str) -> bool:
        return word_zipf(word, self.language) >= self.common_word_zipf
