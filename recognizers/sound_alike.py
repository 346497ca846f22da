"""Sound-alike matching: dictionary terms that speech-to-text split, merged or misheard.

"alter ex", "alterics" and "all tricks" all sound like "Alteryx"; "snow flake" sounds like
"Snowflake", "cells force" like "Salesforce"; "s a p" spells "SAP" and "three m" says "3M".
Spelling matches miss these because every word is ordinary English. Here every window of
one to four tokens is joined ("alter ex" -> "alterex", digits said as words) and reduced
to phonetic keys (Double Metaphone: "ALTRKS"), compared with the keys of each dictionary
form. The score combines how alike the keys are with how alike the letters are, so a
window must sound like the form *and* look roughly like it.

Sounding like a name is weak evidence: ordinary words often do. A candidate becomes a
match only with one of these (``Evidence``):

* the term is marked "always" (the researcher expects it to come up misheard);
* the term itself occurs elsewhere in the document, matched exactly (``attested``);
* a context cue just before the window ("our vendor was, uh, ...", "we switched to ...",
  "she works at ...") or just after it ("... licence", "...'s");
* a name-like slot: the window is capitalised in cased text and not at a sentence start.

And never: a single very common word (wordfreq Zipf at or above a threshold), a window
made only of stop words, one that ends with a filler ("uh") or with a function word the
form does not end with ("work at"), one that starts with or holds a determiner or pronoun
("the tricks", "alter the ex", "I got"), or one with more stop words than the form has
plus a configured allowance ("all the tricks").

A close candidate that lacks evidence, or scores between the suggestion and the match
thresholds, is a *suggestion*: shown to a person, never replaced on its own.

Pure: no engine or store imports. Callers pass the forms (with the index of the entry
each belongs to) and the tokens of a text, and get structured candidates back; the term
is never part of a candidate's prose, so reports that hide terms can still say how a
window matched.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import yaml
from doublemetaphone import doublemetaphone
from num2words import num2words
from pydantic import BaseModel, ConfigDict, ValidationError
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from spacy.lang.en.stop_words import STOP_WORDS

from config import CONFIG_DIR
from recognizers.options import SoundAlikeOptions
from service.vocabulary.word_frequency import word_zipf as zipf_frequency

# libyaml's parser when PyYAML has it (the same data, ten times faster); else the pure-Python one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ENCODER_NAME = "metaphone"  # Double Metaphone, as explanations show it: "(metaphone ALTRKS)"
MAX_LETTERS = 5  # "k p m g", "u c l a": longer letter-by-letter spellings are not names
MAX_WINDOW = 4  # tokens: "twenty three and me"

_DIGITS = re.compile(r"\d+")
_NOT_LETTER = re.compile(r"[^a-z]")
# What may stand between two tokens of one window: spaces, a line break, a hyphen; a dot
# only between single letters ("S.A.P.").
_JOINER = re.compile(r"[ \t\r\n\-\u00a0]{1,4}")
_LETTER_JOINER = re.compile(r"[ \t\r\n\-\u00a0.]{1,4}|\.")
_CLAUSE_BREAK = re.compile(r"[.!?;:,\n]")
_SENTENCE_END_BEFORE = re.compile(r"\W*?[.!?:;\n]")  # on the reversed text before a word
_TIMES = re.compile(r"(\d)[xX](\d)")
_FORM_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|[^\W\d_]+")


class SoundAlikeCues(BaseModel):
    """The word lists of the cues file (``config/sound_alike_cues.yaml`` documents each)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fillers: tuple[str, ...]
    no_start_words: tuple[str, ...]
    gap_words: tuple[str, ...]
    cues_before: tuple[str, ...]
    cues_after: tuple[str, ...]
    clause_openers: tuple[str, ...]
    subject_cues_after: tuple[str, ...]


class SoundAlikeSettings(SoundAlikeOptions, SoundAlikeCues):
    """What the matcher runs on: the options (thresholds) with their cue lists read."""

    @classmethod
    def of(cls, options: SoundAlikeOptions, cues: SoundAlikeCues) -> SoundAlikeSettings:
        return cls(**options.model_dump(), **cues.model_dump())


