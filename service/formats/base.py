"""Types shared by every format: the error, the transcript and the handler protocol."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, Sequence

from service.errors import InputError, TanonError
from service.models import Replacement

from .offsets import Piece


class FormatError(InputError):
    """A file that cannot be read, or written back whole.

    The message names the format, the reason and where (line / byte offset);
    it never quotes the file, so it is safe to log and to return to a client.
    """

    def __init__(self, format: str | None, reason: str, *, line: int | None = None,
                 offset: int | None = None) -> None:
        self.format = format
        self.path, self.reason, self.line, self.offset = None, reason, line, offset
        where = []
        if line is not None:
            where.append(f"line {line}")
        if offset is not None:
            where.append(f"byte offset {offset}")
        suffix = f" ({', '.join(where)})" if where else ""
        # Not InputError.__init__: no file name here, the message says the format instead.
        TanonError.__init__(self, f"cannot read {format or 'unknown'} file: {reason}{suffix}")


class UnsupportedDocument(FormatError):
    """A kind of document that is never a transcript this service reads (PDF, RTF, ...);
    the message names the kind and says what to export instead."""

    def __init__(self, kind: str, advice: str) -> None:
        super().__init__(kind, f"{kind} is not supported: {advice}")
        TanonError.__init__(self, self.reason)


@dataclass(frozen=True)
class Segment:
    """One cue / speaker turn / paragraph; offsets index Transcript.text."""

    start: int
    end: int
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    begin: str | None = None  # timestamps exactly as written in the file
    end_time: str | None = None


@dataclass
class Transcript:
    """What the engine analyzes (``text``) plus what the writer needs to splice back."""

    text: str
    segments: list[Segment]
    format: str
    # Writer state, not for the engine: the original bytes, the offset map from
    # ``text`` back into the source, and whatever else the format's writer keeps.
    source: bytes = field(default=b"", repr=False, compare=False)
    pieces: Sequence[Piece] = field(default=(), repr=False, compare=False)
    state: Any = field(default=None, repr=False, compare=False)


class FormatHandler(Protocol):
    name: str
    content_type: str
    extensions: tuple[str, ...]

    def read(self, data: bytes) -> Transcript: ...

    def write(self, transcript: Transcript, replacements: Sequence[Replacement], *,
              undo: list | None = None) -> bytes: ...

    def restore(self, data: bytes, undo: Sequence) -> bytes: ...
