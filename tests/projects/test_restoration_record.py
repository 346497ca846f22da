"""The redaction record on hand-built redactions: surrogates are found in the re-read
redacted transcript even where the writer had to move line joins (a name wrapped over
two cue lines, a cue line emptied by the redact operator)."""
from __future__ import annotations

from service import formats
from service.engine.engine import Redaction
from service.engine.pseudonymize import apply_replacements
from service.models import Replacement
from service.pipeline import WrittenFile
from service.restoration import build_record

VTT = (
    "WEBVTT\n\n00:00.000 --> 00:02.000\nI worked at Brightwave\nLabs for years, with\n\n"
    "00:02.000 --> 00:04.000\nMarta Lindqvist\nand her team in Tromsø.\n"
).encode("utf-8")


def _record(data: bytes, spans: list[tuple[str, str]]) -> tuple[str, dict, str]:
    transcript = formats.read(data, format="vtt")
    replacements = []
    for surface, surrogate in spans:
        start = transcript.text.index(surface)
        replacements.append(Replacement(start, start + len(surface), surrogate, "X"))
    replacements.sort(key=lambda r: r.start)
    redaction = Redaction(apply_replacements(transcript.text, replacements), [], [], replacements, [])
    undo: list = []
    written = formats.write(transcript, replacements, undo=undo)
    key, record = build_record(redaction, WrittenFile(transcript, written, undo), fingerprint=lambda b: str(len(b)))
    return key, record, transcript.text


def test_spans_follow_a_name_wrapped_over_cue_lines_and_an_emptied_line():
    key, record, text = _record(VTT, [("Brightwave\nLabs", "[Company A]"), ("Marta Lindqvist", ""), ("Tromsø", "[Location 1]")])
    assert key == "I worked at [Company A]\n for years, with\nand her team in [Location 1]."
    assert [(key[s:e], surrogate, original) for s, e, surrogate, original in record["spans"]] == [
        ("[Company A]", "[Company A]", "Brightwave\nLabs"), ("", "", "Marta Lindqvist"), ("[Location 1]", "[Location 1]", "Tromsø"),
    ]
    assert record["format"] == "vtt" and record["original"] == str(len(VTT)) and record["undo"]


def test_a_record_without_replacements_still_identifies_the_text():
    key, record, text = _record(VTT, [])
    assert key == text and record["spans"] == [] and record["undo"] == []