class SoundAlikeCuesError(ValueError):
    """The cues file is missing, not YAML, or does not match the schema."""


def load_cues(path: Path | str) -> SoundAlikeCues:
    path = Path(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
        return SoundAlikeCues.model_validate(raw)
    except FileNotFoundError:
        raise SoundAlikeCuesError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise SoundAlikeCuesError(f"{path}: not valid YAML ({exc.__class__.__name__})") from None
    except ValidationError as exc:
        raise SoundAlikeCuesError(f"{path}: {_summary(exc)}") from None


def _summary(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ())) or "file"
        parts.append(f"unknown key {where!r}" if error["type"] == "extra_forbidden" else f"{where}: {error['msg']}")
    return "; ".join(parts)


@lru_cache(maxsize=8)
def settings_for(options: SoundAlikeOptions, base_dir: Path = CONFIG_DIR) -> SoundAlikeSettings:
    """``options`` with the cue lists of ``options.cues`` (a path relative to ``base_dir``) read."""
    return SoundAlikeSettings.of(options, load_cues(base_dir / options.cues))


def default_settings() -> SoundAlikeSettings:
    """The default options with the shipped cue lists."""
    return settings_for(SoundAlikeOptions())


class Evidence(str, Enum):
    """Why a sound-alike was accepted (or, for a suggestion, ``NONE``)."""

    ALWAYS = "always"
    ATTESTED = "attested"
    CONTEXT = "context"
    NAME_SLOT = "name slot"
    NONE = "none"


class Token(Protocol):
    """What the matcher reads of a token: its offsets in the text and whether it is all lowercase."""

    start: int
    end: int
    lowercase: bool


@dataclass(frozen=True)
class SoundAlikeForm:
    """One way a dictionary entry is written: its term, an alias, or a distinctive head word."""

    entry: int  # the caller's index of the entry
    text: str
    always: bool = False  # match without context (the term is marked "always")
    is_head: bool = False


@dataclass(frozen=True)
class SoundAlike:
    """A window that sounds like a dictionary form.

    ``form`` is the dictionary text it sounds like: keep it out of reports that hide terms.
    ``how`` never contains it.
    """

    start: int
    end: int
    entry: int
    form: str
    is_head: bool
    key: str  # the form's phonetic key that matched
    phonetic: float  # similarity of the phonetic keys, 0..1
    edit: float  # similarity of the letters, 0..1
    score: float  # phonetic_weight * phonetic + (1 - phonetic_weight) * edit
    spelled: bool  # said letter by letter ("s a p")
    evidence: Evidence

    @property
    def method(self) -> str:
        """How it sounds alike, without the term: "metaphone ALTRKS" or "spelled out"."""
        return "spelled out" if self.spelled else f"{ENCODER_NAME} {self.key}"

    @property
    def how(self) -> str:
        return f"sounds like the term ({self.method})"


@dataclass(frozen=True)
class SoundAlikeResult:
    matches: tuple[SoundAlike, ...]
    suggestions: tuple[SoundAlike, ...]


# -- words and keys ------------------------------------------------------------------------


def _number_words(digits: str, *, paired: bool) -> str:
    """ "365" -> "three hundred sixty five", or said in pairs: "three sixty five"."""
    value = int(digits)
    if len(digits) > 4 or (digits.startswith("0") and len(digits) > 1):
        return " ".join(num2words(int(d)) for d in digits)  # "007": said digit by digit
    spoken = num2words(value, to="year") if paired and 100 <= value <= 9999 else num2words(value)
    return spoken.replace(" and ", " ").replace("-", " ").replace(",", "")


def spell_numbers(text: str, *, paired: bool = False) -> str:
    return _DIGITS.sub(lambda m: f" {_number_words(m.group(), paired=paired)} ", text)


