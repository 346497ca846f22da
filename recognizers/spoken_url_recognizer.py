"""Web addresses said aloud: "w w w dot crumb and compass dot com", "crumbandcompass dot
co dot uk", "h t t p s colon slash slash ... slash contact".

The host must end in a real public suffix (tldextract's bundled list, never the network).
Without "www", a scheme or a cue ("our website is", "go to"), the suffix must be one of
the common ones people say (``common_suffixes``): "dot" is also a verb and many suffixes
are words ("dot me", "dot one").
"""
from __future__ import annotations

from recognizers.base import TranscriptRecognizer
from recognizers.options import SpokenUrlOptions
from recognizers.spoken_forms import (
    DOT_WORDS,
    Label,
    Token,
    is_number_word,
    is_plain_word,
    read_dotted,
    read_label,
    registrable,
    tokenize,
    words_before,
)
from service.vocabulary.entity_types import URL


class SpokenUrlRecognizer(TranscriptRecognizer):
    NAME = "spoken_url.v1"
    ENTITIES = (URL,)

    def __init__(self, options: SpokenUrlOptions | None = None) -> None:
        options = options or SpokenUrlOptions()
        super().__init__()
        self.score = options.score
        self.common_suffixes = frozenset(s.lower() for s in options.common_suffixes)
        self.cues = frozenset(c.lower() for c in options.cues)
        self.cue_window = options.cue_window

    def analyze(self, text, entities, nlp_artifacts=None):
        if (entities and URL not in entities) or "dot" not in text.lower():
            return []
        tokens = tokenize(text)
        results, done_until = [], -1
        for d, token in enumerate(tokens):
            if d <= done_until or token.low not in DOT_WORDS or d == 0:
                continue
            found = self._address_at(tokens, d)
            if found is None:
                continue
            first, last, why = found
            done_until = last
            results.append(self.result(tokens[first].start, tokens[last].end, URL, self.score,
                                       f"web address said aloud ({why})"))
        return results

    def _address_at(self, tokens: tuple[Token, ...], d: int) -> tuple[int, int, str] | None:
        """The address whose first spoken "dot" is token ``d``: (first, last token, reason)."""
        prefix = _www_before(tokens, d)
        if prefix is not None:
            label = read_label(tokens, d + 1, max_words=4)
            if label is None:
                return None
            labels = read_dotted(tokens, label)
            first, why = _scheme_before(tokens, prefix), "'www'"
        else:
            cue = any(w in self.cues for w in words_before(tokens, d, self.cue_window))
            label = _label_before(tokens, d, extra_words=2 if cue else 0, stop=self.cues)
            if label is None:
                return None
            labels = read_dotted(tokens, label)
            first, why = label.first, ""
        host = registrable(labels)
        if host is None:
            return None
        n, suffix = host
        if not why:
            if any(w in self.cues for w in words_before(tokens, first, self.cue_window)):
                why = "after a web cue"
            elif suffix.rsplit(".", 1)[-1] in self.common_suffixes:
                why = f"common suffix '.{suffix}'"
            else:
                return None
        return first, _path_after(tokens, labels[n - 1].last), why


def _label_before(tokens: tuple[Token, ...], d: int, *, extra_words: int, stop: frozenset[str]) -> Label | None:
    """The first label, ending right before the "dot" at ``d``: a word, spelled letters, or
    words joined by "and"/dashes ("crumb and compass"); never a function word ("the dot com
    era") or a number ("version two dot oh"). After a web cue ("the booking page is quill
    haven dot org") up to ``extra_words`` more words before it belong to the label."""
    j = d - 1
    t = tokens[j]
    if not is_plain_word(t) or t.low in ("a", "i"):
        return None
    if t.is_letter:
        while j - 1 >= 0 and tokens[j - 1].is_letter and tokens[j - 1].low not in ("a", "i"):
            j -= 1
    while j - 2 >= 0 and tokens[j - 1].low in ("and", "dash", "hyphen") and is_plain_word(tokens[j - 2]):
        j -= 2
    while extra_words and j - 1 >= 0 and is_plain_word(tokens[j - 1]) and tokens[j - 1].low not in stop \
            and not tokens[j - 1].is_letter:
        j, extra_words = j - 1, extra_words - 1
    label = read_label(tokens, j, max_words=4)
    if label is None or label.last != d - 1 or label.text.isdigit() or _is_number_words(tokens[j:d]):
        return None
    return label


def _is_number_words(tokens: tuple[Token, ...]) -> bool:
    return all(is_number_word(t) or t.text.isdigit() for t in tokens)


def _www_before(tokens: tuple[Token, ...], d: int) -> int | None:
    """Index of the first token of "www" / "w w w" / "triple w" / "double u double u double u"
    right before the dot at ``d``."""
    if d >= 1 and tokens[d - 1].low == "www":
        return d - 1
    if d >= 3 and all(tokens[k].low == "w" for k in (d - 3, d - 2, d - 1)):
        return d - 3
    if d >= 2 and tokens[d - 2].low == "triple" and tokens[d - 1].low in ("w", "double-u"):
        return d - 2
    if d >= 6 and [t.low for t in tokens[d - 6:d]] == ["double", "u"] * 3:
        return d - 6
    return None


_SCHEME_WORDS = (["http"], ["https"], ["h", "t", "t", "p"], ["h", "t", "t", "p", "s"])


def _scheme_before(tokens: tuple[Token, ...], first: int) -> int:
    """Extend ``first`` over a spoken or written scheme: "https colon slash slash", "https://"."""
    j = first
    tail = [t.low for t in tokens[max(0, j - 3):j]]
    if tail == [":", "/", "/"]:
        j -= 3
    elif tail == ["colon", "slash", "slash"]:
        j -= 3
    else:
        return first
    for words in _SCHEME_WORDS[::-1]:
        n = len(words)
        if j - n >= 0 and [t.low for t in tokens[j - n:j]] == words:
            return j - n
    return first


def _path_after(tokens: tuple[Token, ...], last: int) -> int:
    """Extend past "slash contact", "/about" after the host."""
    j = last
    while j + 2 < len(tokens) and (tokens[j + 1].low == "slash" or (tokens[j + 1].text == "/" and tokens[j + 1].glued_before)) \
            and tokens[j + 2].is_word:
        j += 2
    return j
