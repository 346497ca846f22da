"""Phone numbers in digits, in words or both: "four one six, five five five, zero one nine
nine", "oh seven seven double oh nine double oh one two three", "+44 7700 900123",
"(416) 555-0199", "416.555.0199".

Number words become digits (``spoken_forms.read_digits``), then the ``phonenumbers``
package decides: a number valid in one of ``regions`` is reported; a number that only has
the right length for one is reported after a phone cue ("call me on", "my mobile is") or
with an international prefix ("+44", "plus one"). Counting ("one two three four ..."),
amounts ("1,250,000", "$300"), times ("10:30"), versions ("three point two") and years
never make a valid run on their own.
"""
from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

from recognizers.base import TranscriptRecognizer
from recognizers.options import SpokenPhoneOptions
from recognizers.spoken_forms import NUMBER_WORDS, ZERO_LETTERS, Digits, Token, glued, read_digits, tokenize
from service.vocabulary.entity_types import PHONE_NUMBER

# Words before "number" that make it a phone number.
NUMBER_OWNERS = frozenset({"my", "his", "her", "their", "our", "your", "the", "a", "this", "that", "phone", "mobile",
                           "cell", "contact", "telephone", "work", "home", "office", "direct", "new", "old", "landline",
                           "fax", "same", "main", "best", "whatsapp"})
_AMOUNT_BEFORE = frozenset("$£€¥#")
_SEPARATORS = frozenset("-.(),")  # not "/": dates and case numbers ("26390/95")
MIN_DIGITS, MAX_DIGITS = 7, 15
_DIGIT_WORDS = NUMBER_WORDS | ZERO_LETTERS
_YEAR = re.compile(r"(?:19|20)\d\d")


class SpokenPhoneRecognizer(TranscriptRecognizer):
    NAME = "spoken_phone.v1"
    ENTITIES = (PHONE_NUMBER,)

    def __init__(self, options: SpokenPhoneOptions | None = None) -> None:
        options = options or SpokenPhoneOptions()
        super().__init__()
        self.regions = tuple(options.regions)
        self.cues = frozenset(c.lower() for c in options.cues)
        self.cue_window = options.cue_window
        self.valid_score = options.valid_score
        self.cue_score = options.cue_score

    def analyze(self, text, entities, nlp_artifacts=None):
        if entities and PHONE_NUMBER not in entities:
            return []
        tokens = tokenize(text)
        results = []
        for groups in _runs(tokens):
            results.extend(self._numbers_in(tokens, groups))
        return results

    def _numbers_in(self, tokens: tuple[Token, ...], groups: list[Digits]):
        """The phone numbers in one run of digit groups, longest first, left to right."""
        a = 0
        while a < len(groups):
            found = None
            for b in range(len(groups) - 1, a - 1, -1):
                digits = "".join(g.digits for g in groups[a:b + 1])
                if len(digits) < MIN_DIGITS:
                    break
                if len(digits) > MAX_DIGITS or _counting(groups[a:b + 1]):
                    continue
                if _cut_inside(tokens, groups, a, b):
                    continue
                found = self._judge(tokens, groups[a:b + 1], digits)
                if found:
                    start, why, score = found
                    yield self.result(tokens[start].start, tokens[groups[b].last].end, PHONE_NUMBER, score,
                                      f"phone number{' said aloud' if any(g.spoken for g in groups[a:b + 1]) else ''} ({why})")
                    a = b + 1
                    break
            if not found:
                a += 1

    def _judge(self, tokens: tuple[Token, ...], groups: list[Digits], digits: str):
        """(first token, reason, score) when ``groups`` read as ``digits`` are a phone
        number, else None."""
        start = groups[0].first
        international = False
        if start >= 1 and (tokens[start - 1].text == "+" or tokens[start - 1].low == "plus"):
            start, international = start - 1, True
        elif digits.startswith("00"):
            digits, international = digits[2:], True
        if start >= 1 and tokens[start - 1].text == "(" and tokens[start].glued_before:
            start -= 1
        if start >= 1 and tokens[start - 1].text in _AMOUNT_BEFORE and tokens[start].glued_before:
            return None
        cue = self._cue_before(tokens, start)
        if not cue and all(g.spoken and len(g.digits) > 1 for g in groups):
            return None  # "twenty twenty, twenty twenty one": years and amounts, said in pairs
        written = [g.digits for g in groups if not g.spoken]
        if any(_YEAR.fullmatch(d) for d in written) and (len(groups) < 3 or any(len(d) <= 2 for d in written)):
            return None  # "1944-1990", "2017 - 01 - 25": years and dates
        if _embedded(tokens, start, groups[-1].last):
            return None
        verdict = _check("+" + digits if international else digits, None if international else self.regions)
        if verdict == "valid":
            return start, "valid number" + (" after a phone cue" if cue else ""), self.cue_score if cue else self.valid_score
        if verdict == "possible" and (cue or international):
            why = "after a phone cue" if cue else "international prefix"
            return start, f"number of a phone's length, {why}", self.valid_score
        return None

    def _cue_before(self, tokens: tuple[Token, ...], start: int) -> bool:
        """A phone cue in the words before ``start``; "number" only as someone's number
        ("my number", "the number is"), not "case number" or "room number"."""
        lo = max(0, start - self.cue_window)
        for k in range(lo, start):
            word = tokens[k].low.removesuffix("'s").removesuffix("’s")
            if word not in self.cues:
                continue
            if word != "number" or k == 0 or tokens[k - 1].low in NUMBER_OWNERS or not tokens[k - 1].is_word:
                return True
        return False