def normal_word(raw: str) -> str:
    """A token as heard: case-folded, possessive dropped, digits said as words."""
    word = raw.casefold().replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.rstrip("'")
    if any(c.isdigit() for c in word):
        word = spell_numbers(word).strip()
    return word


def letters(text: str) -> str:
    """The plain letters of a case-folded text ("zürich" -> "zurich")."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
    return _NOT_LETTER.sub("", text)


# English spellings of one sound, written one way, so that letters compare by how they are
# said: Double Metaphone keeps consonants only, and a short key ("JR" for Jira) says little
# unless the vowels agree too ("jeera" and "Jira" both read "jira", "koopa" and "Coupa"
# "kupa", "tabloh" and "Tableau" "tablo"). In order; on plain lowercase letters.
_SAME_SOUND = [(re.compile(pattern), sound) for pattern, sound in (
    (r"([^aeiou])\1", r"\1"),  # double consonants
    (r"ph", "f"), (r"ck|q", "k"), (r"c(?=[eiy])", "s"), (r"c", "k"), (r"x", "ks"), (r"z", "s"),
    (r"eau", "o"), (r"ee|ea|ie|ei|(?<=.)y", "i"), (r"oo|ou|ew|ue", "u"), (r"oa", "o"),
    (r"(?<=[aeiou])h$", ""), (r"(?<=[^aeiou])e$", ""),  # a silent h or e at the end
    (r"(.)\1", r"\1"),  # doubles the rewrites made
)]


@lru_cache(maxsize=65536)
def sound_spelling(compact: str) -> str:
    """``compact`` (lowercase letters) with each sound spelled one way: "jeera" -> "jira"."""
    for pattern, sound in _SAME_SOUND:
        compact = pattern.sub(sound, compact)
    return compact


@lru_cache(maxsize=65536)
def phonetic_keys(compact: str) -> tuple[str, ...]:
    """Double Metaphone's primary and (when different) alternate key."""
    primary, alternate = doublemetaphone(compact)
    return (primary, alternate) if alternate and alternate != primary else (primary,)


def _is_acronym(text: str) -> bool:
    """ "SAP", "KPMG", "PwC", "S.A.P.": a name said letter by letter."""
    compact = re.sub(r"[\s.&-]", "", text)
    uppers = sum(c.isupper() for c in compact)
    return 2 <= len(compact) <= MAX_LETTERS and compact.isalpha() and uppers >= 2 and uppers >= len(compact) - 1


def _form_words(text: str) -> list[str]:
    """The words of a dictionary form, camel case and digits split off ("23andMe" -> 23, and, me);
    an "x" between numbers is said "by" ("8x8")."""
    text = _TIMES.sub(r"\1 by \2", text)
    return [w.casefold() for w in _FORM_WORD.findall(text)]


@lru_cache(maxsize=1)
def _number_words_set() -> frozenset[str]:
    words = {"hundred", "thousand"}
    for value in range(100):
        words.update(num2words(value).replace("-", " ").split())
    return frozenset(words)


@dataclass(frozen=True)
class _Form:
    form: SoundAlikeForm
    compact: str  # its letters, numbers said as words
    heard: str  # sound_spelling(compact)
    key: str  # one of its phonetic keys (a form has an entry per distinct key)
    stop_words: int
    ends_with_stop_word: bool
    words: frozenset[str]


_NEAR_CACHE_SIZE = 50_000


