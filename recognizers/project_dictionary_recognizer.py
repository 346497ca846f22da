"""Finds a project's dictionary terms in transcripts, spelled however speech-to-text spelled them.

For the term "Northwind Analytics" it finds "Northwind Analytics", "NORTHWIND ANALYTICS",
"Northwind\\nAnalytics", "northwind's", "Northwinds", "North wind" and "Nortwind", but not
"north" or "wind" alone. How:

* the text is tokenised once (regex, with offsets; no spaCy pipeline needed);
* every token is reduced to a key: case-folded, possessive and plural "s" dropped;
* runs of 1..n adjacent tokens (joined by whitespace or hyphens only), with the spaces
  squeezed out ("North wind" -> "northwind"), are matched against precomputed forms of
  each term, its aliases and its distinctive head word ("Northwind") by the name matcher
  the gazetteer uses too (``recognizers.name_matcher``);
* an exact key match wins; in every other window rapidfuzz's ``fuzz.ratio`` against forms
  of similar length, above a threshold and a minimum length, catches misspellings;
* generic words (``service.vocabulary.generic_words``) are never fuzzy-matched, never
  serve as head words, and match a term exactly only when capitalised in the text;
* windows that matched none of these are then compared by sound (``recognizers.sound_alike``):
  "alter ex" or "all tricks" for "Alteryx", "snow flake" for "Snowflake", "s a p" for "SAP",
  with context guards; such a hit scores just below a fuzzy one. Close sound-alikes
  without the evidence a match needs are ``suggestions``, for a person to confirm.

Every hit's reason says how it matched without the term ("project dictionary term
(sounds like)"); the term (``dictionary_term``) and how exactly (``dictionary_how``:
"exact", "fuzzy 94", "sounds like, metaphone ALTRKS") travel in its metadata, for callers
allowed to see the dictionary.
"""
from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from presidio_analyzer import RecognizerResult
from rapidfuzz import fuzz, process
from spacy.lang.en.stop_words import STOP_WORDS

from recognizers.base import TranscriptRecognizer
from recognizers.name_matcher import NameMatcher
from recognizers.options import ProjectDictionaryOptions
from recognizers.sound_alike import SoundAlikeForm, SoundAlikeMatcher, SoundAlikeSettings, english_zipf, settings_for
from service.vocabulary.canonical import canonical_form
from service.vocabulary.entity_types import NAME_TYPES, PERSON
from service.vocabulary.generic_words import generic_words
from service.vocabulary.organization_suffixes import LEGAL_SUFFIX_KEYS, suffix_key
from service.vocabulary.sound_alike_modes import ALWAYS, DEFAULT_SOUND_ALIKE, OFF, SOUND_ALIKE_MODES

