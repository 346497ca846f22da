"""The OpenAPI schema against the running app: schemathesis generates requests from it
(valid and invalid) and its checks run on every answer (``--checks all`` but the one named
below): no 5xx, every status, content type, header and body as documented, invalid data
refused, authentication not ignored.
Bounded: a few examples per operation (TANON_SCHEMATHESIS_EXAMPLES for a longer run)."""
from __future__ import annotations

import os

import pytest
import schemathesis
import schemathesis.specs.openapi.checks  # noqa: F401  (registers the OpenAPI checks)
from cryptography.fernet import Fernet
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import CHECKS

from service.api.app import create_app
from service.config import Settings
from service.context import AppContext

# Every check but one: a request the schema allows may still be refused for its content
# (a file no reader can read, a language without a model): 422 with the reason, as the
# schema documents, which "positive data acceptance" counts as a failure.
CONTENT_REFUSALS = [schemathesis.specs.openapi.checks.positive_data_acceptance]
EXAMPLES = int(os.environ.get("TANON_SCHEMATHESIS_EXAMPLES", "8"))
ADMIN_TOKEN = "schema-admin-token-0123456789"


@pytest.fixture(scope="module")
def service(engine, tmp_path_factory):
    path = tmp_path_factory.mktemp("schemathesis") / "projects.sqlite3"
    settings_ = Settings(max_request_bytes=200_000, store_url=str(path), store_key=Fernet.generate_key().decode(),
                         admin_token=ADMIN_TOKEN, require_api_key=True)
    context = AppContext(settings_, engine=engine)
    yield create_app(context), context.store()
    context.close()


@pytest.fixture(scope="module")
def api_schema(service):
    app, store = service
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)

    @schema.auth()
    class ProjectAdminKey:  # schemathesis sends it, and also tries without it and with a bad one
        key: str | None = None

        def get(self, case, context):
            # A generated DELETE may remove the project: then the next request gets a new one.
            if self.key is None or store.authenticate(self.key) is None:
                project = store.create_project(f"schema-study-{len(store.list_projects()) + 1}", {})
                self.key = store.create_api_key(project.id, role="admin")
            return self.key

        def set(self, case, data, context):
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    return schema


def test_the_app_answers_as_its_schema_says(api_schema):
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def check(case):
            case.call_and_validate( checks=CHECKS.get_all(), excluded_checks=CONTENT_REFUSALS)

        try:
            check()
        except (Exception, BaseExceptionGroup) as exc:  # report every operation's failure, not only the first
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
