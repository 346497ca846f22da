"""Fixtures for the Projects capability: a real store (SQLite file and PostgreSQL), the
HTTP app over it with the session engine, and a project with an admin and a redactor key.

PostgreSQL is found exactly as the store tests find it (``tests/store/conftest.py``:
``TANON_TEST_POSTGRES_URL`` or the URL ``bash .ci/postgres.sh`` creates; skipped when
unset and unreachable).
"""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.config import Settings
from service.context import AppContext
from service.store import ProjectStore
from tests.store.conftest import backend, postgres_base_url, postgres_url, store, store_key  # noqa: F401  (shared, not duplicated)

ADMIN_TOKEN = "service-admin-token-0123456789"


@pytest.fixture
def store_url(backend, tmp_path, request) -> str:
    if backend == "sqlite":
        return str(tmp_path / "store" / "projects.sqlite3")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return str(tmp_path / "store" / "projects.sqlite3")


@pytest.fixture
def settings(store_url, store_key) -> Settings:
    return Settings(
        max_request_bytes=200_000,
        store_url=store_url,
        store_key=store_key.decode(),
        admin_token=ADMIN_TOKEN,
        require_api_key=False,
    )


def make_client(engine, settings: Settings, store: ProjectStore | None) -> TestClient:
    """The app with an application context of the test's: the session engine, ``settings``
    and ``store`` (None: the app opens the store ``settings`` point at, as a service does)."""
    return TestClient(create_app(AppContext(settings, engine=engine, store=store)))


@pytest.fixture
def client(engine, settings, store):
    with make_client(engine, settings, store) as c:
        yield c


@dataclass
class Keys:
    """A project reached through the API: its id and an admin and a redactor key."""

    id: int
    name: str
    admin: str
    redactor: str

    def admin_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.admin}"}

    def redactor_headers(self) -> dict[str, str]:
        return {"X-API-Key": self.redactor}


def create_project(client: TestClient, name: str, settings: dict | None = None) -> Keys:
    r = client.post(
        "/v1/projects",
        json={"name": name, "settings": settings or {}},
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    admin = body["admin_key"]
    r = client.post(
        f"/v1/projects/{body['id']}/api-keys", json={"role": "redactor"}, headers={"Authorization": f"Bearer {admin}"}
    )
    assert r.status_code == 201, r.text
    return Keys(id=body["id"], name=name, admin=admin, redactor=r.json()["key"])


@pytest.fixture
def project_a(client) -> Keys:
    return create_project(client, "study-a")


@pytest.fixture
def project_b(client) -> Keys:
    return create_project(client, "study-b")
