"""Finds listed names in a sequence of normalized tokens, whatever the spaces between them.

A name is listed by its *compact key*: its normalized tokens joined without spaces
("Amazon Web Services" -> "amazonwebservices"). The tokens of a text are run together
the same way and searched for every key at once with an Aho-Corasick automaton
(pyahocorasick), so one pass gives whitespace- and hyphen-insensitivity ("Coca-Cola",
"amazon  web\\nservices") and the speech-to-text spellings that split or join a name
("work day" for "Workday", "cultureamp" for "Culture Amp"). A match must begin at the
first character of a token and end at the last character of a token (or, when the
caller allows it, a character or two before, for "Accentures" or "personalized"), and may
only cross the gaps between tokens that the caller calls joinable.

The cost is linear in the length of the text plus the number of key occurrences.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

import ahocorasick


@dataclass(frozen=True, slots=True)
class KeyMatch:
    first: int  # token indices, inclusive
    last: int
    key: str
    cut: int  # characters at the end of the last token that are not part of the key


class NameMatcher:
    """An automaton over a fixed set of compact keys."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for key in keys:
            if key:
                self._automaton.add_word(key, key)
        if len(self._automaton):
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._automaton)

    def __contains__(self, key: str) -> bool:
        return self._automaton.exists(key)

    def find(
        self,
        norms: Sequence[str],
        joinable: Callable[[int], bool],
        *,
        max_tokens: int,
        max_cut: int = 0,
    ) -> list[KeyMatch]:
        """Every occurrence of a key in ``norms``, ordered by first token and, from one
        token, longest first.

        ``joinable(j)`` says whether tokens ``j - 1`` and ``j`` may belong to one name; it is
        asked only inside occurrences of a key. A match spans at most ``max_tokens`` tokens
        and may leave up to ``max_cut`` characters of its last token out.
        """
        if not norms or not len(self._automaton):
            return []
        ends = list(accumulate(map(len, norms)))  # end offset (exclusive) of each token
        found = []
        for end, key in self._automaton.iter("".join(norms)):
            last = bisect_left(ends, end + 1)
            cut = ends[last] - 1 - end
            if cut > max_cut:
                continue
            begin = end - len(key) + 1
            first = bisect_right(ends, begin)
            if begin != (ends[first - 1] if first else 0) or last - first >= max_tokens:
                continue  # starts inside a token, or too many tokens for one name
            if all(joinable(j) for j in range(first + 1, last + 1)):
                found.append(KeyMatch(first, last, key, cut))
        found.sort(key=lambda m: (m.first, -m.last, m.cut))
        return found
