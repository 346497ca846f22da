"""Who may do what: keys are per project and per role; nothing crosses projects."""
from __future__ import annotations

import pytest

from service.config import Settings

from .conftest import ADMIN_TOKEN, make_client

TEXT = "Amin: I moved from Netflix to Company Y."

# (method, path template, json body) for every project route.
ADMIN_ROUTES = [
    ("GET", "/v1/projects/{id}/dictionary", None),
    ("POST", "/v1/projects/{id}/dictionary", {"term": "Northwind Analytics", "entity_type": "ORGANIZATION"}),
    ("DELETE", "/v1/projects/{id}/dictionary/1", None),
    ("GET", "/v1/projects/{id}/dictionary/export", None),
    ("GET", "/v1/projects/{id}/key", None),
    ("POST", "/v1/projects/{id}/reidentify", {"text": "[Person 1]"}),
    ("POST", "/v1/projects/{id}/reidentify/file", None),
    ("PATCH", "/v1/projects/{id}", {"settings": {"allow_list": ["Spark"]}}),
    ("POST", "/v1/projects/{id}/api-keys", {"role": "redactor"}),
    ("GET", "/v1/projects/{id}/api-keys", None),
    ("DELETE", "/v1/projects/{id}", None),
]
ANY_KEY_ROUTES = [("GET", "/v1/projects/{id}", None)]
ALL_PROJECT_ROUTES = ADMIN_ROUTES + ANY_KEY_ROUTES


def call(client, method, path, body, project_id, headers=None):
    return client.request(method, path.format(id=project_id), json=body, headers=headers or {})


@pytest.mark.parametrize(("method", "path", "body"), ALL_PROJECT_ROUTES)
def test_no_key_is_401(client, project_a, method, path, body):
    r = call(client, method, path, body, project_a.id)
    assert r.status_code == 401, r.text
    assert r.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(("method", "path", "body"), ALL_PROJECT_ROUTES)
@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer tanon_not-a-real-key-000000000000000000000000000"},
        {"X-API-Key": "tanon_wrong"},
        {"Authorization": f"Bearer {ADMIN_TOKEN}"},  # the service token is not a project key
    ],
)
def test_unknown_key_is_401(client, project_a, method, path, body, headers):
    assert call(client, method, path, body, project_a.id, headers).status_code == 401


@pytest.mark.parametrize(("method", "path", "body"), ALL_PROJECT_ROUTES)
def test_key_of_another_project_is_403(client, project_a, project_b, method, path, body):
    for headers in (project_b.admin_headers(), project_b.redactor_headers()):
        r = call(client, method, path, body, project_a.id, headers)
        assert r.status_code == 403, r.text
    # ...and a project that does not exist looks the same: its existence is not revealed.
    assert call(client, method, path, body, 9999, project_b.admin_headers()).status_code == 403


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_ROUTES)
def test_redactor_cannot_use_admin_routes(client, project_a, method, path, body):
    r = call(client, method, path, body, project_a.id, project_a.redactor_headers())
    assert r.status_code == 403, r.text
    assert "admin" in r.json()["detail"]


def test_redactor_may_read_its_project_and_redact(client, project_a):
    assert client.get(f"/v1/projects/{project_a.id}", headers=project_a.redactor_headers()).status_code == 200
    r = client.post("/v1/redact", json={"text": TEXT, "project": project_a.id}, headers=project_a.redactor_headers())
    assert r.status_code == 200, r.text


def test_project_of_another_key_on_text_routes_is_403(client, project_a, project_b):
    for path in ("/v1/analyze", "/v1/redact"):
        for ref in (project_a.id, project_a.name, str(project_a.id), "no-such-project"):
            r = client.post(path, json={"text": TEXT, "project": ref}, headers=project_b.redactor_headers())
            assert r.status_code == 403, (path, ref, r.text)
        r = client.post(path, json={"text": TEXT, "project": project_a.name})
        assert r.status_code == 401
        r = client.post(path, json={"text": TEXT, "project": project_a.name}, headers={"X-API-Key": "tanon_nope"})
        assert r.status_code == 401
    for path in ("/v1/analyze/file", "/v1/redact/file"):
        r = client.post(
            path,
            files={"file": ("t.txt", TEXT.encode(), "text/plain")},
            data={"project": str(project_a.id)},
            headers=project_b.admin_headers(),
        )
        assert r.status_code == 403, path
        r = client.post(path, files={"file": ("t.txt", TEXT.encode(), "text/plain")}, data={"project": project_a.name})
        assert r.status_code == 401, path


