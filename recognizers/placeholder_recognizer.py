"""Placeholders a human already put in the text: "Company Y", "University X", "[CLIENT]",
"Participant 4", "<REDACTED>". They are reported as PLACEHOLDER so the engine keeps them
exactly and never gives their letters to another entity."""
from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from recognizers.base import TranscriptRecognizer, keep_outermost
from recognizers.options import PlaceholderOptions
from service.vocabulary.entity_types import PLACEHOLDER

# "Company Y" / "company X" / "Participant 4": a noun then one capital letter or a number.
# "I" is excluded: "the company I work for" is not a placeholder.
_TAG_WORD = r"(?:[A-HJ-Z]|[A-Z]{2}(?![a-z])|\d{1,3})(?![\w'’-])"
# A tag after a space or tab: where a noun before it makes "Company Y".
_TAG_AFTER_SPACE = re.compile(rf"(?<=[ \t]){_TAG_WORD}")
# Any capitalized noun with a single capital letter: "Donor A", "Hospital B", "Site C";
# not a middle initial before a surname ("Andrew W. Mellon", "Jane Q. Public"): a name.
_CAPITALIZED_TAG = re.compile(r"\b[A-Z][a-z]{2,}[ \t][A-HJ-Z](?![\w'’-])(?!\.[ \t]*[A-Z][a-z])")
# "[CLIENT]", "[REDACTED]", "[Company A]", "<NAME>", "{{PERSON_1}}", "XXX".
_BRACKETED = re.compile(
    r"\[\s*(?:[A-Z][A-Z0-9 _-]{1,40}|[A-Z][a-z]+(?: [A-Z][a-z]+)? (?:[A-Z]{1,2}|\d{1,3}))\s*\]"
    r"|<\s*[A-Z][A-Z0-9 _-]{1,40}\s*>|\{\{\s*[A-Za-z][\w -]{0,40}\s*\}\}|\bX{3,}\b"
)


class PlaceholderRecognizer(TranscriptRecognizer):
    NAME = "placeholder.v1"
    ENTITIES = (PLACEHOLDER,)

    def __init__(self, options: PlaceholderOptions | None = None) -> None:
        options = options or PlaceholderOptions()
        self.score = options.score
        alternatives = "|".join(sorted((re.escape(n) for n in options.nouns), key=len, reverse=True))
        # A tag is rare in speech and a noun before it rarer: the tags are found first, then
        # the noun right before each (not the nouns tried at every word of the transcript).
        self._noun_before = re.compile(rf"\b(?:{alternatives})\Z", re.IGNORECASE)
        self._longest_noun = max((len(n) for n in options.nouns), default=0)
        super().__init__()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and PLACEHOLDER not in entities:
            return []
        results = []
        for tag in _TAG_AFTER_SPACE.finditer(text):
            gap = tag.start() - 1
            while gap > 0 and text[gap - 1] in " \t":
                gap -= 1
            noun = self._noun_before.search(text, max(0, gap - self._longest_noun), gap)
            if noun is not None:
                results.append(self.result(noun.start(), tag.end(), PLACEHOLDER, self.score,
                                           "placeholder already in the text"))
        for match in _CAPITALIZED_TAG.finditer(text):
            if match.group().split()[0].lower() in STOP_WORDS:  # "The A-team", "Has B"
                continue
            results.append(self.result(match.start(), match.end(), PLACEHOLDER, self.score, "placeholder already in the text"))
        for match in _BRACKETED.finditer(text):
            results.append(self.result(match.start(), match.end(), PLACEHOLDER, self.score, "bracketed placeholder already in the text"))
        return keep_outermost(results)
