"""Refusals say where and what, never what the client sent: not a value, not a field name
it made up (a made-up key can be a name), and a redactor key never learns a dictionary term."""
from __future__ import annotations

import json

import pytest

from .conftest import ADMIN_TOKEN

PLANTED = "Marguerite Okonkwo-Bell"


def assert_not_echoed(response):
    assert PLANTED not in response.text
    assert "Marguerite" not in response.text and "Okonkwo" not in response.text


def test_unknown_json_field_is_reported_by_position_not_by_name(client):
    r = client.post("/v1/analyze", json={"text": "hello", PLANTED: 1})
    assert r.status_code == 422
    assert_not_echoed(r)
    (error,) = r.json()["detail"]
    assert error == {"loc": ["body"], "msg": "an unknown field (field 2 of this object) is not allowed",
                     "type": "extra_forbidden"}


def test_unknown_field_in_a_nested_object_keeps_the_declared_path(client, project_a):
    r = client.post(f"/v1/projects/{project_a.id}/dictionary",
                    json={"term": "x", "entity_type": "PERSON", PLANTED: "y"}, headers=project_a.admin_headers())
    assert r.status_code == 422
    assert_not_echoed(r)
    assert r.json()["detail"][0]["msg"].startswith("an unknown field (field 3")


@pytest.mark.parametrize("submitted", [
    {PLANTED: 1},
    {"allow_list": ["ok"], PLANTED: {"operator": "tag"}},
    {"entities": {PLANTED: {"operator": "tag", "template": "[x]"}}},
    {"entities": {"MARGUERITE_OKONKWO": {"operator": "nonsense"}}},
])
def test_unknown_settings_keys_and_entity_types_are_not_echoed(client, project_a, submitted):
    r = client.post("/v1/projects", json={"name": "study-echo", "settings": submitted},
                    headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert r.status_code == 422, r.text
    assert_not_echoed(r)
    assert "MARGUERITE" not in r.text
    r = client.patch(f"/v1/projects/{project_a.id}", json={"settings": submitted}, headers=project_a.admin_headers())
    assert r.status_code == 422
    assert_not_echoed(r)
    assert "MARGUERITE" not in r.text


def test_unknown_settings_key_is_named_by_position(client):
    r = client.post("/v1/projects", json={"name": "study-echo", "settings": {"allow_list": [], PLANTED: 1}},
                    headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert r.status_code == 422
    assert "an unknown field (field 2 of this object)" in r.json()["detail"]


@pytest.mark.parametrize("content_type, body, where", [
    ("text/csv", f"term,entity_type,{PLANTED}\nAda,PERSON,1\n", "column 3"),
    ("application/yaml", f"terms:\n  - term: Ada\n    {PLANTED}: 1\n    entity_type: PERSON\n", "field 2"),
])
def test_unknown_dictionary_import_fields_are_not_echoed(client, project_a, content_type, body, where):
    r = client.post(f"/v1/projects/{project_a.id}/dictionary/import", content=body.encode(),
                    headers={**project_a.admin_headers(), "Content-Type": content_type})
    assert r.status_code == 422
    assert_not_echoed(r)
    assert f"an unknown field ({where})" in r.json()["detail"]


@pytest.mark.parametrize("route", ["/v1/analyze/file", "/v1/redact/file"])
def test_a_bad_format_value_is_not_echoed(client, route):
    r = client.post(route, files={"file": ("call.txt", b"Speaker 1: hello there")}, data={"format": PLANTED})
    assert r.status_code == 422
    assert_not_echoed(r)
    assert r.json()["detail"][0]["loc"] == ["body", "format"]


def test_a_redactor_key_does_not_learn_a_dictionary_term_from_its_alias(client, project_a):
    r = client.post(f"/v1/projects/{project_a.id}/dictionary",
                    json={"term": "Quillfeather Biosystems", "entity_type": "ORGANIZATION", "aliases": ["QFB"]},
                    headers=project_a.admin_headers())
    assert r.status_code == 201
    text = "We moved our data to QFB last spring."
    as_redactor = client.post("/v1/analyze", json={"text": text, "project": project_a.id},
                              headers=project_a.redactor_headers())
    assert as_redactor.status_code == 200
    hits = [e for e in as_redactor.json()["entities"] if text[e["start"]:e["end"]] == "QFB"]
    assert hits, "the alias is found"
    assert "Quillfeather" not in as_redactor.text and "Biosystems" not in as_redactor.text
    assert all("term" not in e for e in as_redactor.json()["entities"])
    files = client.post("/v1/analyze/file", files={"file": ("call.txt", text.encode())},
                        data={"project": str(project_a.id)}, headers=project_a.redactor_headers())
    assert files.status_code == 200 and "Quillfeather" not in files.text
    # the project's admin, who may list the dictionary anyway, is told which term matched
    as_admin = client.post("/v1/analyze", json={"text": text, "project": project_a.id},
                           headers=project_a.admin_headers())
    assert [e.get("term") for e in as_admin.json()["entities"] if text[e["start"]:e["end"]] == "QFB"] == [
        "Quillfeather Biosystems"]
