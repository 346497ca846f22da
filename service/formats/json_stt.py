"""Speech-to-text JSON: Whisper / WhisperX output, a generic {"segments": [...]}
or a top-level list of segments.

The engine sees one line per segment, "SPEAKER: text".  The word list and the
top-level "text" repeat the segment text, so they are aligned to it and
mirrored (see offsets.py): a replacement reaches all three.  In the word list
the first word a replacement touches gets the whole surrogate and the other
words it covers become "" (entries are kept so word timings stay aligned).

The writer splices each surrogate, JSON-escaped, into the string token it
changes; the rest of that token (its escapes included), numbers, key order and
whitespace stay as written.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from json.decoder import scanstring
from typing import Any, Sequence

from service.models import Replacement

from .base import FormatError, Segment, Transcript
from .offsets import Edit, TextBuilder, apply_edits, apply_edits_inverse, plan_edits
from .textfile import TextEncoding, decode, restore_lines

MAX_DEPTH = 64
_WS = re.compile(r"[ \t\n\r]*")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")
Path = tuple[Any, ...]


@dataclass(frozen=True)
class JsonSource:
    text: str
    encoding: TextEncoding
    data: Any
    spans: dict[Path, tuple[int, int]]  # source span of every value, by path


def parse_strict(text: str, encoding: TextEncoding) -> Any:
    """json.loads without the stdlib's leniencies: NaN/Infinity and duplicate keys are refused."""

    def no_constants(name: str) -> None:
        raise FormatError("json", f"{name} is not valid JSON")

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            raise FormatError("json", "an object has a duplicate key")
        return obj

    try:
        return json.loads(text, parse_constant=no_constants, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as error:
        raise FormatError("json", f"invalid JSON: {error.msg}", line=error.lineno,
                          offset=encoding.byte_offset(text, error.pos)) from None
    except RecursionError:
        raise FormatError("json", "nested too deeply") from None


def value_spans(text: str) -> dict[Path, tuple[int, int]]:
    """Where each value sits in ``text`` (already validated by parse_strict)."""
    spans: dict[Path, tuple[int, int]] = {}

    def skip(i: int) -> int:
        return _WS.match(text, i).end()

    def walk(i: int, path: Path) -> int:
        if len(path) > MAX_DEPTH:
            raise FormatError("json", f"nested deeper than {MAX_DEPTH} levels")
        start = i = skip(i)
        char = text[i]
        if char in "{[":
            close = "}" if char == "{" else "]"
            i = skip(i + 1)
            position = 0
            while text[i] != close:
                if char == "{":
                    key, i = scanstring(text, i + 1)
                    i = skip(i) + 1  # the colon
                else:
                    key, position = position, position + 1
                i = skip(walk(i, path + (key,)))
                if text[i] == ",":
                    i = skip(i + 1)
            end = i + 1
        elif char == '"':
            _, end = scanstring(text, i + 1)
        else:
            end = _SCALAR.match(text, i).end()
        spans[path] = (start, end)
        return end

    walk(0, ())
    return spans


def check_strings(data: Any, text: str, spans: dict[Path, tuple[int, int]], encoding: TextEncoding) -> None:
    """Refuse a string holding a lone UTF-16 surrogate (a ``\\ud800`` escape without its pair):
    it is not a character, and no text encoding can write it back."""

    def refuse(path: Path | None) -> FormatError:
        span = spans.get(path) if path is not None else None
        where = {} if span is None else {"line": text.count("\n", 0, span[0]) + 1,
                                         "offset": encoding.byte_offset(text, span[0])}
        return FormatError("json", "a string holds an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF), "
                           "which is not a character", **where)

    stack: list[tuple[Path, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                raise refuse(path)
        elif isinstance(value, dict):
            for key, item in value.items():
                if _SURROGATE.search(key):
                    raise refuse(path)
                stack.append((path + (key,), item))
        elif isinstance(value, list):
            stack.extend((path + (n,), item) for n, item in enumerate(value))


_TIME_KEYS = ("start", "end")


def check_times(item: dict, what: str) -> None:
    """A segment's or word's "start"/"end", when given, are finite seconds, not negative,
    and the end is not before the start (null stands for no time: unaligned words)."""
    times = {}
    for key in _TIME_KEYS:
        value = item.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise FormatError("json", f"{what} has a '{key}' time that is not a number")
        if not math.isfinite(value):
            raise FormatError("json", f"{what} has a '{key}' time too large to be a number of seconds")
        if value < 0:
            raise FormatError("json", f"{what} has a negative '{key}' time")
        times[key] = value
    if len(times) == 2 and times["end"] < times["start"]:
        raise FormatError("json", f"{what} ends before it starts")


def _segment_list(data: Any) -> tuple[Path, list]:
    if isinstance(data, list):
        return (), data
    if isinstance(data, dict) and isinstance(data.get("segments"), list):
        return ("segments",), data["segments"]
    raise FormatError("json", "expected a list of segments or an object with a 'segments' list")


def _stripped(value: str) -> tuple[str, int]:
    core = value.strip()
    return core, (value.index(core) if core else 0)


class JsonFormat:
    name = "json"
    content_type = "application/json"
    extensions = (".json",)

    def read(self, data: bytes) -> Transcript:
        text, encoding = decode(data, self.name)
        parsed = parse_strict(text, encoding)
        spans = value_spans(text)
        check_strings(parsed, text, spans, encoding)
        base, items = _segment_list(parsed)
        builder = TextBuilder()
        segments: list[Segment] = []
        bodies: list[tuple[int, str]] = []  # (text position, stripped segment text) for the top-level text
        stray_speakers: list[tuple[Path, str]] = []

        def raw(path: Path) -> str | None:
            span = spans.get(path)
            return text[span[0]:span[1]] if span else None

        for n, item in enumerate(items):
            path = base + (n,)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise FormatError(self.name, f"segment {n} has no 'text' string")
            check_times(item, f"segment {n}")
            for j, word in enumerate(item.get("words") or ()):
                if isinstance(word, dict):
                    check_times(word, f"word {j} of segment {n}")
            if n:
                builder.literal("\n")
            start = builder.position
            speaker, voice = item.get("speaker"), None
            if isinstance(speaker, str) and speaker.strip():
                name, lead = _stripped(speaker)
                voice = builder.mapped(name, path + ("speaker",), lead)
                builder.literal(": ")
            body, lead = _stripped(item["text"])
            body_start, _ = builder.mapped(body, path + ("text",), lead)
            bodies.append((body_start, body))
            end = builder.position
            _map_words(builder, item, path, body_start, lead, voice, stray_speakers)
            segments.append(Segment(start, end, speaker.strip() if voice else None,
                                    voice[0] if voice else None, voice[1] if voice else None,
                                    raw(path + ("start",)), raw(path + ("end",))))
        if isinstance(parsed, dict) and isinstance(parsed.get("word_segments"), list):
            _map_word_segments(builder, parsed["word_segments"], bodies, segments, stray_speakers)
        for path, value in stray_speakers:
            builder.literal("\n")
            core, lead = _stripped(value)
            builder.mapped(core, path, lead)
        if isinstance(parsed, dict) and isinstance(parsed.get("text"), str):
            _map_full_text(builder, parsed["text"], bodies)
        return Transcript(builder.text(), segments, self.name, source=data, pieces=builder.pieces,
                          state=JsonSource(text, encoding, parsed, spans))

    def write(self, transcript: Transcript, replacements: Sequence[Replacement], *, undo: list | None = None) -> bytes:
        source: JsonSource = transcript.state
        patches = []
        for path, edits in plan_edits(transcript.pieces, replacements).items():
            a, b = source.spans[path]
            token, token_undo = _edit_token(source.text[a:b], _lookup(source.data, path), edits)
            patches.append((a, b, token, token_undo))
        out, cursor, position = [], 0, 0
        for a, b, token, token_undo in sorted(patches, key=lambda patch: patch[0]):
            kept = source.text[cursor:a]
            out += [kept, token]
            position += len(kept)
            if undo is not None:
                undo.extend([position + e.start, position + e.end, e.text] for e in token_undo)
            position += len(token)
            cursor = b
        out.append(source.text[cursor:])
        return source.encoding.encode("".join(out))

    def restore(self, data: bytes, undo: Sequence) -> bytes:
        return restore_lines(data, self.name, undo)


def _map_words(builder: TextBuilder, item: dict, path: Path, body_start: int, lead: int,
               voice: tuple[int, int] | None, stray_speakers: list) -> None:
    """Mirror each word onto the segment text; if the words do not align, show them as their own line."""
    words = item.get("words")
    if not isinstance(words, list):
        return
    found: list[tuple[Path, int, int, int]] = []  # slot, position in the segment text, lead, length
    listed: list[tuple[Path, str]] = []
    segment_text, cursor, aligned = item["text"], lead, True
    for j, word in enumerate(words):
        if not isinstance(word, dict):
            continue
        key = "word" if isinstance(word.get("word"), str) else "text" if isinstance(word.get("text"), str) else None
        if key is not None and word[key].strip():
            core, word_lead = _stripped(word[key])
            listed.append((path + ("words", j, key), word[key]))
            at = segment_text.find(core, cursor)
            if at < 0:
                aligned = False
            else:
                found.append((path + ("words", j, key), at, word_lead, len(core)))
                cursor = at + len(core)
        speaker = word.get("speaker")
        if isinstance(speaker, str) and speaker.strip():
            slot = path + ("words", j, "speaker")
            if voice and speaker.strip() == item["speaker"].strip():
                speaker_lead = _stripped(speaker)[1]
                builder.mirror(voice[0], voice[1], slot, speaker_lead,
                               speaker_lead + voice[1] - voice[0], layer=slot)
            else:
                stray_speakers.append((slot, speaker))
    if aligned:
        for slot, at, word_lead, length in found:
            start = body_start + at - lead
            builder.mirror(start, start + length, slot, word_lead, word_lead + length, layer="words")
        return
    for n, (slot, value) in enumerate(listed):
        builder.literal("\n" if n == 0 else " ")
        core, word_lead = _stripped(value)
        builder.mapped(core, slot, word_lead)


def _map_word_segments(builder: TextBuilder, words: list, bodies: list[tuple[int, str]],
                       segments: list[Segment], stray_speakers: list) -> None:
    """WhisperX's top-level "word_segments" repeats every segment's words: mirror each word onto
    the segment text it comes from; if they do not align, show the words as their own line."""
    voices = {seg.speaker: (seg.speaker_start, seg.speaker_end) for seg in segments
              if seg.speaker is not None and seg.speaker_start is not None}
    found: list[tuple[Path, int, int, int]] = []  # slot, text position, lead, length
    listed: list[tuple[Path, str]] = []
    body, cursor, aligned = 0, 0, True
    for j, word in enumerate(words):
        if not isinstance(word, dict):
            continue
        check_times(word, f"word {j} of word_segments")
        key = "word" if isinstance(word.get("word"), str) else "text" if isinstance(word.get("text"), str) else None
        if key is not None and word[key].strip():
            core, word_lead = _stripped(word[key])
            slot = ("word_segments", j, key)
            listed.append((slot, word[key]))
            while body < len(bodies) and bodies[body][1].find(core, cursor) < 0:
                body, cursor = body + 1, 0
            if body == len(bodies):
                aligned = False
            else:
                at = bodies[body][1].find(core, cursor)
                found.append((slot, bodies[body][0] + at, word_lead, len(core)))
                cursor = at + len(core)
        speaker = word.get("speaker")
        if isinstance(speaker, str) and speaker.strip():
            slot = ("word_segments", j, "speaker")
            voice = voices.get(speaker.strip())
            if voice is not None:
                speaker_lead = _stripped(speaker)[1]
                builder.mirror(voice[0], voice[1], slot, speaker_lead, speaker_lead + voice[1] - voice[0], layer=slot)
            else:
                stray_speakers.append((slot, speaker))
    if aligned:
        for slot, position, word_lead, length in found:
            builder.mirror(position, position + length, slot, word_lead, word_lead + length, layer="word_segments")
        return
    for n, (slot, value) in enumerate(listed):
        builder.literal("\n" if n == 0 else " ")
        core, word_lead = _stripped(value)
        builder.mapped(core, slot, word_lead)


def _map_full_text(builder: TextBuilder, full: str, bodies: list[tuple[int, str]]) -> None:
    """Mirror the top-level "text" onto the segments, or show it as its own line if it differs."""
    cursor, found = 0, []
    for position, body in bodies:
        if not body:
            continue
        at = full.find(body, cursor)
        if at < 0:
            core, lead = _stripped(full)
            builder.literal("\n")
            builder.mapped(core, ("text",), lead)
            return
        found.append((position, at, len(body)))
        cursor = at + len(body)
    for position, at, length in found:
        builder.mirror(position, position + length, ("text",), at, at + length, layer="fulltext")


def _lookup(data: Any, path: Path) -> Any:
    for key in path:
        data = data[key]
    return data


def _edit_token(token: str, value: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    """The string token with the (value-offset) edits spliced into its escaped form, so
    the unchanged parts keep their bytes; and the edits that undo it."""
    # keep \uXXXX style when the file used it, else write characters as they are
    ascii_only = token.isascii() and "\\u" in token
    offsets = _value_offsets(token)
    if len(offsets) != len(value) + 1:  # not expected; re-encode the whole token instead
        new_token = json.dumps(apply_edits(value, edits), ensure_ascii=ascii_only)
        return new_token, [Edit(0, len(new_token), token)]
    raw_edits = [Edit(offsets[e.start], offsets[e.end], json.dumps(e.text, ensure_ascii=ascii_only)[1:-1])
                 for e in edits]
    return apply_edits_inverse(token, raw_edits)


def _value_offsets(token: str) -> list[int]:
    """Where each character of a JSON string token's value starts in the token, then
    where the value ends (before the closing quote)."""
    offsets = []
    i, end = 1, len(token) - 1
    while i < end:
        offsets.append(i)
        if token[i] != "\\":
            i += 1
        elif token[i + 1] != "u":
            i += 2
        elif (0xD800 <= int(token[i + 2:i + 6], 16) < 0xDC00 and token.startswith("\\u", i + 6)
              and 0xDC00 <= int(token[i + 8:i + 12], 16) < 0xE000):
            i += 12  # a surrogate pair is one character
        else:
            i += 6
    offsets.append(end)
    return offsets


HANDLER = JsonFormat()
