"""Organization names by their shape: legal and sector suffixes ("Northwind Analytics
Inc", "Brackley Health"), "University of X", "X University/College/Institute".

In uncased speech-to-text the shapes are read on the model's copy, where the truecaser and
the rare-word rule restored the capitals of names ("brackley health" is read as "Brackley
health"): a name there followed by a suffix word in any case counts."""
from __future__ import annotations

import re
from typing import Callable

from presidio_analyzer import RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from recognizers.base import TranscriptRecognizer, keep_outermost
from recognizers.options import OrganizationPatternOptions
from recognizers.text_signals import is_uncased, model_text
from service.vocabulary.entity_types import ORGANIZATION, UNIVERSITY
from service.vocabulary.organization_suffixes import ACADEMIC_HEADS


_CAP_WORD = r"(?:[A-Z][\w'’&.-]*|&)"
_LOWER_WORD = r"[a-z][\w'’-]*"
# Words that may appear inside a name but never start one ("Bank of America", "Institute for X").
_CONNECTORS = {"of", "for", "and", "&", "the", "de", "du", "la", "le", "von", "van", "at"}


class OrganizationPatternRecognizer(TranscriptRecognizer):
    NAME = "organization_pattern.v1"
    ENTITIES = (ORGANIZATION, UNIVERSITY)

    def __init__(self, options: OrganizationPatternOptions | None = None, *,
                 word_zipf: Callable[[str], float] | None = None) -> None:
        """``word_zipf``: how common a word is in English; without it, uncased text is read
        as written (no shapes on the model's copy)."""
        options = options or OrganizationPatternOptions()
        self.word_zipf = word_zipf
        self.uncased_max_zipf = options.uncased_max_zipf
        self.common_word_zipf, self.suggestion_score = options.common_word_zipf, options.suggestion_score
        self.legal_score, self.sector_score = options.legal_score, options.sector_score
        self.university_score = options.university_score
        legal = "|".join(re.escape(s).rstrip(r"\.") for s in sorted(options.legal_suffixes, key=len, reverse=True))
        sector = "|".join(re.escape(s) for s in sorted(options.sector_suffixes, key=len, reverse=True))
        heads = "|".join(ACADEMIC_HEADS)
        # Suffix and head words as lowercase speech writes them, to capitalize in the model's copy.
        self._suffix_words = re.compile(
            r"\b(?:%s)\b" % "|".join(re.escape(w.lower()) for w in (*options.legal_suffixes, *options.sector_suffixes, *ACADEMIC_HEADS)
                                     if w.isalpha())
        )
        self._legal = re.compile(rf"\b((?:{_CAP_WORD}[ \t]+){{1,4}})(?:{legal})\b\.?")
        self._sector = re.compile(rf"\b((?:{_CAP_WORD}[ \t]+){{1,3}})(?:{sector})\b")
        # "University of Toronto", "Institute for Fiscal Studies", case-insensitive for ASR text.
        self._univ_of = re.compile(
            r"\b(?:University|Institute|College|Polytechnic)[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[\w'’-]+(?:[ \t]+(?:[\w'’-]+)){0,3}", re.IGNORECASE
        )
        self._x_university = re.compile(rf"\b((?:{_CAP_WORD}[ \t]+){{1,3}})(?:{heads})\b")
        self._x_university_lower = re.compile(rf"\b((?:{_LOWER_WORD}[ \t]+){{1,2}})(?:university|college)\b")
        sector_lower = "|".join(re.escape(w.lower()) for w in sorted(options.sector_suffixes, key=len, reverse=True)
                                if w.isalpha())
        self._sector_lower = re.compile(rf"\b((?:{_LOWER_WORD}[ \t]+){{1,2}})(?:{sector_lower})\b")
        super().__init__()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        shapes, uncased = text, self.word_zipf is not None and is_uncased(text, nlp_artifacts)
        if uncased:
            shapes = self._suffix_words.sub(lambda m: m.group().capitalize(), model_text(text, nlp_artifacts))
        for match in self._legal.finditer(shapes):
            self._add_prefixed(results, text, match, ORGANIZATION, self.legal_score, "name with a legal suffix", uncased)
        for match in self._sector.finditer(shapes):
            self._add_prefixed(results, text, match, ORGANIZATION, self.sector_score,
                               "capitalized name with an organization suffix", uncased, common_is_weak=True)
        for match in self._x_university.finditer(shapes):
            self._add_prefixed(results, text, match, UNIVERSITY, self.university_score, "name of a university or institute",
                               uncased)
        if uncased:  # "leeds university"; in cased text a lowercase word there is no name ("went to university")
            for match in self._x_university_lower.finditer(text):
                self._add_prefixed(results, text, match, UNIVERSITY, self.sector_score, "name before 'university'/'college'",
                                   uncased)
        if self.word_zipf is not None:
            self._suggest_lowercase_sector(results, text)
        for match in self._univ_of.finditer(text):
            start, end = self._trim_tail(text, match.start(), match.end())
            if end > start and not text[start:end].split()[-1].lower() in STOP_WORDS:
                results.append(self.result(start, end, UNIVERSITY, self.university_score, "'University of ...' pattern"))
        if entities:
            results = [r for r in results if r.entity_type in entities]
        return keep_outermost(results)

    def _add_prefixed(self, results, text, match, entity_type, score, reason, uncased: bool = False,
                      common_is_weak: bool = False) -> None:
        """Drop leading stopwords/connectors ("The", "At", "Our") from the captured prefix.
        In uncased text the name must start with a word rare in English ("brackley
        health", not "healthcare data" or "limited data"): capitals there are guesses."""
        start, end = match.start(), match.end()
        words = list(re.finditer(r"\S+", text[start:end]))
        while words and (words[0].group().lower() in STOP_WORDS or words[0].group().lower() in _CONNECTORS):
            words.pop(0)
        if len(words) < 2:  # the suffix alone ("Health", "University") is not a name
            return
        if uncased:
            first = words[0].group().lower()
            if self._suffix_words.fullmatch(first) or self.word_zipf(first) >= self.uncased_max_zipf:
                return
        if common_is_weak and self.word_zipf is not None and all(
                self.word_zipf(w.group().lower()) >= self.common_word_zipf for w in words[:-1]):
            score, reason = self.suggestion_score, reason + ", after common words only; a suggestion to confirm"
        results.append(self.result(start + words[0].start(), end, entity_type, score, reason))

    def _suggest_lowercase_sector(self, results: list[RecognizerResult], text: str) -> None:
        """Lowercase words before a lowercase sector suffix, which the shapes above do not
        take ("at heron more logistics": speech-to-text that wrote a name in lower case, and
        the truecaser capitalized nothing) are a suggestion when one of them is fairly rare
        in English; "the focus group" is not."""
        taken = [(r.start, r.end) for r in results]
        for match in self._sector_lower.finditer(text):
            words = list(re.finditer(r"\S+", match.group(1)))
            while words and (words[0].group().lower() in STOP_WORDS or words[0].group().lower() in _CONNECTORS):
                words.pop(0)
            if not words or all(self.word_zipf(w.group().lower()) >= self.common_word_zipf for w in words):
                continue
            start, end = match.start() + words[0].start(), match.end()
            if any(s < end and start < e for s, e in taken):
                continue
            results.append(self.result(start, end, ORGANIZATION, self.suggestion_score,
                                       "words before an organization suffix in uncased text; a suggestion to confirm"))

    @staticmethod
    def _trim_tail(text: str, start: int, end: int) -> tuple[int, int]:
        """Cut trailing lower-case stopwords ("University of Leeds and the ...")."""
        words = list(re.finditer(r"\S+", text[start:end]))
        while len(words) > 3 and (words[-1].group().lower() in STOP_WORDS or words[-1].group().lower() in _CONNECTORS):
            words.pop()
        # "university of wellington computer" in ASR text: stop at the first word after "of X"
        # that is a common word, keeping the first one after "of".
        kept = words[:3]
        for word in words[3:]:
            if word.group().lower() in STOP_WORDS or (word.group()[0].islower() and word.group().lower() not in _CONNECTORS):
                break
            kept.append(word)
        while kept and kept[-1].group().lower() in _CONNECTORS:
            kept.pop()
        return start, start + kept[-1].end() if kept else start
