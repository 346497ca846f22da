"""Propagation: a name found once with confidence is protected at every other mention in
the document, in any casing, with possessives and plurals, and for people their first or
last name alone when it belongs to only one person in the document."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Callable

from service.config import PropagationConfig
from service.models import Finding
from service.vocabulary.person_titles import PERSON_TITLES, TITLE_ALTERNATION

RECOGNIZER = "propagation.v1"
# A title, or French "M." (capital only: "m." is a metre).
_TITLE_BEFORE = re.compile(rf"\b(?:(?:{TITLE_ALTERNATION})\.?|(?-i:M)\.)[ \t]+$", re.IGNORECASE)
_TOKEN = re.compile(r"[\w'’-]+")


def extend_titles(text: str, findings: list[Finding]) -> list[Finding]:
    """Include a title right before a person ("Dr. Halloran"): the whole name is the identifier."""
    out = []
    for f in findings:
        if f.entity_type == "PERSON":
            m = _TITLE_BEFORE.search(text, max(0, f.start - 12), f.start)
            if m:
                f = Finding(m.start(), f.end, f.entity_type, f.score, f.recognizer, f.reason, f.canonical)
        out.append(f)
    return out


def propagate(
    text: str,
    findings: list[Finding],
    config: PropagationConfig,
    *,
    is_noise: Callable[[str], bool],
    is_common_word: Callable[[str], bool],
) -> list[Finding]:
    """New findings for every other mention of a confident name (the input is not repeated)."""
    if not config.enabled:
        return []
    terms: dict[str, tuple[str, str, float, str, str | None]] = {}  # lower surface -> (type, surface, score, source, canonical)
    person_parts: dict[str, set[str]] = defaultdict(set)
    for f in findings:
        if f.entity_type not in config.entity_types or f.score < config.min_score or f.recognizer == RECOGNIZER:
            continue
        surface = _strip_title(text[f.start:f.end]).strip()
        if not surface or is_noise(surface):
            continue
        key = _key(surface)
        if key not in terms or terms[key][2] < f.score:
            terms[key] = (f.entity_type, surface, f.score, f.recognizer, f.canonical)
        if f.entity_type == "PERSON":
            words = _TOKEN.findall(surface)
            if len(words) > 1:
                for word in words:
                    person_parts[_key(word)].add(key)
    for part, owners in person_parts.items():
        if len(owners) != 1 or part in terms or len(part) < config.min_name_part_chars:
            continue
        if is_noise(part) or is_common_word(part):
            continue
        (owner,) = owners
        entity_type, surface, score, source, canonical = terms[owner]
        terms[part] = (entity_type, part, score, source, canonical)
    if not terms:
        return []
    pattern = _alternation(terms)
    already = {(f.start, f.end) for f in findings}
    out = []
    for m in pattern.finditer(text):
        if m.span() in already or m.span("term") in already:
            continue
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


def _key(surface: str) -> str:
    return " ".join(surface.lower().split())


def _alternation(terms: dict[str, tuple]) -> re.Pattern[str]:
    # Longest first: a regex alternation takes the first alternative that matches.
    parts = [r"\s+".join(re.escape(w) for w in key.split(" ")) for key in sorted(terms, key=len, reverse=True)]
    return re.compile(
        rf"(?<![\w-])(?P<term>{'|'.join(parts)})(?:'s|’s|s'|’|s|es)?(?![\w-])",
        re.IGNORECASE,
    )


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
