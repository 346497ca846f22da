"""Transcript.text offsets mapped back to the file's lines, per format (no engine needed)."""
import json
import re

import pytest

from service import formats
from service.formats.locate import Locator
from tests.check.conftest import docx_bytes

VTT = (
    "WEBVTT\n"
    "\n"
    "NOTE recorded on Zoom\n"
    "\n"
    "1\n"
    "00:00:01.000 --> 00:00:04.000\n"
    "<v Nora Lindqvist>Welcome, <i>Tomasz</i>.\n"
    "\n"
    "2\n"
    "00:00:05.000 --> 00:00:08.000 align:start\n"
    "Tomasz Brezina: Thanks &amp; hello\n"
    "from Leipzig.\n"
)
SRT = "1\r\n00:00:01,000 --> 00:00:03,000\r\nHello <b>Agnes</b>.\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000\r\nI live in London.\r\n"
OTTER = "Marijn de Vries  0:03\nWelcome to the call.\n\nPieter Smit  1:12\nThanks, Marijn.\n"
TEXT = "Interview 3 - Priya Raman\r\n\r\nPriya Raman: I worked at Northwind.\r\n"


def where(data: bytes, filename: str, name: str, nth: int = 0) -> tuple[int, int]:
    transcript = formats.read(data, filename=filename)
    offset = [m.start() for m in re.finditer(re.escape(name), transcript.text)][nth]
    location = Locator(transcript).locate(offset)
    return location.line, location.col


@pytest.mark.parametrize(
    "data, filename, name, nth, expected",
    [
        (TEXT.encode(), "a.txt", "Priya", 0, (1, 15)),
        (TEXT.encode(), "a.txt", "Priya", 1, (3, 1)),  # CRLF counts as one line break
        (TEXT.encode(), "a.txt", "Northwind", 0, (3, 26)),
        (b"\xef\xbb\xbf" + TEXT.encode(), "a.txt", "Priya", 0, (1, 15)),  # the BOM is not a column
        (TEXT.encode("utf-16"), "a.txt", "Northwind", 0, (3, 26)),
        (VTT.encode(), "a.vtt", "Nora", 0, (7, 4)),  # inside the <v ...> voice tag
        (VTT.encode(), "a.vtt", "Tomasz", 0, (7, 31)),  # after <i>
        (VTT.encode(), "a.vtt", "Tomasz", 1, (11, 1)),
        (VTT.encode(), "a.vtt", "hello", 0, (11, 30)),  # after an entity that is one character in the text
        (VTT.encode(), "a.vtt", "Leipzig", 0, (12, 6)),  # second line of a cue
        (SRT.encode(), "a.srt", "Agnes", 0, (3, 10)),
        (SRT.encode(), "a.srt", "London", 0, (7, 11)),
        (OTTER.encode(), "a.txt", "Marijn", 0, (1, 1)),
        (OTTER.encode(), "a.txt", "Pieter", 0, (4, 1)),
        (OTTER.encode(), "a.txt", "Marijn", 1, (5, 9)),
    ],
)
def test_text_formats_map_to_file_lines(data, filename, name, nth, expected):
    assert where(data, filename, name, nth) == expected


def test_synthetic_text_maps_to_the_next_real_character():
    transcript = formats.read(VTT.encode(), filename="a.vtt")
    colon = transcript.text.index(": ")  # made up after the <v Nora Lindqvist> voice
    assert Locator(transcript).locate(colon + 1) == Locator(transcript).locate(transcript.text.index("Welcome"))


def test_json_maps_to_the_file_line_and_the_column_in_the_string_literal():
    doc = {"segments": [
        {"start": 0.0, "end": 2.0, "speaker": "SPEAKER_00", "text": " Caf\u00e9 \"talk\" with Samira Okafor"},
        {"start": 2.0, "end": 4.0, "text": " Brandt lives in Rotterdam"},
    ]}
    raw = json.dumps(doc, indent=2)  # ensure_ascii: é is written \u00e9, quotes as \"
    lines = raw.splitlines()
    for name in ("Samira", "Rotterdam", "SPEAKER_00"):
        line, col = where(raw.encode(), "a.json", name)
        assert lines[line - 1][col - 1:].startswith(name)


def test_docx_maps_to_paragraphs():
    data = docx_bytes("Interview 7", "Interviewer: Welcome.", "Ines Valdemar: Thanks, Martha.")
    assert where(data, "a.docx", "Ines") == (3, 1)
    assert where(data, "a.docx", "Martha") == (3, 24)
    transcript = formats.read(data, filename="a.docx")
    assert Locator(transcript).line_text(3) == "Ines Valdemar: Thanks, Martha."