class _KeyIndex:
    """Forms by the first letter and the length of their phonetic keys, for rapidfuzz to scan in C.

    Keys whose lengths differ by more than ``1 - min_similarity`` of the longer cannot reach
    the similarity floor, so only buckets of near lengths are scanned.
    """

    def __init__(self, forms: Iterable[_Form]) -> None:
        buckets: dict[tuple[str, int], tuple[list[str], list[_Form]]] = {}
        for form in forms:
            keys, items = buckets.setdefault((form.key[0], len(form.key)), ([], []))
            keys.append(form.key)
            items.append(form)
        self._buckets = buckets
        self.forms = [f for _, items in buckets.values() for f in items]
        self.initials = frozenset(initial for initial, _ in buckets)
        self._near: dict[tuple[tuple[str, ...], float], list[tuple[_Form, float]]] = {}

    def near(self, keys: tuple[str, ...], min_similarity: float) -> list[tuple[_Form, float]]:
        """Forms whose key is at least ``min_similarity`` alike (normalised Levenshtein) to one of ``keys``."""
        cached = self._near.get((keys, min_similarity))
        if cached is None:
            if len(self._near) >= _NEAR_CACHE_SIZE:
                self._near.clear()
            cached = self._near[(keys, min_similarity)] = self._scan(keys, min_similarity)
        return cached

    def _scan(self, keys: tuple[str, ...], min_similarity: float) -> list[tuple[_Form, float]]:
        out = []
        for key in keys:
            if not key:
                continue
            shortest = math.ceil(len(key) * min_similarity)
            longest = math.floor(len(key) / min_similarity) if min_similarity else len(key) * 4
            for length in range(shortest, longest + 1):
                bucket = self._buckets.get((key[0], length))
                if bucket is None:
                    continue
                choices, items = bucket
                for _, similarity, i in process.extract(
                    key, choices, scorer=Levenshtein.normalized_similarity, score_cutoff=min_similarity, limit=None
                ):
                    out.append((items[i], similarity))
        return out

    def subset(self, entries: Collection[int]) -> _KeyIndex:
        return _KeyIndex(f for f in self.forms if f.form.entry in entries)


# -- the matcher ---------------------------------------------------------------------------

_WORD_CACHE_SIZE = 100_000


@dataclass(frozen=True)
class _Word:
    """What the matcher knows of one token text (cached by text)."""

    word: str  # normal_word of the token
    compact: str  # its letters
    stop: bool
    filler: bool
    no_start: bool  # a determiner or pronoun
    gap: bool  # may stand between a cue and the window
    possessive: bool
    shouted: bool  # all capitals, longer than one letter
    initials: frozenset[str]  # first letters of its phonetic keys: a window it starts has one of them
    cue_last: bool  # the last word of some cue before a window
    cue_after_first: bool  # the first word of some cue after a window
    subject_cue_first: bool  # the first word of some cue after a subject
    plural: bool  # the plural of a common word ("tricks"): a subject without a determiner


