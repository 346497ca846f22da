"""edges: where a name begins and ends.

Recognizers, the NER model above all, report spans whose edges are not the name's:
"Northwind to", "Ocados of the world", "Ilse Varga: Sorry", "Renee, Dolores",
"Lloyds Banking" for "Lloyds Banking Group", "Anna" and "Pellegrini" on two lines. A
surrogate that eats "to" or "'s" is as visible to a reader as a missed name, so the
edges are one explicit step, of pure functions over ``Finding``s:

- ``split_at_breaks``: a name never runs over a speaker label's colon, a sentence end,
  a blank line, a new speaker turn or (for guesses) a list comma; each piece is its own
  finding, so "Renee, Dolores" is two people and "Adobe Analytics, Snowflake" two names.
- ``trim_edges``: punctuation, timestamps, lowercase function words and (for model guesses
  in cased text) lowercase common words come off both ends; a guess's possessive stays
  outside the span, so the text reads "[Company A]'s" (a listed name keeps its own:
  "Sotheby's", "Queen's University"). A plural stays inside: "the Thorsbys" is the
  family's name, and the reference metric counts its "s" as part of it.
- ``extend_names``: a span the model cut short takes the rest of its proper-noun chunk
  ("Lloyds Banking" + "Group", "Allen Institute" + "for AI"), and two findings that are one
  name wrapped over a line break become one ("Anna" / "Pellegrini").
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from service.models import Finding
from service.vocabulary.organization_suffixes import COMPLEMENT_HEADS, NAMED_AFTER_HEADS

# Words, with the inner punctuation names carry ("O'Reilly", "AT&T", "node.js",
# "Coca-Cola"); a timestamp ("1:42", "00:01:05.120") is one token so it can be cut whole.
_TOKEN = re.compile(r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?(?!\w)|\w+(?:['’.&-]\w+)*")
_TIMESTAMP = re.compile(r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?")
_POSSESSIVE_END = re.compile(r"(?:['’]s|(?<=s)['’])$", re.IGNORECASE)
# Hard breaks: a label's colon, sentence punctuation, a blank line, a semicolon.
_HARD_BREAK = re.compile(r":(?=\s|$)|[;!?](?=\s|$)|\n[ \t]*\r?\n")
# A sentence end: ". " then a capital, unless the word before the dot is an initial or a
# short abbreviation ("George W. Bush", "St. Andrews", "U.S. Bank", "Dr. Lee").
_SENTENCE_END = re.compile(r"(?<=\w)\.(?=\s+[\"'“‘(]?[A-Z])")
_LIST_COMMA = re.compile(r",\s+")
_PERSON_CONJUNCTION = re.compile(r"\s+(?:and|or|&)\s+", re.IGNORECASE)
_WITH = re.compile(r"\s+with\s+", re.IGNORECASE)
# What a line must not start with for a name to continue onto it: a speaker label
# ("Jane:", "Interviewer:"), a cue number or timing, a bracketed tag.
_LINE_START_LABEL = re.compile(r"[ \t]*(?:[^\W\d_][\w .'’()-]{0,40}:(?:\s|$)|\d+[ \t]*$|\d{1,2}:\d{2}|\[|<)", re.MULTILINE)
_NEWLINE = re.compile(r"\n")
_CONNECTORS = frozenset({"of", "for", "and", "&", "de", "du", "la", "von", "van", "der", "den", "del"})
# A dot after these is not a sentence end ("St. Andrews", "Dr. Lee", "Acme Inc. Labs").
_ABBREVIATIONS = frozenset({"st", "dr", "mr", "mrs", "ms", "mx", "prof", "inc", "ltd", "co", "corp", "jr", "sr",
                            "no", "mt", "ft", "ave", "dept", "univ", "bros", "vs"})

IsWord = Callable[[str], bool]


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text, start, end)]


def _replace(f: Finding, start: int, end: int) -> Finding:
    return replace(f, start=start, end=end)


# -- split -----------------------------------------------------------------------------------


def split_at_breaks(
    text: str, findings: Iterable[Finding], *, guesses: frozenset[str], name_types: frozenset[str]
) -> list[Finding]:
    """Cut each name at the breaks no name crosses; ``guesses`` (recognizer names) are
    also cut at list commas and "with", and people at "and"/"or"/"&" too."""
    out = []
    for f in findings:
        if f.entity_type not in name_types:
            out.append(f)
            continue
        cuts = [m.span() for m in _HARD_BREAK.finditer(text, f.start, f.end)]
        cuts += [m.span() for m in _SENTENCE_END.finditer(text, f.start, f.end) if not _is_abbreviation(text, m.start())]
        cuts += [m.span() for m in _NEWLINE.finditer(text, f.start, f.end) if _starts_new_turn(text, m.end())]
        if f.recognizer in guesses:
            cuts += [m.span() for m in _LIST_COMMA.finditer(text, f.start, f.end)]
            cuts += [m.span() for m in _WITH.finditer(text, f.start, f.end)]
            if f.entity_type == "PERSON":
                cuts += [m.span() for m in _PERSON_CONJUNCTION.finditer(text, f.start, f.end)]
        if not cuts:
            out.append(f)
            continue
        position = f.start
        for cut_start, cut_end in sorted(cuts):
            if cut_start > position:
                out.append(_replace(f, position, cut_start))
            position = max(position, cut_end)
        if position < f.end:
            out.append(_replace(f, position, f.end))
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"[\w.]+$", text[max(0, dot - 12):dot])
    if word is None:
        return False
    letters = word.group().replace(".", "")
    # An initial ("W."), a dotted abbreviation ("U.S."), or a known short form.
    return (len(letters) == 1 and letters.isupper()) or "." in word.group() or letters.lower() in _ABBREVIATIONS


def _starts_new_turn(text: str, line_start: int) -> bool:
    return bool(_LINE_START_LABEL.match(text, line_start))


# -- trim ------------------------------------------------------------------------------------


def trim_edges(
    text: str,
    findings: Iterable[Finding],
    *,
    is_function_word: IsWord,
    is_common_word: IsWord,
    guesses: frozenset[str],
    name_types: frozenset[str],
    cased: bool,
) -> list[Finding]:
    """Move each name's edges onto its name words; names left without a word go."""
    out = []
    for f in findings:
        if f.entity_type not in name_types:
            out.append(f)
            continue
        # A listed name (gazetteer, dictionary) or a name pattern knows its own extent;
        # only guesses lose words and possessives at their edges.
        guess = f.recognizer in guesses
        span = trim_span(text, f.start, f.end, is_function_word=is_function_word, is_common_word=is_common_word,
                         words=guess, content_words=cased and guess)
        if span is not None:
            out.append(f if span == (f.start, f.end) else _replace(f, *span))
    return out


