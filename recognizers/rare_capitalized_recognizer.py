"""Unknown names by their capitals: a word capitalized in the middle of a sentence that is
rare in English ("we moved our tickets to Brightloom", "Okonkwo signed it off").

Edited and cased transcripts capitalize names and little else mid-sentence, and a word
that everyday English hardly uses (wordfreq Zipf below ``confident_zipf``) is a name far
more often than a term. The model misses many such names (an invented company, an
unusual surname); this finds them, and propagation then finds their other mentions. A
capitalized word that is only fairly rare (below ``suggest_zipf``) is reported below the
decision threshold, as a suggestion a person confirms.

Not in uncased speech-to-text (capitals there come from the truecaser, not the speaker),
not at a sentence start, not in an acronym (``organization_acronym.v1``), not where the
model says the word is a nationality, a language, an event, a law or a title.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import Callable

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from recognizers.base import TranscriptRecognizer, keep_outermost
from recognizers.options import RareCapitalizedOptions
from recognizers.text_signals import as_phrases, at_sentence_start, is_uncased, phrase_before, word_after
from service.vocabulary.entity_types import ORGANIZATION, PERSON
from service.vocabulary.organization_suffixes import ORGANIZATION_HEADS

# "Brightloom", "O'Rourke", "McAllister", and lower-then-upper product names ("eBird").
_CAPITALIZED = re.compile(
    r"(?<![\w@#/.'’-])(?:[A-Z][a-z]+(?:['’][A-Z][a-z]+|-[A-Z]?[a-z]+|[A-Z][a-z]+)*|[a-z]{1,2}[A-Z][a-z]+[A-Za-z]*)(?![\w@/-])"
)
_NEXT_CAPITALIZED = re.compile(r"[ \t]+([A-Z][\w'’-]*)")
# Endings English adds to words ("Skyped", "Zoomers"), and how common the word left
# must be (wordfreq Zipf) for the capitalized one to be that word inflected.
_ENDINGS = ("s", "es", "d", "ed", "ing", "er", "ers")
_COMMON_STEM_ZIPF = 3.0


class RareCapitalizedRecognizer(TranscriptRecognizer):
    NAME = "rare_capitalized.v1"
    ENTITIES = (PERSON, ORGANIZATION)

    def __init__(self, options: RareCapitalizedOptions | None = None, *, word_zipf: Callable[[str], float],
                 why_noise: Callable[[str], str | None] | None = None,
                 person_names: frozenset[str] = frozenset()) -> None:
        """``person_names``: first and last names (lower case); such a word is a person's name."""
        options = options or RareCapitalizedOptions()
        self.person_names = person_names
        self.confident_zipf, self.suggest_zipf = options.confident_zipf, options.suggest_zipf
        self.score, self.suggestion_score = options.score, options.suggestion_score
        self.organization_before = as_phrases(options.organization_before)
        self.person_before = as_phrases(options.person_before)
        self.person_after = frozenset(w.lower() for w in options.person_after)
        self.not_name_labels = frozenset(options.not_name_labels)
        self.word_zipf = word_zipf
        self.why_noise = why_noise or (lambda surface: None)
        super().__init__()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        wanted = set(entities or self.ENTITIES) & set(self.ENTITIES)
        if not wanted or is_uncased(text, nlp_artifacts):
            return []
        not_names = self._not_name_spans(nlp_artifacts)
        title_case_lines: dict[int, bool] = {}
        results = []
        for m in _CAPITALIZED.finditer(text):
            word = m.group()
            lower = word.lower()
            if lower in STOP_WORDS or len(word) < 3 or at_sentence_start(text, m.start()):
                continue
            zipf = self.word_zipf(lower)
            if zipf >= self.suggest_zipf or self.why_noise(word) or self._inflected(lower, zipf):
                continue
            if not_names.covers(m.start()) or _line_in_title_case(text, m.start(), title_case_lines):
                continue
            end = self._name_end(text, m.end())
            entity_type = self._type(text, m.start(), end)
            if entity_type not in wanted:
                continue
            listed = entity_type == PERSON and lower in self.person_names
            confident = zipf < self.confident_zipf or listed
            reason = ("a word rare in English, capitalized mid-sentence"
                      + ("" if not listed else ", on the name lists")
                      + ("" if confident else "; a suggestion to confirm"))
            results.append(self.result(m.start(), end, entity_type,
                                       self.score if confident else self.suggestion_score, reason))
        return keep_outermost(results)

    def _inflected(self, lower: str, zipf: float) -> bool:
        """A common word with an ending ("Skyped", "Zoomers"): a word, not a name."""
        for ending in _ENDINGS:
            stem = lower[: -len(ending)]
            if lower.endswith(ending) and len(stem) >= 3 and self.word_zipf(stem) >= max(zipf, _COMMON_STEM_ZIPF):
                return True
        return False

    def _not_name_spans(self, nlp_artifacts: NlpArtifacts | None) -> _Spans:
        doc = getattr(nlp_artifacts, "tokens", None)
        if doc is None:
            return _Spans([])
        return _Spans([(e.start_char, e.end_char) for e in doc.ents if e.label_ in self.not_name_labels])

    @staticmethod
    def _name_end(text: str, end: int) -> int:
        """Capitalized words right after the rare one belong to the name ("Brightloom
        Analytics", "Okonkwo Adeyemi"), up to three."""
        for _ in range(3):
            m = _NEXT_CAPITALIZED.match(text, end)
            if not m or m.group(1).lower() in STOP_WORDS:
                break
            end = m.end()
        return end

    def _type(self, text: str, start: int, end: int) -> str:
        """An organization after "at", "joined", ... or with an organization head word
        ("Brightloom Analytics"); a person with a person's context ("said", "Hi"), or when
        every word is on the name lists ("Okonkwo Adeyemi"); else an organization."""
        words = [_strip_possessive(w).lower() for w in text[start:end].split()]
        if words[-1] in ORGANIZATION_HEADS or phrase_before(text, start, self.organization_before):
            return ORGANIZATION
        if phrase_before(text, start, self.person_before) or word_after(text, end) in self.person_after:
            return PERSON
        if all(w in self.person_names for w in words):
            return PERSON
        return ORGANIZATION


def _strip_possessive(word: str) -> str:
    return re.sub(r"['’]s?$", "", word)


_LINE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _line_in_title_case(text: str, pos: int, known: dict[int, bool]) -> bool:
    """A heading ("Quarterly Review Of Regional Sales"): capitals there say nothing.
    ``known``: lines judged before, by their start (a long turn holds many candidates)."""
    line_start = text.rfind("\n", 0, pos) + 1
    verdict = known.get(line_start)
    if verdict is None:
        line_end = text.find("\n", pos)
        long_words = 0
        verdict = True
        for word in _LINE_WORD.finditer(text, line_start, line_end if line_end >= 0 else len(text)):
            if word.end() - word.start() > 3:
                if not word.group()[0].isupper():
                    verdict = False  # most lines say so within a few words
                    break
                long_words += 1
        verdict = known[line_start] = verdict and long_words >= 4
    return verdict


class _Spans:
    """Is a position inside one of the spans? (bisect over starts, with running maximum ends)"""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.furthest_end = list(accumulate((e for _, e in spans), max))

    def covers(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.furthest_end[i] > pos
