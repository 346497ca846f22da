"""Every kind of bad file gets a clear error, exit code 2, and no output file."""
from __future__ import annotations

import io
import zipfile

import pytest

from service import cli
from service.config import Settings
from service.context import AppContext
from tests.builders import docx_bytes


def _docx_bytes() -> bytes:
    pytest.importorskip("docx")
    return docx_bytes("Interviewee: I worked with Ines Valdemar at Northwind.")


def _replace_member(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, content if item.filename == name else src.read(item.filename))
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


XXE = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
       b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")

CASES = {
    "wrong encoding": ("latin1.txt", lambda: "Amin: café".encode("latin-1"), "UTF-8"),
    "utf-16 without BOM": ("utf16.txt", lambda: "Amin: hi".encode("utf-16-le"), "NUL"),
    "vtt comma timestamps": ("call.vtt", lambda: b"WEBVTT\n\n1\n00:00:01,000 --> 00:00:02,000\nAmin: hi\n", "cue timing"),
    "vtt bad header": ("call.vtt", lambda: b"WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nAmin: hi\n", "WEBVTT"),
    "srt reversed cue": ("clip.srt", lambda: b"1\n00:00:02,000 --> 00:00:01,000\nAmin: hi\n", "before"),
    "srt malformed timestamp": ("clip.srt", lambda: b"1\n00:00:1,000 --> 00:00:02,000\nAmin: hi\n", "timing"),
    "json NaN": ("stt.json", lambda: b'{"segments": [{"start": NaN, "end": 1, "text": "Amin"}]}', "NaN"),
    "json duplicate keys": ("stt.json", lambda: b'{"segments": [], "segments": []}', "duplicate"),
    "truncated docx": ("notes.docx", lambda: _docx_bytes()[:2000], "zip"),
    "zip that is not a docx": ("notes.docx", lambda: _zip({"hello.txt": b"Amin"}), "Word"),
    "zip bomb": ("notes.docx", lambda: _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b" " * 5_000_000}),
                 "zip bomb"),
    "xml entities (XXE)": ("notes.docx", lambda: _replace_member(_docx_bytes(), "word/document.xml", XXE), "DOCTYPE"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_cli_bad_file_is_refused_and_nothing_is_written(cli_main, case, tmp_path, capsys):
    name, make, reason = CASES[case]
    path = tmp_path / name
    path.write_bytes(make())
    out = tmp_path / f"out-{name}"
    assert cli_main(["redact", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and reason.lower() in err.lower(), err
    assert "Traceback" not in err and "Amin" not in err
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary files left behind


def test_cli_file_over_the_size_limit_is_refused(engine, tmp_path, capsys):
    path = tmp_path / "long.txt"
    path.write_text("Amin: hello. " * 200, encoding="utf-8")
    out = tmp_path / "out.txt"
    with AppContext(Settings(max_request_bytes=1_000), engine=engine) as context:
        assert cli.main(["redact", str(path), "-o", str(out)], context=context) == 2
    assert "limit" in capsys.readouterr().err
    assert not out.exists()