TOKEN_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*['\u2019]?")
# What may stand between two tokens of one name: spaces, a line break, a hyphen.
JOINER_RE = re.compile(r"[ \t\r\n\-\u00a0]{1,4}")

HEAD_MIN_LENGTH = 4

# The researcher's own dictionary outranks every guess: its weakest accepted match scores
# above the NER model (0.85) and the gazetteers (0.9 for an exact listed name is beaten
# only by exact and head-word dictionary matches), so its type and canonical form win
# wherever they overlap.
EXACT_SCORE = 0.98
HEAD_SCORE = 0.92
FUZZY_MIN_SCORE = 0.86  # at the fuzzy threshold
FUZZY_MAX_SCORE = 0.91  # at a ratio of 100
# Sounding like a term (with the context guards) is weaker than looking like it, but the
# term is still the researcher's: above every list (a gazetteer's listed name scores 0.9),
# so that where a gazetteer also matches the rendering ("net suite" for NetSuite) the
# dictionary's type and canonical form win, and the name keeps one surrogate.
SOUND_ALIKE_SCORE = 0.905

CANONICAL_METADATA_KEY = "dictionary_canonical"
# The term a hit matched and how ("exact", "fuzzy 94", "sounds like, metaphone ALTRKS"),
# for callers allowed to see the dictionary; the reason never quotes either.
TERM_METADATA_KEY = "dictionary_term"
HOW_METADATA_KEY = "dictionary_how"
EXACT, HEAD_WORD, FUZZY, SOUND_ALIKE = "exact", "head word", "fuzzy", "sound-alike"
MATCH_KINDS = (EXACT, HEAD_WORD, FUZZY, SOUND_ALIKE)


@dataclass(frozen=True)
class DictionaryEntry:
    term: str
    entity_type: str
    aliases: tuple[str, ...] = ()
    sound_alike: str = DEFAULT_SOUND_ALIKE  # one of SOUND_ALIKE_MODES
    term_id: int | None = None  # the store's id of the term, when it came from a project


@dataclass(frozen=True)
class DictionarySuggestion:
    """A window that sounds like a term but not enough (or without context) to be replaced."""

    start: int
    end: int
    entity_type: str
    term: str  # a name: never in reports that hide terms
    canonical: str
    method: str  # "metaphone ALTRKS" or "spelled out": no term in it, but close to one
    score: float  # the sound-alike score, 0..1
    evidence: str  # what context it had ("none", "context", ...; see recognizers.sound_alike.Evidence)
    term_id: int | None = None  # the store's id of the term: a reviewer may add the words as its alias

    @property
    def reason(self) -> str:
        """Why it is only a suggestion, naming no term (nor its phonetic key)."""
        if self.evidence == "none":
            return "sounds like a project dictionary term, with nothing around it that says it is a name"
        return "sounds somewhat like a project dictionary term"


@dataclass(frozen=True)
class _Form:
    """A precomputed way a term can appear: its keys squeezed together, and what it stands for."""

    compact: str
    entry: int  # index into the recognizer's entries
    is_head: bool
    all_generic: bool  # every word of the form is a generic word
    words: int = 1  # how many words the form has


class _Token(NamedTuple):
    start: int
    end: int
    key: str
    word: str  # case-folded, possessive removed (for the generic-word check)
    lowercase: bool


@dataclass(frozen=True)
class _Match:
    first: int  # token indices, inclusive
    last: int
    start: int  # character offsets
    end: int
    entry: int
    score: float
    how: str
    is_head: bool
    kind: str = FUZZY  # one of MATCH_KINDS


_WORDS_AND_KEYS: dict[str, tuple[str, str]] = {}  # token text -> (word, key), for every text of the process
_WORDS_AND_KEYS_SIZE = 100_000


def _word_and_key(raw: str) -> tuple[str, str]:
    cached = _WORDS_AND_KEYS.get(raw)
    if cached is None:
        if len(_WORDS_AND_KEYS) >= _WORDS_AND_KEYS_SIZE:
            _WORDS_AND_KEYS.clear()
        word = _word(raw)
        cached = _WORDS_AND_KEYS[raw] = (word, _key(word))
    return cached


def _word(raw: str) -> str:
    word = raw.casefold().replace("\u2019", "'")
    if word.endswith("'s"):
        return word[:-2]
    return word.rstrip("'")


def _name_end(text: str, start: int, end: int, entry: DictionaryEntry) -> int:
    """Where the name ends: before a possessive ("Dana Whitlock's team" -> "Dana Whitlock"),
    which a surrogate must not swallow ("[Person 1]'s team"), unless the term's own spelling
    ends in one ("Sotheby's")."""
    found = text[start:end].replace("\u2019", "'")
    own = [f.replace("\u2019", "'").casefold() for f in (entry.term, *entry.aliases)]
    for ending in ("'s", "'"):
        if found.casefold().endswith(ending) and not any(f.endswith(ending) for f in own):
            return end - len(ending)
    return end


def _key(word: str) -> str:
    """Plural-insensitive key: drop a final "s" (not "ss") from words of 4+ letters."""
    if len(word) >= 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _as_entry(item: Any) -> DictionaryEntry:
    if isinstance(item, DictionaryEntry):
        entry = item
    elif isinstance(item, Mapping):
        entry = DictionaryEntry(
            item["term"], item["entity_type"], tuple(item.get("aliases") or ()),
            item.get("sound_alike") or DEFAULT_SOUND_ALIKE, item.get("id"),
        )
    elif isinstance(item, tuple):
        term, entity_type, *rest = item
        aliases = tuple(rest[0]) if rest and rest[0] else ()
        entry = DictionaryEntry(term, entity_type, aliases, rest[1] if len(rest) > 1 and rest[1] else DEFAULT_SOUND_ALIKE)
    else:
        entry = DictionaryEntry(
            item.term, item.entity_type, tuple(getattr(item, "aliases", ()) or ()),
            getattr(item, "sound_alike", None) or DEFAULT_SOUND_ALIKE, getattr(item, "id", None),
        )
    if entry.sound_alike not in SOUND_ALIKE_MODES:
        raise ValueError(f"sound_alike must be one of {', '.join(SOUND_ALIKE_MODES)}")
    return entry


class ProjectDictionaryRecognizer(TranscriptRecognizer):
    """Presidio recognizer for one project's dictionary terms (with fuzzy STT tolerance)."""

    NAME = "project_dictionary.v1"
    ENTITIES = NAME_TYPES

    def __init__(
        self,
        terms: Iterable[Any],
        options: ProjectDictionaryOptions | None = None,
        *,
        sound_alike: SoundAlikeSettings | None = None,
        extra_generic_words: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        """``terms``: store ``Term``s, ``(term, entity_type, aliases[, sound_alike])`` tuples or
        mappings. ``options``: the spelling and sound-alike thresholds (the engine
        configuration's ``dictionary``; defaults when None). ``sound_alike``: the sound-alike
        settings with their cue lists read, as the engine reads them once; by default, read
        from ``options.sound_alike`` and its cues file in ``config/``."""
        options = options or ProjectDictionaryOptions()
        self._entries = [_as_entry(item) for item in terms]
        self._threshold = options.fuzzy_threshold
        self._min_fuzzy_length = options.min_fuzzy_length
        self._generic = generic_words() | {w.casefold() for w in extra_generic_words}
        self._exact: dict[str, _Form] = {}
        self._fuzzy_by_length: dict[int, list[str]] = {}
        self._fuzzy_choices_by_length: dict[int, list[str]] = {}
        self._max_tokens = 1
        self._sound_forms: list[SoundAlikeForm] = []
        self._last = threading.local()  # (text, tokens, matches) of the last text this thread analyzed
        self._build_forms()
        self._matcher = NameMatcher(self._exact)
        self._sound_alike = SoundAlikeMatcher(self._sound_forms, sound_alike or settings_for(options.sound_alike))
        super().__init__(**kwargs)

    @classmethod
    def from_project(cls, store: Any, project_id: int, **kwargs: Any) -> ProjectDictionaryRecognizer:
        """Built from a ``ProjectStore`` project's dictionary."""
        return cls(store.list_terms(project_id), **kwargs)

    # -- precomputation --------------------------------------------------------------

    def _build_forms(self) -> None:
        full: dict[str, _Form] = {}
        heads: dict[str, set[int]] = {}
        for index, entry in enumerate(self._entries):
            for name in (entry.term, *entry.aliases):
                for variant in dict.fromkeys((name, canonical_form(entry.entity_type, name))):  # ordered: same forms in every process
                    words = [_word(t) for t in TOKEN_RE.findall(variant)]
                    words = [w for w in words if w]
                    if not words:
                        continue
                    self._max_tokens = max(self._max_tokens, len(words))
                    compact = "".join(_key(w) for w in words)
                    all_generic = all(w in self._generic for w in words)
                    full.setdefault(compact, _Form(compact, index, False, all_generic, len(words)))
                    if len(words) > 1:
                        for head in self._head_words(entry.entity_type, words):
                            heads.setdefault(_key(head), set()).add(index)
                if entry.sound_alike != OFF:
                    self._sound_forms.append(SoundAlikeForm(index, name, always=entry.sound_alike == ALWAYS))
        self._exact = dict(full)
        for compact, owners in heads.items():
            if len(owners) == 1 and compact not in full:  # a head shared by two terms is not distinctive
                owner = next(iter(owners))
                self._exact[compact] = _Form(compact, owner, True, False)
                mode = self._entries[owner].sound_alike
                if mode != OFF:
                    self._sound_forms.append(SoundAlikeForm(owner, compact, always=mode == ALWAYS, is_head=True))
        for compact, form in self._exact.items():
            if len(compact) >= self._min_fuzzy_length and not form.all_generic:
                self._fuzzy_by_length.setdefault(len(compact), []).append(compact)
        # fuzz.ratio = 2*common/(len_a+len_b): a window longer than this reaches no form.
        longest = max(self._fuzzy_by_length, default=0)
        self._max_fuzzy_window = int(longest * (200 - self._threshold) / self._threshold) + 1
        # A misspelt word may be split by STT ("North wind"): allow one token more than the longest form.
        self._max_tokens += 1

    def _head_words(self, entity_type: str, words: list[str]) -> list[str]:
        distinctive = [
            w
            for w in words
            if len(w) >= HEAD_MIN_LENGTH
            and w not in self._generic
            and w not in STOP_WORDS
            and suffix_key(w) not in LEGAL_SUFFIX_KEYS
            and not w.isdigit()
        ]
        if entity_type == PERSON:
            return distinctive  # "Jane" or "Okafor" alone still means that person
        return distinctive[:1]  # organisations, places, products: the first distinctive word

    # -- matching --------------------------------------------------------------------

    def analyze(self, text: str, entities: list[str] | None, nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if not text or not self._entries:
            return []
        wanted = set(entities) if entities else set(self.supported_entities)
        tokens, matches = self._tokens_and_matches(text)
        results = []
        for match in matches:
            entry = self._entries[match.entry]
            if entry.entity_type not in wanted:
                continue
            # The reason never quotes the term (reports travel with redacted transcripts), nor
            # a sound-alike's phonetic key ("ALTRKS" is nearly the term); the term and how it
            # matched travel as metadata, for callers allowed to see them.
            how = "sounds like" if match.kind == SOUND_ALIKE else match.how
            end = _name_end(text, match.start, match.end, entry)
            result = self.result(match.start, end, entity_type=entry.entity_type, score=match.score,
                                 reason=f"project dictionary term ({how})")
            result.recognition_metadata[CANONICAL_METADATA_KEY] = canonical_form(entry.entity_type, entry.term)
            result.recognition_metadata[TERM_METADATA_KEY] = entry.term
            result.recognition_metadata[HOW_METADATA_KEY] = match.how
            results.append(result)
        return results

    def suggestions(self, text: str) -> list[DictionarySuggestion]:
        """Sound-alikes of terms below the match threshold or without context, for a person to confirm."""
        if not text or not self._entries:
            return []
        tokens, matches = self._tokens_and_matches(text, reuse=True)
        result = self._sound_alike.find(
            text, tokens, taken=[(m.start, m.end) for m in matches], attested=self._attested(matches), suggestions=True
        )
        out = []
        for c in result.suggestions:
            entry = self._entries[c.entry]
            out.append(DictionarySuggestion(
                c.start, c.end, entry.entity_type, entry.term, canonical_form(entry.entity_type, entry.term),
                c.method, c.score, c.evidence.value, entry.term_id,
            ))
        return out

    def _tokens_and_matches(self, text: str, *, reuse: bool = False) -> tuple[list[_Token], list[_Match]]:
        # The engine asks for suggestions right after analyze, on the same text: analyze
        # keeps its tokens and matches (per thread) and suggestions (``reuse``) takes them
        # rather than finding them twice.
        if reuse:
            last, self._last.value = getattr(self._last, "value", None), None
            if last is not None and last[0] == text:
                return last[1], last[2]
        tokens = self._tokenise(text)
        matches = self._matches(text, tokens)
        self._last.value = None if reuse else (text, tokens, matches)
        return tokens, matches

    def _matches(self, text: str, tokens: list[_Token]) -> list[_Match]:
        return self._sound_alikes(text, tokens, self._non_overlapping(self._candidates(text, tokens), len(tokens)))

    def _sound_alikes(self, text: str, tokens: list[_Token], matches: list[_Match]) -> list[_Match]:
        """Sound-alikes of terms where no exact match is; returns ``matches`` with them added.

        A sound-alike window may swallow a head-word or fuzzy match of the same term inside
        it ("neve gallagher" holds the head word "gallagher", "zed scaler" the fuzzy
        "scaler"): the whole rendering is the name. It never overlaps anything else.
        """
        found = self._sound_alike.find(
            text, tokens, taken=[(m.start, m.end) for m in matches if m.kind == EXACT], attested=self._attested(matches)
        ).matches
        if not found:
            return matches
        # The matches never overlap, so in order of start their ends are in order too: the
        # ones a sound-alike overlaps are the run that starts before its end and ends after
        # its start, found by bisection.
        kept = sorted(matches, key=lambda m: m.start)
        starts = [m.start for m in kept]
        token_at: dict[int, int] | None = None  # a token's index by its start, made when first needed
        for c in found:
            after = first_over = bisect_left(starts, c.end)
            while first_over > 0 and kept[first_over - 1].end > c.start:
                first_over -= 1
            overlapping = kept[first_over:after]
            if any(m.entry != c.entry or m.start < c.start or m.end > c.end or (m.start, m.end) == (c.start, c.end)
                   for m in overlapping):
                continue
            if token_at is None:
                token_at = {t.start: i for i, t in enumerate(tokens)}
            first = token_at[c.start]
            last = next(i for i in range(first, len(tokens)) if tokens[i].end == c.end)
            kept[first_over:after] = [_Match(first, last, c.start, c.end, c.entry, SOUND_ALIKE_SCORE,
                                             f"sounds like, {c.method}", c.is_head, SOUND_ALIKE)]
            starts[first_over:after] = [c.start]
        return kept

    @staticmethod
    def _attested(matches: list[_Match]) -> set[int]:
        # The term written as the dictionary writes it (exactly, or its head word): the
        # document is about it, so its sound-alikes need no further context.
        return {m.entry for m in matches if m.kind in (EXACT, HEAD_WORD)}

    @staticmethod
    def _tokenise(text: str) -> list[_Token]:
        tokens = []
        make = tuple.__new__  # what _Token(...) calls, without its Python-level frame
        for found in TOKEN_RE.finditer(text):
            raw = found.group()
            word, key = _word_and_key(raw)
            if word:
                tokens.append(make(_Token, (found.start(), found.end(), key, word, raw.islower())))
        return tokens

    def _candidates(self, text: str, tokens: list[_Token]) -> list[_Match]:
        """Exact matches of a form, and fuzzy matches in the windows without one."""
        # Most gaps are one space; the regex decides the rest.
        joinable = [False] + [
            gap == " " or JOINER_RE.fullmatch(gap) is not None
            for gap in (text[before.end : after.start] for before, after in zip(tokens, tokens[1:]))
        ]
        keys = [t.key for t in tokens]
        matches = []
        exact = set()
        for m in self._matcher.find(keys, joinable.__getitem__, max_tokens=self._max_tokens):
            exact.add((m.first, m.last))
            form = self._exact[m.key]
            window = tokens[m.first : m.last + 1]
            if all(t.lowercase and t.word in self._generic for t in window):
                continue  # "north wind", "apple": ordinary words, not a name
            if self._ordinary_split(window, form):
                continue  # "big query", "sales force": a sound-alike, which needs context
            kind, score = (HEAD_WORD, HEAD_SCORE) if form.is_head else (EXACT, EXACT_SCORE)
            matches.append(_Match(m.first, m.last, window[0].start, window[-1].end, form.entry, score, kind,
                                  form.is_head, kind))
        windows = [w for w in self._fuzzy_windows(tokens, joinable) if w not in exact]
        fuzzy = [(first, last, "".join(keys[first : last + 1])) for first, last in windows]
        matches += [m for m in self._fuzzy_matches(tokens, fuzzy) if m is not None]
        return matches

    def _fuzzy_windows(self, tokens: list[_Token], joinable: list[bool]) -> list[tuple[int, int]]:
        """The windows (first and last token) worth comparing by spelling, in reading order:
        joined by spaces or hyphens only, with a word that is not generic, of a length some
        form can reach, and neither starting nor ending with a stop word unless one word
        long ("the Nortwind": the window without the stop word is compared). Computed a
        window length at a time over the whole text (numpy)."""
        n = len(tokens)
        if not n or not self._fuzzy_by_length:
            return []
        breaks = np.cumsum(~np.array(joinable, dtype=bool))  # gaps no window may cross, up to each token
        length = np.concatenate(([0], np.cumsum([len(t.key) for t in tokens])))
        specific = np.concatenate(([0], np.cumsum([t.word not in self._generic for t in tokens])))
        stop = np.array([t.word in STOP_WORDS for t in tokens], dtype=bool)
        firsts, lasts = [], []
        for span in range(min(self._max_tokens, n)):
            first = np.arange(n - span)
            last = first + span
            size = length[last + 1] - length[first]
            ok = (breaks[last] == breaks[first]) & (specific[last + 1] > specific[first])
            ok &= (size >= self._min_fuzzy_length) & (size <= self._max_fuzzy_window)
            if span:
                ok &= ~stop[first] & ~stop[last]
            firsts.append(first[ok])
            lasts.append(last[ok])
        first, last = np.concatenate(firsts), np.concatenate(lasts)
        order = np.lexsort((last, first))
        return list(zip(first[order].tolist(), last[order].tolist()))

    def _fuzzy_matches(self, tokens: list[_Token], windows: list[tuple[int, int, str]]) -> list[_Match | None]:
        """The fuzzy match of each window, or None.

        rapidfuzz's ``cdist`` scores all windows of one length against the forms that
        length can match in one call (in C, several windows at a time), which rules out
        nearly every window at once; ``extractOne`` then picks the best form for the few
        left, exactly as it would have for every window.
        """
        by_length: dict[int, dict[str, list[int]]] = {}  # windows by length, then by their letters
        for i, (_, _, compact) in enumerate(windows):
            by_length.setdefault(len(compact), {}).setdefault(compact, []).append(i)
        out: list[_Match | None] = [None] * len(windows)
        for length, same in by_length.items():
            choices = self._fuzzy_choices(length)
            if not choices:
                continue
            queries = list(same)
            # Integer scores with a cutoff one below the threshold: a superset of the windows that reach it.
            near = process.cdist(
                queries, choices, scorer=fuzz.ratio, score_cutoff=max(0, self._threshold - 1), dtype=np.uint8, workers=1
            )
            for row in np.flatnonzero(near.any(axis=1)):
                for i in same[queries[row]]:
                    out[i] = self._fuzzy_match(tokens, *windows[i])
        return out

    def _fuzzy_match(self, tokens: list[_Token], first: int, last: int, compact: str) -> _Match | None:
        best = process.extractOne(
            compact, self._fuzzy_choices(len(compact)), scorer=fuzz.ratio, score_cutoff=self._threshold
        )
        if best is None:
            return None
        form = self._exact[best[0]]
        ratio = best[1]
        span = max(1.0, 100.0 - self._threshold)
        score = FUZZY_MIN_SCORE + (FUZZY_MAX_SCORE - FUZZY_MIN_SCORE) * (ratio - self._threshold) / span
        how = f"{'head word, ' if form.is_head else ''}fuzzy {ratio:.0f}"
        return _Match(first, last, tokens[first].start, tokens[last].end, form.entry, round(score, 3), how, form.is_head)

    def _ordinary_split(self, window: list[_Token], form: _Form) -> bool:
        """The term heard as more lowercase English words than it has ("big query" for
        "BigQuery"), left to sound-alike matching (unless that is off for the term)."""
        settings = self._sound_alike.settings
        if not settings.enabled or self._entries[form.entry].sound_alike == OFF or len(window) <= form.words:
            return False
        return all(t.lowercase and english_zipf(t.word) >= settings.split_word_zipf for t in window)

    def _fuzzy_choices(self, length: int) -> list[str]:
        # fuzz.ratio = 2*common/(len_a+len_b), so only forms of similar length can reach the threshold.
        choices = self._fuzzy_choices_by_length.get(length)
        if choices is None:
            t = self._threshold
            low, high = length * t / (200 - t), length * (200 - t) / t
            choices = [c for n, forms in self._fuzzy_by_length.items() if low <= n <= high for c in forms]
            self._fuzzy_choices_by_length[length] = choices
        return choices

    @staticmethod
    def _non_overlapping(matches: list[_Match], n_tokens: int) -> list[_Match]:
        """The best matches that do not overlap, in reading order; two sweeps."""
        # A head word is a fallback: inside a (even fuzzy) match of its whole term it loses,
        # so "Jane Okafur" is one PERSON span rather than "Jane" alone. In reading order,
        # with whole-term matches first at each token, a head word lies inside one exactly
        # when the furthest whole-term match of its entry so far reaches its last token.
        furthest: dict[int, int] = {}
        candidates = []
        for match in sorted(matches, key=lambda m: (m.first, m.is_head)):
            if not match.is_head:
                furthest[match.entry] = max(furthest.get(match.entry, -1), match.last)
            elif furthest.get(match.entry, -1) >= match.last:
                continue
            candidates.append(match)
        # Best first: a match is kept when none of its tokens is taken yet.
        taken = bytearray(n_tokens)
        chosen: list[_Match] = []
        for match in sorted(candidates, key=lambda m: (-m.score, -(m.end - m.start), m.start)):
            if not any(taken[match.first : match.last + 1]):
                taken[match.first : match.last + 1] = b"\x01" * (match.last - match.first + 1)
                chosen.append(match)
        return sorted(chosen, key=lambda m: m.start)


class ProjectDictionary:
    """A project's terms, as a request brings them to the engine.

    The engine builds the recognizer with the options of its own configuration
    (``recognizer``); building takes tens of milliseconds for hundreds of terms, so the
    recognizer is kept for the next request with the same options.
    """

    def __init__(self, terms: Iterable[Any]) -> None:
        self.entries: tuple[DictionaryEntry, ...] = tuple(_as_entry(item) for item in terms)
        self._built: dict[tuple[ProjectDictionaryOptions, SoundAlikeSettings], ProjectDictionaryRecognizer] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.entries)

    def recognizer(self, options: ProjectDictionaryOptions, sound_alike: SoundAlikeSettings) -> ProjectDictionaryRecognizer:
        key = (options, sound_alike)
        with self._lock:
            built = self._built.get(key)
            if built is None:
                built = ProjectDictionaryRecognizer(self.entries, options, sound_alike=sound_alike)
                self._built = {key: built}  # one engine configuration per process, as a rule
            return built
