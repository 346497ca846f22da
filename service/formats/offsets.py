"""The offset map between Transcript.text and the source strings it was built from.

A *slot* is one source string the writer can change: a line of a text file, an
XML text node or attribute, a JSON string value.  A *piece* says that
``text[start:end]`` shows ``slot[slot_start:slot_end]``.  Text between pieces
(joining newlines, the ": " after a voice-tag speaker) is synthetic and maps
nowhere.  A piece whose two lengths differ (an entity such as ``&amp;``) is
atomic: touching any of it replaces all of it.

Pieces come in *layers*.  The main layer covers each source character once;
other layers mirror text that the file stores twice (JSON word lists and the
top-level "text", repeated DOCX author names), so they get the same edits.
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Hashable, Iterable, Sequence

from service.models import Replacement

MAIN = "main"


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    slot: Hashable
    slot_start: int
    slot_end: int
    layer: Hashable = MAIN

    @property
    def exact(self) -> bool:
        return self.end - self.start == self.slot_end - self.slot_start


@dataclass(frozen=True)
class Edit:
    """Replace ``slot[start:end]`` with ``text``."""

    start: int
    end: int
    text: str


class TextBuilder:
    """Builds Transcript.text and its pieces side by side."""

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._chunk_starts: list[int] = []
        self._length = 0
        self.pieces: list[Piece] = []

    @property
    def position(self) -> int:
        return self._length

    def literal(self, text: str) -> tuple[int, int]:
        start = self._length
        if text:
            self._chunks.append(text)
            self._chunk_starts.append(start)
            self._length += len(text)
        return start, self._length

    def mapped(self, text: str, slot: Hashable, slot_start: int, slot_end: int | None = None,
               layer: Hashable = MAIN) -> tuple[int, int]:
        """Append ``text`` shown from ``slot[slot_start:slot_end]`` (default: same length)."""
        start, end = self.literal(text)
        if slot_end is None:
            slot_end = slot_start + len(text)
        if end > start or slot_end > slot_start:
            self.pieces.append(Piece(start, end, slot, slot_start, slot_end, layer))
        return start, end

    def mirror(self, start: int, end: int, slot: Hashable, slot_start: int, slot_end: int,
               layer: Hashable) -> None:
        """Declare that text already built at ``[start, end)`` is also stored in ``slot``."""
        self.pieces.append(Piece(start, end, slot, slot_start, slot_end, layer))

    def text(self) -> str:
        return "".join(self._chunks)

    def span(self, start: int, end: int) -> str:
        """``text()[start:end]`` without joining everything (segments are built per cue)."""
        first = max(bisect.bisect_right(self._chunk_starts, start) - 1, 0)
        last = bisect.bisect_left(self._chunk_starts, end)
        joined = "".join(self._chunks[first:last])
        offset = self._chunk_starts[first] if self._chunk_starts else 0
        return joined[start - offset:end - offset]


def check_replacements(replacements: Iterable[Replacement], text_length: int) -> list[Replacement]:
    """Sorted replacements; ValueError for out-of-range or overlapping ones (an engine bug)."""
    ordered = sorted(replacements, key=lambda r: (r.start, r.end))
    previous_end = 0
    for r in ordered:
        if not 0 <= r.start <= r.end <= text_length:
            raise ValueError(f"replacement [{r.start}, {r.end}) is outside the text (length {text_length})")
        if r.start < previous_end:
            raise ValueError(f"replacement [{r.start}, {r.end}) overlaps the previous one")
        previous_end = r.end
    return ordered


def plan_edits(pieces: Sequence[Piece], replacements: Sequence[Replacement],
               escape: Callable[[str], str] = lambda s: s) -> dict[Hashable, list[Edit]]:
    """Per slot, the edits that carry ``replacements`` into the source.

    In each layer the first piece a replacement touches gets the (escaped)
    surrogate and later pieces lose the covered part, so a name wrapped across
    two cues or DOCX runs becomes one surrogate in the first of them.
    """
    layers: dict[Hashable, list[Piece]] = defaultdict(list)
    for piece in pieces:
        layers[piece.layer].append(piece)
    edits: dict[Hashable, list[Edit]] = defaultdict(list)
    for layer_pieces in layers.values():
        layer_pieces.sort(key=lambda p: p.start)
        ends = [p.end for p in layer_pieces]  # pieces of one layer never overlap, so ends are sorted
        for r in replacements:
            first = True
            i = bisect.bisect_right(ends, r.start) if r.end > r.start else bisect.bisect_left(ends, r.start)
            while i < len(layer_pieces):
                p = layer_pieces[i]
                if p.start >= r.end and not (r.start == r.end == p.start):
                    break
                if p.exact:
                    a = p.slot_start + max(r.start, p.start) - p.start
                    b = p.slot_start + min(r.end, p.end) - p.start
                else:
                    a, b = p.slot_start, p.slot_end
                edits[p.slot].append(Edit(a, b, escape(r.text) if first else ""))
                first = False
                if r.start == r.end:
                    break
                i += 1
    return dict(edits)


def apply_edits(value: str, edits: Iterable[Edit]) -> str:
    """``value`` with the edits applied; a later edit overlapping an earlier one is absorbed."""
    return apply_edits_inverse(value, edits)[0]


def apply_edits_inverse(value: str, edits: Iterable[Edit]) -> tuple[str, list[Edit]]:
    """``value`` with the edits applied, and the edits that turn the result back into
    ``value`` exactly (offsets into the result, sorted, holding only the replaced text)."""
    out: list[str] = []
    inverse: list[Edit] = []
    cursor = 0
    position = 0  # length of the result so far
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < cursor:  # two replacements inside one atomic piece
            if edit.end > cursor:
                last = inverse[-1]
                inverse[-1] = Edit(last.start, last.end, last.text + value[cursor:edit.end])
                cursor = edit.end
            continue
        kept = value[cursor:edit.start]
        out += [kept, edit.text]
        position += len(kept)
        inverse.append(Edit(position, position + len(edit.text), value[edit.start:edit.end]))
        position += len(edit.text)
        cursor = edit.end
    out.append(value[cursor:])
    return "".join(out), inverse
