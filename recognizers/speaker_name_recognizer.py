"""Names in speaker labels and transcript headers.

"Amin: ...", "Dr Lee: ...", "Jane Doe  12:41" (Otter), "Interview 5 - Amin",
"Participant: Dr Lee". A label that is a role ("Interviewer:", "P1:", "Speaker 2")
is layout, not a name; the engine's noise filter knows the roles, and this recognizer
asks it before reporting.
"""
from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from recognizers.base import TranscriptRecognizer
from recognizers.options import SpeakerNameOptions
from service.vocabulary.entity_types import PERSON
from service.vocabulary.person_titles import TITLE_ALTERNATION

# One to four name-like words (initials and titles allowed), as speakers are written.
_NAME = rf"(?:(?:{TITLE_ALTERNATION})\.?\s+)?[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){{0,3}}"

_LABEL_LINE = re.compile(rf"^[ \t]*(?P<name>{_NAME})[ \t]*(?:\([^)\n]*\))?[ \t]*:(?![0-9])", re.MULTILINE)
_OTTER_LINE = re.compile(rf"^[ \t]*(?P<name>{_NAME})[ \t]{{2,}}(?:\d{{1,2}}:)?\d{{1,2}}:\d{{2}}[ \t]*$", re.MULTILINE)
_HEADER_LINE = re.compile(
    rf"^[ \t]*(?:Interview|Transcript|Session|Call|Meeting|Participant|Interviewee|Respondent|Speaker)"
    rf"(?:[ \t]+(?:no\.?|#)?[ \t]*[\w.-]{{1,6}})?[ \t]*[-–—:|,][ \t]*(?P<name>{_NAME})[ \t]*$",
    re.MULTILINE,
)
_TITLE = re.compile(rf"^(?:{TITLE_ALTERNATION})\.?\s+", re.IGNORECASE)


class SpeakerNameRecognizer(TranscriptRecognizer):
    NAME = "speaker_name.v1"
    ENTITIES = (PERSON,)

    def __init__(self, options: SpeakerNameOptions | None = None, *, is_role=None) -> None:
        self.score = (options or SpeakerNameOptions()).score
        # Callable(surface) -> bool; the engine passes its noise filter so roles are skipped.
        self.is_role = is_role or (lambda surface: False)
        super().__init__()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and "PERSON" not in entities:
            return []
        results = []
        for pattern, reason in (
            (_LABEL_LINE, "speaker label"),
            (_OTTER_LINE, "speaker line with a timestamp"),
            (_HEADER_LINE, "name in a transcript header"),
        ):
            for match in pattern.finditer(text):
                start, end = match.span("name")
                surface = text[start:end].rstrip(".")
                end = start + len(surface)
                # A title alone is not a name; "Dr Lee" is reported whole.
                bare = _TITLE.sub("", surface)
                if not bare or self.is_role(surface) or self.is_role(bare) or self._has_role_word(surface):
                    continue
                results.append(self.result(start, end, "PERSON", self.score, f"{reason} that is not a role"))
        return results

    def _has_role_word(self, surface: str) -> bool:
        # "Speaker 2", "Interviewer A": the first word alone is a role.
        first = surface.split()[0] if surface.split() else surface
        return len(surface.split()) > 1 and self.is_role(first) and not _TITLE.match(surface)
