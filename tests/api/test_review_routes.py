"""The review page and its routes, without a project: the page, its assets, the session,
a file as a reviewer sees it, and decisions sent back to /v1/redact/file."""
from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from service import formats
from service.api.routes.review import ASSETS, STATIC
from service.config import Settings
from tests.builders import decisions_json, docx_bytes
from tests.conftest import REPO

CALL = (REPO / "examples" / "team_call.vtt").read_bytes()
TIMING = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} --> .*$", re.MULTILINE)


@pytest.fixture(scope="module")
def client(api_client):
    return api_client(Settings(max_request_bytes=200_000))


def test_review_page_is_served_with_a_policy_that_keeps_text_on_this_server(client):
    r = client.get("/review")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    policy = r.headers["content-security-policy"]
    assert "connect-src 'self'" in policy and "default-src 'none'" in policy and "form-action 'none'" in policy
    assert '<script src="/review/assets/review.js"' in r.text
    for name, media_type in ASSETS.items():
        asset = client.get(f"/review/assets/{name}")
        assert asset.status_code == 200 and asset.headers["content-type"].startswith(media_type)
        assert asset.headers["content-security-policy"] == policy


def test_review_page_loads_nothing_from_elsewhere():
    for path in STATIC.iterdir():
        content = re.sub(r'xmlns="[^"]*"', "", path.read_text(encoding="utf-8"))  # a namespace name, not a load
        assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", content, re.IGNORECASE), path.name


@pytest.mark.parametrize("name", ["index.html", "..%2Fapp.py", "missing.js"])
def test_review_assets_serve_only_the_page_files(client, name):
    assert client.get(f"/review/assets/{name}").status_code == 404


def test_review_session_without_a_key(client):
    r = client.get("/v1/review/session")
    assert r.status_code == 200
    body = r.json()
    assert body["require_api_key"] is False and body["project"] is None and body["role"] is None
    assert body["entity_types"][:2] == ["PERSON", "ORGANIZATION"] and "PLACEHOLDER" not in body["entity_types"]
    assert "vtt" in body["formats"] and "en" in body["languages"]


def test_review_analyze_gives_the_text_as_read_with_findings_and_suggestions(client):
    r = client.post("/v1/review/analyze", files={"file": ("team_call.vtt", CALL, "text/vtt")})
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    doc = r.json()
    transcript = formats.read(CALL, format="vtt")
    assert doc["text"] == transcript.text and doc["format"] == "vtt"
    assert doc["sha256"] == hashlib.sha256(CALL).hexdigest()
    assert doc["segments"][0]["begin"] == "00:00:01.200" and doc["segments"][0]["speaker_start"] == 0
    by_surface = {doc["text"][f["start"]:f["end"]]: f for f in doc["findings"]}
    assert re.fullmatch(r"\[Product [A-Z]\]", by_surface["Tableau"]["surrogate"])
    assert by_surface["Participant 7"]["surrogate"] is None  # a placeholder is kept
    assert by_surface["Tableau"]["line"] == 17
    assert doc["suggestions"], "the example call has model guesses a filter removed"
    for s in doc["suggestions"]:
        assert s["reason"].startswith("not replaced: ") and s["source"]
        assert not any(f["start"] < s["end"] and s["start"] < f["end"] for f in doc["findings"])


def test_review_analyze_refuses_a_broken_file(client):
    r = client.post("/v1/review/analyze", files={"file": ("call.vtt", b"WEBVTTX\n\n", "text/vtt")})
    assert r.status_code == 422 and "WEBVTT" in r.json()["detail"]


def _decisions() -> str:
    text = formats.read(CALL, format="vtt").text
    return decisions_json(CALL, "vtt", text, ("Tableau", "reject", "PRODUCT", {"reviewer": "M. Osei"}),
                          ("quillory", "add", "ORGANIZATION", {"apply_to_all": True}))


@pytest.mark.parametrize("as_file", [False, True])
def test_redact_file_applies_decisions_sent_as_a_field_or_a_file(client, as_file):
    decisions = _decisions()
    files = {"file": ("team_call.vtt", CALL, "text/vtt")}
    if as_file:
        files["decisions"] = ("review.json", decisions.encode(), "application/json")
        r = client.post("/v1/redact/file", files=files)
    else:
        r = client.post("/v1/redact/file", files=files, data={"decisions": decisions})
    assert r.status_code == 200, r.text
    out = r.content.decode("utf-8")
    assert "Tableau" in out and "quillory" not in out
    assert TIMING.findall(out) == TIMING.findall(CALL.decode("utf-8"))


def test_redact_file_report_carries_the_review_record(client):
    files = {"file": ("team_call.vtt", CALL, "text/vtt")}
    r = client.post("/v1/redact/file?report=true", files=files, data={"decisions": _decisions()})
    assert r.status_code == 200, r.text
    body = r.json()
    record = body["review"]
    assert [(d["action"], d["tier"], d["reviewer"]) for d in record["decisions"]] == [
        ("reject", "finding", "M. Osei"), ("add", "added", None)]
    assert record["sensitive"] is False and "Tableau" not in json.dumps(record)
    assert record["complete"] is False and record["summary"]["not_reviewed"] == len(record["not_reviewed"])
    assert base64.b64decode(body["data_base64"]).decode("utf-8").count("quillory") == 0
    sensitive = client.post("/v1/redact/file?report=true&sensitive_record=true", files=files,
                            data={"decisions": _decisions()}).json()["review"]
    assert sensitive["sensitive"] is True and [d["text"] for d in sensitive["decisions"]] == ["Tableau", "quillory"]


def test_redact_file_without_report_has_no_record_and_same_bytes(client):
    files = {"file": ("team_call.vtt", CALL, "text/vtt")}
    plain = client.post("/v1/redact/file", files=files, data={"decisions": _decisions()})
    reported = client.post("/v1/redact/file?report=true", files=files, data={"decisions": _decisions()})
    assert plain.content == base64.b64decode(reported.json()["data_base64"])


@pytest.mark.parametrize(
    "decisions, detail",
    [
        ("{", "decisions: not a decisions document"),
        (json.dumps({"version": 1, "document": {"sha256": "0" * 64, "format": "vtt"}, "decisions": []}),
         "the decisions were made on another file"),
    ],
)
def test_redact_file_refuses_decisions_that_do_not_fit(client, decisions, detail):
    r = client.post("/v1/redact/file", files={"file": ("team_call.vtt", CALL, "text/vtt")}, data={"decisions": decisions})
    assert r.status_code == 422 and detail in r.json()["detail"]


def test_redact_file_decisions_on_a_word_file(client):
    data = docx_bytes("Respondent: Our panel came from brightwick, and brightwick was slow.", "Interviewer: Thanks.")
    text = formats.read(data, format="docx").text
    decisions = decisions_json(data, "docx", text, ("brightwick", "add", "ORGANIZATION", {"apply_to_all": True}))
    r = client.post("/v1/redact/file", files={"file": ("notes.docx", data, "application/octet-stream")},
                    data={"decisions": decisions})
    assert r.status_code == 200, r.text
    out = formats.read(r.content, format="docx").text
    assert "brightwick" not in out and out.count("[Company A]") == 2


def test_docs_pages_use_assets_from_this_server(client):
    for path, asset in (("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")):
        page = client.get(path)
        assert page.status_code == 200
        assert f"/docs-assets/{asset}" in page.text
        assert not re.search(r"https?://", page.text), path
        assert client.get(f"/docs-assets/{asset}").status_code == 200
    assert client.get("/openapi.json").json()["paths"]["/v1/review/analyze"]
