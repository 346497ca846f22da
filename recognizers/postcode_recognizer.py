"""Postcodes, written or spelled out: UK ("SW1A 1AA", "s w one a one a a"), Canada ("M5V
3L9", "m five v three l nine"), and US ZIP codes where an address says so ("Austin, TX
78701", "texas seven eight seven oh one", "my zip code is 78701"); a bare five-digit
number is not a ZIP.

Spoken letters and digits are read as characters (``spoken_forms``) and the UK and
Canadian formats are checked on them (the UK pattern follows the government's published
postcode format: outward code, then a digit and two letters from the allowed set). The
region before a code ("TX", "Ontario") and a city before that ("Austin, ") belong to the
address and are reported with it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from config import CONFIG_DIR
from recognizers.base import TranscriptRecognizer
from recognizers.errors import RecognizerSetupError
from recognizers.options import PostcodeOptions
from recognizers.spoken_forms import (
    NOT_NAME_WORDS,
    REPEATS,
    TEENS,
    UNITS,
    Token,
    glued,
    is_plain_word,
    looks_cased,
    sentence_start,
    tokenize,
)
from service.vocabulary.entity_types import ADDRESS

UK_POSTCODE = re.compile(
    r"(?:[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]))"
    r"[0-9][ABD-HJLNP-UW-Z]{2}"
)
CA_POSTAL_CODE = re.compile(r"[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z][0-9][ABCEGHJ-NPRSTV-Z][0-9]")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_MIXED = re.compile(r"[A-Za-z0-9]{2,8}")


@dataclass(frozen=True)
class Regions:
    """US states and Canadian provinces: postal abbreviations and names (lowercase)."""

    abbreviations: frozenset[str]
    names: dict[tuple[str, ...], str]
    first_words: frozenset[str] = frozenset()

    @classmethod
    def from_file(cls, path: Path) -> "Regions":
        """Lines "country | abbreviation | name"; "#" starts a comment."""
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise RecognizerSetupError(f"{path}: list of regions not found") from None
        abbreviations, names = set(), {}
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) != 3 or not all(parts):
                raise RecognizerSetupError(f"{path}:{number}: expected 'country | abbreviation | name'")
            _, abbreviation, name = parts
            abbreviations.add(abbreviation)
            names[tuple(name.lower().split())] = abbreviation
        return cls(frozenset(abbreviations), names, frozenset(name[0] for name in names))

    def at(self, tokens: tuple[Token, ...], i: int) -> int | None:
        """Last token of a region named at token ``i`` ("TX", "new york"), or None.
        Abbreviations count only in capitals: "in", "or", "me" are words."""
        if tokens[i].text in self.abbreviations:
            return i
        if tokens[i].low not in self.first_words:
            return None
        for n in (3, 2, 1):
            if tuple(t.low for t in tokens[i:i + n]) in self.names:
                return i + n - 1
        return None


def _characters(tokens: tuple[Token, ...], i: int) -> tuple[str, int] | None:
    """The characters token ``i`` spells in a code, and the last token used."""
    t = tokens[i]
    if t.is_letter:
        return t.text.upper(), i
    if t.text.isdigit() and len(t.text) <= 2:
        return t.text, i
    if _MIXED.fullmatch(t.text) and any(c.isdigit() for c in t.text) and any(c.isalpha() for c in t.text):
        if _ORDINAL.fullmatch(t.text):
            return None  # "3rd", "2nd"
        return t.text.upper(), i
    if t.low in UNITS:
        return str(UNITS[t.low]), i
    if t.low == "oh":
        return "0", i
    if t.low in TEENS:
        return str(TEENS[t.low]), i
    if t.low in REPEATS and i + 1 < len(tokens):
        nxt = _characters(tokens, i + 1)
        if nxt and len(nxt[0]) == 1:
            return nxt[0] * REPEATS[t.low], i + 1
    return None


def match_postcode(tokens: tuple[Token, ...], i: int) -> int | None:
    """Last token of a UK or Canadian postcode that starts at token ``i``, or None."""
    chars, ends = "", []  # ends[k]: (length of chars after piece k, its last token)
    j = i
    while j < len(tokens) and len(chars) < 8:
        piece = _characters(tokens, j)
        if piece is None and j == i and _area_letters(tokens[j]):
            piece = tokens[j].text.upper(), j  # "ls six two a b": a two-letter area said as a word
        if piece is None:
            break
        chars += piece[0]
        ends.append((len(chars), piece[1]))
        j = piece[1] + 1
        if j < len(tokens) and tokens[j].text == "," and not glued(tokens, j):
            j += 1  # "s w one a, one a a"
    for length, last in reversed(ends):
        code = chars[:length]
        if UK_POSTCODE.fullmatch(code) or CA_POSTAL_CODE.fullmatch(code):
            return last
    return None


_OPENER = re.compile(r"[A-Za-z](?:[A-Za-z]|[A-Za-z0-9]{0,7}\d[A-Za-z0-9]*)?")


def _may_open_code(token: Token) -> bool:
    """A postcode opens with a letter: spelled ("s"), in a written code ("SW1A", "m5v"), or
    a two-letter area said as a word ("ls")."""
    return _OPENER.fullmatch(token.text) is not None and token.low not in NOT_NAME_WORDS


def _area_letters(token: Token) -> bool:
    return len(token.text) == 2 and token.text.isalpha() and token.text.isascii() and token.low not in NOT_NAME_WORDS


def match_zip(tokens: tuple[Token, ...], i: int) -> int | None:
    """Last token of a five-digit ZIP (ZIP+4 too), written or said digit by digit."""
    t = tokens[i]
    if re.fullmatch(r"\d{5}", t.text):
        if i + 2 < len(tokens) and tokens[i + 1].text == "-" and glued(tokens, i + 1) and re.fullmatch(r"\d{4}", tokens[i + 2].text):
            return i + 2
        return i
    digits, j = "", i
    while j < len(tokens) and len(digits) < 5:
        piece = _characters(tokens, j)
        if piece is None or not piece[0].isdigit() or (len(piece[0]) > 1 and tokens[j].low not in REPEATS):
            break
        digits += piece[0]
        j = piece[1] + 1
    return j - 1 if len(digits) == 5 and j > i else None


def city_before(text: str, tokens: tuple[Token, ...], i: int, *, max_words: int = 3) -> int:
    """Extend a region or code at token ``i`` back over "City, " or "City " (capitalized
    words in cased text, ordinary words in lowercase text)."""
    if i < 1:
        return i
    comma = tokens[i - 1].text == ","
    if not comma:
        max_words = min(max_words, 2)
    j = i - 2 if comma else i - 1
    if j < 0:
        return i
    cased = looks_cased(text)
    first = i
    while j >= 0 and (i - 1 if comma else i) - j <= max_words and is_plain_word(tokens[j]) and not tokens[j].text.isdigit():
        if cased and not tokens[j].text[0].isupper():
            break
        first = j
        if sentence_start(text, tokens, j):
            break
        j -= 1
    return first


class PostcodeRecognizer(TranscriptRecognizer):
    NAME = "postcode.v1"
    ENTITIES = (ADDRESS,)

    def __init__(self, options: PostcodeOptions | None = None, *, regions_file: Path | None = None) -> None:
        """``regions_file``: the options' ``regions_file`` resolved (by default, in the
        configuration shipped with the package)."""
        options = options or PostcodeOptions()
        super().__init__()
        self.regions = Regions.from_file(regions_file or CONFIG_DIR / options.regions_file)
        self.zip_cues = frozenset(c.lower() for c in options.zip_cues)
        self.score = options.score

    def analyze(self, text, entities, nlp_artifacts=None):
        if entities and ADDRESS not in entities:
            return []
        tokens = tokenize(text)
        results, i = [], 0
        while i < len(tokens):
            t = tokens[i]
            if not (_may_open_code(t) or t.text in self.regions.abbreviations or t.low in self.regions.first_words
                    or t.low in self.zip_cues):
                i += 1
                continue
            found = self.code_at(text, tokens, i)
            if found is None:
                i += 1
                continue
            first, last, what = found
            results.append(self.result(tokens[first].start, tokens[last].end, ADDRESS, self.score, what))
            i = last + 1
        return results

    def code_at(self, text: str, tokens: tuple[Token, ...], i: int) -> tuple[int, int, str] | None:
        """(first, last token, reason) of a code starting at token ``i`` (with the region
        and city before a North American one)."""
        if i > 0 and tokens[i].glued_before and (tokens[i - 1].is_word or tokens[i - 1].text in "/_-.@=?&"):
            return None  # inside a longer word or a URL
        last = match_postcode(tokens, i) if _may_open_code(tokens[i]) else None
        if last is not None and not (last + 1 < len(tokens) and tokens[last + 1].glued_before
                                     and (tokens[last + 1].is_word or tokens[last + 1].text in "/_-@=?&")):
            first = i
            if i >= 1 and self.regions.at(tokens, i - 1) == i - 1:
                first = city_before(text, tokens, i - 1)
            return first, last, "postcode"
        region_last = self.regions.at(tokens, i)
        if region_last is not None:
            k = region_last + 1
            if k < len(tokens) and tokens[k].text == ",":
                k += 1
            if k < len(tokens):
                zip_last = match_zip(tokens, k)
                if zip_last is not None:
                    return city_before(text, tokens, i), zip_last, "ZIP code after a state"
        if tokens[i].low in self.zip_cues:
            k = i + 1
            while k < len(tokens) and tokens[k].low in ("code", "is", "it's", ":", "was"):
                k += 1
            if k < len(tokens) and (zip_last := match_zip(tokens, k)) is not None:
                return k, zip_last, "ZIP code after 'zip code'"
        return None
