"""Where a finding is: offsets into Transcript.text mapped back to the file's own lines.

The format layer keeps an offset map (``Transcript.pieces``: which part of the text shows
which slice of which source string), and the text formats keep the decoded file
(``LineSource``), so a finding maps to the line a user sees in an editor:

    text, otter, vtt, srt   line of the file (1-based); column = character in that line
                            (1-based, BOM not counted)
    json                    line of the file, column of the name's first character inside the
                            JSON string literal (escapes counted as written)
    docx                    paragraph number in reading order (body, headers, footers,
                            footnotes, endnotes, comments, then author properties: one
                            paragraph or property per line of Transcript.text, and a manual
                            line break inside a paragraph starts a new line); column =
                            character in that line

Text the format layer adds (the ": " after a ``<v Name>`` voice) maps to the next real
character. Any other format falls back to the line within Transcript.text. The hook, the
CLI's ``analyze`` and the API's file analysis all report positions through this one map.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Callable, Hashable

from .base import Transcript
from .json_stt import JsonSource
from .offsets import MAIN, Piece
from .textfile import LineSource, split_lines


@dataclass(frozen=True)
class Location:
    line: int
    col: int


class Locator:
    def __init__(self, transcript: Transcript) -> None:
        self.format = transcript.format
        self._pieces: list[Piece] = sorted((p for p in transcript.pieces if p.layer == MAIN), key=lambda p: p.start)
        self._piece_ends = [p.end for p in self._pieces]
        state = transcript.state
        self._to_source: Callable[[Hashable, int], int] | None
        if isinstance(state, LineSource):
            self.source = state.text
            self._to_source = lambda slot, i: state.lines[slot].start + i
        elif isinstance(state, JsonSource):
            self.source = state.text
            self._to_source = lambda slot, i: state.spans[slot][0] + _json_raw_index(state.text, state.spans[slot][0], i)
        else:  # docx, or a format without a text source: lines of Transcript.text
            self.source = transcript.text
            self._to_source = None
        self._lines = split_lines(self.source)
        self._line_starts = [line.start for line in self._lines]

    def source_offset(self, offset: int) -> int:
        """The index in ``self.source`` of Transcript.text[offset]."""
        if self._to_source is None:
            return offset
        i = bisect.bisect_right(self._piece_ends, offset)  # first piece ending after offset
        if not self._pieces:
            return 0
        i = min(i, len(self._pieces) - 1)
        piece = self._pieces[i]
        inside = piece.slot_start
        if piece.exact and offset > piece.start:
            inside = min(inside + offset - piece.start, piece.slot_end)
        return self._to_source(piece.slot, inside)

    def locate(self, offset: int) -> Location:
        source_offset = self.source_offset(offset)
        index = max(bisect.bisect_right(self._line_starts, source_offset) - 1, 0)
        return Location(index + 1, source_offset - self._lines[index].start + 1)

    def line_count(self) -> int:
        return len(self._lines)

    def line_text(self, number: int) -> str:
        """Line ``number`` (1-based) of the file (of the paragraphs, for docx)."""
        line = self._lines[number - 1]
        return self.source[line.start:line.end]


def _json_raw_index(text: str, token_start: int, index: int) -> int:
    """Offset, from the opening quote, of character ``index`` of the JSON string at ``token_start``."""
    i, n = token_start + 1, 0
    while n < index:
        if text[i] != "\\":
            i += 1
        elif text[i + 1] != "u":
            i += 2
        else:
            code = int(text[i + 2:i + 6], 16)
            i += 6
            # json decodes an escaped surrogate pair into one character
            if 0xD800 <= code < 0xDC00 and text.startswith("\\u", i):
                if 0xDC00 <= int(text[i + 2:i + 6], 16) < 0xE000:
                    i += 6
        n += 1
    return i - token_start