def test_text_routes_without_key_work_unless_required(engine, settings, store, project_a):
    with make_client(engine, settings, store) as open_client:
        assert open_client.post("/v1/redact", json={"text": TEXT}).status_code == 200
    strict = settings.model_copy(update={"require_api_key": True})
    with make_client(engine, strict, store) as strict_client:
        assert strict_client.get("/health").status_code == 200
        for path in ("/v1/analyze", "/v1/redact"):
            assert strict_client.post(path, json={"text": TEXT}).status_code == 401
            assert strict_client.post(path, json={"text": TEXT}, headers={"X-API-Key": "tanon_bad"}).status_code == 401
            r = strict_client.post(path, json={"text": TEXT}, headers=project_a.redactor_headers())
            assert r.status_code == 200, r.text
        files = {"file": ("t.txt", TEXT.encode(), "text/plain")}
        for path in ("/v1/analyze/file", "/v1/redact/file"):
            assert strict_client.post(path, files=files).status_code == 401, path
            assert strict_client.post(path, files=files, headers=project_a.redactor_headers()).status_code == 200, path
        assert strict_client.get("/v1/projects").status_code == 401


def test_creating_projects_needs_the_service_admin_token(engine, settings, store, client, project_a):
    body = {"name": "study-c"}
    assert client.post("/v1/projects", json=body).status_code == 401
    assert client.post("/v1/projects", json=body, headers={"Authorization": "Bearer wrong-token-wrong-token"}).status_code == 401
    # a project admin key is not the service token
    assert client.post("/v1/projects", json=body, headers=project_a.admin_headers()).status_code == 401
    no_token = settings.model_copy(update={"admin_token": None})
    with make_client(engine, no_token, store) as c:
        r = c.post("/v1/projects", json=body, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
        assert r.status_code == 403 and "TANON_ADMIN_TOKEN" in r.json()["detail"]


def test_listing_projects_shows_only_the_keys_own_project(client, project_a, project_b):
    r = client.get("/v1/projects", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert [p["name"] for p in r.json()] == ["study-a", "study-b"]
    r = client.get("/v1/projects", headers=project_b.redactor_headers())
    assert [p["id"] for p in r.json()] == [project_b.id]
    assert client.get("/v1/projects").status_code == 401
    assert client.get("/v1/projects", headers={"X-API-Key": "tanon_x"}).status_code == 401


def test_revoked_and_deleted_keys_stop_working(client, project_a):
    r = client.get(f"/v1/projects/{project_a.id}/api-keys", headers=project_a.admin_headers())
    keys = r.json()
    assert {k["role"] for k in keys} == {"admin", "redactor"}
    assert all(set(k) == {"id", "role", "display_prefix", "created_at", "revoked_at"} for k in keys)  # no secrets
    redactor_id = next(k["id"] for k in keys if k["role"] == "redactor")
    assert client.delete(f"/v1/projects/{project_a.id}/api-keys/{redactor_id}", headers=project_a.admin_headers()).status_code == 204
    assert client.get(f"/v1/projects/{project_a.id}", headers=project_a.redactor_headers()).status_code == 401
    assert client.delete(f"/v1/projects/{project_a.id}", headers=project_a.admin_headers()).status_code == 204
    assert client.get(f"/v1/projects/{project_a.id}", headers=project_a.admin_headers()).status_code == 401


def test_an_admin_cannot_revoke_another_projects_key(client, project_a, project_b):
    other_keys = client.get(f"/v1/projects/{project_b.id}/api-keys", headers=project_b.admin_headers()).json()
    for key in other_keys:
        r = client.delete(f"/v1/projects/{project_a.id}/api-keys/{key['id']}", headers=project_a.admin_headers())
        assert r.status_code == 404
    assert client.get(f"/v1/projects/{project_b.id}", headers=project_b.redactor_headers()).status_code == 200


def test_project_routes_without_a_store_key_answer_503_clearly(engine, tmp_path, caplog):
    settings = Settings(store_url=str(tmp_path / "s.sqlite3"), admin_token=ADMIN_TOKEN)
    assert settings.store_key is None and settings.store_key_file is None
    with caplog.at_level("WARNING", logger="tanon.api"), make_client(engine, settings, None) as c:
        assert c.post("/v1/redact", json={"text": TEXT}).status_code == 200  # text routes still work
        r = c.post("/v1/projects", json={"name": "x-study"}, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
        assert r.status_code == 503
        assert "TANON_STORE_KEY" in r.json()["detail"]
        r = c.get("/v1/projects/1", headers={"X-API-Key": "tanon_abc"})
        assert r.status_code == 503
    assert "project routes disabled" in caplog.text
    assert not (tmp_path / "s.sqlite3").exists()  # the service never creates a store or a key
    assert not list(tmp_path.iterdir())
