"""Phone numbers, by Presidio's phonenumbers-based recognizer."""
from __future__ import annotations

from presidio_analyzer.predefined_recognizers import PhoneRecognizer as PresidioPhoneRecognizer

from recognizers.options import PhoneOptions


class TranscriptPhoneRecognizer(PresidioPhoneRecognizer):
    NAME = "phone.v1"

    def __init__(self, options: PhoneOptions | None = None) -> None:
        super().__init__(supported_regions=(options or PhoneOptions()).regions)
        self.name = self.NAME

    def analyze(self, text, entities, nlp_artifacts=None):
        results = super().analyze(text, entities, nlp_artifacts)
        for result in results:
            # phonenumbers reports "+1 416 ..." from the first digit; the "+" is part of it.
            if result.start > 0 and text[result.start - 1] == "+":
                result.start -= 1
        return results
