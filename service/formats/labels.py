"""Speaker labels at the start of a line (Zoom, plain transcripts, diarized text):
"Name: text", "[00:01:42] Name: text", "Name (00:01:42): text", "[SPEAKER_00] text"."""
from __future__ import annotations

import re

_TIME_BEFORE = r"(?:[\[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?[\])]?[ \t]+)?"
_NAME = r"[^\W\d_][\w .'’\-\u00a0]{0,59}?"
_LABEL = re.compile(rf"{_TIME_BEFORE}\[?(?P<name>{_NAME})\]?[ \t]*(?:\([^()\n]*\)[ \t]*)?:(?:[ \t]|$)")
# Without a colon only a capitalized label counts: "[crosstalk] yes" is a tag, not a speaker.
_BRACKETED = re.compile(rf"{_TIME_BEFORE}\[(?P<name>(?=[A-Z]){_NAME})\](?=[ \t])")
MAX_LABEL_WORDS = 6


def speaker_label(line: str) -> tuple[int, int] | None:
    """Offsets of the speaker name in ``line``, if it starts with a short speaker label."""
    match = _LABEL.match(line) or _BRACKETED.match(line)
    if not match or len(match["name"].split()) > MAX_LABEL_WORDS:
        return None
    return match.start("name"), match.end("name")
