"""decide: from raw findings to the spans the engine acts on.

Pure functions over ``Finding``s; no model, no I/O. Order: drop noise and weak findings,
keep placeholders as they are, then protect the union of whatever overlaps.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate

from service.models import Decision, Finding

PLACEHOLDER = "PLACEHOLDER"
_WORD = re.compile(r"\w")
_CUT_START = re.compile(r"(?:['’]s\b)?\W*")


# Why a finding was dropped, as data: transcript noise and tool lines are never names;
# a weak finding may be one, and is shown to a reviewer as a suggestion (suggest.py).
WEAK = "weak"
NOISE = "noise"
TOOL_LINE = "tool line"


@dataclass(frozen=True)
class Dropped:
    finding: Finding
    why: str
    kind: str = WEAK  # WEAK | NOISE | TOOL_LINE


def filter_findings(
    text: str, findings: list[Finding], *, threshold: float, why_noise, trim, noise_types: tuple[str, ...]
) -> tuple[list[Finding], list[Dropped]]:
    """Drop findings below ``threshold`` and those the noise filter recognises; trim noise
    words off the edges of the rest."""
    kept, dropped = [], []
    for f in findings:
        if f.entity_type == PLACEHOLDER:
            kept.append(f)
            continue
        if f.score < threshold:
            dropped.append(Dropped(f, f"score {f.score:.2f} below threshold {threshold:.2f}"))
            continue
        if f.entity_type not in noise_types:
            kept.append(f)
            continue
        noise = why_noise(text[f.start:f.end])
        if noise:
            dropped.append(Dropped(f, f"transcript noise ({noise})", NOISE))
            continue
        start, end = trim(text, f.start, f.end)
        if end <= start:
            dropped.append(Dropped(f, "transcript noise (every word)", NOISE))
            continue
        if (start, end) != (f.start, f.end):
            f = replace(f, start=start, end=end)
        kept.append(f)
    return kept, dropped


# Not "that" (a relative pronoun as often: "the calls that Roy made") nor "than".
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|this|these|those|every|each|no|any)\s+$", re.IGNORECASE)
_NEXT_WORD = re.compile(r" ([A-Za-z]{2,6})\b")
_SENTENCE_START_BEFORE = re.compile(r"(?:^|[.!?:]\s+|\n\s*)$")


def judge_model_guesses(
    text: str,
    seen: str,
    findings: list[Finding],
    *,
    recognizers: tuple[str, ...],
    uncased_score: float,
    is_common_word,
    word_zipf,
    sentence_start_zipf: float,
    anywhere_zipf: float,
    event_heads: frozenset[str] = frozenset(),
    is_generic_acronym=lambda word: False,
) -> tuple[list[Finding], list[Dropped]]:
    """Second opinions on what the statistical model (not a list or pattern) reported.

    ``seen`` is the text the model read: the original, or for uncased speech-to-text its
    truecased copy, which carries the capitals the truecaser's corpus gives a word.

    - Lowercase in the original and left lowercase by the truecaser: a guess. Keep it at a
      lower score (so it is not propagated); drop it when every word is common ("shell
      script"), except for people ("ben", "maya" are common words too; a missed person is
      the worst leak).
    - Capitalized only by the truecaser, one common word, not a person or a place
      ("commission", "union"; but "europe", "ben"): the word, not a name.
    - One very common word at a sentence start ("Did"), where capitals say nothing, or
      anywhere when it is among the most common words ("well, Next week").
    - A person after a determiner ("a Wolf", "this Wolf"): people are not counted nouns,
      and the same word elsewhere in the document is that noun too.
    - An event ("Consumer Electronics Show", "Web Summit": its last word is one of
      ``event_heads``) or a concept (common words before a generic acronym: "Green AI",
      "Responsible ML") names no person or company.
    """
    kept, dropped = [], []
    nouns = set()
    for f in findings:
        words = re.findall(r"[^\W\d_]+", text[f.start:f.end])
        if f.recognizer in recognizers and len(words) == 1 and f.entity_type == "PERSON" \
                and _DETERMINER_BEFORE.search(text, max(0, f.start - 20), f.start):
            nouns.add(words[0].lower())
    for f in findings:
        if f.recognizer not in recognizers:
            kept.append(f)
            continue
        surface = text[f.start:f.end]
        words = re.findall(r"[^\W\d_]+", surface)
        before = text[max(0, f.start - 20):f.start]
        if words and words[-1].lower() in event_heads and f.entity_type in ("PERSON", "ORGANIZATION"):
            dropped.append(Dropped(f, "an event, not a person or an organization"))
            continue
        # The noise filter may have trimmed the acronym off already: look right after too.
        after = _NEXT_WORD.match(text, f.end)
        head = [*words, after.group(1)] if after and is_generic_acronym(after.group(1)) else words
        if len(head) > 1 and is_generic_acronym(head[-1]) and all(is_common_word(w) for w in head[:-1]):
            dropped.append(Dropped(f, "a concept: common words before a generic acronym"))
            continue
        if len(words) == 1:
            zipf = word_zipf(words[0].lower())
            if zipf >= anywhere_zipf or (zipf >= sentence_start_zipf and _SENTENCE_START_BEFORE.search(before)):
                dropped.append(Dropped(f, "a very common word"))
                continue
            if f.entity_type == "PERSON" and words[0].lower() in nouns:
                dropped.append(Dropped(f, "used as a noun after a determiner in this document"))
                continue
        if any(c.isupper() for c in surface):
            kept.append(f)
            continue
        if any(c.isupper() for c in seen[f.start:f.end]):
            if len(words) == 1 and f.entity_type not in ("PERSON", "LOCATION") and is_common_word(words[0]):
                dropped.append(Dropped(f, "one common word, capitalized only by the truecaser"))
            else:
                kept.append(f)
            continue
        if f.entity_type != "PERSON" and all(is_common_word(w) for w in words):
            dropped.append(Dropped(f, "lowercase model guess made of common words"))
            continue
        kept.append(replace(f, score=min(f.score, uncased_score), reason=f.reason + " (lowercase text: weak)"))
    return kept, dropped


_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,5}")
_POSSESSIVE_END = re.compile(r"['’]s$")


def judge_acronym_guesses(
    text: str, findings: list[Finding], verdicts: dict, *, recognizers: tuple[str, ...], threshold: float
) -> list[Finding]:
    """The model tags many acronyms as organizations, jargon too ("the CTMS", "an EMT").
    ``verdicts`` says how the transcript uses each acronym (acronym -> an object with
    ``score``, ``reason`` and ``against_name``, from the acronym recognizer): a model
    guess on an acronym that the transcript uses as a common noun, as jargon is used ("a
    CTMS and", "KPIs"), takes that verdict's score (0) and its reason. Any other acronym
    the model guessed stays its guess ("the ECB" is written like "the CRO"). Runs before the
    threshold, so such a guess is listed among the dropped findings with the reason."""
    if not verdicts:
        return findings
    out = []
    for f in findings:
        if f.recognizer in recognizers:
            surface = _POSSESSIVE_END.sub("", text[f.start:f.end])
            verdict = verdicts.get(surface) if _ACRONYM.fullmatch(surface) else None
            if verdict is not None and verdict.against_name and verdict.score < threshold <= f.score:
                f = Finding(f.start, f.end, f.entity_type, verdict.score, f.recognizer,
                            f"{f.reason}; {verdict.reason}", f.canonical)
        out.append(f)
    return out


def widen_by_candidates(
    findings: list[Finding], dropped: list[Dropped], *, recognizers: frozenset[str]
) -> list[Finding]:
    """A weak candidate from ``recognizers`` that starts where a kept name of its type starts
    and runs on past it widens that name: the model found "brenlow" and the suffix rule
    "brenlow it solutions"; together they say where the one name ends, so the surrogate
    covers all of it instead of leaving "it solutions" in clear. One lookup per finding.
    Only a wider span of the same type that starts at the same character counts: a candidate
    that begins earlier would bring in words no signal tied to the name."""
    if not recognizers:
        return findings
    longest: dict[tuple[int, str], int] = {}  # (start, type) -> the furthest end a candidate reaches
    for x in dropped:
        c = x.finding
        if x.kind == WEAK and c.recognizer in recognizers:
            key = (c.start, c.entity_type)
            longest[key] = max(longest.get(key, c.end), c.end)
    if not longest:
        return findings
    out = []
    for f in findings:
        end = longest.get((f.start, f.entity_type), f.end)
        if end > f.end:
            f = replace(f, end=end, reason=f"{f.reason}; widened to the whole name a weaker signal marked")
        out.append(f)
    return out


def drop_boilerplate(
    findings: list[Finding], spans: list[tuple[int, int]], types: frozenset[str]
) -> tuple[list[Finding], list[Dropped]]:
    """Tool names and addresses on lines a tool added identify nobody; people stay."""
    if not spans:
        return findings, []
    kept, dropped = [], []
    for f in findings:
        if f.entity_type in types and any(s <= f.start and f.end <= e for s, e in spans):
            dropped.append(Dropped(f, "on a line a transcription or analysis tool added", TOOL_LINE))
        else:
            kept.append(f)
    return kept, dropped


def subtract_placeholders(text: str, findings: list[Finding]) -> list[Finding]:
    """Placeholders stay exactly as written: cut them out of every other finding.

    A finding inside a placeholder disappears; one that reaches beyond it keeps only the
    outside part, if that part still has a word character.
    """
    holes = sorted((f.start, f.end) for f in findings if f.entity_type == PLACEHOLDER)
    if not holes:
        return findings
    # Only the holes that can touch a finding are tried on it: those that start before
    # its end, from the first whose furthest end (so far, in start order) passes its start.
    hole_starts = [hs for hs, _ in holes]
    furthest_end = list(accumulate((he for _, he in holes), max))
    out = [f for f in findings if f.entity_type == PLACEHOLDER]
    for f in findings:
        if f.entity_type == PLACEHOLDER:
            continue
        pieces = [(f.start, f.end)]
        first, last = bisect_right(furthest_end, f.start), bisect_left(hole_starts, f.end)
        for hs, he in holes[first:last]:
            next_pieces = []
            for s, e in pieces:
                if he <= s or hs >= e:
                    next_pieces.append((s, e))
                    continue
                if s < hs:
                    next_pieces.append((s, hs))
                if he < e:
                    next_pieces.append((he, e))
            pieces = next_pieces
        if pieces == [(f.start, f.end)]:
            out.append(f)
            continue
        for s, e in pieces:
            # Trim the whitespace and punctuation left at a cut.
            if s != f.start:  # a possessive left after a placeholder: "Company Y's"
                s += len(_CUT_START.match(text, s, e).group())
            while e > s and e != f.end and not text[e - 1].isalnum():
                e -= 1
            if _WORD.search(text[s:e] or ""):
                out.append(replace(f, start=s, end=e))
    return out


def protect_union(findings: list[Finding], operator_for, *, name_types: frozenset[str]) -> list[Decision]:
    """Merge overlapping findings into one decision covering their union.

    A leak is worse than a slightly longer redaction, so overlaps never shrink a span.
    The merged span takes the type of its strongest source (score, then length), and only
    a source of that type lends it a canonical form. A contact (an email, a phone number)
    is its own span: names found inside it ("priya" in "priya.raman@...") are part of the
    contact, never a person that the contact's tag would then stand for.
    Placeholders are never merged with anything (they were cut out before).
    """
    contacts = [f for f in findings if f.entity_type not in name_types and f.entity_type != PLACEHOLDER]
    if contacts:
        findings = [f for f in findings if f.entity_type not in name_types
                    or not any(c.start <= f.start and f.end <= c.end for c in contacts)]
    decisions: list[Decision] = []
    group: list[Finding] = []
    group_end = -1

    def flush() -> None:
        if not group:
            return
        # Ties are broken by recognizer name, so reports are the same in every process.
        best = max(group, key=lambda f: (f.score, f.length, f.recognizer))
        reasons = []
        for f in sorted(group, key=lambda f: (-f.score, f.recognizer, f.reason)):
            if f.reason not in reasons:
                reasons.append(f.reason)
        decisions.append(
            Decision(
                start=min(f.start for f in group),
                end=max(f.end for f in group),
                entity_type=best.entity_type,
                score=best.score,
                recognizer=best.recognizer,
                reason="; ".join(reasons),
                operator=operator_for(best.entity_type),
                sources=tuple(group),
                canonical=next((f.canonical for f in sorted(group, key=lambda f: (-f.score, f.recognizer))
                                if f.canonical and f.entity_type == best.entity_type), None),
                term_match=next((f.term_match for f in sorted(group, key=lambda f: (-f.score, f.recognizer))
                                 if f.term_match and f.entity_type == best.entity_type), None),
            )
        )

    ordered = sorted(findings, key=lambda f: (f.start, -f.end))
    for f in ordered:
        if f.entity_type == PLACEHOLDER:
            continue
        if group and f.start < group_end:
            group.append(f)
            group_end = max(group_end, f.end)
            continue
        flush()
        group, group_end = [f], f.end
    flush()
    placeholders = [
        Decision(f.start, f.end, PLACEHOLDER, f.score, f.recognizer, f.reason, "keep", (f,))
        for f in ordered
        if f.entity_type == PLACEHOLDER
    ]
    return sorted(decisions + _dedupe(placeholders), key=lambda d: d.start)


def _dedupe(placeholders: list[Decision]) -> list[Decision]:
    seen, out = set(), []
    for d in placeholders:
        if any(s <= d.start and d.end <= e for s, e in seen):
            continue
        seen.add((d.start, d.end))
        out.append(d)
    return out