def trim_span(
    text: str, start: int, end: int, *, is_function_word: IsWord, is_common_word: IsWord, words: bool,
    content_words: bool,
) -> tuple[int, int] | None:
    """The span without edge punctuation and timestamps; with ``words``, also without
    lowercase function words and a final "'s", possessive or short for "is" or "has"
    ("Northwind's old system", "Dana's a manager", "at Dana's."), which a surrogate must
    not eat (a listed name keeps its own: "Sotheby's"); with ``content_words``,
    lowercase common words come off the edges of a capitalized name too ("Zoom meetings",
    "Ocados of the world")."""
    tokens = _tokens(text, start, end)
    has_capital = any(text[s].isupper() for s, _ in tokens)

    def removable(token: tuple[int, int]) -> bool:
        word = text[token[0]:token[1]]
        bare = _POSSESSIVE_END.sub("", word)
        if _TIMESTAMP.fullmatch(word) or not any(c.isalnum() for c in word):
            return True
        if words and bare.islower() and is_function_word(bare):
            return True
        return content_words and has_capital and bare.islower() and is_common_word(bare)

    while tokens and (removable(tokens[0]) or (words and _sentence_initial_function_word(text, tokens[0],
                                                                                          is_function_word))):
        tokens.pop(0)
    while tokens and removable(tokens[-1]):
        tokens.pop()
    if not tokens:
        return None
    new_start, new_end = tokens[0][0], tokens[-1][1]
    if new_end < end and text[new_end] == "." and _is_abbreviation(text, new_end):
        new_end += 1  # "Acme Inc.", "Andrew W.": the dot belongs to the abbreviation
    ending = _POSSESSIVE_END.search(text, new_start, new_end) if words else None
    if ending and ending.start() > new_start:
        new_end = ending.start()
    return new_start, new_end


def _sentence_initial_function_word(text: str, token: tuple[int, int], is_function_word: IsWord) -> bool:
    """"Then" in "Then Globex": capitalized only because a sentence starts there."""
    word = text[token[0]:token[1]]
    if not (word[:1].isupper() and word[1:].islower() and is_function_word(word.lower())):
        return False
    before = text[:token[0]].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n"


