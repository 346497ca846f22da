"""Small facts about a position in a transcript that the signal recognizers share: where a
sentence starts, the words right before and after a span, and what the model read.

Pure functions over the text; no lists of names.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.errors import RecognizerSetupError

# Words that make the next noun a common noun: "a CRO", "the vendor", "our EMT".
DETERMINERS = frozenset(
    "a an the this that these those some any each every no my our your their his her its".split()
)
_WORD_BEFORE = re.compile(r"([\w'’&.-]+)[ \t]*$")
_WORD_AFTER = re.compile(r"^[ \t]*([\w'’&-]+)")
# What ends a sentence or a turn before a position ("...done. Then", a label's colon).
_SENTENCE_GAP = re.compile(r"(?:^|[.!?:;\"“”(\[*>–—]|\n)[\s\"“'‘(\[]*$")


def model_text(text: str, nlp_artifacts: NlpArtifacts | None) -> str:
    """The text the NER model read: for uncased speech-to-text a truecased copy with the
    same offsets, otherwise ``text`` itself."""
    doc = getattr(nlp_artifacts, "tokens", None)
    seen = getattr(doc, "text", None)
    return seen if isinstance(seen, str) and len(seen) == len(text) else text


def is_uncased(text: str, nlp_artifacts: NlpArtifacts | None) -> bool:
    """True when the engine gave the model a recased copy: capitals in ``text`` say nothing."""
    return model_text(text, nlp_artifacts) != text


def at_sentence_start(text: str, start: int) -> bool:
    """Nothing but a sentence end, a turn or an opening quote before ``start``."""
    return bool(_SENTENCE_GAP.search(text, max(0, start - 12), start)) or start == 0


def words_before(text: str, start: int, count: int) -> list[str]:
    """Up to ``count`` words right before ``start`` in the same sentence, lower case, in
    reading order ("works at" before "Kestrelbrook")."""
    words: list[str] = []
    pos = start
    while len(words) < count:
        m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
        if not m or m.end() != pos:
            break
        words.insert(0, m.group(1).lower().rstrip("."))
        pos = m.start()
    return words


def word_after(text: str, end: int) -> str | None:
    """The next word after ``end`` on the same line, lower case."""
    m = _WORD_AFTER.match(text[end:end + 40])
    return m.group(1).lower() if m else None


def phrase_before(text: str, start: int, phrases: frozenset[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The longest of ``phrases`` (word tuples, lower case) that ends right before ``start``."""
    longest = max((len(p) for p in phrases), default=0)
    before = words_before(text, start, longest)
    for n in range(len(before), 0, -1):
        if tuple(before[-n:]) in phrases:
            return tuple(before[-n:])
    return None


def as_phrases(values) -> frozenset[tuple[str, ...]]:
    """Configured phrases ("works at", "joined") as lower-case word tuples."""
    return frozenset(tuple(v.lower().split()) for v in values if v.strip())


@lru_cache(maxsize=8)
def name_list(path: Path) -> frozenset[str]:
    """A list of names, one per line, lower case ("#" starts a comment); loaded once."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise RecognizerSetupError(f"{path}: name list not found") from None
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))
