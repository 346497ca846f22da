"""What VTT and SRT share: cue records, timestamp arithmetic and the cue-text layout."""
from __future__ import annotations

import re
from dataclasses import dataclass

from typing import Callable

from .base import Segment, Transcript
from .labels import speaker_label
from .offsets import TextBuilder
from .textfile import LineSource


@dataclass(frozen=True)
class Cue:
    begin: str  # as written
    end: str
    text_lines: tuple[int, ...]  # indices of the cue's payload lines


@dataclass(frozen=True)
class Aside:
    """A block of a subtitle file that is not a cue but can hold names (a WebVTT header
    title, NOTE or STYLE block): read as plain text, from ``skip`` characters into its
    first line (past the keyword)."""

    lines: tuple[int, ...]
    skip: int = 0


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


# Appends one cue line's visible text to the builder; returns the span of a voice name, if any.
LineBuilder = Callable[[TextBuilder, str, int], "tuple[int, int] | None"]


def cues_transcript(data: bytes, source: LineSource, cues: list[Cue | Aside], format: str,
                    build_line: LineBuilder) -> Transcript:
    """The transcript of a subtitle file: each cue's lines joined by newlines, cues one
    after another, empty cues left out. The cue's speaker is its first voice name.
    An aside's lines are read as they are written."""
    builder = TextBuilder()
    segments: list[Segment] = []
    for cue in cues:
        if isinstance(cue, Aside):
            _add_aside(builder, segments, source, cue)
            continue
        if not cue.text_lines:
            continue
        if builder.position:
            builder.literal("\n")
        start = builder.position
        voice = None
        for n, index in enumerate(cue.text_lines):
            if n:
                builder.literal("\n")
            line_voice = build_line(builder, source.content(index), index)
            voice = voice or line_voice
        segments.append(cue_segment(builder, start, cue, voice))
    return Transcript(builder.text(), segments, format, source=data, pieces=builder.pieces, state=source)


def _add_aside(builder: TextBuilder, segments: list[Segment], source: LineSource, aside: Aside) -> None:
    for n, index in enumerate(aside.lines):
        skip = aside.skip if n == 0 else 0
        content = source.content(index)[skip:]
        if not content.strip():
            continue
        if builder.position:
            builder.literal("\n")
        start = builder.position
        builder.mapped(content, index, skip)
        segments.append(Segment(start, builder.position))
