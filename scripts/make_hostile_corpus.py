"""Writes tests/hostile_corpus/: odd and hostile transcripts, each with the person "Dana
Whitlock" as a speaker label (which the engine always finds), for tests/test_hostile_corpus.py.

Files named ``refuse-*`` must be refused (exit 2, HTTP 4xx) with a reason; every other file
must be redacted with no "Dana" or "Whitlock" left. Run: python scripts/make_hostile_corpus.py
"""
from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.builders import docx_bytes  # noqa: E402

OUT = REPO / "tests" / "hostile_corpus"
TURNS = ["Interviewer: Thanks for joining us today.", "Dana Whitlock: Glad to help with the study.",
         "Interviewer: How did the move go?", "Dana Whitlock: It went well, thanks."]


def text(end: str = "\n", bom: str = "") -> bytes:
    return (bom + end.join(TURNS) + end).encode("utf-8")


def vtt(extra: str = "") -> bytes:
    cues = "".join(f"\n00:00:{n:02d}.000 --> 00:00:{n + 1:02d}.000\n{turn}\n" for n, turn in enumerate(TURNS))
    return f"WEBVTT{extra}\n{cues}".encode()


def stt(**segment) -> bytes:
    segments = [{"start": n, "end": n + 1, "speaker": turn.split(":")[0], "text": turn.split(": ", 1)[1]}
                for n, turn in enumerate(TURNS)]
    segments[0].update(segment)
    return json.dumps({"segments": segments}).encode()


def strict_docx() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx_bytes(*TURNS)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info).replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                                           b"http://purl.oclc.org/ooxml/wordprocessingml/main"))
    return buffer.getvalue()


def doctype_docx() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx_bytes(*TURNS)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                content = content.replace(b"?>", b'?><!DOCTYPE r [<!ENTITY x "y">]>', 1)
            target.writestr(info, content)
    return buffer.getvalue()


CORPUS = {
    "crlf.txt": text("\r\n"),
    "cr.txt": text("\r"),
    "bom.txt": text(bom="\ufeff"),
    "utf16.txt": "\ufeff".encode("utf-16-le") + "\n".join(TURNS).encode("utf-16-le"),
    "ansi.txt": b"\x1b[1m" + text().replace(b"Dana Whitlock:", b"Dana Whitlock:\x1b[0m"),
    "nbsp.txt": text().replace("Dana Whitlock".encode(), "Dana\u00a0Whitlock".encode()),
    "bidi.txt": "\u202b".encode() + text() + "\u202c".encode(),
    "zero-width.txt": "\u200b".encode() + text().replace(b"Interviewer:", "\u200bInterviewer:".encode()),
    "empty.txt": b"",
    "one-long-line.txt": (" ".join(TURNS) * 200).encode(),
    "Интервью.txt": text(),
    ("x" * 240) + ".txt": text(),
    "notes.vtt": vtt().replace(b"WEBVTT\n", b"WEBVTT\n\nNOTE recorded by Dana Whitlock\n", 1),
    "style.vtt": vtt().replace(b"WEBVTT\n", b"WEBVTT\n\nSTYLE\n::cue(v[voice=\"Dana Whitlock\"]) { color: red }\n", 1),
    "crlf.srt": "\r\n".join(f"{n + 1}\r\n00:00:{n:02d},000 --> 00:00:{n + 1:02d},000\r\n{t}\r\n"
                            for n, t in enumerate(TURNS)).encode(),
    "whisperx.json": json.dumps({"segments": [{"start": 0, "end": 1, "text": "I am Dana Whitlock.", "speaker": "Dana Whitlock",
                                               "words": [{"word": "I"}, {"word": "am"}, {"word": "Dana"}, {"word": "Whitlock."}]}],
                                 "word_segments": [{"word": "I"}, {"word": "am"}, {"word": "Dana"}, {"word": "Whitlock."}]}).encode(),
    "strict.docx": strict_docx(),
    "refuse-surrogate.json": stt(text="Glad to help \ud800"),
    "refuse-negative-time.json": stt(start=-3),
    "refuse-reversed-time.json": stt(start=5, end=1),
    "refuse-text-time.json": stt(start="soon"),
    "refuse-overflow-time.json": stt().replace(b'"start": 0,', b'"start": 1e999,', 1),
    "refuse-nan.json": stt().replace(b'"start": 0,', b'"start": NaN,', 1),
    "refuse-doctype-rels.docx": doctype_docx(),
    "refuse-pdf.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\nDana Whitlock\n",
    "refuse-slides.pdf": b"%PDF-1.4\n",
    "refuse-call.rtf": b"{\\rtf1\\ansi Dana Whitlock}",
    "refuse-legacy.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
    "refuse-notes.odt": b"PK\x03\x04" + b"\0" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text",
    "refuse-nul.txt": text() + b"\x00",
    "refuse-latin1.txt": "Dana Whitlock: café\n".encode("latin-1"),
    "refuse-reversed.vtt": b"WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nDana Whitlock: hello\n",
    "refuse-truncated.docx": docx_bytes(*TURNS)[:300],
    "refuse-deep.json": b"[" * 5000 + b"]" * 5000,
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    for name, data in CORPUS.items():
        (OUT / name).write_bytes(data)
    print(f"wrote {len(CORPUS)} files to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
