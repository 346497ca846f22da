"""Otter.ai text exports: "Jane Doe  12:41" header lines, each followed by the speech.

A full export opens with a preamble: a title line, the recording's date line
("Thu, Feb 15, 2024 9:30AM • 18:22"), a ``SUMMARY KEYWORDS`` section and a ``SPEAKERS``
section (a line listing the speakers), and ends with Otter's footer
("Transcribed by https://otter.ai").

The engine sees each turn as "Jane Doe: speech..." (the header's name without its
timestamp, then the first speech line), so a label that is a name is pseudonymized
consistently with the same name in the body. The title and both sections are read as
they are (names there are names; the SPEAKERS list reads like any list of speakers). The
date line and the footer are the tool's own layout: kept in the file byte for byte, never
shown to the engine.
"""
from __future__ import annotations

import re
from typing import Sequence

from service.models import Replacement

from .base import Segment, Transcript
from .offsets import TextBuilder
from .textfile import LineSource, read_lines, restore_lines, write_lines

_HEADER = re.compile(r"(?P<name>\S(?:.{0,58}\S)?)[ \t]+(?P<time>(?:\d{1,2}:)?\d{1,2}:\d{2})[ \t]*")
_MAX_NAME_WORDS = 6
_DATE_LINE = re.compile(
    r"[ \t]*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),[ \t]+"
    r"(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}(?:,[ \t]+\d{4})?)"
    r"[ \t]+\d{1,2}:\d{2}[ \t]?[AaPp][Mm](?:[ \t]*•[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2})?[ \t]*"
)
_FOOTER = re.compile(r"[ \t]*Transcribed[ \t]+by[ \t]+(?:https?://)?(?:www\.)?otter\.ai/?[ \t]*")
_SECTIONS = frozenset({"SUMMARY KEYWORDS", "SPEAKERS"})


def header_name(line: str) -> tuple[int, int, str] | None:
    """(name start, name end, timestamp) if ``line`` is an Otter speaker header."""
    match = _HEADER.fullmatch(line)
    if not match or match["name"][-1] in ".,;:!?" or len(match["name"].split()) > _MAX_NAME_WORDS:
        return None
    if is_tool_line(line):
        return None
    return match.start("name"), match.end("name"), match["time"]


def is_tool_line(line: str) -> bool:
    """The date line or the footer Otter writes around a transcript."""
    return bool(_DATE_LINE.fullmatch(line) or _FOOTER.fullmatch(line))


def header_lines(source: LineSource) -> list[int]:
    """Indices of header lines: a header opens the file or follows a blank line."""
    found = []
    for index in range(len(source.lines)):
        after_blank = index == 0 or not source.content(index - 1).strip()
        if after_blank and header_name(source.content(index)):
            found.append(index)
    return found


def looks_like_otter(source: LineSource) -> bool:
    """Speaker headers, and either the first line is one or Otter's own lines are there
    (the date line, a SUMMARY KEYWORDS / SPEAKERS section, the footer)."""
    headers = header_lines(source)
    if not headers:
        return False
    first = next(i for i in range(len(source.lines)) if source.content(i).strip())
    if first == headers[0]:
        return True
    preamble = (source.content(i).strip() for i in range(headers[0]))
    footer = any(_FOOTER.fullmatch(source.content(i)) for i in range(headers[-1], len(source.lines)))
    return footer or any(line in _SECTIONS or _DATE_LINE.fullmatch(line) for line in preamble)


class OtterFormat:
    name = "otter"
    content_type = "text/plain"
    extensions = ()

    def read(self, data: bytes) -> Transcript:
        source = read_lines(data, self.name)
        headers = set(header_lines(source))
        builder = TextBuilder()
        segments: list[Segment] = []
        turn: dict | None = None  # the open speaker turn

        def close_turn() -> None:
            if turn is not None:
                segments.append(Segment(turn["start"], turn["end"], turn["speaker"], turn["start"],
                                        turn["name_end"], begin=turn["time"]))

        index = 0
        count = len(source.lines)
        while index < count:
            if index:
                builder.literal("\n")
            content = source.content(index)
            if index in headers:
                close_turn()
                name_start, name_end, time = header_name(content)
                start, end = builder.mapped(content[name_start:name_end], index, name_start)
                turn = {"start": start, "end": end, "name_end": end, "time": time,
                        "speaker": content[name_start:name_end]}
                builder.literal(":")
                speech = index + 1
                if speech < count and speech not in headers and source.content(speech).strip():
                    builder.literal(" ")
                    _, turn["end"] = builder.mapped(source.content(speech), speech, 0)
                    index = speech
            elif content.strip() and not is_tool_line(content):
                start, end = builder.mapped(content, index, 0)
                if turn is None:
                    segments.append(Segment(start, end))
                else:
                    turn["end"] = end
            index += 1
        close_turn()
        return Transcript(builder.text(), segments, self.name, source=data,
                          pieces=builder.pieces, state=source)

    def write(self, transcript: Transcript, replacements: Sequence[Replacement], *, undo: list | None = None) -> bytes:
        return write_lines(transcript, replacements, undo=undo)

    def restore(self, data: bytes, undo: Sequence) -> bytes:
        return restore_lines(data, self.name, undo)


HANDLER = OtterFormat()
