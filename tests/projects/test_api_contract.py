"""The OpenAPI schema says what the service answers: every error status with its body and
an example, the file routes' content types, and times with their zone."""
from __future__ import annotations

from datetime import datetime

import pytest


def test_created_at_carries_a_timezone(client, project_a):
    project = client.get(f"/v1/projects/{project_a.id}", headers=project_a.admin_headers()).json()
    keys = client.get(f"/v1/projects/{project_a.id}/api-keys", headers=project_a.admin_headers()).json()
    r = client.post(f"/v1/projects/{project_a.id}/dictionary", json={"term": "Ada Byron", "entity_type": "PERSON"},
                    headers=project_a.admin_headers())
    for stamp in [project["created_at"], r.json()["created_at"], *(k["created_at"] for k in keys)]:
        assert datetime.fromisoformat(stamp).utcoffset() is not None, stamp


@pytest.fixture
def schema(client) -> dict:
    return client.get("/openapi.json").json()


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_route_documents_its_error_answers_with_examples(schema):
    for path, method, operation in operations(schema):
        responses = operation["responses"]
        expected = {"413", "422", "500", "503"}
        if path.startswith("/v1/projects/{project_id}") or path.startswith("/v1/jobs/"):
            expected |= {"401", "403", "404"}
        if path.startswith("/v1/analyze") or path.startswith("/v1/redact"):
            expected |= {"401", "403"}
        assert expected <= set(responses), (path, method, sorted(responses))
        for status, response in responses.items():
            if status.startswith(("4", "5")):
                content = response["content"]["application/json"]
                assert content["example"]["detail"], (path, status)
                body = "ValidationErrorBody" if status == "422" else "ErrorBody"
                assert content["schema"] == {"$ref": f"#/components/schemas/{body}"}, (path, status)
    assert "415" in schema["paths"]["/v1/projects/{project_id}/dictionary/import"]["post"]["responses"]
    assert "Retry-After" in schema["paths"]["/v1/redact"]["post"]["responses"]["503"]["headers"]


def test_the_422_body_is_documented_as_a_list_of_issues_or_a_sentence(schema, client):
    body = schema["components"]["schemas"]["ValidationErrorBody"]["properties"]["detail"]
    assert {"type": "string"} in body["anyOf"]
    assert {"type": "array", "items": {"$ref": "#/components/schemas/ValidationIssue"}} in body["anyOf"]
    as_list = client.post("/v1/analyze", json={}).json()["detail"]
    assert isinstance(as_list, list) and set(as_list[0]) == {"loc", "msg", "type"}
    as_sentence = client.post("/v1/analyze/file", files={"file": ("a.docx", b"not a zip")}).json()["detail"]
    assert isinstance(as_sentence, str)


def test_file_routes_document_their_content_types(schema):
    for path in ("/v1/redact/file", "/v1/analyze/file"):
        assert "multipart/form-data" in schema["paths"][path]["post"]["requestBody"]["content"]
    answers = schema["paths"]["/v1/redact/file"]["post"]["responses"]["200"]["content"]
    assert {"text/plain", "text/vtt", "application/x-subrip", "application/json",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"} <= set(answers)
    assert set(schema["paths"]["/v1/analyze/file"]["post"]["responses"]["200"]["content"]) == {"application/json"}
