"""Odd and hostile files at the format layer: refused with the reason, or read whole, so
that every name in them reaches the engine and every other byte comes back unchanged."""
from __future__ import annotations

import json

import pytest

from service.formats import FormatError, read, write

from .conftest import replacements_for


def _segments(**first) -> bytes:
    return json.dumps({"segments": [{"start": 0.0, "end": 1.5, "text": "We met Dana Whitlock.", **first}]}).encode()


def test_a_lone_surrogate_escape_is_refused_with_where_it_is():
    data = b'{"segments": [\n  {"text": "we met \\ud800 Dana Whitlock"}\n]}'
    with pytest.raises(FormatError) as refused:
        read(data, filename="call.json")
    assert "unpaired UTF-16 surrogate" in str(refused.value) and refused.value.line == 2
    assert "Dana" not in str(refused.value)


def test_a_surrogate_pair_escape_is_one_character_and_is_kept():
    data = b'{"segments": [{"text": "\\ud83d\\ude00 Dana Whitlock"}]}'
    transcript = read(data, filename="call.json")
    assert transcript.text == "\U0001F600 Dana Whitlock"
    out = write(transcript, replacements_for(transcript.text, {"Dana Whitlock": "Person A"}))
    assert out == b'{"segments": [{"text": "\\ud83d\\ude00 Person A"}]}'


@pytest.mark.parametrize("times, reason", [
    ({"start": "zero"}, "'start' time that is not a number"),
    ({"end": True}, "'end' time that is not a number"),
    ({"start": -1}, "negative 'start' time"),
    ({"start": 3.0, "end": 1.0}, "ends before it starts"),
])
def test_speech_to_text_times_that_are_not_times_are_refused(times, reason):
    with pytest.raises(FormatError, match=reason):
        read(_segments(**times), filename="call.json")


@pytest.mark.parametrize("literal", [b"1e999", b"-1e999"])
def test_a_time_that_overflows_to_infinity_is_refused(literal):
    data = b'{"segments": [{"start": ' + literal + b', "end": 2, "text": "We met Dana Whitlock."}]}'
    with pytest.raises(FormatError, match="segment 0 has a 'start' time"):
        read(data, filename="call.json")


def test_word_times_are_checked_and_a_null_word_time_is_no_time():
    words = [{"word": "We", "start": 0.1, "end": 0.2}, {"word": "met", "start": None}]
    assert read(_segments(words=words), filename="call.json")
    with pytest.raises(FormatError, match="word 1 of segment 0 ends before it starts"):
        read(_segments(words=[{"word": "We"}, {"word": "met", "start": 2, "end": 1}]), filename="call.json")


def test_whisperx_word_segments_get_the_same_replacement_as_the_segment_text():
    words = [{"word": w, "start": i, "end": i + 0.5} for i, w in enumerate(["We", "met", "Dana", "Whitlock."])]
    data = json.dumps({"segments": [{"start": 0, "end": 4, "text": "We met Dana Whitlock.", "words": words}],
                       "word_segments": words}, indent=1).encode()
    transcript = read(data, filename="call.json")
    assert transcript.text == "We met Dana Whitlock."  # mirrored, not shown twice
    out = json.loads(write(transcript, replacements_for(transcript.text, {"Dana Whitlock": "Person A"})))
    assert [w["word"] for w in out["word_segments"]] == ["We", "met", "Person A", "."]
    assert [w["start"] for w in out["word_segments"]] == [0, 1, 2, 3]
    assert out["word_segments"] == out["segments"][0]["words"]


def test_word_segments_that_do_not_match_the_segments_are_read_on_their_own():
    data = json.dumps({"segments": [{"text": "We met them."}],
                       "word_segments": [{"word": "Dana"}, {"word": "Whitlock"}]}).encode()
    transcript = read(data, filename="call.json")
    assert transcript.text == "We met them.\nDana Whitlock"
    out = json.loads(write(transcript, replacements_for(transcript.text, {"Dana Whitlock": "Person A"})))
    assert out["word_segments"] == [{"word": "Person A"}, {"word": ""}]


