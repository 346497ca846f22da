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
  serve as head words, and match a term exactly only when capitalised in the text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from presidio_analyzer import RecognizerResult
from rapidfuzz import fuzz, process
from spacy.lang.en.stop_words import STOP_WORDS

from recognizers.base import TranscriptRecognizer
from recognizers.name_matcher import NameMatcher
from service.vocabulary.canonical import canonical_form
from service.vocabulary.entity_types import NAME_TYPES, PERSON
from service.vocabulary.generic_words import generic_words
from service.vocabulary.organization_suffixes import LEGAL_SUFFIX_KEYS, suffix_key

TOKEN_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*['\u2019]?")
# What may stand between two tokens of one name: spaces, a line break, a hyphen.
JOINER_RE = re.compile(r"[ \t\r\n\-\u00a0]{1,4}")

DEFAULT_THRESHOLD = 86  # fuzz.ratio; "Nortwind"/"northwind" scores 94, "north"/"northwind" 71
DEFAULT_MIN_FUZZY_LENGTH = 5  # shorter keys ("ML", "Acme") must match exactly
HEAD_MIN_LENGTH = 4

# The researcher's own dictionary outranks every guess: its weakest accepted match scores
# above the NER model (0.85) and the gazetteers (0.9 for an exact listed name is beaten
# only by exact and head-word dictionary matches), so its type and canonical form win
# wherever they overlap.
EXACT_SCORE = 0.98
HEAD_SCORE = 0.92
FUZZY_MIN_SCORE = 0.86  # at the fuzzy threshold
FUZZY_MAX_SCORE = 0.91  # at a ratio of 100

CANONICAL_METADATA_KEY = "dictionary_canonical"
TERM_METADATA_KEY = "dictionary_term"
HOW_METADATA_KEY = "dictionary_how"


@dataclass(frozen=True)
class DictionaryEntry:
    term: str
    entity_type: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Form:
    """A precomputed way a term can appear: its keys squeezed together, and what it stands for."""

    compact: str
    entry: int  # index into the recognizer's entries
    is_head: bool
    all_generic: bool  # every word of the form is a generic word


@dataclass(frozen=True)
class _Token:
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


def _word(raw: str) -> str:
    word = raw.casefold().replace("\u2019", "'")
    if word.endswith("'s"):
        return word[:-2]
    return word.rstrip("'")


def _key(word: str) -> str:
    """Plural-insensitive key: drop a final "s" (not "ss") from words of 4+ letters."""
    if len(word) >= 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _as_entry(item: Any) -> DictionaryEntry:
    if isinstance(item, DictionaryEntry):
        return item
    if isinstance(item, Mapping):
        return DictionaryEntry(item["term"], item["entity_type"], tuple(item.get("aliases") or ()))
    if isinstance(item, tuple):
        term, entity_type, *rest = item
        return DictionaryEntry(term, entity_type, tuple(rest[0]) if rest and rest[0] else ())
    return DictionaryEntry(item.term, item.entity_type, tuple(getattr(item, "aliases", ()) or ()))


class ProjectDictionaryRecognizer(TranscriptRecognizer):
    """Presidio recognizer for one project's dictionary terms (with fuzzy STT tolerance)."""

    NAME = "project_dictionary.v1"
    ENTITIES = NAME_TYPES

    def __init__(
        self,
        terms: Iterable[Any],
        *,
        threshold: int = DEFAULT_THRESHOLD,
        min_fuzzy_length: int = DEFAULT_MIN_FUZZY_LENGTH,
        extra_generic_words: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        """``terms``: store ``Term``s, ``(term, entity_type, aliases)`` tuples or mappings."""
        self._entries = [_as_entry(item) for item in terms]
        self._threshold = threshold
        self._min_fuzzy_length = min_fuzzy_length
        self._generic = generic_words() | {w.casefold() for w in extra_generic_words}
        self._exact: dict[str, _Form] = {}
        self._fuzzy_by_length: dict[int, list[str]] = {}
        self._fuzzy_choices_by_length: dict[int, list[str]] = {}
        self._max_tokens = 1
        self._build_forms()
        self._matcher = NameMatcher(self._exact)
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
                    full.setdefault(compact, _Form(compact, index, False, all_generic))
                    if len(words) > 1:
                        for head in self._head_words(entry.entity_type, words):
                            heads.setdefault(_key(head), set()).add(index)
        self._exact = dict(full)
        for compact, owners in heads.items():
            if len(owners) == 1 and compact not in full:  # a head shared by two terms is not distinctive
                self._exact[compact] = _Form(compact, next(iter(owners)), True, False)
        for compact, form in self._exact.items():
            if len(compact) >= self._min_fuzzy_length and not form.all_generic:
                self._fuzzy_by_length.setdefault(len(compact), []).append(compact)
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
        if not text or not self._exact:
            return []
        wanted = set(entities) if entities else set(self.supported_entities)
        tokens = self._tokenise(text)
        candidates = self._candidates(text, tokens)
        results = []
        for match in self._non_overlapping(candidates, len(tokens)):
            entry = self._entries[match.entry]
            if entry.entity_type not in wanted:
                continue
            # The reason never quotes the term (reports travel with redacted transcripts);
            # the term and how it matched travel as metadata, for callers allowed to see them.
            result = self.result(match.start, match.end, entry.entity_type, match.score, f"project dictionary term ({match.how})")
            result.recognition_metadata[CANONICAL_METADATA_KEY] = canonical_form(entry.entity_type, entry.term)
            result.recognition_metadata[TERM_METADATA_KEY] = entry.term
            result.recognition_metadata[HOW_METADATA_KEY] = match.how
            results.append(result)
        return results

    @staticmethod
    def _tokenise(text: str) -> list[_Token]:
        tokens = []
        for found in TOKEN_RE.finditer(text):
            word = _word(found.group())
            if word:
                tokens.append(_Token(found.start(), found.end(), _key(word), word, found.group().islower()))
        return tokens

    def _candidates(self, text: str, tokens: list[_Token]) -> list[_Match]:
        """Exact matches of a form, and fuzzy matches in the windows without one."""
        joinable = [False] + [
            JOINER_RE.fullmatch(text[before.end : after.start]) is not None for before, after in zip(tokens, tokens[1:])
        ]
        keys = [t.key for t in tokens]
        exact = {(m.first, m.last): self._exact[m.key] for m in self._matcher.find(keys, joinable.__getitem__, max_tokens=self._max_tokens)}
        matches = []
        for first in range(len(tokens)):
            compact, all_generic, all_lowercase = "", True, True
            for last in range(first, min(first + self._max_tokens, len(tokens))):
                if last > first and not joinable[last]:
                    break
                token = tokens[last]
                compact += token.key
                all_generic = all_generic and token.word in self._generic
                all_lowercase = all_lowercase and token.lowercase
                if all_generic and all_lowercase:
                    continue  # "north wind", "apple": ordinary words, not a name
                form = exact.get((first, last))
                if form is not None:
                    score, how = (HEAD_SCORE, "head word") if form.is_head else (EXACT_SCORE, "exact")
                    matches.append(_Match(first, last, tokens[first].start, token.end, form.entry, score, how, form.is_head))
                elif not all_generic and len(compact) >= self._min_fuzzy_length:
                    if last > first and (tokens[first].word in STOP_WORDS or token.word in STOP_WORDS):
                        continue  # "the Nortwind": let the window without the stop word match
                    match = self._fuzzy_match(tokens, first, last, compact)
                    if match is not None:
                        matches.append(match)
        return matches

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