class SoundAlikeMatcher:
    """Sound-alike candidates of a fixed set of forms, in any number of texts.

    Only windows with evidence are compared with every form; elsewhere, only the forms of
    entries marked "always" or attested in the document are (unless suggestions are asked
    for), which keeps a large dictionary cheap.
    """

    def __init__(
        self,
        forms: Iterable[SoundAlikeForm],
        settings: SoundAlikeSettings,
        *,
        word_zipf: Callable[[str], float] | None = None,
        stop_words: Collection[str] = STOP_WORDS,
    ) -> None:
        self.settings = settings
        self._zipf = word_zipf or english_zipf
        # Number words are in spaCy's stop list, but "twenty three and me" is not made of stop words.
        self._stop = frozenset(stop_words) - _number_words_set()
        self._fillers = frozenset(normal_word(w) for w in settings.fillers)
        self._gap = frozenset(normal_word(w) for w in settings.gap_words)
        self._no_start = frozenset(normal_word(w) for w in settings.no_start_words)
        self._cues_before = _phrases(settings.cues_before)
        self._cues_after = _phrases(settings.cues_after)
        self._subject_cues = _phrases(settings.subject_cues_after)
        self._openers = frozenset(normal_word(w) for w in settings.clause_openers)
        self._cue_last = frozenset(p[-1] for phrases in self._cues_before.values() for p in phrases)
        self._cue_after_first = frozenset(p[0] for phrases in self._cues_after.values() for p in phrases)
        self._subject_cue_first = frozenset(p[0] for phrases in self._subject_cues.values() for p in phrases)
        self._spelled: dict[str, list[SoundAlikeForm]] = {}
        self._always: set[int] = set()
        self._words: dict[str, _Word] = {}
        prepared: dict[tuple[int, str, str], _Form] = {}
        for form in forms:
            if form.always:
                self._always.add(form.entry)
            for item in self._prepare(form):
                prepared.setdefault((form.entry, item.compact, item.key), item)
        self._index = _KeyIndex(prepared.values())

    def _prepare(self, form: SoundAlikeForm) -> list[_Form]:
        if _is_acronym(form.text):
            self._spelled.setdefault(letters(form.text.casefold()), []).append(form)
        out = []
        # A number in a name may be said whole or in pairs: "three hundred sixty five", "three sixty five".
        for paired in (False, True):
            words = spell_numbers(" ".join(_form_words(form.text)), paired=paired).split()
            compact = letters("".join(words))
            if not compact:
                continue
            stop_words = sum(w in self._stop for w in words)
            ends_with_stop_word = words[-1] in self._stop
            out.extend(_Form(form, compact, sound_spelling(compact), key, stop_words, ends_with_stop_word,
                             frozenset(words))
                       for key in phonetic_keys(compact) if key)
        return out

    # -- finding -------------------------------------------------------------------------

    def find(
        self,
        text: str,
        tokens: Sequence[Token],
        *,
        taken: Sequence[tuple[int, int]] = (),
        attested: Collection[int] = (),
        suggestions: bool = False,
    ) -> SoundAlikeResult:
        """Sound-alike matches (and, with ``suggestions``, suggestions) in ``text``.

        ``tokens``: the text's word tokens in order. ``taken``: spans already matched some
        other way; no window overlapping them is considered. ``attested``: entries found
        exactly elsewhere in the document.
        """
        if not self.settings.enabled or not tokens or not (self._index.forms or self._spelled):
            return SoundAlikeResult((), ())
        n = len(tokens)
        known = self._words.get
        words = [known(raw) or self._word(raw) for raw in (text[t.start:t.end] for t in tokens)]
        blocked = _covered(tokens, taken)
        # joins[k]: tokens k-1 and k may be one window; most gaps are one space.
        joins = [False] + [
            text[left.end:right.start] == " " or _joinable(text, left, right, left_word, right_word)
            for left, right, left_word, right_word in zip(tokens, tokens[1:], words, words[1:])
        ]
        before = self._cued_before(words)
        after = self._followed(words, self._cues_after, [w.cue_after_first for w in words], possessive=True)
        capitalised = self._capitalised(text, tokens, words)
        # A clause's subject: a window that opens a clause and is followed by a verb ("and
        # then ta lend kept crashing"); such a window has context, as one before a cue does.
        opens = self._clause_starts(text, tokens, words)
        subject = self._followed(words, self._subject_cues, [w.subject_cue_first for w in words], possessive=False)
        after_near = [False] * n  # a window starting here can end just before a cue
        for k in (k for k in range(n) if after[k] or subject[k]):
            for first in range(max(0, k - MAX_WINDOW + 1), k + 1):
                after_near[first] = after_near[first] or after[k] or opens[first]
        trusted = self._always | set(attested)
        trusted_index = self._index.subset(trusted) if trusted else None
        if trusted_index is not None or suggestions:
            starts: Iterable[int] = range(n)
        else:  # only windows with context, or letters that may spell an acronym, are compared
            spelled = bool(self._spelled)
            starts = [k for k in range(n) if before[k] or capitalised[k] or after_near[k]
                      or (spelled and len(words[k].compact) == 1)]
        found: list[SoundAlike] = []
        for first in starts:
            head = words[first]
            if blocked[first] or head.filler or not head.compact:
                continue
            reach = min(first + MAX_WINDOW, n)
            context_here = before[first] or capitalised[first] or after_near[first]
            index = self._index if context_here or suggestions else trusted_index
            spelling = len(head.compact) == 1 and bool(self._spelled)
            if index is None and not spelling:
                continue
            # A window's phonetic key starts as its first word's does: skip starts no form shares.
            if index is not None and head.initials and not head.initials & index.initials and not spelling:
                continue
            slot = capitalised[first]
            for last in range(first, reach):
                if last > first:
                    if blocked[last] or not joins[last]:
                        break
                    slot = slot and (not tokens[last].lowercase or words[last].stop)
                # A plural noun can be a subject without a determiner ("and snow flakes were
                # falling"), a singular one rarely: only a name is a bare singular subject.
                as_subject = opens[first] and subject[last] and not words[last].plural
                context = (Evidence.CONTEXT if before[first] or after[last] or as_subject
                           else Evidence.NAME_SLOT if slot else Evidence.NONE)
                window_index = self._index if context is not Evidence.NONE or suggestions else trusted_index
                if window_index is None and not spelling:
                    continue  # nothing this window could be compared with
                window = words[first:last + 1]
                if not self._plausible(window, slot, spelling):
                    continue
                candidates = self._spelled_out(window) if spelling else []
                if not candidates:
                    if window_index is None:
                        continue
                    candidates = self._sounding(window, window_index)
                for candidate in candidates:
                    evidence = (Evidence.ALWAYS if candidate.entry in self._always
                                else Evidence.ATTESTED if candidate.entry in trusted else context)
                    if evidence is not Evidence.NONE or suggestions:
                        found.append(replace(candidate, start=tokens[first].start, end=tokens[last].end,
                                             evidence=evidence))
        threshold = self.settings.match_threshold
        accepted = [c for c in found if c.evidence is not Evidence.NONE and c.score >= threshold]
        matches = _non_overlapping(self._without_leading_stop_words(text, accepted))
        if not suggestions:
            return SoundAlikeResult(tuple(matches), ())
        rest = [c for c in found if not any(c.start < m.end and m.start < c.end for m in matches)]
        return SoundAlikeResult(tuple(matches), tuple(_non_overlapping(rest)))

    def _without_leading_stop_words(self, text: str, candidates: list[SoundAlike]) -> list[SoundAlike]:
        """Drop a window that only adds stop words before another match of the same term
        ("So kiera brennan" when "kiera brennan" matches too)."""
        def only_stop_words(start: int, end: int) -> bool:
            return all(self._word(w).stop for w in text[start:end].split()) and bool(text[start:end].split())

        return [c for c in candidates
                if not any(o is not c and o.entry == c.entry and o.end == c.end and o.start > c.start
                           and only_stop_words(c.start, o.start) for o in candidates)]

    def _word(self, raw: str) -> _Word:
        cached = self._words.get(raw)
        if cached is not None:
            return cached
        word = normal_word(raw)
        base = word.split("'", 1)[0]  # "i'll", "we're": the pronoun decides
        compact = letters(word)
        info = _Word(
            word=word,
            compact=compact,
            stop=word in self._stop or base in self._stop,
            filler=word in self._fillers,
            no_start=word in self._no_start or base in self._no_start,
            gap=word in self._gap or word in self._fillers,
            possessive=raw.casefold().replace("\u2019", "'").endswith("'s"),
            shouted=len(raw) > 1 and raw.isupper(),
            initials=frozenset(k[0] for k in phonetic_keys(compact) if k) if compact else frozenset(),
            cue_last=word in self._cue_last,
            cue_after_first=word in self._cue_after_first,
            subject_cue_first=word in self._subject_cue_first,
            plural=(len(word) > 3 and word.endswith("s") and not word.endswith("ss")
                    and self._zipf(word[:-1]) >= self.settings.split_word_zipf),
        )
        if len(self._words) >= _WORD_CACHE_SIZE:
            self._words.clear()
        self._words[raw] = info
        return info

    def _plausible(self, window: list[_Word], slot: bool, letter: bool) -> bool:
        if len(window) > 1:
            if letter and all(len(w.compact) == 1 for w in window):
                return True  # letters ("i b m"): only an acronym of the dictionary can match
            return not (window[-1].filler or window[0].no_start or all(w.stop for w in window)
                        or not all(w.compact for w in window))
        word = window[0]
        if word.filler or word.no_start or word.stop or not word.compact:
            return False
        # "table", "click", "alter": a common word alone is never a name. Names are frequent
        # words too ("Catherine" 4.1), so one capitalised in a name slot has a higher bar.
        limit = self.settings.common_word_zipf_capitalised if slot else self.settings.common_word_zipf
        return self._zipf(window[0].word) < limit

    def _spelled_out(self, window: list[_Word]) -> list[SoundAlike]:
        if not 2 <= len(window) <= MAX_LETTERS or any(len(w.compact) != 1 for w in window):
            return []
        spelled = "".join(w.compact for w in window)
        return [_candidate(form, spelled.upper(), 1.0, 1.0, 1.0, True) for form in self._spelled.get(spelled, ())]

    def _sounding(self, window: list[_Word], index: _KeyIndex) -> list[SoundAlike]:
        settings = self.settings
        if len(window) > 1 and all(len(w.compact) == 1 for w in window):
            return []  # letters that spell no dictionary acronym
        compact = "".join(w.compact for w in window)
        stop_words = sum(w.stop for w in window)
        best: dict[int, SoundAlike] = {}
        for form, phonetic in index.near(phonetic_keys(compact), settings.min_phonetic):
            if stop_words > form.stop_words + settings.extra_stop_words:
                continue
            if window[-1].stop and not form.ends_with_stop_word:
                continue  # "work at" is not "Workday": names rarely end in a function word
            if any(w.no_start and w.word not in form.words for w in window[1:]):
                continue  # "alter the ex": a determiner or pronoun inside is a phrase, not a name
            # Letters alike as written, or as said ("jeera"/"Jira").
            edit = max(fuzz.ratio(compact, form.compact), fuzz.ratio(sound_spelling(compact), form.heard)) / 100
            if edit < settings.min_edit:
                continue
            if len(form.key) < settings.min_key_length and edit < settings.short_key_min_edit:
                continue
            score = settings.phonetic_weight * phonetic + (1 - settings.phonetic_weight) * edit
            if score < settings.suggest_threshold:
                continue
            entry = form.form.entry
            if entry not in best or score > best[entry].score:
                best[entry] = _candidate(form.form, form.key, phonetic, edit, score, False)
        return list(best.values())

    # -- evidence ------------------------------------------------------------------------

    def _cued_before(self, words: list[_Word]) -> list[bool]:
        """For each position: a cue phrase ends right before it, or before up to ``max_gap``
        gap words or fillers ("our vendor was, uh, ...")."""
        n = len(words)
        out = [False] * n
        for j in [j for j, w in enumerate(words) if w.cue_last]:
            if not self._phrase_ends_at(words, j):
                continue
            k, gaps = j + 1, 0
            while k < n:
                out[k] = True
                if not words[k].gap or gaps >= self.settings.max_gap:
                    break
                gaps += 1
                k += 1
        return out

    def _phrase_ends_at(self, words: list[_Word], j: int) -> bool:
        for length, phrases in self._cues_before.items():
            if j - length + 1 >= 0 and tuple(w.word for w in words[j - length + 1:j + 1]) in phrases:
                return True
        return False

    @staticmethod
    def _followed(
        words: list[_Word], cues: dict[int, frozenset[tuple[str, ...]]], starts_cue: list[bool], *, possessive: bool
    ) -> list[bool]:
        """For each position: a window ending there is followed by one of ``cues`` ("...
        licence"), or (with ``possessive``) is possessive itself. ``starts_cue``: for each
        word, whether some cue starts with it."""
        n = len(words)
        out = [w.possessive for w in words] if possessive else [False] * n
        for k in [i - 1 for i in range(1, n) if starts_cue[i]]:
            if out[k]:
                continue
            for length, phrases in cues.items():
                if k + length < n and tuple(w.word for w in words[k + 1:k + 1 + length]) in phrases:
                    out[k] = True
                    break
        return out

    def _clause_starts(self, text: str, tokens: Sequence[Token], words: list[_Word]) -> list[bool]:
        """For each position: the word opens a clause: first in the text, after a sentence end,
        a comma or a line break, or after only clause openers and fillers ("and then", "um")."""
        out = []
        end = 0
        for k, token in enumerate(tokens):
            start = token.start
            if k == 0 or (start - end > 1 or text[end] != " ") and _CLAUSE_BREAK.search(text, end, start):
                out.append(True)
            else:
                previous = words[k - 1]
                out.append(out[k - 1] and (previous.word in self._openers or previous.filler))
            end = token.end
        return out

    @staticmethod
    def _capitalised(text: str, tokens: Sequence[Token], words: list[_Word]) -> list[bool]:
        """For each position: a capitalised word (not a stop word) in cased text, not at a sentence start."""
        if not _looks_cased(tokens, words):
            return [False] * len(tokens)
        return [not t.lowercase and not w.stop and not _sentence_start(text, t.start) for t, w in zip(tokens, words)]


