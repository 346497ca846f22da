"""Phone numbers, by Presidio's phonenumbers-based recognizer."""
from __future__ import annotations

import re

from phonenumbers import Leniency
from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import PhoneRecognizer as PresidioPhoneRecognizer

from recognizers.options import PhoneOptions

# phonenumbers reads any Unicode digit (fullwidth, Arabic-Indic), as \d does. Its matcher
# allows at most four punctuation characters between two blocks of one number's digits, so
# a number's digits all lie in one run of digit blocks at most four characters apart.
_DIGITS = re.compile(r"\d+")
_DIGIT_CLUSTER = re.compile(r"\d+(?:\D{1,4}\d+)*")
# A valid number has at least this many digits: the shortest national numbers phonenumbers
# knows (AT, DE) have four, and a country code only adds digits. A run with fewer ("$4.5",
# "12%", "Q3", an earnings call's figures) is not read at all.
MIN_VALID_DIGITS = 4
# Text kept on either side of the digits: more than any separator, extension word or
# vanity letters ("1-800-FLOWERS") inside one number, and the character before and after
# a number, which phonenumbers checks.
_MARGIN = 64


class TranscriptPhoneRecognizer(PresidioPhoneRecognizer):
    NAME = "phone.v1"

    def __init__(self, options: PhoneOptions | None = None) -> None:
        super().__init__(supported_regions=(options or PhoneOptions()).regions)
        self.name = self.NAME

    def analyze(self, text, entities, nlp_artifacts=None):
        # phonenumbers scans the whole text once per region; a transcript has digits in a
        # few places, so it scans only those places (with their surroundings): the same
        # numbers, without reading every word once per region.
        results = []
        min_digits = MIN_VALID_DIGITS if self.leniency >= Leniency.VALID else 1
        for start, end in digit_windows(text, _MARGIN, min_digits):
            for result in super().analyze(text[start:end], entities, nlp_artifacts):
                result.start += start
                result.end += start
                results.append(result)
        for result in results:
            # phonenumbers reports "+1 416 ..." from the first digit; the "+" is part of it.
            if result.start > 0 and text[result.start - 1] == "+":
                result.start -= 1
        return EntityRecognizer.remove_duplicates(results)


def digit_windows(text: str, margin: int, min_digits: int = 1) -> list[tuple[int, int]]:
    """Spans of ``text`` around its runs of digit blocks that hold at least ``min_digits``
    digits, ``margin`` characters on either side, merged where they touch, in order."""
    windows: list[list[int]] = []
    for m in _DIGIT_CLUSTER.finditer(text):
        if min_digits > 1 and sum(map(len, _DIGITS.findall(m.group()))) < min_digits:
            continue
        start, end = max(0, m.start() - margin), min(len(text), m.end() + margin)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return [(start, end) for start, end in windows]
