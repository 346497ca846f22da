"""write(..., undo=[]) then restore(): the original file comes back byte for byte, whatever
the writer had to do to fit the surrogates in (escaping, names wrapped over lines, cue
lines emptied and removed, DOCX runs, JSON escapes)."""
from __future__ import annotations

import json
import re

import pytest

from service import formats
from service.models import Replacement
from tests.builders import docx_bytes

from .conftest import SAMPLES

SAMPLE_FILES = sorted(p.name for p in SAMPLES.iterdir() if not p.name.startswith("."))
CAPITALIZED = re.compile(r"\b[A-Z][a-z]+\b")


def _round_trip(data: bytes, replacements_of) -> tuple[bytes, bytes]:
    transcript = formats.read(data)
    replacements = replacements_of(transcript.text)
    undo: list = []
    written = formats.write(transcript, replacements, undo=undo)
    json.dumps(undo)  # what the store keeps must be plain JSON
    return written, formats.restore(written, transcript.format, undo)


def _capitalized_words(text: str) -> list[Replacement]:
    # Surrogates with characters every format must escape, and one that grows a lot.
    return [Replacement(m.start(), m.end(), f"[Name & <{i}>] \"q\"", "PERSON")
            for i, m in enumerate(CAPITALIZED.finditer(text))]


def _across_line_breaks(text: str) -> list[Replacement]:
    """The last word of a line with the first word of the next: a name wrapped over a break."""
    found, taken_until = [], 0
    for m in re.finditer(r"(\w+)\n(\w+)", text):
        if m.start() >= taken_until:
            found.append(Replacement(m.start(), m.end(), "[Person 1]", "PERSON"))
            taken_until = m.end()
    return found


def _whole_lines_removed(text: str) -> list[Replacement]:
    """Every other line replaced by nothing (the redact operator): cue lines left empty."""
    found, start = [], 0
    for n, line in enumerate(text.split("\n")):
        if n % 2 == 0 and line:
            found.append(Replacement(start, start + len(line), "", "PERSON"))
        start += len(line) + 1
    return found


SCENARIOS = {"words": _capitalized_words, "wrapped": _across_line_breaks, "emptied": _whole_lines_removed}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_restore_gives_back_every_sample_byte_for_byte(sample, name, scenario):
    data = sample(name)
    written, restored = _round_trip(data, SCENARIOS[scenario])
    assert restored == data
    transcript = formats.read(data)
    if SCENARIOS[scenario](transcript.text):
        assert written != data  # the scenario really changed the file


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_restore_gives_back_a_word_document_byte_for_byte(scenario):
    data = docx_bytes("Interviewer: Welcome, Marta Lindqvist.", "Marta: I joined Brightwave", "Labs in spring.")
    written, restored = _round_trip(data, SCENARIOS[scenario])
    assert written != data
    assert restored == data


def test_restore_puts_a_name_split_over_word_runs_back_in_its_runs():
    import io

    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("We met ")
    paragraph.add_run("Marta ").bold = True
    paragraph.add_run("Lindqvist").italic = True
    paragraph.add_run(" in Oslo.")
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    transcript = formats.read(data, format="docx")
    start = transcript.text.index("Marta")
    undo: list = []
    written = formats.write(transcript, [Replacement(start, start + len("Marta Lindqvist"), "[Person 1]")], undo=undo)
    assert "[Person 1] in Oslo." in formats.read(written, format="docx").text
    assert formats.restore(written, "docx", undo) == data


def test_json_writer_keeps_the_escapes_of_what_it_does_not_replace():
    data = b'{"segments": [{"text": "Caf\\u00e9 \\/ Marta said \\"hi\\"", "start": 0.0, "end": 1.0}]}'
    transcript = formats.read(data, format="json")
    start = transcript.text.index("Marta")
    undo: list = []
    written = formats.write(transcript, [Replacement(start, start + 5, "[Person 1]")], undo=undo)
    assert written == b'{"segments": [{"text": "Caf\\u00e9 \\/ [Person 1] said \\"hi\\"", "start": 0.0, "end": 1.0}]}'
    assert formats.restore(written, "json", undo) == data


def test_undo_holds_only_the_replaced_text():
    data = b"WEBVTT\n\n00:00.000 --> 00:01.000\nI worked at Brightwave\nLabs for years.\n"
    transcript = formats.read(data, format="vtt")
    start = transcript.text.index("Brightwave")
    undo: list = []
    formats.write(transcript, [Replacement(start, start + len("Brightwave\nLabs"), "[Company A]")], undo=undo)
    assert sorted(text for *_, text in undo) == ["Brightwave", "Labs"]


def test_restore_refuses_a_file_that_does_not_match_the_undo():
    data = b"Marta was there.\n"
    transcript = formats.read(data, format="text")
    undo: list = []
    formats.write(transcript, [Replacement(0, 5, "[Person 1]")], undo=undo)
    with pytest.raises(formats.FormatError, match="redaction record"):
        formats.restore(b"short", "text", [[0, 50, "x"]])
