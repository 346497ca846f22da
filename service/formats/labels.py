"""Speaker labels written as "Name: text" at the start of a line (Zoom, plain transcripts)."""
from __future__ import annotations

import re

_LABEL = re.compile(r"(?P<name>[^\W\d_][\w .'’()\-]{0,59}?)[ \t]*:(?:[ \t]|$)")
MAX_LABEL_WORDS = 6


def speaker_label(line: str) -> tuple[int, int] | None:
    """Offsets of the speaker name in ``line``, if it starts with a short "Name:" label."""
    match = _LABEL.match(line)
    if not match or len(match["name"].split()) > MAX_LABEL_WORDS:
        return None
    return match.start("name"), match.end("name")
