"""Redact in a project, then re-identify: the original comes back byte for byte, in every
format the project writes; an edited text comes back approximately, and says so; a
placeholder reserves its label for the whole project."""
from __future__ import annotations

import html
import io
import json
import zipfile

import pytest

from service import formats
from service.pipeline import redact_document
from service.project_access import StoreBook, project_options
from service.restoration import APPROXIMATE, EXACT, TEXT, reidentify_document
from tests.builders import docx_bytes

MAX_BYTES = 5_000_000
NAMES = ("Marta Lindqvist", "Brightwave Labs", "Oskar Hallberg", "Tromsø")


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _vtt(text: str) -> bytes:
    cues = [f"{n}\n00:00:{n % 60:02d}.000 --> 00:00:{n % 60:02d}.900\n{html.escape(line, quote=False)}\n"
            for n, line in enumerate(_lines(text), 1)]
    return ("WEBVTT\n\n" + "\n".join(cues)).encode("utf-8")


def _srt(text: str) -> bytes:
    cues = [f"{n}\n00:00:{n % 60:02d},000 --> 00:00:{n % 60:02d},900\n{line}\n" for n, line in enumerate(_lines(text), 1)]
    return "\n".join(cues).encode("utf-8")


def _json(text: str) -> bytes:
    segments = [{"id": n, "start": float(n), "end": n + 0.9, "text": " " + line} for n, line in enumerate(_lines(text))]
    return json.dumps({"segments": segments}).encode("utf-8")  # ASCII with \\u escapes, as Whisper writes it


BUILDERS = {
    "text": lambda text: text.encode("utf-8"),
    "vtt": _vtt,
    "srt": _srt,
    "docx": lambda text: docx_bytes(*_lines(text)),
    "json": _json,
}


def files_of(text: str) -> dict[str, bytes]:
    """The document as it is (plain, Otter, VTT or SRT), and its transcript text built into
    every format the project writes: one cue, paragraph or segment per line."""
    native = text.encode("utf-8")
    native_format = formats.detect_format(native)
    spoken = formats.read(native, format=native_format).text
    files = {f"native-{native_format}": native}
    files.update({name: build(spoken) for name, build in BUILDERS.items()})
    return files


def _redact(engine, store, project, data: bytes, name: str):
    options = project_options(store, project, cache=None)
    return redact_document(engine, data, name=name, max_bytes=MAX_BYTES, book=StoreBook(store, project.id), options=options)


def _reidentify(store, project, data: bytes, name: str):
    return reidentify_document(store, project.id, data, name=name, max_bytes=MAX_BYTES)


def _format_of(label: str) -> str:
    return label.split("-")[-1]


def test_every_dev_document_round_trips_byte_for_byte_in_every_format(engine, store, dev_docs):
    project = store.create_project("round-trip")
    replaced = 0
    for doc in dev_docs:
        for label, data in files_of(doc["text"]).items():
            name = f"{doc['id']}.{_format_of(label)}"
            document = _redact(engine, store, project, data, name)
            replaced += len(document.redaction.replacements)
            if document.redaction.replacements:
                assert document.data != data, name
            result = _reidentify(store, project, document.data, name)
            assert (result.mode, result.note) == (EXACT, None), name
            assert result.data == data, name
    assert replaced > 100  # the documents really were redacted


def test_a_file_whose_bytes_changed_but_not_its_text_gets_each_exact_original(engine, store):
    project = store.create_project("rewritten")
    text = "Marta Lindqvist: I joined Brightwave Labs Inc. in Tromsø.\nInterviewer: And BRIGHTWAVE LABS hired you?\n"
    data = _vtt(text)
    document = _redact(engine, store, project, data, "talk.vtt")
    crlf = document.data.replace(b"\n", b"\r\n")  # e.g. line endings converted on checkout
    result = _reidentify(store, project, crlf, "talk.vtt")
    assert result.mode == TEXT and "exact text it replaced" in result.note
    assert result.data == data.replace(b"\n", b"\r\n")


def test_an_edited_text_is_restored_approximately_and_says_so(engine, store):
    project = store.create_project("edited")
    text = "Marta Lindqvist: I joined Brightwave Labs Inc. last year.\nInterviewer: Why Brightwave Labs?\n"
    document = _redact(engine, store, project, text.encode("utf-8"), "talk.txt")
    redacted = document.data.decode("utf-8")
    edited = redacted.replace("last year", "in 2019")
    result = _reidentify(store, project, edited.encode("utf-8"), "talk.txt")
    assert result.mode == APPROXIMATE
    assert result.note == "approximate: no redaction record for this text; each surrogate restored to its first-seen original"
    restored = result.data.decode("utf-8")
    # one entity, one first-seen original: the second mention's own form is not known
    assert restored == text.replace("last year", "in 2019").replace("Why Brightwave Labs?", "Why Brightwave Labs Inc.?")


def test_the_record_keeps_only_the_replaced_text(engine, store):
    project = store.create_project("minimal")
    text = "Marta Lindqvist: We moved from Brightwave Labs to work with Oskar Hallberg.\nInterviewer: Thanks, that helps.\n"
    _redact(engine, store, project, docx_bytes(*_lines(text)), "talk.docx")
    (row,) = store.export_redaction_records(project.id)
    record = row["record"]
    kept = [edit[2] for _, _, _, edits in record["undo"] for edit in edits] + [span[3] for span in record["spans"]]
    assert kept and set(kept) <= {"Marta Lindqvist", "Brightwave Labs", "Oskar Hallberg"}
    assert "helps" not in json.dumps(record) and "moved" not in json.dumps(record)