@lru_cache(maxsize=4096)
def _check(number: str, regions: tuple[str, ...] | None) -> str | None:
    """'valid', 'possible' (right length only) or None, for the first region that fits."""
    possible = False
    for region in regions or (None,):
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return "valid"
        possible = possible or phonenumbers.is_possible_number(parsed)
    return "possible" if possible else None


def _runs(tokens: tuple[Token, ...]):
    """Maximal runs of digit groups separated only by spaces, commas, dashes, brackets or
    glued dots. A run with a thousands separator ("1,250,000") is an amount: skipped. A
    comma joins spoken groups ("four one six, five five five") but ends a run of written
    ones ("773, 774, 775", "1961, 1953": lists)."""
    n, i = len(tokens), 0
    while i < n:
        t = tokens[i]
        if not (t.text[0].isdigit() or t.low in _DIGIT_WORDS):
            i += 1
            continue
        first = _group_at(tokens, i)
        if first is None:
            i += 1
            continue
        groups, j, amount = [first], first.last + 1, False
        while j < n:
            k = j
            if j < n and tokens[j].text == "," and not groups[-1].spoken and j + 1 < n and tokens[j + 1].text[:1].isdigit():
                break
            while k < n and tokens[k].text in _SEPARATORS and k - j < 2:
                if tokens[k].text == "." and not glued(tokens, k):
                    break
                if tokens[k].text == "," and glued(tokens, k):
                    amount = amount or (k + 1 < n and len(tokens[k + 1].text) == 3 and tokens[k + 1].text.isdigit())
                k += 1
            if k >= n or tokens[k].text in _SEPARATORS:
                break
            nxt = _group_at(tokens, k, inside=True)
            if nxt is None:
                break
            groups.append(nxt)
            j = nxt.last + 1
        if not amount and not (j < n and tokens[j].text in "%:" and tokens[j].glued_before):
            yield groups
        i = j


def _group_at(tokens: tuple[Token, ...], i: int, *, inside: bool = False) -> Digits | None:
    t = tokens[i]
    if t.text.isdigit() and i + 1 < len(tokens) and tokens[i + 1].text == ":" and tokens[i + 1].glued_before:
        return None  # a time
    if t.text.isdigit() and i >= 1 and tokens[i - 1].text == ":" and t.glued_before:
        return None
    if not inside and t.low in ("oh", "o"):
        # "oh" opens a number only when digits follow ("oh seven seven ..."), not "oh, right".
        nxt = read_digits(tokens, i + 1, zero_letters=False) if i + 1 < len(tokens) else None
        if nxt is None:
            return None
    return read_digits(tokens, i)


def _embedded(tokens: tuple[Token, ...], first: int, last: int) -> bool:
    """The digits are part of a longer token: a URL path, an ID ("100289769@N08")."""
    before = first > 0 and tokens[first].glued_before and tokens[first - 1].text not in "(+"
    after = last + 1 < len(tokens) and tokens[last + 1].glued_before and (
        tokens[last + 1].is_word or tokens[last + 1].text in "@/_")
    return before or after


def _cut_inside(tokens: tuple[Token, ...], groups: list[Digits], a: int, b: int) -> bool:
    """Groups ``a..b`` would cut a written number in two where its parts are glued by "-"
    or "." ("978-0-14-044913-6" holds no phone number)."""
    def glued_between(left: Digits, right: Digits) -> bool:
        return all(tokens[k].glued_before for k in range(left.last + 1, right.first + 1))
    return (a > 0 and glued_between(groups[a - 1], groups[a])) or \
        (b + 1 < len(groups) and glued_between(groups[b], groups[b + 1]))


def _counting(groups: list[Digits]) -> bool:
    """"one two three four five ..." or "nine eight seven six ...": counting, not a number."""
    values = [int(g.digits) for g in groups if len(g.digits) <= 2]
    if len(values) < 4 or len(values) != len(groups):
        return False
    steps = {b - a for a, b in zip(values, values[1:])}
    return steps in ({1}, {-1})
