import re

import pytest

from service.formats import FormatError, read, write
from service.models import Replacement

NAMES = {"Agnes": "Person A", "Marcus\nFeld": "Person B", "Hana\nNovak": "Person C"}


def skeleton(text: str) -> list[str]:
    """Cue numbers and timing lines, in order."""
    return re.findall(r"^(?:\d+|\S+ --> \S+)\r?$", text, re.M)


@pytest.mark.parametrize("name", ["inline_tags.srt", "crlf_bom.srt"])
def test_srt_round_trip_is_byte_identical(sample, name):
    data = sample(name)
    transcript = read(data, filename=name)
    assert transcript.format == "srt"
    assert write(transcript, []) == data


def test_srt_tags_are_not_in_text(sample):
    transcript = read(sample("inline_tags.srt"), filename="inline_tags.srt")
    assert "<" not in transcript.text and "{\\" not in transcript.text
    assert transcript.text.split("\n")[:4] == ["INTERVIEWER: Right, the camera is on.", "Thanks again, Agnes.",
                                               "CURATOR: Of course. I work with Marcus",
                                               "Feld on the east gallery."]
    assert [s.speaker for s in transcript.segments] == ["INTERVIEWER", "CURATOR", "INTERVIEWER", "CURATOR"]
    assert transcript.segments[3].end_time == "00:00:20,840"


def test_srt_redaction_keeps_cue_numbers_timestamps_and_tags(sample, replace_names, assert_only_names_changed):
    data = sample("inline_tags.srt")
    transcript = read(data, filename="inline_tags.srt")
    out = write(transcript, replace_names(transcript.text, NAMES)).decode()
    assert skeleton(out) == skeleton(data.decode())
    assert "Thanks again, <i>Person A</i>." in out
    assert "I work with <b>Person B\n</b> on the east gallery." in out  # wrapped name: surrogate in line 1
    assert "under Dr. Person C\n, in London." in out
    assert_only_names_changed(data.decode(), out, ["Agnes", "Marcus Feld", "Hana Novak"])
    assert len(read(out.encode(), format="srt").segments) == 4


def test_srt_replacement_across_two_cues_and_crlf_bom_kept(sample):
    data = sample("crlf_bom.srt")
    transcript = read(data, filename="crlf_bom.srt")
    span = "Jürgen Hölzl\naus Graz.\nMODERATOR"
    start = transcript.text.index(span)
    out = write(transcript, [Replacement(start, start + len(span), "Person A")])
    assert out.startswith(b"\xef\xbb\xbf") and b"\n" not in out.replace(b"\r\n", b"")
    text = out.decode("utf-8-sig")
    assert "Ich bin Person A\r\n\r\n3\r\n00:00:06,500 --> 00:00:08,000\r\n: Schön" in text
    assert skeleton(text) == skeleton(data.decode("utf-8-sig"))


def test_srt_text_after_a_stray_blank_line_stays_in_its_cue():
    data = b"1\n00:00:01,000 --> 00:00:02,000\nHello Anna\n\nHello Ben\n\n2\n00:00:03,000 --> 00:00:04,000\nok\n"
    transcript = read(data, format="srt")
    assert transcript.text == "Hello Anna\n\nHello Ben\nok"
    assert len(transcript.segments) == 2


@pytest.mark.parametrize("data, reason, line", [
    (b"1\n00:00:1,000 --> 00:00:02,000\nhi\n", "malformed cue timing", 2),
    (b"1\n00:00:01,000 --> 00:00:02\nhi\n", "malformed cue timing", 2),
    (b"1\n00:00:05,000 --> 00:00:02,000\nhi\n", "ends before it starts", 2),
    (b"Intro by Jane\n\n1\n00:00:01,000 --> 00:00:02,000\nhi\n", "expected a cue number", 1),
    (b"1\n00:00:01,000 --> 00:00:02,000\nhi\n00:00:03,000 --> 00:00:04,000\nyo\n", "'-->'", 4),
    (b"1\nhello\n", "malformed cue timing", 2),
    (b"1\n", "without a timing line", 1),
])
def test_srt_refuses_malformed_input(data, reason, line):
    with pytest.raises(FormatError) as error:
        read(data, format="srt")
    assert reason in error.value.reason
    assert error.value.line == line
