"""URLs, by Presidio's pattern recognizer (which needs no network)."""
from __future__ import annotations

from presidio_analyzer.predefined_recognizers import UrlRecognizer as PresidioUrlRecognizer


class TranscriptUrlRecognizer(PresidioUrlRecognizer):
    NAME = "url.v1"

    def __init__(self) -> None:
        super().__init__(name=self.NAME)
