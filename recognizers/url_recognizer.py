"""URLs, by Presidio's pattern recognizer, kept only where a real domain is present.

Presidio's pattern ends at any listed suffix, even inside a word ("said.and" gives
"said.an"). A match is kept when it ends at a word boundary and its host ends in a real
public suffix (tldextract's bundled list, never the network). A bare host whose suffix is
also an English function word ("good.so", "fine.it": a missing space) needs a scheme,
"www" or a path.
"""
from __future__ import annotations

import re

from presidio_analyzer.predefined_recognizers import UrlRecognizer as PresidioUrlRecognizer

from recognizers.options import UrlOptions
from recognizers.spoken_forms import NOT_NAME_WORDS, OFFLINE_EXTRACT

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


class TranscriptUrlRecognizer(PresidioUrlRecognizer):
    NAME = "url.v1"

    def __init__(self, options: UrlOptions | None = None) -> None:
        super().__init__(name=self.NAME)
        self.score = (options or UrlOptions()).score

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = [r for r in super().analyze(text, entities, nlp_artifacts, regex_flags)
                   if self.has_real_domain(text, r.start, r.end)]
        for r in results:
            # Checked against the public suffix list (see UrlOptions.score).
            r.score = max(r.score, self.score)
        return results

    @staticmethod
    def has_real_domain(text: str, start: int, end: int) -> bool:
        if end < len(text) and (text[end].isalnum() or text[end] in "-_"):
            return False  # cut inside a word
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._-@"):
            return False
        url = text[start:end].strip("\"'")
        scheme = _SCHEME.match(url)
        rest = url[scheme.end():] if scheme else url
        host, _, path = rest.partition("/")
        host = host.split(":", 1)[0].rstrip(".")
        parts = OFFLINE_EXTRACT(host)
        if not parts.suffix or not parts.domain:
            return False
        if scheme or path or host.lower().startswith("www."):
            return True
        return parts.suffix.rsplit(".", 1)[-1].lower() not in NOT_NAME_WORDS
