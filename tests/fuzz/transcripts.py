"""Hypothesis strategies: transcripts in every format with dictionary names planted at
hostile spots (cue boundaries, no-break spaces, combining marks, case-mapping letters,
zero-width and BiDi characters, CRLF/CR line ends, byte-order marks).

The planted names are project dictionary terms, which the engine finds reliably, so a
failing example points at a format or an offset, not at the statistical model.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from hypothesis import strategies as st

from tests.builders import docx_bytes

NAMES = ("Dana Whitlock", "İlknur Işık", "Brackenfold", "Quillmere Analytics")
TERMS = [("Dana Whitlock", "PERSON", ()), ("İlknur Işık", "PERSON", ()), ("Brackenfold", "ORGANIZATION", ()),
         ("Quillmere Analytics", "ORGANIZATION", ())]
NAME_WORDS = tuple(word for name in NAMES for word in name.split())
# Ordinary speech, no names: the model has nothing to guess at in it.
FILLER = ("thanks for coming", "we talked about the budget", "it was fine", "yes", "and then", "so",
          "the report came later", "that is right", "we can stop here", "okay")
# Characters that may stand right before or after a name.
AROUND = ("", " ", "\u200b", "\u200e", "\u200f", "\u202a", "\u2066", "\u2069", "(", "\"", ",", "\u00a0")
AFTER = ("\u0301", "\u0308")  # combining marks on a name's last letter
JOINERS = (" ", "\u00a0")  # between the words of one name
LINE_ENDS = ("\n", "\r\n", "\r")
SURROGATE = re.compile(r"\[(?:Person|Company|Organization|Location|Product|University) [A-Z0-9]+\]")


@dataclass(frozen=True)
class Planted:
    format: str
    filename: str
    data: bytes


def _name(draw) -> str:
    name = draw(st.sampled_from(NAMES))
    joiner = draw(st.sampled_from(JOINERS))
    return joiner.join(name.split())


def _sentence(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        # names never stand side by side: the engine rightly takes a run of names as one
        if draw(st.booleans()) and (not parts or parts[-1] in FILLER):
            parts.append(draw(st.sampled_from(AROUND)) + _name(draw) + draw(st.sampled_from(AROUND + AFTER)))
        else:
            parts.append(draw(st.sampled_from(FILLER)))
    sentence = " ".join(parts)
    if not any(name.split()[0] in sentence for name in NAMES):
        sentence += " " + _name(draw)
    return sentence.strip(" ") + draw(st.sampled_from((".", "?", "!", "")))


def _speaker(draw) -> str:
    return draw(st.sampled_from(("Interviewer", "Dana Whitlock", "İlknur Işık", "Speaker 2", "P4")))


@st.composite
def text_files(draw) -> Planted:
    end = draw(st.sampled_from(LINE_ENDS))
    lines = [f"{_speaker(draw)}: {_sentence(draw)}" for _ in range(draw(st.integers(1, 5)))]
    bom = draw(st.sampled_from(("", "\ufeff")))
    return Planted("text", "call.txt", (bom + end.join(lines) + end).encode("utf-8"))


@st.composite
def otter_files(draw) -> Planted:
    end = draw(st.sampled_from(("\n", "\r\n")))
    blocks = []
    for n in range(draw(st.integers(1, 4))):
        blocks.append(f"{_speaker(draw)}  0:{n:02d}{end}{_sentence(draw)}")
    return Planted("otter", "call.txt", (end + end).join(blocks).encode("utf-8") + end.encode())


def _cues(draw, wrap: bool = True) -> list[tuple[str, bool]]:
    """Cue texts, each with whether it may carry a speaker; a name may be wrapped across
    two cues (which then carry none: a voice between the halves would part them)."""
    cues = []
    for _ in range(draw(st.integers(1, 4))):
        text = _sentence(draw)
        if wrap and draw(st.booleans()):
            first, rest = draw(st.sampled_from([n for n in NAMES if " " in n])).split(" ", 1)
            cues += [(f"{draw(st.sampled_from(FILLER))} {first}", False),
                     (f"{rest} {draw(st.sampled_from(FILLER))}.", False)]
        cues.append((text, True))
    return cues


def _stamp(n: int, separator: str) -> str:
    return f"00:00:{n:02d}{separator}000"


@st.composite
def vtt_files(draw) -> Planted:
    end = draw(st.sampled_from(LINE_ENDS))
    blocks = ["WEBVTT"]
    if draw(st.booleans()):
        blocks.append(f"NOTE recorded with {_name(draw)}")
    for n, (text, voiced) in enumerate(_cues(draw)):
        voice = f"<v {_speaker(draw)}>" if voiced and draw(st.booleans()) else ""
        blocks.append(f"{_stamp(n, '.')} --> {_stamp(n + 1, '.')}{end}{voice}{text}")
    bom = draw(st.sampled_from(("", "\ufeff")))
    return Planted("vtt", "call.vtt", (bom + (end + end).join(blocks) + end).encode("utf-8"))


@st.composite
def srt_files(draw) -> Planted:
    end = draw(st.sampled_from(("\n", "\r\n")))
    blocks = [f"{n + 1}{end}{_stamp(n, ',')} --> {_stamp(n + 1, ',')}{end}{text}"
              for n, (text, _) in enumerate(_cues(draw))]
    bom = draw(st.sampled_from(("", "\ufeff")))
    return Planted("srt", "call.srt", (bom + (end + end).join(blocks) + end).encode("utf-8"))


@st.composite
def json_files(draw) -> Planted:
    segments, all_words = [], []
    for n, (text, _) in enumerate(_cues(draw, wrap=False)):  # each segment has a speaker
        words = [{"word": w, "start": n + i / 10, "end": n + i / 10 + 0.05} for i, w in enumerate(text.split())]
        all_words += words
        segments.append({"start": n, "end": n + 1, "speaker": draw(st.sampled_from(("SPEAKER_00", "Dana Whitlock"))),
                         "text": " " + text, "words": words})
    doc = {"segments": segments, "word_segments": all_words, "language": "en"}
    ascii_only = draw(st.booleans())
    return Planted("json", "call.json", json.dumps(doc, ensure_ascii=ascii_only, indent=draw(st.sampled_from((None, 2)))).encode())


@st.composite
def docx_files(draw) -> Planted:
    paragraphs = [f"{_speaker(draw)}: {_sentence(draw)}" for _ in range(draw(st.integers(1, 4)))]
    return Planted("docx", "call.docx", docx_bytes(*paragraphs))


ANY_FILE = st.one_of(text_files(), otter_files(), vtt_files(), srt_files(), json_files(), docx_files())


def residue(text: str) -> str:
    """``text`` without the planted names' words and the joiners inside them: what must be
    left unchanged by a redaction."""
    for name in sorted(NAMES, key=len, reverse=True):
        text = re.sub(r"[ \u00a0]".join(map(re.escape, name.split())), "", text)
    for word in sorted(NAME_WORDS, key=len, reverse=True):
        text = text.replace(word, "")
    return text


def redacted_residue(text: str) -> str:
    return SURROGATE.sub("", text)