def test_a_placeholder_in_one_document_reserves_its_label_in_the_next(engine, store):
    project = store.create_project("placeholders")
    first = _redact(engine, store, project, b"Interviewer: So Company A was the client?\nMarta Lindqvist: Yes.\n", "1.txt")
    assert b"Company A was the client" in first.data and first.warnings == []
    # another document, another book (another request or process): [Company A] is never issued
    second = _redact(engine, store, project, b"Marta Lindqvist: Then I joined Brightwave Labs Inc.\n", "2.txt")
    assert second.data == b"[Person 1]: Then I joined [Company B]\n"


def test_a_placeholder_on_an_issued_surrogate_is_a_structured_warning(engine, store):
    project = store.create_project("collision")
    first = _redact(engine, store, project, b"Marta Lindqvist: I worked at Brightwave Labs Inc.\n", "1.txt")
    assert first.data == b"[Person 1]: I worked at [Company A]\n"
    second = _redact(engine, store, project, b"Interviewer: Was Company A a partner of yours?\n", "2.txt")
    assert b"Was Company A a partner" in second.data  # the person's placeholder is kept as written
    assert second.warnings == [{
        "code": "placeholder_collision",
        "placeholder": "Company A",
        "surrogate": "[Company A]",
        "message": "placeholder 'Company A' collides with an already issued surrogate '[Company A]'; "
                   "the surrogate is kept (it cannot be taken back), so the two now read alike",
    }]
    third = _redact(engine, store, project, b"Marta Lindqvist: Brightwave Labs Inc. again.\n", "3.txt")
    assert third.data == b"[Person 1]: [Company A] again.\n" and third.warnings == []


def test_restoring_a_word_document_keeps_its_zip_members(engine, store):
    project = store.create_project("docx")
    data = docx_bytes("Marta Lindqvist: I joined Brightwave Labs Inc.", "Interviewer: When?")
    document = _redact(engine, store, project, data, "talk.docx")
    result = _reidentify(store, project, document.data, "talk.docx")
    assert result.mode == EXACT and result.data == data
    assert zipfile.ZipFile(io.BytesIO(result.data)).namelist() == zipfile.ZipFile(io.BytesIO(data)).namelist()


@pytest.fixture
def admin_client(client, project_a):
    return client, project_a


def test_api_reidentifies_texts_and_files(admin_client, engine):
    client, keys = admin_client
    text = "Marta Lindqvist: I joined Brightwave Labs Inc. in Tromsø.\nInterviewer: Why Brightwave Labs?\n"
    redacted = client.post("/v1/redact", json={"text": text, "project": keys.id}, headers=keys.redactor_headers()).json()
    r = client.post(f"/v1/projects/{keys.id}/reidentify", json={"text": redacted["text"]}, headers=keys.admin_headers())
    assert r.json() == {"text": text, "mode": "exact", "note": None}
    r = client.post(f"/v1/projects/{keys.id}/reidentify", json={"text": redacted["text"] + " More."}, headers=keys.admin_headers())
    assert r.json()["mode"] == "approximate" and r.json()["note"].startswith("approximate: no redaction record")

    vtt = _vtt(text)
    r = client.post("/v1/redact/file", files={"file": ("talk.vtt", vtt)}, data={"project": str(keys.id)},
                    headers=keys.redactor_headers())
    assert r.status_code == 200 and b"Lindqvist" not in r.content
    back = client.post(f"/v1/projects/{keys.id}/reidentify/file", files={"file": ("talk.vtt", r.content)},
                       headers=keys.admin_headers())
    assert back.status_code == 200, back.text
    assert back.content == vtt and back.headers["x-reidentification"] == "exact"
    assert back.headers["cache-control"] == "no-store"
    report = client.post(f"/v1/projects/{keys.id}/reidentify/file?report=true",
                         files={"file": ("talk.vtt", r.content.replace(b"Why", b"So why"))}, headers=keys.admin_headers())
    assert report.json()["mode"] == "approximate" and report.json()["note"]
    assert client.post(f"/v1/projects/{keys.id}/reidentify/file", files={"file": ("talk.vtt", r.content)},
                       headers=keys.redactor_headers()).status_code == 403
    bad = client.post(f"/v1/projects/{keys.id}/reidentify/file", files={"file": ("talk.vtt", b"WEBVTT\n\nnot a cue\n")},
                      headers=keys.admin_headers())
    assert bad.status_code == 422 and "vtt" in bad.json()["detail"]

    key = client.get(f"/v1/projects/{keys.id}/key", headers=keys.admin_headers()).json()
    assert "records" not in key
    key = client.get(f"/v1/projects/{keys.id}/key?with_records=true", headers=keys.admin_headers()).json()
    originals = {rep["original"] for record in key["records"] for rep in record["replacements"]}
    assert {"Marta Lindqvist", "Brightwave Labs", "Tromsø"} <= originals  # each mention's own text


def test_api_reports_a_placeholder_collision(admin_client):
    client, keys = admin_client
    client.post("/v1/redact", json={"text": "Marta Lindqvist works at Brightwave Labs Inc.", "project": keys.id},
                headers=keys.redactor_headers())
    body = client.post("/v1/redact", json={"text": "Interviewer: Was Company A a partner?", "project": keys.id},
                       headers=keys.redactor_headers()).json()
    assert [(w["code"], w["surrogate"]) for w in body["warnings"]] == [("placeholder_collision", "[Company A]")]
    for name in NAMES:
        assert name not in json.dumps(body["warnings"])
