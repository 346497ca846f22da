"""Fixtures: every store test runs against SQLite (a temp file) and PostgreSQL.

PostgreSQL comes from ``TANON_TEST_POSTGRES_URL`` (``bash .ci/postgres.sh`` starts a
server and prints it); when the variable is unset the default URL that script creates
is tried, and the PostgreSQL cases are skipped only if no server answers there. Each
test gets a fresh schema, dropped afterwards.
"""
from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from service.store import ProjectStore, generate_store_key

POSTGRES_ENV_VAR = "TANON_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql+psycopg://tanon:tanon@127.0.0.1:5432/tanon_test"

_postgres_state: dict[str, object] = {}


def postgres_base_url() -> str:
    """The test server's URL, or skip (unset and unreachable) / fail (set but unreachable)."""
    if "url" not in _postgres_state:
        configured = os.environ.get(POSTGRES_ENV_VAR)
        url = configured or DEFAULT_POSTGRES_URL
        engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as conn:
                conn.execute(sa.text("select 1"))
            _postgres_state["url"] = url
        except sa.exc.OperationalError as error:
            _postgres_state["url"] = None
            _postgres_state["error"] = f"{type(error.orig).__name__}"
            _postgres_state["configured"] = bool(configured)
        finally:
            engine.dispose()
    if _postgres_state["url"] is None:
        reason = f"PostgreSQL not reachable ({_postgres_state['error']})"
        if _postgres_state["configured"]:
            pytest.fail(f"{POSTGRES_ENV_VAR} is set but {reason}")
        pytest.skip(f"{reason}: {POSTGRES_ENV_VAR} is unset; run `bash .ci/postgres.sh` to start a server")
    return str(_postgres_state["url"])


@pytest.fixture
def postgres_url():
    """A URL whose search_path is a fresh, empty schema (dropped after the test)."""
    base = postgres_base_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def store_url(backend, tmp_path, request) -> str:
    if backend == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store_key() -> bytes:
    return generate_store_key()


@pytest.fixture
def store(store_url, store_key):
    with ProjectStore(store_url, key=store_key) as opened:
        yield opened


@pytest.fixture
def project(store):
    return store.create_project("study-alpha", {"language": "en"})