# -- extend ----------------------------------------------------------------------------------


def extend_names(
    text: str, findings: list[Finding], *, org_heads: frozenset[str], name_types: frozenset[str], cased: bool
) -> list[Finding]:
    """Give an organization cut short the rest of its chunk.

    Only in cased text: there capitals mark the chunk. To the right, a capitalized word
    that heads organization names ("Group", "Foundation") joins an organization, and after
    a head ("Institute", "University") "of" or "for" and capitalized words do too ("for
    AI", "of America").
    """
    if not cased:
        return findings
    return [_extend_right(text, f, org_heads) if f.entity_type in name_types else f for f in findings]


def _next_capitalized(text: str, end: int, word: str) -> re.Match | None:
    """The capitalized word right after ``end``: after spaces, or after one line break that a
    caption or a narrow layout wrapped the name at ("the Oakhurst" / "Foundation"), unless
    the next line opens a turn."""
    step = re.match(rf"(?:[ \t]+|[ \t]*\n[ \t]*)({word})", text[end:end + 60])
    if step and "\n" in step.group() and _starts_new_turn(text, end + step.group().index("\n") + 1):
        return None
    return step


def join_adjacent(
    text: str, findings: list[Finding], *, is_function_word: IsWord, name_types: frozenset[str], cased: bool
) -> list[Finding]:
    """Two names with only a space or one line break between them are one name: "Pellegrini"
    + "Gallery", and a name wrapped over a line ("Anna" / "Pellegrini") where the first part
    ends its line and the next line does not open a turn. The type of the right part wins,
    as English names end in their head ("Paul Hamlyn / Foundation")."""
    if not cased:
        return findings
    names = [f for f in findings if f.entity_type in name_types]
    others = [f for f in findings if f.entity_type not in name_types]
    return _join_adjacent(text, names, is_function_word) + others


def _extend_right(text: str, f: Finding, org_heads: frozenset[str]) -> Finding:
    if f.entity_type not in ("ORGANIZATION", "UNIVERSITY", "PERSON"):
        return f
    if f.entity_type == "PERSON":
        # "Tate Gallery", "Gates Foundation": an institution named after a person.
        step = _next_capitalized(text, f.end, r"[A-Z][\w'’-]*")
        if not step or step.group(1).lower() not in NAMED_AFTER_HEADS:
            return f
        extended = Finding(f.start, f.end + step.end(), "ORGANIZATION", f.score, f.recognizer,
                           f.reason + "; with the institution's name after it", None)
        return _extend_right(text, extended, org_heads)
    end = f.end
    while True:
        words = _tokens(text, f.start, end)
        last = text[words[-1][0]:words[-1][1]] if words else ""
        step = _next_capitalized(text, end, r"[A-Z][\w&'’.-]*")
        if step and step.group(1).rstrip(".").lower() in org_heads:
            end += step.end()
            continue
        if last.lower() in COMPLEMENT_HEADS:
            chunk = re.match(r"[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){0,3}",
                             text[end:end + 80])
            if chunk:
                end += chunk.end()
                continue
        break
    return f if end == f.end else _replace(f, f.start, end)


def _join_adjacent(text: str, findings: list[Finding], is_function_word: IsWord) -> list[Finding]:
    ordered = sorted(findings, key=lambda f: (f.start, -f.end))
    out: list[Finding] = []
    for f in ordered:
        if out and _one_name(text, out[-1], f, is_function_word):
            left = out.pop()
            head = f if f.entity_type != left.entity_type else max((left, f), key=lambda x: x.score)
            out.append(replace(head, start=left.start, end=f.end, entity_type=f.entity_type,
                               score=max(left.score, f.score), reason=head.reason + "; joined with the name next to it"))
            continue
        out.append(f)
    return out


def _one_name(text: str, left: Finding, right: Finding, is_function_word: IsWord) -> bool:
    gap = text[left.end:right.start]
    if left.end >= right.start or gap.strip() or gap.count("\n") > 1:
        return False
    if "\n" not in gap:
        if gap not in (" ", "\u00a0"):
            return False
    elif _starts_new_turn(text, left.end + gap.index("\n") + 1):
        return False
    words = [text[s:e] for s, e in _tokens(text, left.start, right.end)]
    return all(w[:1].isupper() or is_function_word(w.lower()) for w in words)


__all__ = ["extend_names", "join_adjacent", "split_at_breaks", "trim_edges", "trim_span"]
