"""Street addresses, written or spoken: "221B Baker Street", "12 high street", "1600
Pennsylvania Avenue NW, Washington, DC 20500", "two twenty one b baker street", "flat 3,
14 Elm Grove, Leeds LS6 2AB".

A house number (digits with an optional letter, or number words), one to three name
words and a street type from ``street_types_file`` (USPS, Canada Post and Royal Mail
thoroughfare words). Numbers before words are everywhere in speech ("we had 3 high street
stores"), so the address also needs one of: a cue before it ("I live at", "moved to",
"the address is"), a house number with a letter ("221B"), a capitalized street name in
cased text, or a postcode or ZIP after it. A trailing city, region and code are part of
the address.
"""
from __future__ import annotations

import re
from pathlib import Path

from config import CONFIG_DIR
from recognizers.base import TranscriptRecognizer
from recognizers.errors import RecognizerSetupError
from recognizers.options import StreetAddressOptions
from recognizers.postcode_recognizer import Regions, match_postcode, match_zip
from recognizers.spoken_forms import (
    Token,
    is_number_word,
    is_plain_word,
    looks_cased,
    read_digits,
    sentence_start,
    tokenize,
)
from service.vocabulary.entity_types import ADDRESS

UNIT_WORDS = frozenset({"flat", "apartment", "apt", "unit", "suite", "ste", "room"})
DIRECTIONS = frozenset({"N", "S", "E", "W", "NE", "NW", "SE", "SW"})
SPOKEN_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
ORDINAL_WORDS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                           "eleventh", "twelfth"})
# Words after a count that say it is a quantity ("5 different high street shops", "a 10
# minute walk", "a 3 lane road").
QUANTITY_WORDS = frozenset({
    "different", "other", "more", "separate", "similar", "major", "big", "small", "local", "new", "extra",
    "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
    "mile", "miles", "kilometre", "kilometer", "km", "metre", "meter", "foot", "feet", "yard", "yards", "inch",
    "lane", "lanes", "basis", "percent", "per", "times", "people", "person", "step", "steps", "stage", "part",
    "point", "points", "degree", "degrees", "storey", "story", "bedroom", "car", "seat", "star", "course",
})
# A lowercase plural right after the street: "high street stores", "Main Street respondents".
_PLURAL = re.compile(r"[a-z]{2,}[a-rt-z]s")
_HOUSE_NUMBER = re.compile(r"\d{1,5}[A-Za-z]?")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)


