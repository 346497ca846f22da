import codecs

import pytest

from service.formats import FormatError, read, write


def test_textfile_refuses_invalid_utf8_with_line_and_offset():
    data = b"Interviewer: hello\nJane: caf\xe9 time\n"
    with pytest.raises(FormatError) as error:
        read(data, filename="a.txt")
    assert "UTF-8" in error.value.reason
    assert (error.value.line, error.value.offset) == (2, data.index(b"\xe9"))


def test_textfile_refuses_utf16_without_bom():
    data = "Jane: hello there\n".encode("utf-16-le")
    with pytest.raises(FormatError) as error:
        read(data, filename="a.txt")
    assert "byte-order mark" in error.value.reason
    assert error.value.offset == 1


def test_textfile_refuses_nul_byte():
    with pytest.raises(FormatError) as error:
        read(b"Jane: hi\nBob:\x00 yo\n", format="text")
    assert "NUL" in error.value.reason
    assert error.value.line == 2


def test_textfile_refuses_truncated_utf16():
    with pytest.raises(FormatError) as error:
        read(codecs.BOM_UTF16_LE + "Jane".encode("utf-16-le") + b"J", format="text")
    assert "UTF-16" in error.value.reason


def test_textfile_error_message_never_quotes_the_file():
    with pytest.raises(FormatError) as error:
        read(b"Secret Person said \xff\xfe hi", format="text")
    assert "Secret" not in str(error.value) and "Person" not in str(error.value)


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                        (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_textfile_bom_and_crlf_survive_redaction(bom, codec):
    data = bom + "Jane Doe: hi\r\nBob: hello Jane Doe\r\n".encode(codec)
    transcript = read(data, format="text")
    assert write(transcript, []) == data
    start = transcript.text.index("Jane Doe")
    from service.models import Replacement
    out = write(transcript, [Replacement(start, start + 8, "Person A")])
    assert out == bom + "Person A: hi\r\nBob: hello Jane Doe\r\n".encode(codec)
