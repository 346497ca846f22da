"""E-mail addresses: Presidio's pattern, with the domain checked against the public
suffix list bundled with tldextract (never fetched from the network)."""
from __future__ import annotations

from presidio_analyzer.predefined_recognizers import EmailRecognizer as PresidioEmailRecognizer

from recognizers.spoken_forms import OFFLINE_EXTRACT


class TranscriptEmailRecognizer(PresidioEmailRecognizer):
    NAME = "email.v1"

    def __init__(self) -> None:
        super().__init__(name=self.NAME)

    def validate_result(self, pattern_text: str) -> bool:
        return bool(OFFLINE_EXTRACT(pattern_text).suffix)
