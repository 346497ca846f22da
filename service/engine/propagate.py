"""Propagation: a name found once with confidence is protected at every other mention in
the document, in any casing, with possessives and plurals; and its short forms too, when
they belong to only one name in the document: a person's first or last name alone, an
organization's distinctive word alone ("Northwind" for "Northwind Analytics", "Chase" for
"JPMorgan Chase", "Gates" for "Gates Foundation")."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import Callable

from service.config import PropagationConfig
from service.engine.spans import SpanIndex
from service.vocabulary.canonical import canonical_form
from service.models import Finding
from service.vocabulary.person_titles import PERSON_TITLES, TITLE_ALTERNATION

RECOGNIZER = "propagation.v1"
# Types whose names have short forms: people (first or last name), organizations.
SHORT_FORM_TYPES = frozenset({"PERSON", "ORGANIZATION", "UNIVERSITY", "PRODUCT"})
# A title, or French "M." (capital only: "m." is a metre).
_TITLE_BEFORE = re.compile(rf"\b(?:(?:{TITLE_ALTERNATION})\.?|(?-i:M)\.)[ \t]+$", re.IGNORECASE)
_TOKEN = re.compile(r"[\w'’-]+")


def extend_titles(text: str, findings: list[Finding]) -> list[Finding]:
    """Include a title right before a person ("Dr. Okonkwo"): the whole name is the identifier."""
    out = []
    for f in findings:
        if f.entity_type == "PERSON":
            m = _TITLE_BEFORE.search(text, max(0, f.start - 12), f.start)
            if m:
                f = replace(f, start=m.start())
        out.append(f)
    return out


def propagate(
    text: str,
    findings: list[Finding],
    config: PropagationConfig,
    *,
    is_noise: Callable[[str], bool],
    is_common_word: Callable[[str], bool],
    word_zipf: Callable[[str], float],
    generic_words: frozenset[str],
) -> list[Finding]:
    """New findings for every other mention of a confident name (the input is not repeated).

    ``generic_words`` never stand for an organization alone (legal suffixes, "Group",
    "University"); a short form this common in English (Zipf ``max_short_form_zipf``) never
    does either, and a common word only in capitals, for an organization.
    """
    if not config.enabled:
        return []
    terms: dict[str, tuple[str, str, float, str, str | None]] = {}  # lower surface -> (type, surface, score, source, canonical)
    parts: dict[str, set[str]] = defaultdict(set)  # a short form -> the names it could stand for
    for f in findings:
        if f.entity_type not in config.entity_types or f.score < config.min_score or f.recognizer == RECOGNIZER:
            continue
        surface = _strip_title(text[f.start:f.end]).strip()
        if not surface or is_noise(surface):
            continue
        key = _key(surface)
        if key not in terms or terms[key][2] < f.score:
            terms[key] = (f.entity_type, surface, f.score, f.recognizer, f.canonical)
        words = _TOKEN.findall(surface)
        if len(words) > 1 and f.entity_type in SHORT_FORM_TYPES:
            # A product's first word is its vendor ("Adobe" in "Adobe Analytics"), not the product.
            for word in words[1:] if f.entity_type == "PRODUCT" else words:
                parts[_key(word)].add(key)
    for part, owners in parts.items():
        if len(owners) != 1 or part in terms or len(part) < config.min_name_part_chars:
            continue
        (owner,) = owners
        entity_type, surface, score, source, canonical = terms[owner]
        if is_noise(part) or part in generic_words or word_zipf(part) >= config.max_short_form_zipf:
            continue
        if is_common_word(part) and entity_type != "ORGANIZATION":
            continue
        # The short form is a mention of the whole name: it carries that name's canonical form.
        terms[part] = (entity_type, part, score, source, canonical or canonical_form(entity_type, surface))
    if not terms:
        return []
    pattern = _alternation(terms)
    already = {(f.start, f.end) for f in findings}
    covered = SpanIndex((f.start, f.end) for f in findings)
    out = []
    for m in pattern.finditer(text):
        if m.span() in already or m.span("term") in already:
            continue
        if covered.covers(m.start("term"), m.end("term")):
            continue  # inside a name another recognizer found (and typed) already
        key = _key(m.group("term"))
        entity_type, surface, score, source, canonical = terms[key]
        mention = m.group("term")
        if " " not in key and not _casing_compatible(mention, surface, is_common_word):
            continue
        out.append(
            Finding(m.start(), m.end(), entity_type, score, RECOGNIZER,
                    f"another mention of a {entity_type} found by {source}", canonical)
        )
    return extend_titles(text, out)


def _strip_title(surface: str) -> str:
    words = surface.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in PERSON_TITLES:
        words.pop(0)
    return " ".join(words)


# Per character, the lower case that ``re.IGNORECASE`` matches by: "İ".lower() is two
# characters ("i" and a combining dot) and "ı" is a case of "I" to ``re``, so a key made by
# str.lower() would neither match the text it came from nor have its length.
_SIMPLE_LOWER = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "ς": "σ", "ϐ": "β", "ϑ": "θ", "ϰ": "κ", "ϖ": "π",
                               "ϱ": "ρ", "ϕ": "φ", "ϵ": "ε", "ẛ": "ṡ", "ﬅ": "ﬆ"})


def _key(surface: str) -> str:
    return " ".join(surface.translate(_SIMPLE_LOWER).lower().split())


# Terms longer than this are plain alternatives before the trie (longest first): the trie's
# nesting stays shallow.
_TRIE_KEY_CHARS = 100


def _alternation(terms: dict[str, tuple]) -> re.Pattern[str]:
    """One pattern for every term, as a trie of their characters: the text is read once,
    whatever the number of terms. At each place the longest term that matches (with what
    may follow it) wins, as in an alternation of the terms longest first."""
    trie: dict[str, dict] = {}
    long_keys = sorted((key for key in terms if len(key) > _TRIE_KEY_CHARS), key=len, reverse=True)
    for key in terms:
        if len(key) > _TRIE_KEY_CHARS:
            continue
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}  # a term ends here
    alternatives = [_piece(key) for key in long_keys]
    if trie:
        alternatives.append(_trie_pattern(trie))
    return re.compile(
        rf"(?<![\w-])(?P<term>{'|'.join(alternatives)})(?:'s|’s|s'|’|s|es)?(?![\w-])",
        re.IGNORECASE,
    )


def _piece(chars: str) -> str:
    return r"\s+".join(re.escape(word) for word in chars.split(" "))


def _trie_pattern(node: dict[str, dict]) -> str:
    """The pattern below a trie node; words are separated by any whitespace. Longer first:
    the rest of a term is tried before the term that ends here."""
    branches = []
    for ch in sorted(node):
        if not ch:
            continue
        chars, below = ch, node[ch]
        while len(below) == 1 and "" not in below:  # a chain without a branch or an end
            (nxt, below), = below.items()
            chars += nxt
        branches.append(_piece(chars) + _trie_pattern(below))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _casing_compatible(mention: str, source: str, is_common_word: Callable[[str], bool]) -> bool:
    """A common word ("spark", "reading") counts only capitalized, in the casing the name
    was found in (or capitalized at a sentence start); rare words count in any casing.
    In lowercase text a common word is judged by the recognizers at each mention, with
    its context, never by propagation."""
    if not is_common_word(mention.lower()):
        return True
    if mention.islower():
        return False
    if mention == source:
        return True
    return mention in (source.capitalize(), source.upper()) or (source.islower() and mention.istitle())
