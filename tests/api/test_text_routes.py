"""The HTTP API through TestClient, with the real engine behind it."""
from __future__ import annotations

import logging

import pytest

from service.config import Settings


@pytest.fixture(scope="module")
def client(api_client):
    return api_client(Settings(max_request_bytes=20_000))


def test_health(client):
    r = client.get("/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_analyze_returns_offsets_types_recognizers_and_reasons(client):
    text = "Amin: I keep the books at Company Y and we buy Netflix data."
    r = client.post("/v1/analyze", json={"text": text})
    assert r.status_code == 200, r.text
    entities = r.json()["entities"]
    by_surface = {text[e["start"]:e["end"]]: e for e in entities}
    assert by_surface["Amin"]["entity_type"] == "PERSON"
    assert by_surface["Amin"]["recognizer"] == "speaker_name.v1"
    assert by_surface["Company Y"]["entity_type"] == "PLACEHOLDER"
    assert "Netflix" in by_surface
    assert all(e["reason"] for e in entities)
    assert set(entities[0]) == {"start", "end", "entity_type", "score", "recognizer", "reason"}


def test_redact_returns_text_and_surrogates(client):
    text = "Amin: I moved from Netflix to Company Y. Amin liked Netflix."
    r = client.post("/v1/redact", json={"text": text})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["text"] == "[Person 1]: I moved from [Company A] to Company Y. [Person 1] liked [Company A]."
    placeholder = next(e for e in body["entities"] if e["entity_type"] == "PLACEHOLDER")
    assert placeholder["surrogate"] is None


@pytest.mark.parametrize(
    "body, where",
    [
        ({}, ["body", "text"]),
        ({"text": 5}, ["body", "text"]),
        ({"text": "x", "extra": 1}, ["body"]),  # an unknown field: by position, never by name
    ],
)
def test_malformed_body_is_422_with_a_reason(client, body, where):
    r = client.post("/v1/analyze", json=body)
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == where and r.json()["detail"][0]["msg"]


def test_not_json_is_422(client):
    r = client.post("/v1/analyze", content=b"not json", headers={"content-type": "application/json"})
    assert r.status_code == 422


def test_oversized_request_is_413(client):
    r = client.post("/v1/redact", json={"text": "Amin " * 10_000})
    assert r.status_code == 413
    assert "limit" in r.json()["detail"]


def test_oversized_chunked_request_is_413(client):
    def chunks():
        yield b'{"text": "'
        for _ in range(50):
            yield b"Amin " * 100
        yield b'"}'

    r = client.post("/v1/redact", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_transcript_text_never_reaches_the_logs(client, caplog):
    secret = "Zebulon Quarterfield"
    with caplog.at_level(logging.DEBUG):
        client.post("/v1/redact", json={"text": f"{secret}: hello from Netflix"})
        client.post("/v1/analyze", json={"text": f"{secret}: hello", "bad": 1})
    assert secret not in caplog.text


def test_openapi_docs_are_served(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/analyze", "/v1/redact", "/health"} <= set(paths)
