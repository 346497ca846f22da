"""POST /v1/redact/file: the same file back, in its format, with only the names changed."""
from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest

from service.config import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "formats" / "samples"
TIMING = re.compile(r"^\d\d:\d\d:\d\d[.,]\d{3} --> .*$", re.MULTILINE)


@pytest.fixture(scope="module")
def client(api_client):
    return api_client(Settings(max_request_bytes=200_000))


def test_redact_file_vtt_keeps_cues_and_replaces_names(client):
    original = (SAMPLES / "zoom.vtt").read_bytes()
    r = client.post("/v1/redact/file", files={"file": ("call.vtt", original, "text/vtt")})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/vtt")
    out = r.content.decode("utf-8")
    assert TIMING.findall(out) == TIMING.findall(original.decode("utf-8"))
    for name in ("Nora Lindqvist", "Tomasz", "Leipzig"):
        assert name not in out
    # the speaker label and the mention of the same person get one surrogate
    label = re.search(r"^(\[Person \d+\]): Right", out, re.MULTILINE).group(1)
    assert out.count(label) >= 2


def test_redact_file_docx_returns_a_docx(client):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    paragraph = document.add_paragraph("Interviewee: I worked with ")
    paragraph.add_run("Ines ").bold = True
    paragraph.add_run("Valdemar").italic = True
    paragraph.add_run(" at Microsoft in Seattle.")
    buffer = io.BytesIO()
    document.save(buffer)
    r = client.post("/v1/redact/file", files={"file": ("notes.docx", buffer.getvalue(), "application/octet-stream")})
    assert r.status_code == 200, r.text
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs)
    assert "Valdemar" not in text and "Ines" not in text and "Microsoft" not in text
    assert re.match(r"Interviewee: I worked with \[\w+ \w+\] at \[\w+ \w+\]", text), text


def test_redact_file_with_report(client):
    original = (SAMPLES / "inline_tags.srt").read_bytes()
    r = client.post("/v1/redact/file?report=true", files={"file": ("clip.srt", original)})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["format"] == "srt" and body["entities"]
    data = base64.b64decode(body["data_base64"])
    assert TIMING.findall(data.decode("utf-8-sig")) == TIMING.findall(original.decode("utf-8-sig"))


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("bad.vtt", b"WEBVTT\n\n1\n00:00:01,000 --> 00:00:02,000\nAmin: hi\n", "cue timing"),
        ("bad.docx", b"PK\x03\x04 not really a zip", "zip"),
        ("bad.json", b'{"segments": [{"text": "hi", "start": NaN, "end": 1}]}', "NaN"),
        ("bad.txt", b"caf\xe9", "UTF-8"),
    ],
)
def test_redact_file_bad_files_are_422_with_a_reason(client, name, content, reason):
    r = client.post("/v1/redact/file", files={"file": (name, content)})
    assert r.status_code == 422, r.text
    assert reason.lower() in r.json()["detail"].lower()


def test_redact_file_too_large_is_413(client):
    r = client.post("/v1/redact/file", files={"file": ("big.txt", b"Amin " * 50_000)})
    assert r.status_code == 413


def test_analyze_file_reads_the_format_and_locates_findings(client):
    original = (SAMPLES / "zoom.vtt").read_bytes()
    r = client.post("/v1/analyze/file", files={"file": ("call.vtt", original, "text/vtt")})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["format"] == "vtt" and body["filename"] == "call.vtt"
    found = {(e["entity_type"], e["line"], e["col"]) for e in body["entities"]}
    assert ("PERSON", 5, 1) in found and ("PERSON", 22, 1) in found
    first = body["entities"][0]
    assert (first["start"], first["end"]) == (0, len("Nora Lindqvist"))
    assert "Leah" not in r.text  # findings carry offsets, never the names


def test_analyze_file_reads_docx(client):
    from tests.builders import docx_bytes

    data = docx_bytes("Interview notes", "I joined Halvorsen Dairy with Marit Lindqvist in spring.")
    r = client.post("/v1/analyze/file", files={"file": ("notes.docx", data)}, data={"format": "docx"})
    assert r.status_code == 200, r.text
    assert any(e["entity_type"] == "PERSON" and e["line"] == 2 for e in r.json()["entities"])


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("bad.vtt", b"WEBVTT\n\n1\n00:00:01,000 --> 00:00:02,000\nAmin: hi\n", "cue timing"),
        ("bad.docx", b"PK\x03\x04 not really a zip", "zip"),
    ],
)
def test_analyze_file_bad_files_are_422_with_a_reason(client, name, content, reason):
    r = client.post("/v1/analyze/file", files={"file": (name, content)})
    assert r.status_code == 422, r.text
    assert reason.lower() in r.json()["detail"].lower()


def test_analyze_file_too_large_is_413(client):
    r = client.post("/v1/analyze/file", files={"file": ("big.txt", b"Amin " * 50_000)})
    assert r.status_code == 413
