"""Restore capitals in all-lowercase speech-to-text before NER.

The NER model is trained on edited, cased text and misses most names in lowercase ASR
output ("she spent a decade at microsoft in seattle"). A statistical truecaser (the PyPI
package ``truecase``, offline) restores likely capitals token by token; only letter case
changes, so every offset into the truecased text is an offset into the original.
"""
from __future__ import annotations

import re
import threading
from typing import Callable

_TOKEN = re.compile(r"\w+(?:['’]\w+)?|[^\w\s]")
_lock = threading.Lock()
_caser = None


_SENTENCE_START = re.compile(r"(?:^|[.!?][ \t]+)[\W\d_]*?([^\W\d_])", re.MULTILINE)


def looks_uncased(text: str, *, min_lower_starts: float = 0.5) -> bool:
    """True for speech-to-text without capitals: a lowercase "i", or most sentences
    starting lower case."""
    lower_i = len(re.findall(r"\bi\b", text))
    upper_i = len(re.findall(r"\bI\b", text))
    if lower_i > upper_i:
        return True
    starts = [m.group(1) for m in _SENTENCE_START.finditer(text)]
    return bool(starts) and sum(1 for c in starts if c.islower()) / len(starts) >= min_lower_starts


def _truecaser():
    global _caser
    with _lock:
        if _caser is None:
            from truecase import TrueCaser  # 76 MB model: loaded only when a lowercase text arrives

            caser = TrueCaser()
            # Its casings of a word are sets, iterated in an order that changes from one
            # process to the next; summed and compared in that order, near-ties went either
            # way ("AZURE" or "azure"). Sorted, the same text is always cased the same.
            caser.word_casing_lookup = {word: tuple(sorted(casings))
                                        for word, casings in caser.word_casing_lookup.items()}
            _caser = caser
        return _caser


def truecase(text: str) -> str:
    matches = list(_TOKEN.finditer(text))
    tokens = [m.group() for m in matches]
    caser = _truecaser()
    cased = caser.get_true_case_from_tokens(tokens, out_of_vocabulary_token_option="as-is")
    out = list(text)
    for m, new in zip(matches, cased):
        old = m.group()
        # Only raise capitals, and only where the letters are unchanged: offsets must hold.
        if new == old or len(new) != len(old) or new.lower() != old or not old.islower():
            continue
        # Context alone (a sentence start) capitalizes common words ("Phishing"); take a
        # capital only for words the truecaser's corpus mostly writes capitalized.
        if caser.uni_dist.get(new, 0) < caser.uni_dist.get(old, 0):
            continue
        out[m.start():m.end()] = new
    return "".join(out)


# A lowercase word standing alone: not part of an address ("jane@gmail.com", a web
# address), a hashtag, a hyphenated or contracted word, or a word with digits.
_LOWER_WORD = re.compile(r"(?<![\w@#/:.'’-])[a-z]{3,}(?![\w@/'’-]|\.\w)")


def capitalize_rare(
    cased: str, *, word_zipf: Callable[[str], float], below: float, prefixes: tuple[str, ...] = (),
    endings: tuple[str, ...] = (),
) -> str:
    """Capitalize the words still lower case in ``cased`` that are rarer in English than
    ``below`` (wordfreq Zipf). The truecaser's corpus knows famous names only; an invented
    company ("kestrelbrook") or an unusual surname is in no corpus, and the model finds
    names by their capitals. Rare words that English makes from common ones stay as they
    are: a plural of a commoner word ("rapporteurs"), a word with a derivational ending
    (``endings``: "anonymised"), a prefix before a common word (``prefixes``: "multiannual"). Only the first letter changes, so offsets hold."""
    if below <= 0:
        return cased
    out = None
    for m in _LOWER_WORD.finditer(cased):
        word = m.group()
        zipf = word_zipf(word)
        if zipf >= below or _derived_word(word, zipf, word_zipf, prefixes, endings):
            continue
        if out is None:
            out = list(cased)
        out[m.start()] = word[0].upper()
    return cased if out is None else "".join(out)


# A word after one of the prefixes counts as common from this Zipf on ("annual" 4.6).
_COMMON_STEM_ZIPF = 3.0


def _derived_word(word: str, zipf: float, word_zipf: Callable[[str], float], prefixes: tuple[str, ...],
                  endings: tuple[str, ...]) -> bool:
    """A plural of a commoner word, a word with a derivational ending ("anonymised"), or a
    prefix before a common word ("multiannual")."""
    if word.endswith("s") and not word.endswith("ss") and word_zipf(word[:-1]) > max(zipf, 1.0):
        return True
    if endings and word.endswith(endings):
        return True
    return any(word.startswith(p) and word_zipf(word[len(p):]) >= _COMMON_STEM_ZIPF
               for p in prefixes if len(word) - len(p) >= 3)
