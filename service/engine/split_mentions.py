"""Split mentions: speech-to-text and captions often write one name as two words
("Quor vane" for "Quorvane", "mail chimp" for "Mailchimp"). A word of a confident name
written as two adjacent words elsewhere in the document is another mention of that name.

Only when one of the two words is rare in English: two common words side by side ("sales
force", "linked in") are more often the phrase than the name, and are left to the other
recognizers and the reviewer.
"""
from __future__ import annotations

import itertools
import re
from typing import Callable

from service.config import PropagationConfig
from service.engine.spans import SpanIndex
from service.models import Finding
from service.vocabulary.canonical import canonical_form

RECOGNIZER = "split_mention.v1"
_WORD = re.compile(r"[^\W\d_]+")
# Two words with one space (or a no-break space) between them, as a transcriber splits a word.
_GAP = frozenset({" ", "\u00a0"})


def split_mentions(
    text: str,
    findings: list[Finding],
    config: PropagationConfig,
    *,
    word_zipf: Callable[[str], float],
) -> list[Finding]:
    """New findings for two adjacent words that spell one word of a confident name."""
    if not (config.enabled and config.split_mentions):
        return []
    owners: dict[str, set[tuple[str, str]]] = {}  # a name's word -> (type, canonical) of the names it belongs to
    best: dict[tuple[str, str], Finding] = {}
    lengths: set[int] = set()  # of the names' words as written: most pairs are ruled out by length alone
    for f in findings:
        if f.entity_type not in config.entity_types or f.score < config.min_score:
            continue
        surface = text[f.start:f.end]
        canonical = f.canonical or canonical_form(f.entity_type, surface)
        for word in _WORD.findall(surface):
            key = word.lower()
            if len(key) < 2 * config.min_name_part_chars or word_zipf(key) >= config.max_short_form_zipf:
                continue
            owners.setdefault(key, set()).add((f.entity_type, canonical))
            lengths.add(len(word))
            source = best.get((f.entity_type, canonical))
            if source is None or f.score > source.score:
                best[(f.entity_type, canonical)] = f
    if not owners:
        return []
    covered = SpanIndex((f.start, f.end) for f in findings)
    out = []
    # Pairs of neighbouring words, read as the text goes (a list of every word of a long
    # transcript would cost a match object per word).
    for left, right in itertools.pairwise(_WORD.finditer(text)):
        if (right.end() - right.start()) + (left.end() - left.start()) not in lengths \
                or text[left.end():right.start()] not in _GAP:
            continue
        key = (left.group() + right.group()).lower()
        names = owners.get(key)
        if not names or len(names) != 1:
            continue  # no name spells it, or two do: which one is unknown
        if min(word_zipf(left.group().lower()), word_zipf(right.group().lower())) >= config.max_split_part_zipf:
            continue
        if covered.covers(left.start(), right.end()):
            continue
        ((entity_type, canonical),) = names
        source = best[(entity_type, canonical)]
        out.append(Finding(left.start(), right.end(), entity_type, source.score, RECOGNIZER,
                           f"a {entity_type} found by {source.recognizer}, written as two words", canonical))
    return out