def _joinable(text: str, left: Token, right: Token, left_word: _Word, right_word: _Word) -> bool:
    """Spaces, a line break or a hyphen between two words of one window; a dot only between letters ("S.A.P.")."""
    gap = text[left.end:right.start]
    if gap == " ":
        return True
    if len(left_word.compact) == 1 and len(right_word.compact) == 1:
        return bool(_LETTER_JOINER.fullmatch(gap))
    return bool(_JOINER.fullmatch(gap))


def _candidate(form: SoundAlikeForm, key: str, phonetic: float, edit: float, score: float, spelled: bool) -> SoundAlike:
    """A candidate without its place yet (``_with`` sets the window and the evidence)."""
    return SoundAlike(0, 0, form.entry, form.text, form.is_head, key, round(phonetic, 3), round(edit, 3),
                      round(score, 3), spelled, Evidence.NONE)


def _phrases(items: Iterable[str]) -> dict[int, frozenset[tuple[str, ...]]]:
    by_length: dict[int, set[tuple[str, ...]]] = {}
    for item in items:
        words = tuple(normal_word(w) for w in item.split())
        if words:
            by_length.setdefault(len(words), set()).add(words)
    return {n: frozenset(p) for n, p in sorted(by_length.items(), reverse=True)}


def _covered(tokens: Sequence[Token], taken: Sequence[tuple[int, int]]) -> list[bool]:
    spans = sorted(taken)
    out = []
    i = 0
    for token in tokens:
        while i < len(spans) and spans[i][1] <= token.start:
            i += 1
        out.append(i < len(spans) and spans[i][0] < token.end)
    return out


