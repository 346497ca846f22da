"""Social media handles and user names, written or said aloud: "@crumbandcompass", "my
handle is crumb and compass", "find us at crumb and compass on instagram", "jane
underscore doe".

Said aloud, "at" is an ordinary word, so a spoken handle needs a platform after it ("at
crumb and compass on instagram") together with a sign that the words are a name: a rare
word, a connector or digits in it, or a cue before "at" ("follow us at", "we're at").
"Look at funny videos on tiktok" is not a handle. Words joined by "underscore" are a user
name wherever they occur; "to underscore the point" is the verb.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from recognizers.base import TranscriptRecognizer, keep_outermost
from recognizers.options import SocialHandleOptions
from recognizers.spoken_forms import (
    UNDERSCORE_WORDS,
    Token,
    is_at,
    is_connector,
    is_number_word,
    is_plain_word,
    tokenize,
)
from service.vocabulary.entity_types import SOCIAL_HANDLE
from service.vocabulary.word_frequency import word_zipf as english_zipf


def _has_apostrophe(token: Token) -> bool:
    return "'" in token.text or "’" in token.text


_TIME = re.compile(r"\d{1,2}(?:am|pm)")
_WRITTEN = re.compile(r"(?<![\w@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,29}[A-Za-z0-9_])?)(?![\w@]|\.[A-Za-z])")


class SocialHandleRecognizer(TranscriptRecognizer):
    NAME = "social_handle.v1"
    ENTITIES = (SOCIAL_HANDLE,)

    def __init__(
        self, options: SocialHandleOptions | None = None, *, word_zipf: Callable[[str], float] = english_zipf
    ) -> None:
        """``word_zipf``: how common a word is (the engine's ``WordFrequency.zipf``)."""
        options = options or SocialHandleOptions()
        super().__init__()
        self.platforms = frozenset(p.lower() for p in options.platforms)
        self.cues = frozenset(c.lower() for c in options.cues)
        self.name_cues = tuple(tuple(c.lower().split()) for c in options.name_cues)
        self._cue_starts = frozenset(c[0] for c in self.name_cues)
        self._triggers = self._cue_starts | UNDERSCORE_WORDS | {"at"}
        self.max_words = options.max_words
        self.rare_zipf = options.rare_zipf
        self.common_zipf = options.common_zipf
        self.score = options.score
        self.word_zipf = word_zipf

    def analyze(self, text, entities, nlp_artifacts=None):
        if entities and SOCIAL_HANDLE not in entities:
            return []
        results = [self.result(m.start(), m.end(), SOCIAL_HANDLE, self.score, "handle written with '@'")
                   for m in _WRITTEN.finditer(text) if re.search(r"[A-Za-z]", m.group(1))]
        tokens = tokenize(text)
        for i, token in enumerate(tokens):
            if token.low not in self._triggers:
                continue
            found = self._spoken_at(tokens, i)
            if found:
                first, last, why = found
                results.append(self.result(tokens[first].start, tokens[last].end, SOCIAL_HANDLE, self.score, why))
        return keep_outermost(results)

    def _spoken_at(self, tokens: tuple[Token, ...], i: int) -> tuple[int, int, str] | None:
        t = tokens[i]
        if t.low in UNDERSCORE_WORDS:
            return self._underscored(tokens, i)
        if is_at(tokens, i) and t.text != "@":
            words_last = self._name_words(tokens, i + 1)
            if words_last is None:
                return None
            nxt = words_last + 1
            platform_after = nxt + 1 < len(tokens) and tokens[nxt].low in ("on", "over") and (
                tokens[nxt + 1].low in self.platforms
                or (tokens[nxt + 1].low == "on" and nxt + 2 < len(tokens) and tokens[nxt + 2].low in self.platforms))
            if platform_after and (self._looks_like_name(tokens, i + 1, words_last) or self._cue_before(tokens, i)):
                return i + 1, words_last, "handle said aloud, before a platform"
            if i >= 1 and tokens[i - 1].low in self.platforms:
                # "on tiktok at dancing with dex": the handle runs to the end of the clause.
                last = self._clause_words(tokens, i + 1)
                if last is not None and self._looks_like_name(tokens, i + 1, last):
                    return i + 1, last, "handle said aloud, after a platform"
            return None
        if t.low not in self._cue_starts:
            return None
        for cue in self.name_cues:
            n = len(cue)
            if tuple(x.low for x in tokens[i:i + n]) != cue:
                continue
            k = i + n
            while k < len(tokens) and tokens[k].low in ("is", "was", ":", "it's", "at"):
                k += 1
            if k == i + n:
                return None  # "my instagram account" is not "my instagram is ..."
            words_last = self._name_words(tokens, k)
            if words_last is None:
                return None
            if self._looks_like_name(tokens, k, words_last) or any(
                    self.word_zipf(x.low) < self.common_zipf for x in tokens[k:words_last + 1] if x.is_word):
                return k, words_last, f"user name after '{' '.join(cue)}'"
        return None

    def _name_words(self, tokens: tuple[Token, ...], k: int) -> int | None:
        """Last token of up to ``max_words`` name words from ``k``, joined by "and",
        connectors, digits or spelled letters; None if there are none."""
        last, words = None, 0
        j = k
        while j < len(tokens) and words < self.max_words:
            t = tokens[j]
            if (is_plain_word(t) or t.is_letter or t.text.isdigit()) and not _TIME.fullmatch(t.low):
                if t.low in self.platforms and last is not None:
                    break
                last, words = j, words + (not (is_number_word(t) or t.text.isdigit() or t.is_letter))
                j += 1
                continue
            if (t.low == "and" or is_connector(tokens, j)) and last is not None and j + 1 < len(tokens) \
                    and (is_plain_word(tokens[j + 1]) or tokens[j + 1].text.isdigit()):
                j += 1
                continue
            break
        return last

    def _clause_words(self, tokens: tuple[Token, ...], k: int) -> int | None:
        """Last token of up to ``max_words`` words from ``k`` that end the clause (the text
        or a punctuation mark follows); None otherwise."""
        j = k
        while j < len(tokens) and j - k < self.max_words and tokens[j].is_word and not _has_apostrophe(tokens[j]):
            j += 1
        if j == k or not is_plain_word(tokens[k]) or not is_plain_word(tokens[j - 1]):
            return None
        if j < len(tokens) and tokens[j].is_word:
            return None
        return j - 1

    def _looks_like_name(self, tokens: tuple[Token, ...], first: int, last: int) -> bool:
        span = tokens[first:last + 1]
        if any(is_connector(tokens, first + k) or x.text.isdigit() or is_number_word(x) for k, x in enumerate(span)):
            return True
        return any(x.is_word and self.word_zipf(x.low) < self.rare_zipf for x in span)

    def _cue_before(self, tokens: tuple[Token, ...], at: int) -> bool:
        """A cue word right before "at", or a platform ("on instagram at ...")."""
        return at >= 1 and (tokens[at - 1].low in self.cues or tokens[at - 1].low in self.platforms)

    def _underscored(self, tokens: tuple[Token, ...], u: int) -> tuple[int, int, str] | None:
        """"jane underscore doe (seventy three)": plain words on both sides."""
        if u == 0 or u + 1 >= len(tokens) or not is_plain_word(tokens[u - 1]) or not is_plain_word(tokens[u + 1]):
            return None
        first = u - 1
        while first >= 2 and tokens[first - 1].low in UNDERSCORE_WORDS and is_plain_word(tokens[first - 2]):
            first -= 2
        if first < u - 1:
            return None  # reported from the first "underscore"
        last = u + 1
        while last + 1 < len(tokens):
            nxt = tokens[last + 1]
            if nxt.low in UNDERSCORE_WORDS and last + 2 < len(tokens) and is_plain_word(tokens[last + 2]):
                last += 2
            elif nxt.is_letter and nxt.low not in ("a", "i") or nxt.text.isdigit() or (is_number_word(nxt) and nxt.low not in ("double", "triple")):
                last += 1
            else:
                break
        return first, last, "words joined by 'underscore'"
