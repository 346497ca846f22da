"""People by their names: a capitalized first name from the name lists, the surname that
follows it, and titles ("Dr Okonkwo", "doctor wierzbicka").

Generic NER misses single first names in speech ("Maren, Maren Solberg, she runs
our lab") and almost every name in lowercase speech-to-text. First names that are also
common English words ("Will", "Grace", "Mark") count only with a surname or a title.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from presidio_analyzer import RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from recognizers.base import TranscriptRecognizer, keep_outermost
from recognizers.errors import RecognizerSetupError
from recognizers.options import PersonNameOptions
from service.vocabulary.entity_types import PERSON
from service.vocabulary.person_titles import PERSON_TITLES
from service.vocabulary.word_lists import read_word_list

_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _load_names(path: Path) -> frozenset[str]:
    try:
        return read_word_list(path)
    except FileNotFoundError:
        raise RecognizerSetupError(f"{path}: name list not found") from None


class PersonNameRecognizer(TranscriptRecognizer):
    NAME = "person_name.v1"
    ENTITIES = (PERSON,)

    def __init__(
        self,
        options: PersonNameOptions | None = None,
        *,
        first_names: Path,
        last_names: Path,
        ambiguous_first_names: Path,
        is_common_word: Callable[[str], bool],
        word_zipf: Callable[[str], float],
        is_noise: Callable[[str], bool],
    ) -> None:
        """The list paths are the options' paths, resolved; ``is_common_word`` is the
        engine's common-English test (``service.vocabulary.word_frequency``)."""
        options = options or PersonNameOptions()
        self.first_names = _load_names(first_names)
        self.last_names = _load_names(last_names)
        self.ambiguous = _load_names(ambiguous_first_names)
        self.word_zipf = word_zipf
        self.rare_lowercase_zipf = options.rare_lowercase_zipf
        self.is_common_word = is_common_word
        self.is_noise = is_noise
        self.first_name_score = options.first_name_score
        self.full_name_score = options.full_name_score
        self.title_score = options.title_score
        self.lowercase_score = options.lowercase_score
        self.role_titles = frozenset(t.lower() for t in options.role_titles)
        self.rare_office_name_zipf = options.rare_office_name_zipf
        super().__init__()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and "PERSON" not in entities:
            return []
        words = list(_WORD.finditer(text))
        results = []
        lowers: dict[str, str] = {}  # a word without its possessive, in lower case: once per distinct word
        for i, m in enumerate(words):
            word = m.group()
            lower = lowers.get(word)
            if lower is None:
                lower = lowers[word] = _strip_possessive(word).lower()
            if lower in PERSON_TITLES:
                result = self._after_title(text, words, i)
                if result:
                    results.append(result)
                continue
            if lower in self.role_titles:
                result = self._after_role_title(text, words, i)
                if result:
                    results.append(result)
            if lower not in self.first_names or self.is_noise(word):
                continue
            name_end = m.start() + len(_strip_possessive(word))
            if word.islower() and lower not in STOP_WORDS:
                # Lowercase speech-to-text: a first name that is rare as an English word.
                if self.word_zipf(lower) < self.rare_lowercase_zipf:
                    end = self._lowercase_surname_end(text, words, i)
                    results.append(self.result(m.start(), end or name_end, "PERSON", self.lowercase_score,
                                               "first name from the name lists, rare as an English word"
                                               + (", and a surname" if end else "")))
                elif not self.is_common_word(lower) and (end := self._split_surname_end(text, words, i + 1)):
                    # A first name that is also a word, made sure by a split surname after it.
                    results.append(self.result(m.start(), end, "PERSON", self.lowercase_score,
                                               "first name from the name lists and a surname split into two words"))
                continue
            if not word[0].isupper():
                continue
            end = self._surname_end(text, words, i)
            if end is not None:
                results.append(self.result(m.start(), end, "PERSON", self.full_name_score, "first name and surname"))
            elif _before_capitalized_word(text, words, i):
                continue  # part of another name: "Paris Agreement", "Grace Hopper Celebration", "Green AI"
            elif lower not in self.ambiguous and lower not in STOP_WORDS:
                results.append(self.result(m.start(), name_end, "PERSON", self.first_name_score,
                                           "capitalized first name from the name lists"))
        return keep_outermost(results)

    def _surname_end(self, text: str, words, i: int) -> int | None:
        """End of a capitalized surname right after words[i] (same line), if there is one."""
        if i + 1 >= len(words):
            return None
        nxt = words[i + 1]
        gap = text[words[i].end():nxt.start()]
        surname = _strip_possessive(nxt.group())
        if gap not in (" ", "\t") or not surname[0].isupper() or surname.isupper():
            return None
        lower = surname.lower()
        if lower in STOP_WORDS or self.is_noise(surname) or (self.is_common_word(lower) and lower not in self.last_names):
            return None
        return nxt.start() + len(surname)

    def _lowercase_surname_end(self, text: str, words, i: int) -> int | None:
        """End of a lowercase surname right after words[i] (one space): a word on the
        surname list that is not common English, or a very rare word ("anika szczepanska";
        not "anika said")."""
        if i + 1 >= len(words) or text[words[i].end():words[i + 1].start()] != " ":
            return None
        surname = _strip_possessive(words[i + 1].group())
        lower = surname.lower()
        if not surname.islower() or lower in STOP_WORDS or self.is_noise(surname):
            return None
        if self._lowercase_name(lower):
            return words[i + 1].start() + len(surname)
        return self._split_surname_end(text, words, i + 1)

    def _split_surname_end(self, text: str, words, j: int) -> int | None:
        """Speech-to-text splits a surname it does not know into words it does ("ashworth"
        as "ash worth"): words[j] and the next word are one surname when written together
        they are a word English knows and uses rarely, or one on the surname list."""
        if j + 1 >= len(words) or text[words[j].end():words[j + 1].start()] != " " or words[j].group().endswith(("'s", "’s")):
            return None
        second = _strip_possessive(words[j + 1].group())
        if not second.islower() or second in STOP_WORDS or self.is_noise(second):
            return None
        joined = words[j].group().lower() + second
        if joined in self.last_names and not self.is_common_word(joined) or 0 < self.word_zipf(joined) < self.rare_lowercase_zipf:
            return words[j + 1].start() + len(second)
        return None

    def _after_title(self, text: str, words, i: int) -> RecognizerResult | None:
        """"Dr Okonkwo", "Prof. Ada Lovelace", and in lowercase speech "doctor wierzbicka"."""
        if i + 1 >= len(words):
            return None
        title, nxt = words[i], words[i + 1]
        gap = text[title.end():nxt.start()]
        if gap.strip() not in ("", ".") or "\n" in gap:
            return None
        name = _strip_possessive(nxt.group())
        lower = name.lower()
        if lower in STOP_WORDS or self.is_noise(name):  # "Mr President" is a role, not a name
            return None
        if name[0].isupper() or (name.islower() and not self.is_common_word(lower)):
            end = nxt.start() + len(name)
            if i + 2 < len(words) and text[nxt.end():words[i + 2].start()] == " " and words[i + 2].group()[0].isupper() \
                    and words[i + 2].group().lower() not in STOP_WORDS:
                end = words[i + 2].start() + len(_strip_possessive(words[i + 2].group()))
            return self.result(title.start(), end, "PERSON", self.title_score, "name after a title")
        return None


    def _lowercase_name(self, lower: str) -> bool:
        """In lowercase text, after an office: a word on the name lists that is not common
        English, or a very rare word ("mbeki"; not "general anaesthetic")."""
        if lower in self.first_names or lower in self.last_names:
            return not self.is_common_word(lower)
        return self.word_zipf(lower) < self.rare_office_name_zipf

    def _after_role_title(self, text: str, words, i: int) -> RecognizerResult | None:
        """"Commissioner Okafor", "president mbeki": the name after an office, without the
        office. Capitalized in cased text; in lowercase text, a word rare in English."""
        if i + 1 >= len(words):
            return None
        office, nxt = words[i], words[i + 1]
        if text[office.end():nxt.start()] not in (" ", "\t"):
            return None
        name = _strip_possessive(nxt.group())
        lower = name.lower()
        if lower in STOP_WORDS or lower in self.role_titles or lower in PERSON_TITLES or self.is_noise(name):
            return None
        if name[0].isupper() and office.group()[0].isupper() and not name.isupper():
            score = self.title_score
        elif name.islower() and office.group().islower() and self._lowercase_name(lower):
            score = self.lowercase_score
        else:
            return None
        end = nxt.start() + len(name)
        if i + 2 < len(words) and text[nxt.end():words[i + 2].start()] == " ":
            second = _strip_possessive(words[i + 2].group())
            lower2 = second.lower()
            if lower2 not in STOP_WORDS and not self.is_noise(second) and (
                    (second[0].isupper() and name[0].isupper() and (lower2 in self.last_names or not self.is_common_word(lower2)))
                    or (second.islower() and self._lowercase_name(lower2))):
                end = words[i + 2].start() + len(second)
        return self.result(nxt.start(), end, "PERSON", score, f'name after the office "{office.group()}"')


def _before_capitalized_word(text: str, words, i: int) -> bool:
    """A capitalized word follows words[i] after one space, as in a longer name."""
    if i + 1 >= len(words) or text[words[i].end():words[i + 1].start()] != " ":
        return False
    return words[i + 1].group()[0].isupper() and words[i + 1].group().lower() != "i"


def _strip_possessive(word: str) -> str:
    return re.sub(r"['’]s?$", "", word)
