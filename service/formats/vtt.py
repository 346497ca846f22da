"""WebVTT (Zoom, Teams, YouTube captions).

Parsed with our own strict block reader, because we need offsets and because
webvtt-py silently drops malformed cues (a dropped cue is text we would never
redact).  webvtt-py then parses the same text in strict mode as a second
opinion: both must agree on every cue timing, or the file is refused.
"""
from __future__ import annotations

import html
import re
from typing import Sequence

import webvtt

from service.models import Replacement

from .base import FormatError, Transcript
from .cues import Aside, Cue, cues_transcript, milliseconds
from .offsets import TextBuilder
from .textfile import LineSource, one_line, read_lines, restore_lines, write_lines

_TIMESTAMP = r"(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}"
_TIMING = re.compile(rf"(?P<begin>{_TIMESTAMP})[ \t]+-->[ \t]+(?P<end>{_TIMESTAMP})(?:[ \t].*)?")
_HEADER = re.compile(r"\ufeff?WEBVTT(?:[ \t].*)?")
_TEXT_FREE_BLOCKS = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?")
# Blocks read as plain text: a note can name anyone, a style sheet's comments too.
_READ_BLOCKS = ("NOTE", "STYLE")
# A tag, an entity, or a run of plain text (a '<' or '&' that starts neither is text).
_TOKEN = re.compile(r"<(?P<tag>[^<>]*)>|(?P<entity>&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]+);)|[^<&]+|[<&]")
_VOICE = re.compile(r"v(?:\.[^\s>]*)?[ \t\f]+(?P<name>.+)", re.S)


class VttFormat:
    name = "vtt"
    content_type = "text/vtt"
    extensions = (".vtt",)

    def read(self, data: bytes) -> Transcript:
        source = read_lines(data, self.name)
        cues = parse_cues(source)
        _cross_check(source, cues)
        return cues_transcript(data, source, cues, self.name, _build_cue_line)

    def write(self, transcript: Transcript, replacements: Sequence[Replacement], *, undo: list | None = None) -> bytes:
        return write_lines(transcript, replacements, escape=_escape, drop_emptied=True, undo=undo)

    def restore(self, data: bytes, undo: Sequence) -> bytes:
        return restore_lines(data, self.name, undo)


def _escape(surrogate: str) -> str:
    return html.escape(one_line(surrogate), quote=False)


def parse_cues(source: LineSource) -> list[Cue | Aside]:
    """Cues of a WebVTT file, with the header and the NOTE and STYLE blocks as asides;
    FormatError for anything that is not exactly a header, a NOTE/STYLE/REGION block or
    a well-formed cue."""
    count = len(source.lines)
    header = _HEADER.fullmatch(source.content(0))
    if not header:
        raise source.error("vtt", "does not start with a 'WEBVTT' header line", 0)
    index = 1
    while index < count and source.content(index):  # header metadata runs to the first empty line
        if "-->" in source.content(index):
            raise source.error("vtt", "cue timing inside the header (missing empty line)", index)
        index += 1
    # The header's title and metadata ("WEBVTT - Interview with ...", "Kind: captions")
    cues: list[Cue | Aside] = [Aside(tuple(range(index)), _keyword_end(source.content(0)))]
    while index < count:
        if not source.content(index):
            index += 1
            continue
        block = [index]
        while index + 1 < count and source.content(index + 1):
            index += 1
            block.append(index)
        index += 1
        first = source.content(block[0])
        if _TEXT_FREE_BLOCKS.fullmatch(first):
            arrow = next((i for i in block if "-->" in source.content(i)), None)
            if arrow is not None:
                raise source.error("vtt", "'-->' inside a NOTE/STYLE/REGION block", arrow)
            if first.split(maxsplit=1)[0] in _READ_BLOCKS:
                cues.append(Aside(tuple(block), _keyword_end(first)))
            continue
        timing = 0 if "-->" in first else 1
        if timing >= len(block) or "-->" not in source.content(block[timing]):
            raise source.error("vtt", "block has no cue timing line", block[0])
        cues.append(_parse_cue(source, block, timing))
    return cues


def _keyword_end(line: str) -> int:
    """Where the text after a block's keyword (and the blanks after it) starts: an edit
    of that text never touches the keyword, which must stay a word of its own."""
    return re.match(r"\ufeff?\S*[ \t]*", line).end()


def _parse_cue(source: LineSource, block: list[int], timing: int) -> Cue:
    line = block[timing]
    match = _TIMING.fullmatch(source.content(line))
    if not match:
        raise source.error("vtt", "malformed cue timing (expected 'hh:mm:ss.ttt --> hh:mm:ss.ttt')", line)
    if milliseconds(match["end"]) < milliseconds(match["begin"]):
        raise source.error("vtt", "cue ends before it starts", line)
    payload = tuple(block[timing + 1:])
    for index in payload:
        if "-->" in source.content(index):
            raise source.error("vtt", "cue text contains '-->' (missing empty line between cues?)", index)
    return Cue(match["begin"], match["end"], payload)


def _cross_check(source: LineSource, cues: list[Cue]) -> None:
    try:
        parsed = webvtt.from_string(source.text, strict=True)
    except Exception:  # MalformedCaptionError & co., or any crash of the second opinion
        # webvtt-py's messages quote the cue, so they are not passed on
        raise FormatError("vtt", "webvtt-py rejects the file in strict mode") from None
    theirs = [(milliseconds(c.start), milliseconds(c.end)) for c in parsed.captions]
    ours = [(milliseconds(c.begin), milliseconds(c.end)) for c in cues if isinstance(c, Cue)]
    if theirs != ours:
        raise FormatError("vtt", f"cue structure is ambiguous ({len(ours)} cues found, "
                                 f"webvtt-py finds {len(theirs)})")


def _build_cue_line(builder: TextBuilder, line: str, slot: int) -> tuple[int, int] | None:
    """Append the visible text of one cue line; return the span of a voice-tag name.

    Tags are dropped, entities decoded (atomic pieces), and ``<v Name>``
    becomes "Name: " so the engine sees it like a Zoom speaker prefix.
    """
    voice = None
    for match in _TOKEN.finditer(line):
        tag = match["tag"]
        if tag is not None:
            speaker = _VOICE.fullmatch(tag)
            if speaker and speaker["name"].strip():
                name = speaker["name"].strip()
                offset = match.start("tag") + speaker.start("name") + speaker["name"].index(name)
                span = builder.mapped(html.unescape(name), slot, offset, offset + len(name))
                builder.literal(": ")
                voice = voice or span
        elif match["entity"] is not None:
            shown = html.unescape(match["entity"])
            builder.mapped(shown, slot, match.start(), match.end())
        else:
            builder.mapped(match[0], slot, match.start())
    return voice


HANDLER = VttFormat()
