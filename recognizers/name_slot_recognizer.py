"""Unknown names by the slot they fill: a word rare in English right where speech puts a
name ("works at kestrelbrook", "okonkwo's team", "our vendor was zentrix", "a tool called
brightloom", "my colleague wierzbicka", "a degree from tallowmere").

This is the evidence that capitals give in edited text, and it holds in lowercase
speech-to-text. The slots are configured phrases with ``_`` for the name; the kind of slot
gives the type. A very rare word (``confident_zipf``) is a name, found with a score that
propagation passes on to its other mentions; a word that is only fairly rare
(``suggest_zipf``) is reported below the decision threshold, as a suggestion a person
confirms.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, NamedTuple

from presidio_analyzer import RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from recognizers.base import TranscriptRecognizer, keep_outermost
from recognizers.options import NameSlotOptions
from service.vocabulary.entity_types import ORGANIZATION, PERSON, PRODUCT, UNIVERSITY
from service.vocabulary.organization_suffixes import ORGANIZATION_HEADS

_TOKEN = re.compile(r"[^\W\d_][\w'’&.-]*[\w]|[^\W\d_]")
# A token starts at any letter: what lies between two tokens is a run of other characters.
_GAP_AND_TOKEN = re.compile(rf"([\W\d_]*)({_TOKEN.pattern})")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# Between two words of one slot: spaces, and a comma ("thanks, wiremu").
_SLOT_GAP = re.compile(r"[ \t]*,?[ \t]*")
_NAME_GAP = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class _Slot:
    before: tuple[str, ...]
    after: tuple[str, ...]
    possessive: bool  # "_'s team": the name carries the possessive
    entity_type: str
    text: str  # as configured, for the reason


class _Token(NamedTuple):  # one per word of the text: a tuple is built several times faster than a frozen dataclass
    start: int
    end: int  # without a possessive
    norm: str
    possessive: bool


def _parse(slot: str, entity_type: str) -> _Slot:
    before, _, after = slot.lower().partition("_")
    possessive = after.startswith("'s")
    if possessive:
        after = after[2:]
    return _Slot(tuple(before.split()), tuple(after.split()), possessive, entity_type, slot)


class NameSlotRecognizer(TranscriptRecognizer):
    NAME = "name_slot.v1"
    ENTITIES = (PERSON, ORGANIZATION, UNIVERSITY, PRODUCT)

    def __init__(self, options: NameSlotOptions | None = None, *, word_zipf: Callable[[str], float],
                 why_noise: Callable[[str], str | None] | None = None) -> None:
        options = options or NameSlotOptions()
        self.slots = tuple(
            _parse(slot, entity_type)
            for slots, entity_type in ((options.organization_slots, ORGANIZATION), (options.person_slots, PERSON),
                                       (options.university_slots, UNIVERSITY), (options.product_slots, PRODUCT))
            for slot in slots
        )
        # Each slot by the word next to the name that it needs (the last word before the name,
        # else the first after it), so a candidate is tried against the few slots whose
        # neighbour it has, in their configured order, not against every slot.
        self._by_word_before: dict[str, list[int]] = {}
        self._by_word_after: dict[str, list[int]] = {}
        self._any_word: list[int] = []
        for k, slot in enumerate(self.slots):
            if slot.before:
                self._by_word_before.setdefault(slot.before[-1], []).append(k)
            elif slot.after:
                self._by_word_after.setdefault(slot.after[0], []).append(k)
            else:
                self._any_word.append(k)
        self.confident_zipf, self.suggest_zipf = options.confident_zipf, options.suggest_zipf
        self.max_words = options.max_words
        self.score, self.suggestion_score = options.score, options.suggestion_score
        self.word_zipf = word_zipf
        self.why_noise = why_noise or (lambda surface: None)
        super().__init__()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        wanted = set(entities or self.ENTITIES) & set(self.ENTITIES)
        tokens = _tokens(text)
        norms = [t.norm for t in tokens]
        # Whether a word may be a name depends on the word alone: judged once per distinct word.
        may_name = {norm: self._may_name(norm) for norm in set(norms)}
        results = []
        for i, token in enumerate(tokens):
            if not may_name[token.norm]:
                continue
            for slot in self._slots_near(norms, i):
                if slot.entity_type not in wanted or not _fits(text, tokens, norms, i, slot):
                    continue
                last = i if slot.possessive or slot.after else self._extend(text, tokens, i, slot.entity_type, may_name)
                zipf = self.word_zipf(token.norm)
                confident = zipf < self.confident_zipf
                reason = (f'a word rare in English in the name slot "{slot.text}"'
                          + ("" if confident else "; a suggestion to confirm"))
                results.append(self.result(token.start, tokens[last].end, slot.entity_type,
                                           self.score if confident else self.suggestion_score, reason))
                break
            else:
                if token.possessive and ORGANIZATION in wanted and self.word_zipf(token.norm) < self.confident_zipf:
                    # "zentrilla's consumer arm": whose, the slot does not say; a person confirms.
                    results.append(self.result(token.start, token.end, ORGANIZATION, self.suggestion_score,
                                               "a word rare in English with a possessive; a suggestion to confirm"))
        return keep_outermost(results)

    def _slots_near(self, norms: list[str], i: int) -> list[_Slot]:
        """The slots that token i may fill, by the words next to it, in configured order."""
        found = list(self._any_word)
        if i > 0:
            found += self._by_word_before.get(norms[i - 1], ())
        if i + 1 < len(norms):
            found += self._by_word_after.get(norms[i + 1], ())
        return [self.slots[k] for k in sorted(found)]

    def _may_name(self, norm: str) -> bool:
        if norm in STOP_WORDS or len(norm) < 2 or self.why_noise(norm):
            return False
        return self.word_zipf(norm) < self.suggest_zipf

    def _extend(self, text: str, tokens: list[_Token], i: int, entity_type: str, may_name: dict[str, bool]) -> int:
        """The last token of a name that starts at token i: more very rare words ("farid
        haddad"), and for an organization a head word after them ("brightloom analytics")."""
        last = i
        while last + 1 < len(tokens) and last - i + 1 < self.max_words and not tokens[last].possessive:
            nxt = tokens[last + 1]
            if not _NAME_GAP.fullmatch(text[tokens[last].end:nxt.start]):
                break
            if may_name[nxt.norm] and self.word_zipf(nxt.norm) < self.confident_zipf:
                last += 1
            elif entity_type in (ORGANIZATION, UNIVERSITY) and nxt.norm in ORGANIZATION_HEADS:
                last += 1
                break
            else:
                break
        return last


def _tokens(text: str) -> list[_Token]:
    out = []
    # Per distinct token as written: its length without the possessive, its norm (one string
    # object per word) and whether it is possessive.
    seen: dict[str, tuple[int, str, bool]] = {}
    for at, end in _slices(text, _SLICE_CHARS):
        # findall gives each token with the text before it (which cannot start one), so the
        # offsets add up without a match object per word.
        for gap, raw in _GAP_AND_TOKEN.findall(text, at, end):
            start = at + len(gap)
            at = start + len(raw)
            known = seen.get(raw)
            if known is None:
                word = raw.rstrip(".")
                possessive = bool(_POSSESSIVE.search(word))
                if possessive:
                    word = word[:-2]
                known = seen[raw] = (len(word), word.lower().replace("’", "'"), possessive)
            length, norm, possessive = known
            if length:
                out.append(_Token(start, start + length, norm, possessive))
    return out


# A long text is read in slices of about this many characters, each cut after a space (no
# token holds one), so that the list findall builds stays small.
_SLICE_CHARS = 100_000


def _slices(text: str, size: int) -> list[tuple[int, int]]:
    cuts, at = [], 0
    while len(text) - at > size:
        space = text.find(" ", at + size)
        if space < 0:
            break
        cuts.append((at, space + 1))
        at = space + 1
    cuts.append((at, len(text)))
    return cuts


def _fits(text: str, tokens: list[_Token], norms: list[str], i: int, slot: _Slot) -> bool:
    """Token i fills ``slot``: the slot's words right before and after it, in one sentence."""
    n = len(slot.before)
    if n:
        if i < n or tuple(norms[i - n:i]) != slot.before:
            return False
        if any(not _SLOT_GAP.fullmatch(text[tokens[k].end:tokens[k + 1].start]) for k in range(i - n, i)):
            return False
        if tokens[i - 1].possessive:
            return False
    if slot.possessive != tokens[i].possessive:
        return False
    m = len(slot.after)
    if m:
        if i + m >= len(tokens) or tuple(norms[i + 1:i + 1 + m]) != slot.after:
            return False
        if any(not _SLOT_GAP.fullmatch(text[tokens[k].end + (2 if tokens[k].possessive else 0):tokens[k + 1].start])
               for k in range(i, i + m)):
            return False
    return True
