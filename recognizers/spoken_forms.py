"""Reading contact details as people say them: tokens with offsets, number words as digits,
spelled letters, and the connector words ("dot", "underscore", "at") of e-mails and URLs.

Shared by the contact recognizers (spoken e-mails, handles, phones, addresses, URLs); it
recognizes nothing itself. Everything works on ``Token`` lists so that a finding's offsets
are always those of the original text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import tldextract

from service.vocabulary.function_words import FUNCTION_WORDS

# A word (letters and digits, with inner apostrophes: "it's", "o'brien") or any other
# single visible character (punctuation is a token of its own).
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\S")
_POSSESSIVE = re.compile(r"['’]s$")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str
    glued_before: bool  # no whitespace between this token and the one before

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_letter(self) -> bool:
        """A single spelled letter ("b", "W")."""
        return len(self.text) == 1 and self.text.isalpha()


@lru_cache(maxsize=1)
def tokenize(text: str) -> tuple[Token, ...]:
    """The tokens of ``text``. Cached for the text being analyzed only: every contact
    recognizer reads it in turn, and no earlier transcript is kept."""
    tokens = []
    prev_end = -1
    # One string object per distinct word (and its lower case): a long transcript's tokens
    # then cost little more than their offsets.
    words: dict[str, tuple[str, str]] = {}
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        word = m.group()
        forms = words.get(word)
        if forms is None:
            forms = words[word] = (word, word.lower())
        tokens.append(Token(start, end, *forms, start == prev_end))
        prev_end = end
    return tuple(tokens)


def glued(tokens: tuple[Token, ...], i: int) -> bool:
    """Token ``i`` touches both neighbours ("jane.doe": the "." is glued)."""
    return 0 < i < len(tokens) - 1 and tokens[i].glued_before and tokens[i + 1].glued_before


# -- connector words -----------------------------------------------------------------------
DOT_WORDS = frozenset({"dot"})
UNDERSCORE_WORDS = frozenset({"underscore"})
DASH_WORDS = frozenset({"dash", "hyphen"})


def is_dot(tokens: tuple[Token, ...], i: int) -> bool:
    t = tokens[i]
    return t.low in DOT_WORDS or (t.text == "." and glued(tokens, i))


def is_at(tokens: tuple[Token, ...], i: int) -> bool:
    t = tokens[i]
    return t.low == "at" or t.text == "@"


def is_connector(tokens: tuple[Token, ...], i: int) -> bool:
    """A separator inside a user name or domain label: dot, underscore, dash."""
    t = tokens[i]
    if t.low in DOT_WORDS or t.low in UNDERSCORE_WORDS or t.low in DASH_WORDS:
        return True
    return t.text in "._-" and glued(tokens, i)


# -- number words --------------------------------------------------------------------------
UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ZERO_LETTERS = frozenset({"oh", "o"})  # "oh seven seven": zero, but only between other digits
REPEATS = {"double": 2, "triple": 3}
NUMBER_WORDS = frozenset(UNITS) | frozenset(TEENS) | frozenset(TENS) | frozenset(REPEATS) | {"hundred", "thousand"}


@dataclass(frozen=True)
class Digits:
    """A group of digits read from tokens ``first``..``last`` (inclusive)."""

    first: int
    last: int
    digits: str
    spoken: bool  # read from number words, not written digits


def _unit_value(tokens: tuple[Token, ...], i: int, *, zero_letters: bool) -> int | None:
    low = tokens[i].low
    if low in UNITS:
        return UNITS[low]
    if zero_letters and low in ZERO_LETTERS:
        return 0
    return None


def read_digits(tokens: tuple[Token, ...], i: int, *, zero_letters: bool = True) -> Digits | None:
    """One digit group at token ``i``: written digits ("0199"), or number words read the way
    people say phone numbers, house numbers and postcodes: "seven three" (two groups),
    "seventy three", "ninety-nine", "double oh", "sixteen hundred", "two thousand".

    ``zero_letters`` lets "oh"/"o" stand for 0 (callers decide where that is safe).
    """
    if i >= len(tokens):
        return None
    t = tokens[i]
    if t.text.isdigit():
        return Digits(i, i, t.text, False)
    low = t.low
    if low in REPEATS and i + 1 < len(tokens):
        unit = _unit_value(tokens, i + 1, zero_letters=True)
        if unit is not None:
            return Digits(i, i + 1, str(unit) * REPEATS[low], True)
        if tokens[i + 1].text.isdigit() and len(tokens[i + 1].text) == 1:
            return Digits(i, i + 1, tokens[i + 1].text * REPEATS[low], True)
        return None
    value, last = None, i
    if low in TENS:
        value = TENS[low]
        j = i + 1
        if j + 1 < len(tokens) and tokens[j].text == "-" and glued(tokens, j):
            j += 1  # "ninety-nine"
        if j < len(tokens) and tokens[j].low in UNITS and tokens[j].low != "zero":
            value += UNITS[tokens[j].low]
            last = j
        return Digits(i, last, str(value), True)
    if low in TEENS:
        value = TEENS[low]
    else:
        value = _unit_value(tokens, i, zero_letters=zero_letters)
        if value is None:
            return None
    # "sixteen hundred", "two hundred and twelve", "two thousand"
    if value and i + 1 < len(tokens) and tokens[i + 1].low in ("hundred", "thousand"):
        scale = 100 if tokens[i + 1].low == "hundred" else 1000
        total, last = value * scale, i + 1
        j = last + 1
        if j < len(tokens) and tokens[j].low == "and":
            j += 1
        rest = read_digits(tokens, j, zero_letters=False) if j < len(tokens) else None
        if rest is not None and rest.spoken and int(rest.digits) < scale and len(rest.digits) <= 2:
            total += int(rest.digits)
            last = rest.last
        return Digits(i, last, str(total), True)
    return Digits(i, last, str(value), True)


def is_number_word(token: Token) -> bool:
    return token.low in NUMBER_WORDS


# -- words that never belong to a user name, handle, domain label or street name -------------
# The vocabulary's function words ("ca", a piece of "can't" there, is Canada's suffix here),
# and what speech puts around a contact: fillers, contractions, the contact's own nouns and
# verbs of saying ("my email is", "I said", "you know").
_SPEECH_WORDS = frozenset("""
yes yeah yep ok okay oh um uh er erm hmm mm mhm like actually basically literally right sure well shall till
inside near having
it's that's there's what's i'm you're we're they're he's she's i've we've you've they've i'd we'd
i'll we'll you'll don't doesn't didn't isn't wasn't aren't weren't can't couldn't won't wouldn't
email e-mail mail address number phone website site handle username account contact
say said says tell told call called mean means meant know think thought
""".split())
NOT_NAME_WORDS = (FUNCTION_WORDS - {"ca"}) | _SPEECH_WORDS


def is_plain_word(token: Token) -> bool:
    """A word that can be part of a name-like identifier (not a function word, nor one
    with "'s": "email's", "it's")."""
    return token.is_word and token.low not in NOT_NAME_WORDS and not _POSSESSIVE.search(token.low)


def sentence_start(text: str, tokens: tuple[Token, ...], i: int) -> bool:
    """Token ``i`` opens a sentence or a line (its capital says nothing)."""
    return i == 0 or tokens[i - 1].text in ".!?:\"“" or "\n" in text[tokens[i - 1].end:tokens[i].start]


_PRONOUN_I = re.compile(r"\bI(?:['’](?:m|d|ll|ve))?\b")


def looks_cased(text: str) -> bool:
    """The text has capitals other than the pronoun "I" (speech-to-text output often
    capitalizes only that)."""
    return any(c.isupper() for c in _PRONOUN_I.sub("", text))


def words_before(tokens: tuple[Token, ...], i: int, n: int) -> list[str]:
    """The lowercase words among the ``n`` tokens before token ``i`` ("number's" as "number")."""
    return [_POSSESSIVE.sub("", t.low) for t in tokens[max(0, i - n):i] if t.is_word]



# -- domains said aloud ----------------------------------------------------------------------
# suffix_list_urls=() makes tldextract use its bundled public suffix list: never the network.
OFFLINE_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@dataclass(frozen=True)
class Label:
    text: str  # as it would be typed: "crumbandcompass", "bbc", "co"
    first: int
    last: int


def read_label(tokens: tuple[Token, ...], i: int, *, max_words: int) -> Label | None:
    """One domain label from token ``i``: spelled letters ("b b c"), a word, or up to
    ``max_words`` words joined by "and" or dashes ("crumb and compass", "crumb-and-compass")."""
    if max_words == 1:  # after a dot: one word ("com") or spelled letters ("c a")
        j = i
        while j < len(tokens) and tokens[j].is_letter:
            j += 1
        if j > i:
            return Label("".join(t.low for t in tokens[i:j]), i, j - 1)
        if i < len(tokens) and is_plain_word(tokens[i]) and tokens[i].low not in DOT_WORDS:
            return Label(tokens[i].low, i, i)
        return None
    parts, words, j = [], 0, i
    while j < len(tokens):
        t = tokens[j]
        if t.is_letter or t.text.isdigit():
            parts.append(t.low)
            j += 1
            continue
        joins = t.low == "and" or t.low in DASH_WORDS or (t.text == "-" and glued(tokens, j))
        if joins and parts and j + 1 < len(tokens) and is_plain_word(tokens[j + 1]):
            parts.append("-" if t.low != "and" else "and")
            j += 1
            continue
        if is_plain_word(t) and t.low not in DOT_WORDS and words < max_words:
            parts.append(t.low)
            words += 1
            j += 1
            continue
        break
    if not parts or parts[-1] in ("-", "and"):
        return None
    return Label("".join(parts), i, j - 1)


def read_dotted(tokens: tuple[Token, ...], first: Label) -> list[Label]:
    """``first`` and the labels that follow it, each after a "dot" (or a glued ".")."""
    labels = [first]
    j = first.last + 1
    while j + 1 < len(tokens) and is_dot(tokens, j):
        label = read_label(tokens, j + 1, max_words=1)
        if label is None:
            break
        labels.append(label)
        j = label.last + 1
    return labels


def registrable(labels: list[Label]) -> tuple[int, str] | None:
    """How many of ``labels`` form a host with a real public suffix and a name before it
    (the longest such prefix), and that suffix; None if there is none."""
    for n in range(len(labels), 1, -1):
        ext = OFFLINE_EXTRACT(".".join(label.text for label in labels[:n]))
        if ext.suffix and ext.domain:
            return n, ext.suffix
    return None
