import codecs

import pytest

from service import formats
from service.formats import FormatError, content_type, detect_format, read, write
from service.models import Replacement


@pytest.mark.parametrize("filename, expected", [
    ("call.vtt", "vtt"), ("CALL.SRT", "srt"), ("notes.docx", "docx"), ("whisper.json", "json"),
    ("interview.txt", "text"), ("otter.txt", "otter"), (None, "text"),
])
def test_detect_by_extension(sample, filename, expected):
    data = sample("otter.txt") if filename == "otter.txt" else b"Jane: hello\n"
    assert detect_format(data, filename) == expected


@pytest.mark.parametrize("name, expected", [
    ("zoom.vtt", "vtt"), ("utf16_bom.vtt", "vtt"), ("inline_tags.srt", "srt"), ("crlf_bom.srt", "srt"),
    ("otter.txt", "otter"), ("interview.txt", "text"), ("whisper.json", "json"),
    ("segments_list.json", "json"),
])
def test_detect_sniffs_content_without_a_known_extension(sample, name, expected):
    assert detect_format(sample(name), None) == expected
    assert detect_format(sample(name), "upload.txt") == expected


def test_detect_sniffs_zip_as_docx_and_bracketed_text_as_text():
    assert detect_format(b"PK\x03\x04rest", "upload") == "docx"
    assert detect_format(b"[00:01] Jane: hello\n", None) == "text"


def test_formats_registry_has_every_format():
    assert set(formats.FORMATS) == {"text", "otter", "vtt", "srt", "docx", "json"}
    for name, handler in formats.FORMATS.items():
        assert handler.name == name


def test_formats_content_types():
    assert content_type("vtt") == "text/vtt"
    assert content_type("srt") == "application/x-subrip"
    assert content_type("docx") == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert content_type("json") == "application/json"
    assert content_type("text") == content_type("otter") == "text/plain"
    with pytest.raises(FormatError):
        content_type("pdf")


def test_formats_read_refuses_files_over_max_bytes():
    with pytest.raises(FormatError) as error:
        read(b"x" * 101, filename="a.txt", max_bytes=100)
    assert "over the 100-byte limit" in error.value.reason


def test_formats_read_refuses_unknown_format_name():
    with pytest.raises(FormatError) as error:
        read(b"hello", format="pdf")
    assert "unknown format" in error.value.reason


def test_formats_write_rejects_overlapping_or_out_of_range_replacements(sample):
    transcript = read(sample("interview.txt"), filename="interview.txt")
    with pytest.raises(ValueError):
        write(transcript, [Replacement(0, 5, "a"), Replacement(3, 8, "b")])
    with pytest.raises(ValueError):
        write(transcript, [Replacement(0, len(transcript.text) + 1, "a")])


def test_formats_write_accepts_unsorted_replacements(sample):
    transcript = read(sample("interview.txt"), filename="interview.txt")
    text = transcript.text
    first, second = text.index("Dana"), text.index("Omar Haddad")
    out = write(transcript, [Replacement(second, second + 11, "B"), Replacement(first, first + 4, "A")])
    assert out.decode() == text[:first] + "A" + text[first + 4:second] + "B" + text[second + 11:]


def test_formats_error_is_a_value_error_with_location_and_no_transcript_text():
    data = codecs.BOM_UTF8 + b"WEBVTT\n\n00:01.000 --> 00:00.500\nJane Secretname: hi\n"
    with pytest.raises(ValueError) as error:
        read(data, filename="call.vtt")
    assert isinstance(error.value, FormatError)
    assert (error.value.format, error.value.line, error.value.offset) == ("vtt", 3, 11)
    assert str(error.value) == "cannot read vtt file: cue ends before it starts (line 3, byte offset 11)"
