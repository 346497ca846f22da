"""SubRip (.srt).

Our own strict reader keeps offsets; the ``srt`` library then parses the same
text as a second opinion and must find the same cues and timings.  Block rule
(as the srt library has it): a cue's text runs until an empty line that is
followed by a cue number and a timing line, so text after a stray empty line
stays in its cue instead of being lost.
"""
from __future__ import annotations

import datetime
import re
from typing import Sequence

import srt as srt_lib

from service.models import Replacement

from .base import FormatError, Transcript
from .cues import Cue, cues_transcript, milliseconds
from .offsets import TextBuilder
from .textfile import LineSource, read_lines, restore_lines, write_lines

_TIMESTAMP = r"\d{1,3}:[0-5]\d:[0-5]\d[,.]\d{3}"
_TIMING = re.compile(rf"[ \t]*(?P<begin>{_TIMESTAMP})[ \t]+-->[ \t]+(?P<end>{_TIMESTAMP})(?:[ \t].*)?")
_NUMBER = re.compile(r"[ \t]*\d+[ \t]*")
# Formatting that players hide: HTML-like tags and ASS override blocks such as {\an8}.
_TAG = re.compile(r"</?(?:[bius]|font)(?:[ \t][^<>]*)?>|\{\\[^{}]*\}", re.I)


class SrtFormat:
    name = "srt"
    content_type = "application/x-subrip"
    extensions = (".srt",)

    def read(self, data: bytes) -> Transcript:
        source = read_lines(data, self.name)
        cues = parse_cues(source)
        _cross_check(source, cues)
        return cues_transcript(data, source, cues, self.name, _build_cue_line)

    def write(self, transcript: Transcript, replacements: Sequence[Replacement], *, undo: list | None = None) -> bytes:
        return write_lines(transcript, replacements, drop_emptied=True, undo=undo)

    def restore(self, data: bytes, undo: Sequence) -> bytes:
        return restore_lines(data, self.name, undo)


def _blank(source: LineSource, index: int) -> bool:
    return not source.content(index).strip()


def _starts_cue(source: LineSource, index: int) -> bool:
    return (index + 1 < len(source.lines) and bool(_NUMBER.fullmatch(source.content(index)))
            and "-->" in source.content(index + 1))


def parse_cues(source: LineSource) -> list[Cue]:
    count = len(source.lines)
    cues: list[Cue] = []
    index = 0
    while index < count and _blank(source, index):
        index += 1
    while index < count:
        if not _NUMBER.fullmatch(source.content(index)):
            raise source.error("srt", "expected a cue number", index)
        if index + 1 >= count:
            raise source.error("srt", "cue number without a timing line", index)
        timing = _TIMING.fullmatch(source.content(index + 1))
        if not timing:
            raise source.error("srt", "malformed cue timing (expected 'hh:mm:ss,ttt --> hh:mm:ss,ttt')",
                               index + 1)
        if milliseconds(timing["end"]) < milliseconds(timing["begin"]):
            raise source.error("srt", "cue ends before it starts", index + 1)
        index += 2
        text_lines: list[int] = []
        while index < count:
            if _blank(source, index):
                after = index
                while after < count and _blank(source, after):
                    after += 1
                if after == count or _starts_cue(source, after):
                    index = after
                    break
            elif "-->" in source.content(index):
                raise source.error("srt", "cue text contains '-->' (missing cue number or empty line?)",
                                   index)
            text_lines.append(index)
            index += 1
        while text_lines and _blank(source, text_lines[-1]):
            text_lines.pop()
        cues.append(Cue(timing["begin"], timing["end"], tuple(text_lines)))
    return cues


def _cross_check(source: LineSource, cues: list[Cue]) -> None:
    try:
        parsed = list(srt_lib.parse(source.text))
    except Exception:  # SRTParseError, or any crash of the second opinion
        # the library's messages quote the file, so they are not passed on
        raise FormatError("srt", "the srt library cannot parse the file") from None
    theirs = [(_ms(s.start), _ms(s.end)) for s in parsed]
    ours = [(milliseconds(c.begin), milliseconds(c.end)) for c in cues]
    if theirs != ours:
        raise FormatError("srt", f"cue structure is ambiguous ({len(ours)} cues found, "
                                 f"the srt library finds {len(theirs)})")


def _ms(delta: datetime.timedelta) -> int:
    return round(delta.total_seconds() * 1000)


def _build_cue_line(builder: TextBuilder, line: str, slot: int) -> None:
    cursor = 0
    for tag in _TAG.finditer(line):
        builder.mapped(line[cursor:tag.start()], slot, cursor)
        cursor = tag.end()
    builder.mapped(line[cursor:], slot, cursor)


HANDLER = SrtFormat()
