"""E-mail addresses said aloud: "jane dot b w seventy three at gmail dot com",
"j dot smith at company dot co dot uk", "jane underscore doe at outlook dot com".

The domain must end in a real public suffix (tldextract's bundled list, never the
network). Since "at" and "dot" are ordinary words, the user name needs evidence that it
is one: a connector or spelled characters in it ("dot", "underscore", "b w", "seventy
three"), an e-mail cue before it ("email me at", "my address is"), a capital mid-sentence
(a name), or a well-known mail provider after "at". "we looked at google dot com" is a
website, not an address (the URL recognizers report it).
"""
from __future__ import annotations

from collections.abc import Callable

from recognizers.base import TranscriptRecognizer
from recognizers.options import SpokenEmailOptions
from recognizers.spoken_forms import (
    DASH_WORDS,
    DOT_WORDS,
    UNDERSCORE_WORDS,
    Token,
    is_at,
    is_connector,
    is_number_word,
    is_plain_word,
    read_dotted,
    read_label,
    registrable,
    sentence_start,
    tokenize,
    words_before,
)
from service.vocabulary.entity_types import EMAIL_ADDRESS
from service.vocabulary.word_frequency import word_zipf as english_zipf


class SpokenEmailRecognizer(TranscriptRecognizer):
    NAME = "spoken_email.v1"
    ENTITIES = (EMAIL_ADDRESS,)

    def __init__(
        self, options: SpokenEmailOptions | None = None, *, word_zipf: Callable[[str], float] = english_zipf
    ) -> None:
        """``word_zipf``: how common a word is (the engine's ``WordFrequency.zipf``)."""
        options = options or SpokenEmailOptions()
        super().__init__()
        self.score = options.score
        self.mail_providers = frozenset(p.lower() for p in options.mail_providers)
        self.cues = frozenset(c.lower() for c in options.cues)
        self.cue_window = options.cue_window
        self.max_name_words = options.max_name_words
        self.second_word_max_zipf = options.second_word_max_zipf
        self.rare_zipf = options.rare_zipf
        self.word_zipf = word_zipf

    def analyze(self, text, entities, nlp_artifacts=None):
        if entities and EMAIL_ADDRESS not in entities:
            return []
        tokens = tokenize(text)
        results = []
        for a, token in enumerate(tokens):
            if a == 0 or not is_at(tokens, a):
                continue
            first_label = read_label(tokens, a + 1, max_words=4)
            if first_label is None:
                continue
            labels = read_dotted(tokens, first_label)
            host = registrable(labels)
            if host is None:
                continue
            last = labels[host[0] - 1].last
            first = self._user_name_start(tokens, a)
            if first is None:
                continue
            start, end = tokens[first].start, tokens[last].end
            if not any(c.isspace() for c in text[start:end]):
                continue  # written "jane@example.com" is email.v1's
            evidence = self._evidence(text, tokens, first, a, labels[0].text)
            if evidence:
                results.append(self.result(start, end, EMAIL_ADDRESS, self.score,
                                           f"e-mail address said aloud ({evidence})"))
        return results

    def _user_name_start(self, tokens: tuple[Token, ...], at: int) -> int | None:
        """Index of the first token of the user name before ``at``: pieces of spelled
        characters and at most ``max_name_words`` words, joined by connectors."""
        first = None
        j = at - 1
        while j >= 0:
            k, words = j, 0
            while k >= 0:
                t = tokens[k]
                if is_connector(tokens, k):
                    break
                if t.is_letter or t.text.isdigit() or is_number_word(t):
                    k -= 1
                    continue
                if is_plain_word(t) and t.low not in self.cues and words < self.max_name_words and (
                        words == 0 or self.word_zipf(t.low) < self.second_word_max_zipf):
                    words += 1
                    k -= 1
                    continue
                break
            if k == j:
                break
            first = k + 1
            if k >= 1 and is_connector(tokens, k):
                j = k - 1
                continue
            break
        if first is None:
            return None
        # "it's a jsmith at ...": a lone "a"/"i" before a word is an article or a pronoun.
        while first < at - 1 and tokens[first].low in ("a", "i") and not (
                tokens[first + 1].is_letter or is_number_word(tokens[first + 1])):
            first += 1
        return first

    def _evidence(self, text: str, tokens: tuple[Token, ...], first: int, at: int, provider: str) -> str:
        name = tokens[first:at]
        if any(t.low in DOT_WORDS | UNDERSCORE_WORDS | DASH_WORDS or t.text in "._-" for t in name):
            return "a connector in the user name"
        if any(t.is_letter or t.text.isdigit() or is_number_word(t) for t in name) or \
                any(c.isdigit() for t in name for c in t.text):
            return "spelled characters in the user name"
        before = words_before(tokens, first, self.cue_window)
        if any(w in self.cues for w in before) or (len(before) >= 2 and "mail" in before):
            return "after an e-mail cue"
        if provider in self.mail_providers:
            return "a mail provider's domain"
        if len(name) == 1 and name[0].is_word and self.word_zipf(name[0].low) < self.rare_zipf:
            return "a user name that is not an English word"
        if any(t.text[0].isupper() for t in name) and not sentence_start(text, tokens, first):
            return "a capitalized name before 'at'"
        return ""
