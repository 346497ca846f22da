"""What VTT and SRT share: cue records, timestamp arithmetic and the cue-text layout."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .base import Segment
from .labels import speaker_label
from .offsets import TextBuilder


@dataclass(frozen=True)
class Cue:
    begin: str  # as written
    end: str
    text_lines: tuple[int, ...]  # indices of the cue's payload lines


def milliseconds(timestamp: str) -> int:
    """'01:02:03.456', '02:03,456' or '1:02:03,456' -> milliseconds."""
    clock, fraction = re.split(r"[.,]", timestamp)
    total = 0
    for part in clock.split(":"):
        total = total * 60 + int(part)
    return total * 1000 + int(fraction)


def cue_segment(builder: TextBuilder, start: int, cue: Cue, voice: tuple[int, int] | None) -> Segment:
    """The segment for a cue whose text was built from ``start``; the speaker is the
    voice-tag name if there is one, else a Zoom-style "Name:" prefix."""
    end = builder.position
    text = builder.span(start, end)
    if voice is None:
        label = speaker_label(text)
        voice = (start + label[0], start + label[1]) if label else None
    if voice is None:
        return Segment(start, end, begin=cue.begin, end_time=cue.end)
    return Segment(start, end, builder.span(*voice), voice[0], voice[1], cue.begin, cue.end)