VTT_WITH_ASIDES = (b"WEBVTT - call with Dana Whitlock\nKind: captions\n\n"
                   b"NOTE recorded by Marek Oyelaran\nfor the second round\n\n"
                   b"STYLE\n::cue(v[voice=\"Dana Whitlock\"]) { color: lime } /* Marek Oyelaran */\n\n"
                   b"REGION\nid:bottom\n\n"
                   b"00:00:01.000 --> 00:00:02.000\n<v Dana Whitlock>Hello.\n")


def test_vtt_header_note_and_style_blocks_are_read_and_redacted():
    transcript = read(VTT_WITH_ASIDES, filename="call.vtt")
    for name in ("Dana Whitlock", "Marek Oyelaran"):
        assert transcript.text.count(name) >= 2
    assert "NOTE" not in transcript.text and "STYLE" not in transcript.text and "id:bottom" not in transcript.text
    out = write(transcript, replacements_for(transcript.text, {"Dana Whitlock": "Person A", "Marek Oyelaran": "Person B"}))
    assert out == VTT_WITH_ASIDES.replace(b"Dana Whitlock", b"Person A").replace(b"Marek Oyelaran", b"Person B")
    assert read(out, filename="call.vtt")


def test_an_edit_never_joins_a_block_keyword_to_its_text():
    data = b"WEBVTT\n\nNOTE Marek\n\n00:00:01.000 --> 00:00:02.000\nHello.\n"
    transcript = read(data, filename="call.vtt")
    start = transcript.text.index("Marek")
    out = write(transcript, replacements_for(transcript.text, {"Marek": ""}))
    assert out.startswith(b"WEBVTT\n\nNOTE \n\n") and start == 0
    assert read(out, filename="call.vtt")


def _docx_with(change) -> bytes:
    """The interview document with ``change(name, content) -> content`` applied to every member."""
    import io
    import zipfile

    from .test_docx import build_interview_docx

    source = zipfile.ZipFile(io.BytesIO(build_interview_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, change(info.filename, source.read(info)))
    return buffer.getvalue()


def test_a_strict_ooxml_word_file_is_read_like_a_transitional_one():
    from .test_docx import build_interview_docx

    strict = _docx_with(lambda name, content: content.replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main"))
    transcript = read(strict, filename="interview.docx")
    assert transcript.text == read(build_interview_docx(), filename="interview.docx").text
    out = write(transcript, replacements_for(transcript.text, {"Ines Valdemar": "Person A", "Ines": "Person A"}))
    assert "Ines" not in read(out, filename="interview.docx").text


def test_hyperlink_targets_are_read_and_stay_valid_addresses():
    import io
    import zipfile

    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE

    document = docx.Document()
    paragraph = document.add_paragraph("Write to her.")
    paragraph.part.relate_to("mailto:dana.whitlock@example.org", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    buffer = io.BytesIO()
    document.save(buffer)
    transcript = read(buffer.getvalue(), filename="links.docx")
    assert "mailto:dana.whitlock@example.org" in transcript.text.split("\n")
    out = write(transcript, replacements_for(transcript.text, {"dana.whitlock@example.org": "[Email A]"}))
    rels = zipfile.ZipFile(io.BytesIO(out)).read("word/_rels/document.xml.rels")
    assert b'Target="mailto:%5BEmail%20A%5D"' in rels and b"whitlock" not in rels


def test_a_doctype_in_a_relationship_part_is_refused():
    def add_doctype(name: str, content: bytes) -> bytes:
        if name.endswith(".rels"):
            return content.replace(b"?>", b'?><!DOCTYPE r [<!ENTITY x "y">]>', 1)
        return content

    with pytest.raises(FormatError, match="DOCTYPE"):
        read(_docx_with(add_doctype), filename="interview.docx")
