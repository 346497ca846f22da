"""Decoding text files strictly, splitting them into lines, and splicing lines back.

Text formats keep the decoded file as their source and use line numbers as
slots, so the writer changes only the edited lines and every line break, the
BOM and the encoding stay exactly as they were.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from service.models import Replacement

from .base import FormatError, Transcript
from .offsets import apply_edits, plan_edits

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class TextEncoding:
    codec: str
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)

    def byte_offset(self, text: str, index: int) -> int:
        return len(self.bom) + len(text[:index].encode(self.codec))


def decode(data: bytes, format: str) -> tuple[str, TextEncoding]:
    """Strictly decode UTF-8 (BOM optional) or UTF-16/32 with a BOM."""
    codec, bom = "utf-8", b""
    for candidate, name in _BOMS:
        if data.startswith(candidate):
            codec, bom = name, candidate
            break
    if not bom:
        nul = data.find(b"\x00")
        if nul >= 0:
            # UTF-16 without a BOM is refused: guessing its byte order is unreliable
            raise FormatError(format, "contains a NUL byte: binary data, or UTF-16/UTF-32 "
                              "text without a byte-order mark", line=data.count(b"\n", 0, nul) + 1,
                              offset=nul)
    body = data[len(bom):]
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as error:
        offset = len(bom) + error.start
        line = body[:error.start].decode(codec, errors="replace").count("\n") + 1
        raise FormatError(format, f"is not valid {codec.upper()} text; save it as UTF-8",
                          line=line, offset=offset) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise FormatError(format, "contains a NUL character", line=text.count("\n", 0, nul) + 1,
                          offset=len(bom) + len(text[:nul].encode(codec)))
    return text, TextEncoding(codec, bom)


@dataclass(frozen=True)
class Line:
    number: int  # 1-based
    start: int
    end: int  # end of the content, before the line break
    break_end: int  # end of the line break (== end on a last line without one)


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    start = 0
    for match in LINE_BREAK.finditer(text):
        lines.append(Line(len(lines) + 1, start, match.start(), match.end()))
        start = match.end()
    if start < len(text) or not lines:
        lines.append(Line(len(lines) + 1, start, len(text), len(text)))
    return lines


@dataclass(frozen=True)
class LineSource:
    """Writer state of a text format: the decoded file and its lines (slot = line index)."""

    text: str
    encoding: TextEncoding
    lines: list[Line]

    def content(self, index: int) -> str:
        line = self.lines[index]
        return self.text[line.start:line.end]

    def error(self, format: str, reason: str, index: int) -> FormatError:
        line = self.lines[index]
        return FormatError(format, reason, line=line.number,
                           offset=self.encoding.byte_offset(self.text, line.start))


def read_lines(data: bytes, format: str) -> LineSource:
    text, encoding = decode(data, format)
    return LineSource(text, encoding, split_lines(text))


def one_line(surrogate: str) -> str:
    """A surrogate must not add line breaks to a line-based format."""
    return LINE_BREAK.sub(" ", surrogate)


def write_lines(transcript: Transcript, replacements: Sequence[Replacement],
                escape: Callable[[str], str] = one_line, drop_emptied: bool = False) -> bytes:
    """Splice replacements into the edited lines and re-encode as the file was.

    With ``drop_emptied`` a line that an edit leaves blank is removed with its
    line break: in VTT/SRT an empty line would end the cue early.
    """
    source: LineSource = transcript.state
    edits = plan_edits(transcript.pieces, replacements, escape)
    new_content: dict[int, str | None] = {}
    for index, line_edits in edits.items():
        content = apply_edits(source.content(index), line_edits)
        new_content[index] = None if drop_emptied and not content.strip() else content
    return source.encoding.encode(_splice_lines(source, new_content))


def _splice_lines(source: LineSource, new_content: dict[int, str | None]) -> str:
    out: list[str] = []
    cursor = 0
    lines = source.lines
    for index in sorted(new_content):
        line = lines[index]
        content = new_content[index]
        if content is not None:
            out.append(source.text[cursor:line.start])
            out.append(content)
            cursor = line.end
        elif line.break_end > line.end or index == 0:
            out.append(source.text[cursor:line.start])
            cursor = line.break_end
        else:  # last line without a break: drop the break before it instead
            previous = lines[index - 1]
            out.append(source.text[cursor:max(cursor, previous.end)])
            cursor = line.end
    out.append(source.text[cursor:])
    return "".join(out)
