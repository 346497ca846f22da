"""E-mail addresses: Presidio's pattern, with the domain checked against the public
suffix list bundled with tldextract (never fetched from the network)."""
from __future__ import annotations

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer as PresidioEmailRecognizer

# suffix_list_urls=() makes tldextract use its bundled snapshot instead of downloading.
_OFFLINE_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class TranscriptEmailRecognizer(PresidioEmailRecognizer):
    NAME = "email.v1"

    def __init__(self) -> None:
        super().__init__(name=self.NAME)

    def validate_result(self, pattern_text: str) -> bool:
        return bool(_OFFLINE_EXTRACT(pattern_text).suffix)
