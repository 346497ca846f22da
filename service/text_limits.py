"""Limits on the shape of a transcript's text, checked before the engine sees it (and, on
the command line, before the model loads): a line, a run of characters without a space,
the number of words. Each bounds a cost the byte limit alone does not: spaCy's tokenizer
spends time quadratic in a run of punctuation ("[[[[..."), and one very long line is
analysed as one piece. Refusals are 413 / exit 2 and give counts and a line number only."""
from __future__ import annotations

import re
from dataclasses import dataclass

from service.config import Settings
from service.errors import TooLarge


class TextShapeTooLarge(TooLarge):
    pass


@dataclass(frozen=True)
class TextLimits:
    max_line_chars: int
    max_word_chars: int
    max_words: int

    @classmethod
    def from_settings(cls, settings: Settings) -> TextLimits:
        return cls(settings.max_line_chars, settings.max_word_chars, settings.max_words)


def check_text(text: str, limits: TextLimits, *, path: str | None = None) -> None:
    """Raise ``TextShapeTooLarge`` when ``text`` breaks a limit. Linear time: each pattern
    starts only where a line or a word starts."""
    long_line = re.search(rf"(?<![^\r\n])[^\r\n]{{{limits.max_line_chars + 1}}}", text)
    if long_line:
        raise TextShapeTooLarge(
            path, f"a line is longer than {limits.max_line_chars} characters (TANON_MAX_LINE_CHARS)",
            line=_line_of(text, long_line.start()))
    long_word = re.search(rf"(?<!\S)\S{{{limits.max_word_chars + 1}}}", text)
    if long_word:
        raise TextShapeTooLarge(
            path, f"more than {limits.max_word_chars} characters without a space (TANON_MAX_WORD_CHARS)",
            line=_line_of(text, long_word.start()))
    words = 0
    for words, _ in enumerate(re.finditer(r"\S+", text), start=1):
        if words > limits.max_words:
            raise TextShapeTooLarge(path, f"more than {limits.max_words} words (TANON_MAX_WORDS)")


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
