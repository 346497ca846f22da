"""URLs, by Presidio's pattern recognizer with a pattern of our own, kept only where a
real domain is present.

Presidio's patterns try up to 253 host characters and every listed suffix from each
position, so a long run of "a.a.a..." costs seconds per kilobyte. Ours reads a host as
labels joined by dots, possessively (nothing is given back once read), and starts only
where a host can start, so it reads each character a bounded number of times: linear.
A match is kept when it ends at a word boundary and its host ends in a real public
suffix (tldextract's bundled list, never the network). A bare host whose suffix is also
an English function word ("good.so", "fine.it": a missing space) needs a scheme, "www"
or a path.
"""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

from recognizers.options import UrlOptions
from recognizers.spoken_forms import NOT_NAME_WORDS, OFFLINE_EXTRACT

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
# Presidio compiles with the ``regex`` package, which has possessive quantifiers (``++``).
# Not after a host character, "@" (e-mail addresses are the e-mail recognizer's) or "/"
# (a scheme is read with its host); labels, at least two; then a path, as Presidio's.
LINEAR_URL = Pattern(
    "url (linear)",
    r"(?<![a-z0-9.@/\-])(?:[a-z][a-z0-9+.-]*+://)?[a-z0-9-]++(?:\.[a-z0-9-]++)++(?:/[^\s()<>\"']*+)?",
    0.5,
)


class TranscriptUrlRecognizer(PatternRecognizer):
    NAME = "url.v1"
    # Presidio's URL recognizer's context words; its patterns are not used (see above),
    # so its module (which compiles them on import) is not imported.
    CONTEXT = ["url", "website", "link"]

    def __init__(self, options: UrlOptions | None = None) -> None:
        super().__init__(supported_entity="URL", patterns=[LINEAR_URL], context=self.CONTEXT,
                         supported_language="en", name=self.NAME)
        self.score = (options or UrlOptions()).score

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        # Every URL has a dot between two host characters and no space: the pattern reads
        # only the runs of non-space text that hold such a dot (a run starts after a space,
        # as far as the pattern can tell), the same matches as on the whole text, without a
        # lookbehind at every character of a transcript.
        results = []
        for start, end in dotted_runs(text):
            for r in super().analyze(text[start:end], entities, nlp_artifacts, regex_flags):
                r.start += start
                r.end += start
                if self.has_real_domain(text, r.start, r.end):
                    results.append(r)
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


# A dot between two host characters (the pattern's label characters, any case).
_INNER_DOT = re.compile(r"[a-z0-9-]\.[a-z0-9-]", re.IGNORECASE)
_SPACE = re.compile(r"\s")


def dotted_runs(text: str) -> list[tuple[int, int]]:
    """The runs of non-space characters of ``text`` that hold a dot between host
    characters, in order. A run may start earlier than its first character (after a
    space the search for the run's start does not look for): never later."""
    runs: list[tuple[int, int]] = []
    at = 0  # where the run before ended (at a space), so each look back stops there
    while (hit := _INNER_DOT.search(text, at)) is not None:
        dot = hit.start() + 1
        start = max(at, max(text.rfind(" ", at, dot), text.rfind("\n", at, dot), text.rfind("\t", at, dot)) + 1)
        space = _SPACE.search(text, dot)
        end = space.start() if space else len(text)
        runs.append((start, end))
        at = end
    return runs
