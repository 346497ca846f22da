import re

import pytest

from service.formats import FormatError, read, write
from service.models import Replacement

NAMES = {"Nora Lindqvist": "Person A", "Tomasz Brezina": "Person B", "Tomasz": "Person B",
         "Martha Klein": "Person C"}
TIMING = re.compile(r"^\S+ --> .*$", re.M)


def cue_skeleton(data: bytes) -> list[str]:
    """Timing lines and cue ids: what redaction must never change."""
    text = data.decode("utf-8-sig")
    return TIMING.findall(text) + re.findall(r"^\d+$", text, re.M)


@pytest.mark.parametrize("name", ["zoom.vtt", "styled.vtt", "utf16_bom.vtt"])
def test_vtt_round_trip_is_byte_identical(sample, name):
    data = sample(name)
    transcript = read(data, filename=name)
    assert transcript.format == "vtt"
    assert write(transcript, []) == data


def test_vtt_text_is_cue_text_joined_by_newlines(sample):
    transcript = read(sample("zoom.vtt"), filename="zoom.vtt")
    assert transcript.text.split("\n")[1:3] == ["Tomasz Brezina: Happy to help. I spoke with Ines",
                                                 "Valdemar about it last week, she runs the lab in Leipzig."]
    assert "-->" not in transcript.text and "WEBVTT" not in transcript.text
    assert [s.begin for s in transcript.segments][:2] == ["00:00:01.020", "00:00:06.100"]
    assert transcript.segments[0].speaker == "Nora Lindqvist"


def test_vtt_markup_is_not_in_text_but_the_header_notes_and_styles_are(sample):
    """A note, a style sheet's selector or comment and the header's title can name people:
    the engine reads them as written (keywords and REGION settings stay out)."""
    transcript = read(sample("styled.vtt"), filename="styled.vtt")
    assert transcript.text == ("- interview 7, second session\nKind: captions\nLanguage: en\n"
                               "This file was exported by hand.\nNothing in here is spoken text.\n"
                               '::cue(v[voice="Ana Ruiz"]) {\n  color: yellow;\n}\n'
                               "Ana Ruiz: Welcome back, Jonas.\n"
                               "Jonas Weber: Thanks & hello. Did Priya\nRaman join as well?\n"
                               "a note between cues\n"
                               "Ana Ruiz: Not yet, she said ten minutes.\n"
                               "<inaudible> ok")
    voice = next(s for s in transcript.segments if s.speaker == "Jonas Weber")
    assert (voice.speaker, transcript.text[voice.speaker_start:voice.speaker_end]) == ("Jonas Weber",) * 2


def test_vtt_redaction_keeps_timestamps_cue_ids_and_cue_count(sample, replace_names, assert_only_names_changed):
    data = sample("zoom.vtt")
    transcript = read(data, filename="zoom.vtt")
    out = write(transcript, replace_names(transcript.text, NAMES))
    assert cue_skeleton(out) == cue_skeleton(data)
    assert len(read(out, filename="zoom.vtt").segments) == len(transcript.segments) == 5
    assert_only_names_changed(data.decode(), out.decode(), list(NAMES))
    assert "Person C, and earlier on" in out.decode()


def test_vtt_replacement_across_two_cues_lands_in_the_first(sample):
    data = sample("zoom.vtt")
    transcript = read(data, filename="zoom.vtt")
    start = transcript.text.index("Ines\nValdemar")
    out = write(transcript, [Replacement(start, start + len("Ines\nValdemar"), "Person D")]).decode()
    assert "I spoke with Person D\n\n3\n00:00:09.900 --> 00:00:13.250\n about it last week" in out
    assert cue_skeleton(out.encode()) == cue_skeleton(data)


def test_vtt_voice_tag_name_is_replaced_inside_the_tag(sample, replace_names):
    data = sample("styled.vtt")
    transcript = read(data, filename="styled.vtt")
    names = {"Ana Ruiz": "Person A", "Jonas Weber": "Person B", "Jonas": "Person B",
             "Priya\nRaman": "Person C"}
    out = write(transcript, replace_names(transcript.text, names)).decode()
    assert "<v Person A>Welcome back, <i>Person B</i>.</v>" in out
    assert "<v.loud Person B>Thanks &amp; hello. Did <b>Person C\n</b> join as well?</v>" in out
    # the STYLE block is read too: its selector names the voice, and loses the name with it
    assert '::cue(v[voice="Person A"])' in out
    assert cue_skeleton(out.encode()) == cue_skeleton(data)


def test_vtt_surrogate_markup_is_escaped(sample):
    transcript = read(sample("zoom.vtt"), filename="zoom.vtt")
    start = transcript.text.index("Martha Klein")
    out = write(transcript, [Replacement(start, start + 12, "<b>A & B</b>\nX")]).decode()
    assert "&lt;b&gt;A &amp; B&lt;/b&gt; X, and earlier" in out


def test_vtt_line_emptied_by_replacement_is_removed_not_left_blank():
    data = b"WEBVTT\n\n00:01.000 --> 00:02.000\nI met\nJane Doe\n\n00:02.000 --> 00:03.000\nok\n"
    transcript = read(data, format="vtt")
    start = transcript.text.index("Jane")
    out = write(transcript, [Replacement(start - 1, start + 8, "")])
    assert out == b"WEBVTT\n\n00:01.000 --> 00:02.000\nI met\n\n00:02.000 --> 00:03.000\nok\n"
    assert len(read(out, format="vtt").segments) == 2


def test_vtt_utf16_redaction_keeps_encoding_and_missing_final_newline(sample):
    data = sample("utf16_bom.vtt")
    transcript = read(data, filename="utf16_bom.vtt")
    start = transcript.text.index("María José Ortega")
    out = write(transcript, [Replacement(start, start + 17, "Persona A")])
    assert out.startswith(b"\xff\xfe")
    assert out.decode("utf-16").endswith("Interviewer: Gracias, María.")
    assert "soy Persona A." in out.decode("utf-16")


@pytest.mark.parametrize("data, reason, line", [
    (b"WEBVTTX\n\n00:01.000 --> 00:02.000\nhi\n", "WEBVTT", 1),
    (b"1\n00:00:01,000 --> 00:00:02,000\nhi\n", "WEBVTT", 1),
    (b"WEBVTT\n\n00:01.000 --> 00:0x.000\nhi\n", "malformed cue timing", 3),
    (b"WEBVTT\n\n00:01.000 -> 00:02.000\nhi\n", "no cue timing", 3),
    (b"WEBVTT\n\n00:01.00 --> 00:02.000\nhi\n", "malformed cue timing", 3),
    (b"WEBVTT\n\n00:61.000 --> 01:02.000\nhi\n", "malformed cue timing", 3),
    (b"WEBVTT\n\n00:05.000 --> 00:02.000\nhi\n", "ends before it starts", 3),
    (b"WEBVTT\n\n1\n00:01.000 --> 00:02.000\nhi\n2\n00:03.000 --> 00:04.000\nyo\n", "'-->'", 7),
    (b"WEBVTT\n\njust some orphan text\nwith a name\n", "no cue timing", 3),
    (b"WEBVTT\n\nNOTE 00:01.000 --> 00:02.000\n", "NOTE", 3),
])
def test_vtt_refuses_malformed_input(data, reason, line):
    with pytest.raises(FormatError) as error:
        read(data, format="vtt")
    assert reason in error.value.reason
    assert error.value.line == line
    assert error.value.format == "vtt"
