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
from .offsets import Edit, apply_edits, apply_edits_inverse, plan_edits

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
                escape: Callable[[str], str] = one_line, drop_emptied: bool = False,
                undo: list | None = None) -> bytes:
    """Splice replacements into the edited lines and re-encode as the file was.

    With ``drop_emptied`` a line that an edit leaves blank is removed with its
    line break: in VTT/SRT an empty line would end the cue early.  ``undo``, if
    given, receives ``[start, end, text]`` edits of the written (decoded) text
    that turn it back into the original exactly (see ``restore_lines``).
    """
    source: LineSource = transcript.state
    edits = plan_edits(transcript.pieces, replacements, escape)
    new_content: dict[int, tuple[str, list[Edit]] | None] = {}
    for index, line_edits in edits.items():
        content, line_undo = apply_edits_inverse(source.content(index), line_edits)
        new_content[index] = None if drop_emptied and not content.strip() else (content, line_undo)
    text, text_undo = _splice_lines(source, new_content)
    if undo is not None:
        undo.extend([e.start, e.end, e.text] for e in text_undo)
    return source.encoding.encode(text)


def restore_lines(data: bytes, format: str, undo: Sequence[Sequence]) -> bytes:
    """The file ``write_lines`` was given, from the bytes it wrote and the ``undo`` it filled."""
    text, encoding = decode(data, format)
    edits = [Edit(*item) for item in undo]
    if any(not 0 <= e.start <= e.end <= len(text) for e in edits):
        raise FormatError(format, "does not match its redaction record")
    return encoding.encode(apply_edits(text, edits))


def _splice_lines(source: LineSource, new_content: dict[int, tuple[str, list[Edit]] | None]) -> tuple[str, list[Edit]]:
    out: list[str] = []
    undo: list[Edit] = []
    cursor = 0
    position = 0  # length of the output so far

    def keep(until: int) -> None:
        nonlocal cursor, position
        if until > cursor:
            out.append(source.text[cursor:until])
            position += until - cursor
            cursor = until

    lines = source.lines
    for index in sorted(new_content):
        line = lines[index]
        change = new_content[index]
        if change is not None:
            content, line_undo = change
            keep(line.start)
            out.append(content)
            undo += [Edit(position + e.start, position + e.end, e.text) for e in line_undo]
            position += len(content)
            cursor = line.end
        elif line.break_end > line.end or index == 0:
            keep(line.start)
            undo.append(Edit(position, position, source.text[line.start:line.break_end]))
            cursor = line.break_end
        else:  # last line without a break: drop the break before it instead
            keep(lines[index - 1].end)
            undo.append(Edit(position, position, source.text[cursor:line.end]))
            cursor = line.end
    keep(len(source.text))
    return "".join(out), undo