def load_street_types(path: Path) -> frozenset[str]:
    """Lines "Type | Abbreviation | ..."; every word on them ends a street name."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise RecognizerSetupError(f"{path}: list of street types not found") from None
    words = set()
    for line in lines:
        if line.strip() and not line.startswith("#"):
            words.update(part.strip().lower() for part in line.split("|") if part.strip())
    return frozenset(words)


class StreetAddressRecognizer(TranscriptRecognizer):
    NAME = "street_address.v1"
    ENTITIES = (ADDRESS,)

    def __init__(
        self,
        options: StreetAddressOptions | None = None,
        *,
        street_types_file: Path | None = None,
        regions_file: Path | None = None,
    ) -> None:
        """The files are the options' files resolved (by default, in the configuration
        shipped with the package)."""
        options = options or StreetAddressOptions()
        super().__init__()
        self.street_types = load_street_types(street_types_file or CONFIG_DIR / options.street_types_file)
        self.regions = Regions.from_file(regions_file or CONFIG_DIR / options.regions_file)
        self.cues = frozenset(c.lower() for c in options.cues)
        self.cue_window = options.cue_window
        self.max_name_words = options.max_name_words
        self.score = options.score

    def analyze(self, text, entities, nlp_artifacts=None):
        if entities and ADDRESS not in entities:
            return []
        tokens = tokenize(text)
        # An address ends in a street type: only the few tokens before one can start it.
        reach = self.max_name_words + 4
        starts = sorted({i for k, t in enumerate(tokens) if t.low in self.street_types
                         for i in range(max(0, k - reach), k)})
        if not starts:
            return []
        cased = looks_cased(text)
        results, done_until = [], -1
        for i in starts:
            if i <= done_until:
                continue
            found = self._address_at(text, tokens, i, cased)
            if found is None:
                continue
            first, last, why = found
            results.append(self.result(tokens[first].start, tokens[last].end, ADDRESS, self.score, f"street address ({why})"))
            done_until = last
        return results

    def _address_at(self, text: str, tokens: tuple[Token, ...], i: int, cased: bool):
        number = self._house_number(tokens, i)
        if number is None:
            return None
        number_last, lettered = number
        street = self._street(tokens, number_last + 1)
        if street is None:
            return None
        type_index, last = street
        first = self._unit_before(tokens, i)
        tail = self._tail(text, tokens, last + 1, cased)
        names = tokens[number_last + 1:type_index + 1]
        if tail is not None:
            return first, tail, "street, then a postcode or ZIP"
        if last + 1 < len(tokens) and _PLURAL.fullmatch(tokens[last + 1].text) and is_plain_word(tokens[last + 1]):
            return None  # "3 high street stores": the street names a kind of thing
        cue = any(t.low in self.cues for t in tokens[max(0, first - self.cue_window):first] if t.is_word)
        if cue:
            return first, last, "number and street after an address cue"
        if lettered:
            return first, last, "house number with a letter"
        if cased and all(t.text[0].isupper() for t in names) and not sentence_start(text, tokens, type_index):
            return first, last, "capitalized street name"
        return None

    def _house_number(self, tokens: tuple[Token, ...], i: int) -> tuple[int, bool] | None:
        """(last token, has a letter) of a house number at ``i``: "221B", "12", "12-14",
        "two twenty one b", "sixteen hundred"."""
        t = tokens[i]
        if i > 0 and t.glued_before and tokens[i - 1].is_word:
            return None
        if _HOUSE_NUMBER.fullmatch(t.text) and not _ORDINAL.fullmatch(t.text):
            last = i
            if i + 2 < len(tokens) and tokens[i + 1].text == "-" and tokens[i + 1].glued_before \
                    and tokens[i + 2].glued_before and tokens[i + 2].text.isdigit():
                last = i + 2
            return last, t.text[-1].isalpha()
        if not is_number_word(t) or t.low in ("double", "triple", "hundred", "thousand"):
            return None
        last, digits = i - 1, ""
        while last + 1 < len(tokens) and len(digits) < 5:
            group = read_digits(tokens, last + 1, zero_letters=last >= i)
            if group is None:
                break
            digits += group.digits
            last = group.last
            if len(digits) >= 4:
                break
        if not digits or len(digits) > 5:
            return None
        nxt = tokens[last + 1] if last + 1 < len(tokens) else None
        if nxt is not None and nxt.is_letter and nxt.low not in ("a", "i"):
            return last + 1, True
        return last, False

    def _street(self, tokens: tuple[Token, ...], j: int) -> tuple[int, int] | None:
        """(index of the street type, last token) of "Baker Street", "Pennsylvania Avenue
        NW", "St. Mary's Road", "fifth avenue" starting at ``j``."""
        names = 0
        k = j
        while k < len(tokens) and names <= self.max_name_words:
            t = tokens[k]
            if t.text == "." and t.glued_before and k > j:
                k += 1  # "St." in "St. Mary's Road"
                continue
            if names and t.low in self.street_types:
                last = k
                if k + 1 < len(tokens) and tokens[k + 1].text == "." and tokens[k + 1].glued_before \
                        and k + 2 < len(tokens) and not tokens[k + 2].text[:1].isupper():
                    last = k + 1  # "Ave." mid-sentence
                if last + 1 < len(tokens) and (tokens[last + 1].text in DIRECTIONS
                                               or tokens[last + 1].low in SPOKEN_DIRECTIONS):
                    last += 1
                if last + 2 < len(tokens) and tokens[last + 1].low in UNIT_WORDS \
                        and _HOUSE_NUMBER.fullmatch(tokens[last + 2].text):
                    last += 2  # "1209 Cherry Lane apt 3"
                return k, last
            is_name = (is_plain_word(t) and not t.text.isdigit() and not is_number_word(t)) \
                or _ORDINAL.fullmatch(t.text) or t.low in ORDINAL_WORDS
            if not is_name or (names == 0 and t.low in QUANTITY_WORDS):
                return None
            names += 1
            k += 1
        return None

    def _unit_before(self, tokens: tuple[Token, ...], i: int) -> int:
        """Include "flat 3, " / "apartment 4b " before the house number."""
        j = i - 1
        if j >= 0 and tokens[j].text == ",":
            j -= 1
        if j >= 1 and _HOUSE_NUMBER.fullmatch(tokens[j].text) and tokens[j - 1].low in UNIT_WORDS:
            return j - 1
        return i

    def _tail(self, text: str, tokens: tuple[Token, ...], k: int, cased: bool) -> int | None:
        """Last token of ", City, ST 12345" / ", City POSTCODE" / " POSTCODE" after the street."""
        j = k
        if j < len(tokens) and tokens[j].text == ",":
            j += 1
        for _ in range(4):  # up to three city words, then the code
            if j >= len(tokens):
                return None
            code = match_postcode(tokens, j)
            if code is not None:
                return code
            region = self.regions.at(tokens, j)
            if region is not None:
                z = region + 1
                if z < len(tokens) and tokens[z].text == ",":
                    z += 1
                if z < len(tokens):
                    code = match_zip(tokens, z)
                    if code is None:
                        code = match_postcode(tokens, z)
                    if code is not None:
                        return code
            t = tokens[j]
            if not is_plain_word(t) or (cased and not t.text[0].isupper()):
                return None
            j += 1
            if j < len(tokens) and tokens[j].text == ",":
                j += 1
        return None
