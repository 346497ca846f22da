"""Names in speaker labels and transcript headers, and labels that are layout.

Labels: "Amin: ...", "Dr Lee: ...", "Jane Doe  12:41" (Otter), "Jane Doe (00:01:42): ...",
"[00:01:42] Jane Doe: ...", "[SPEAKER_00] ...". Headers: "Interview 5 - Amin",
"Participant: Dr Lee", "Interviewee: Jane Doe (Northwind)", "Transcriber: ...", and lists of
speakers ("SPEAKERS" then "Jane Doe, Speaker 1" in an Otter export, "Attendees: ...").

Roles are decided by the engine's noise filter (``why_noise``), never by lists of names:
- a bare role ("Interviewer:", "Int:", a single letter "R:") is layout and not reported;
- a role with a number, a letter or a qualifier ("SPEAKER_00", "Speaker 2", "P4",
  "Unknown Speaker") is reported as PLACEHOLDER, so the engine keeps it exactly as written
  and nothing inside it becomes a name;
- a label that is a name is reported as PERSON without its timestamp, colon, affiliation
  or role word ("Interviewer Jane:" -> "Jane");
- in lowercase speech-to-text a label is a name by the same patterns ("jane doe:"), when
  it is no role, holds no function word ("so the thing is:") and either labels two or more
  turns or has a word rare in English (``lowercase_rare_zipf``).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Iterator

from presidio_analyzer import RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from recognizers.base import TranscriptRecognizer
from recognizers.options import SpeakerNameOptions
from service.vocabulary.entity_types import PERSON, PLACEHOLDER
from service.vocabulary.letters import UPPER
from service.vocabulary.person_titles import TITLE_ALTERNATION

ROLE_KINDS = frozenset({"speaker_roles", "role_abbreviations"})  # noise lists that hold roles

_TITLE_WORD = rf"(?:{TITLE_ALTERNATION})\.?"
# One to four name-like words (initials and a title allowed), as speakers are written.
_NAME = re.compile(rf"(?:{_TITLE_WORD}\s+)?{UPPER}[\w'’.-]*(?:[ \t\u00a0]+{UPPER}[\w'’.-]*){{0,3}}")
_TITLE = re.compile(rf"^{_TITLE_WORD}\s+", re.IGNORECASE)
_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
# A label as transcripts write it: words starting with a letter, digits and "_" allowed
# ("Dr Lee", "SPEAKER_00", "P 4", "Participant #3").
_LABEL = r"[^\W\d_][\w'’.-]*(?:[ \t\u00a0]+[\w'’.#-]+){0,5}"
_TIME_BEFORE = rf"(?:[\[(]?{_TIME}[\])]?[ \t]+)?"
_AFFILIATION = r"\([^()\n]*\)"

_LABEL_LINE = re.compile(
    rf"^[ \t]*{_TIME_BEFORE}(?P<open>\[)?(?P<label>{_LABEL})(?(open)\])[ \t]*(?:{_AFFILIATION}[ \t]*)?:(?![0-9])",
    re.MULTILINE,
)
_BRACKET_LINE = re.compile(rf"^[ \t]*{_TIME_BEFORE}\[(?P<label>{_LABEL})\](?=[ \t])", re.MULTILINE)
_OTTER_LINE = re.compile(rf"^[ \t]*(?P<label>{_LABEL})[ \t]{{2,}}{_TIME}[ \t\r]*$", re.MULTILINE)

_HEADER_KEYS = (
    "interview", "transcript", "session", "call", "meeting", "participants?",
    "interviewees?", "respondents?", "speakers?", "interviewers?", "moderators?", "facilitators?",
    "researchers?", "transcriber", "translator", "interpreter", "note ?taker", "host", "guests?",
    "attendees", "present", "transcribed by", "interviewed by", "recorded by",
)
_HEADER_LINE = re.compile(
    rf"^[ \t]*(?i:{'|'.join(_HEADER_KEYS)})(?:[ \t]+(?:no\.?|#)?[ \t]*[\w.-]{{1,6}})?"
    rf"[ \t]*[-–—:|,][ \t]*(?P<value>[^\r\n]*?)[ \t\r]*$",
    re.MULTILINE,
)
# A heading alone on its line, the list on the next one (Otter's SPEAKERS section).
_LIST_BLOCK = re.compile(
    r"^[ \t]*(?i:speakers|participants|attendees|interviewees|present)[ \t]*:?[ \t]*\r?\n"
    r"[ \t]*(?P<value>[^\r\n]*?)[ \t\r]*$",
    re.MULTILINE,
)
_LIST_SEPARATOR = re.compile(r"[ \t]*(?:[,;]|[ \t]&|[ \t]and(?=[ \t]))[ \t]*")
# A value that ends a sentence is speech ("Respondent: Absolutely."), unless the last word
# is an initial or a title ("Participant: Jane D.").
_SPEECH_END = re.compile(r"(?<![ \t.][A-Z])(?<!\b(?:Dr|Mr|Ms|Jr|Sr))(?<!\bMrs)(?<!\bProf)[.!?…]$")
_WORD = re.compile(r"\S+")
_DESIGNATED = re.compile(r"[\d_]")  # "Speaker 2", "SPEAKER_00"
# A speaker's name as lowercase speech-to-text writes it: one to three lowercase words.
_LOWER_NAME = re.compile(r"[a-z][a-z'’.-]*(?:[ \t]+[a-z][a-z'’.-]*){0,2}")


class SpeakerNameRecognizer(TranscriptRecognizer):
    NAME = "speaker_name.v1"
    ENTITIES = (PERSON, PLACEHOLDER)

    def __init__(self, options: SpeakerNameOptions | None = None, *,
                 why_noise: Callable[[str], str | None] | None = None,
                 word_zipf: Callable[[str], float] | None = None) -> None:
        options = options or SpeakerNameOptions()
        self.score = options.score
        self.role_score = options.role_score
        self.lowercase_rare_zipf = options.lowercase_rare_zipf
        # The engine's noise filter: the list a surface belongs to ("speaker_roles", ...) or None.
        self.why_noise = why_noise or (lambda surface: None)
        # How common a word is in English (wordfreq Zipf); without it, no word is rare.
        self.word_zipf = word_zipf or (lambda word: 99.0)
        super().__init__()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        wanted = set(entities or self.ENTITIES) & set(self.ENTITIES)
        found: dict[tuple[int, int, str], str] = {}
        for start, end, entity_type, reason in self._spans(text):
            if entity_type in wanted:
                found.setdefault((start, end, entity_type), reason)
        return [self.result(start, end, entity_type, self.role_score if entity_type == PLACEHOLDER else self.score,
                            reason) for (start, end, entity_type), reason in sorted(found.items())]

    def _spans(self, text: str) -> Iterator[tuple[int, int, str, str]]:
        labels = _label_counts(text)
        for pattern, where in ((_LABEL_LINE, "speaker label"), (_BRACKET_LINE, "speaker label"),
                               (_OTTER_LINE, "speaker line with a timestamp")):
            for match in pattern.finditer(text):
                judged = self._judge(text, *match.span("label"), labels=labels)
                # "[Company A] said": a bracketed word at a line start is a label only as a role.
                if judged and (pattern is not _BRACKET_LINE or judged[2] == PLACEHOLDER):
                    yield (*judged, _reason(judged[2], where))
        for pattern, where, strict in ((_HEADER_LINE, "name in a transcript header", False),
                                       (_LIST_BLOCK, "name in a list of speakers", True)):
            for match in pattern.finditer(text):
                for judged in self._judge_value(text, *match.span("value"), strict=strict, labels=labels):
                    yield (*judged, _reason(judged[2], where))

    def _judge_value(self, text: str, start: int, end: int, *, strict: bool,
                     labels: Counter[str]) -> list[tuple[int, int, str]]:
        """The names and role labels in a header value or a list of speakers; nothing when
        the value is speech or (a list) holds anything else."""
        value = text[start:end]
        if not value or _SPEECH_END.search(value):
            return []
        # Separators inside an affiliation do not split the list: "Jane Doe (CTO, Acme)".
        masked = re.sub(_AFFILIATION, lambda m: "(" + "x" * (len(m.group()) - 2) + ")", value)
        items, cursor = [], start
        for separator in _LIST_SEPARATOR.finditer(masked):
            items.append((cursor, start + separator.start()))
            cursor = start + separator.end()
        items.append((cursor, end))
        judged = []
        for a, b in items:
            affiliation = re.search(rf"[ \t]*{_AFFILIATION}$", text[a:b])
            if affiliation:
                b = a + affiliation.start()
            verdict = self._judge(text, a, b, labels=labels)
            if verdict:
                judged.append(verdict)
            elif strict or len(items) > 1:
                return []  # a list is names and roles only; anything else is prose
        return judged

    def _judge(self, text: str, start: int, end: int, *, labels: Counter[str]) -> tuple[int, int, str] | None:
        """(start, end, PERSON or PLACEHOLDER) for a label, or None when it is layout.
        ``labels`` counts how many turns each label (lower case) opens in the text."""
        while end > start and text[end - 1] in ". \t":
            end -= 1
        surface = text[start:end]
        if not surface:
            return None
        kind = self.why_noise(surface)
        if kind in ROLE_KINDS:
            designated = bool(_DESIGNATED.search(surface)) or len(surface.split()) > 1
            return (start, end, PLACEHOLDER) if designated else None
        if kind is not None or sum(c.isalpha() for c in surface) == 1:  # "Note:", "R:", "I:"
            return None
        if _DESIGNATED.search(surface):  # "Q3 Planning": a person's name has no digits
            return None
        words = [(start + m.start(), start + m.end()) for m in _WORD.finditer(surface)]
        # "Interviewer Jane": the role word is layout, the rest is the name.
        while words and self.why_noise(text[words[0][0]:words[0][1]]) in ROLE_KINDS:
            words.pop(0)
        if not words:
            return None
        start = words[0][0]
        name = text[start:end]
        bare = _TITLE.sub("", name)
        if not bare or self.why_noise(name) or self.why_noise(bare):
            return None
        if not _NAME.fullmatch(name) and not self._lowercase_name(bare, labels):
            return None
        if not _TITLE.match(name) and self.why_noise(name.split()[0]):  # "Okay Great"
            return None
        return start, end, PERSON


    def _lowercase_name(self, name: str, labels: Counter[str]) -> bool:
        """A lowercase label or header value that is a name: no function word in it
        ("so the thing is"), and it opens two or more turns or has a rare word in it."""
        if not _LOWER_NAME.fullmatch(name):
            return False
        words = name.split()
        if any(w in STOP_WORDS for w in words):
            return False
        return labels[" ".join(words)] >= 2 or any(self.word_zipf(w) < self.lowercase_rare_zipf for w in words)


def _label_counts(text: str) -> Counter[str]:
    """How many turns each label opens (lower case, single-spaced)."""
    counts: Counter[str] = Counter()
    for pattern in (_LABEL_LINE, _OTTER_LINE):
        for match in pattern.finditer(text):
            counts[" ".join(match.group("label").lower().split())] += 1
    return counts


def _reason(entity_type: str, where: str) -> str:
    if entity_type == PLACEHOLDER:
        return f"{where} that is a role: kept as written"
    return f"{where} that is not a role"