def _looks_cased(tokens: Sequence[Token], words: list[_Word]) -> bool:
    """Capitals carry meaning: over a tenth of the tokens have one, and most are not all capitals."""
    capitalised = sum(not t.lowercase for t in tokens)
    if capitalised * 10 < len(tokens):
        return False
    return sum(w.shouted for w in words) * 2 < len(tokens)


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 40):start]
    # Read backwards: a sentence end among the non-word characters right before the word.
    return not before.strip() or _SENTENCE_END_BEFORE.match(before[::-1]) is not None


def _non_overlapping(candidates: list[SoundAlike]) -> list[SoundAlike]:
    """The best candidates that do not overlap. A window that sounds like a part of a term
    (a head word) gives way to a longer window that sounds like more of it: "neve gallagher"
    for "Niamh Gallagher", not just "gallagher"; among windows that sound like the same
    form, the better score wins ("North wind", not "North wind team")."""
    candidates = [
        c for c in candidates
        if not any(o.entry == c.entry and o.start <= c.start and c.end <= o.end and (o.start, o.end) != (c.start, c.end)
                   and len(letters(o.form.casefold())) > len(letters(c.form.casefold())) for o in candidates)
    ]
    chosen: list[SoundAlike] = []
    for c in sorted(candidates, key=lambda c: (-c.score, c.is_head, -(c.end - c.start), c.start, c.entry)):
        if all(c.end <= k.start or c.start >= k.end for k in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


@lru_cache(maxsize=65536)
def english_zipf(word: str) -> float:
    return zipf_frequency(word, "en")
