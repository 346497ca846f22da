"""Plain text: the engine sees the decoded file (one slot: the whole file), character for
character, except that terminal escape sequences (ANSI colours in a saved console log) are
shown to it as spaces: they are no part of a word, and no replacement ever touches them."""
from __future__ import annotations

import re
from typing import Sequence

from service.models import Replacement

from .base import Segment, Transcript
from .labels import speaker_label
from .offsets import TextBuilder
from .textfile import Line, LineSource, decode, restore_lines, split_lines, write_lines

# ECMA-48 control sequences (CSI "ESC [ ... m"), operating system commands (OSC, ended by
# BEL or "ESC \\") and two-character escapes.
ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")


class TextFormat:
    name = "text"
    content_type = "text/plain"
    extensions = (".txt", ".text")

    def read(self, data: bytes) -> Transcript:
        text, encoding = decode(data, self.name)
        # One pseudo-line holding the whole file, so text == decoded file exactly.
        whole = Line(1, 0, len(text), len(text))
        builder = TextBuilder()
        cursor = 0
        for escape in ESCAPE_SEQUENCE.finditer(text):  # same length, so offsets stay the file's
            builder.mapped(text[cursor:escape.start()], 0, cursor)
            builder.literal(" " * (escape.end() - escape.start()))
            cursor = escape.end()
        builder.mapped(text[cursor:], 0, cursor)
        shown = builder.text()
        return Transcript(shown, _line_segments(shown), self.name, source=data,
                          pieces=builder.pieces, state=LineSource(text, encoding, [whole]))

    def write(self, transcript: Transcript, replacements: Sequence[Replacement], *, undo: list | None = None) -> bytes:
        return write_lines(transcript, replacements, escape=lambda s: s, undo=undo)

    def restore(self, data: bytes, undo: Sequence) -> bytes:
        return restore_lines(data, self.name, undo)


def _line_segments(text: str) -> list[Segment]:
    """One segment per non-blank line, with its "Name:" label if it has one."""
    segments = []
    for line in split_lines(text):
        content = text[line.start:line.end]
        if not content.strip():
            continue
        label = speaker_label(content)
        if label:
            a, b = line.start + label[0], line.start + label[1]
            segments.append(Segment(line.start, line.end, text[a:b], a, b))
        else:
            segments.append(Segment(line.start, line.end))
    return segments


HANDLER = TextFormat()
