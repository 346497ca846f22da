"""How common a word is in English, from wordfreq's Zipf scale (log10 of occurrences per
billion words: "the" is about 7.7, "spark" 4.0, "przybylski" 1.3).

A word is *common* when its Zipf frequency reaches a threshold that the engine
configuration sets (``vocabulary.common_word_zipf``). Unlike ``generic_words``, this
counts first names ("ben", "grace") as common: it asks whether a word is ordinary
English, not whether it can name something.

An English word made of ASCII letters and digits, with hyphens between its parts and
apostrophes or dots inside them ("first-pass", "don't", "o2", "p.m": what the engine asks
about almost always), is looked up in wordfreq's English list directly. The list is read once into a
table from word to frequency band, the word is split into wordfreq's tokens by the same
rules wordfreq applies to such words, and the frequency is computed and rounded step by
step as wordfreq does, so the answer is the one ``wordfreq.zipf_frequency`` gives.
Anything else (a number of two digits or more, an apostrophe that wordfreq would split as
in French "l'amour", other scripts, other languages) goes to wordfreq itself, imported then:
importing it costs about half a second (it inspects the call stack to find its data
folder, and loads its language-matching tables).
"""
from __future__ import annotations

import gzip
import math
import re
import threading
from functools import lru_cache

from service.vocabulary.package_data import package_data_file

# Parts joined by hyphens; a part is letters and digits, where an apostrophe or a dot
# between two letters joins ("don't", "valentine's", "p.m", "example.com": wordfreq
# keeps them whole); dots and apostrophes at the end are not part of the word.
_PART = r"(?:[A-Za-z0-9]*[A-Za-z][.'’](?=[A-Za-z]))*[A-Za-z0-9]+"
_SIMPLE_WORD = re.compile(rf"{_PART}(?:-{_PART})*[.'’]*")
_TWO_DIGITS = re.compile(r"\d\d")
# wordfreq splits one or two letters, an apostrophe and a vowel or "h" ("l'amour").
_ELISION = re.compile(r"^\w\w?'[aehiouy]", re.IGNORECASE)
_MINIMUM = 10.0 ** 0.0 / 1e9  # wordfreq's zipf_to_freq(0.0): the frequency of an unknown word
_lock = threading.Lock()
_bands: dict[str, int] | None = None  # word -> frequency band (minus centibels)


def _wordfreq_zipf(word: str, language: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, language)


def _english_bands() -> dict[str, int]:
    """wordfreq's English list (empty when it cannot be read: every word then goes to wordfreq)."""
    global _bands
    with _lock:
        if _bands is None:
            bands: dict[str, int] = {}
            path = package_data_file("wordfreq", "data", "large_en.msgpack.gz")
            if path is not None:
                import msgpack

                with gzip.open(path, "rb") as f:
                    data = msgpack.load(f, raw=False)
                header = data[0]
                if isinstance(header, dict) and header.get("format") == "cB" and header.get("version") == 1:
                    for band, words in enumerate(data[1:]):
                        bands.update(dict.fromkeys(words, band))
            _bands = bands
        return _bands


def _tokens(word: str) -> list[str] | None:
    """wordfreq's tokens of a word ``_SIMPLE_WORD`` matched, or None where its rules are
    not this simple (a number of two digits or more is replaced by a digit estimate)."""
    if _TWO_DIGITS.search(word):
        return None
    tokens = word.rstrip(".'\u2019").lower().replace("\u2019", "'").split("-")
    if any(_ELISION.match(token) for token in tokens):
        return None
    return tokens


def _english_zipf(tokens: list[str], bands: dict[str, int]) -> float:
    """``zipf_frequency`` as wordfreq computes it for these tokens (``cB_to_freq``,
    ``_word_frequency``'s combination and rounding, ``freq_to_zipf``)."""
    one_over_result = 0.0
    for token in tokens:
        band = bands.get(token)
        if band is None:
            return round(math.log(_MINIMUM, 10) + 9, 2)
        one_over_result += 1.0 / 10 ** (-band / 100)
    unrounded = max(1.0 / one_over_result, _MINIMUM)
    leading_zeroes = math.floor(-math.log(unrounded, 10))
    return round(math.log(round(unrounded, leading_zeroes + 3), 10) + 9, 2)


@lru_cache(maxsize=65536)
def word_zipf(word: str, language: str = "en") -> float:
    """Zipf frequency of ``word`` in ``language`` (0 for words wordfreq does not know)."""
    if language == "en" and _SIMPLE_WORD.fullmatch(word):
        tokens = _tokens(word)
        bands = _english_bands()
        if tokens is not None and bands:
            return _english_zipf(tokens, bands)
    return _wordfreq_zipf(word, language)


class WordFrequency:
    """Answers "is this word common in the language?" at one configured threshold."""

    def __init__(self, common_word_zipf: float, language: str = "en") -> None:
        self.common_word_zipf = common_word_zipf
        self.language = language

    def zipf(self, word: str) -> float:
        return word_zipf(word, self.language)

    def is_common(self, word: str) -> bool:
        return word_zipf(word, self.language) >= self.common_word_zipf
