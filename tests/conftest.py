"""Shared fixtures. Tests that need the real spaCy model share one session engine."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_EVAL = REPO.parent / "shared" / "eval"
_MARK = re.compile(r"\[\[[A-Z_]+\|(.*?)\]\]")


@pytest.fixture(scope="session")
def engine_config():
    from service.config import load_engine_config

    return load_engine_config()


@pytest.fixture(scope="session")
def engine(engine_config):
    from service.engine.engine import Engine

    return Engine(engine_config)


@pytest.fixture(scope="session")
def noise(engine_config):
    from service.engine.noise import NoiseFilter

    return NoiseFilter.from_file(engine_config.resolve(engine_config.decide.noise_file))


@pytest.fixture(scope="session")
def example_path() -> Path:
    return REPO / "examples" / "interview_03.txt"


@pytest.fixture(scope="session")
def seed_doc() -> dict:
    path = SHARED_EVAL / "seed" / "seed.jsonl"
    if not path.exists():
        pytest.skip("shared/eval is not present on this machine")
    return json.loads(path.read_text(encoding="utf-8").splitlines()[0])


@pytest.fixture(scope="session")
def dev_docs() -> list[dict]:
    path = SHARED_EVAL / "dev" / "dev.jsonl"
    if not path.exists():
        pytest.skip("shared/eval is not present on this machine")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def cli_main(engine):
    """``cli_main([...])`` runs ``tanon`` in-process with the session engine and returns the
    exit code: each run gets an application context of its own (settings as the environment
    says then), closed after it, as a real ``tanon`` process would."""
    from service import cli

    def run(argv: list[str]) -> int:
        with cli.command_line_context(engine=engine) as context:
            return cli.main(argv, context=context)

    return run


@pytest.fixture(scope="module")
def api_client(engine):
    """A TestClient over the app with the session engine; module-scoped, so each test module
    gets its own app. Call it with the Settings the module needs."""
    from fastapi.testclient import TestClient

    from service.api.app import create_app
    from service.context import AppContext

    clients = []

    def make(settings):
        context = AppContext(settings, engine=engine)
        client = TestClient(create_app(context))
        client.__enter__()
        clients.append((client, context))
        return client

    yield make
    for client, context in clients:
        client.__exit__(None, None, None)
        context.close()


def strip_marks(text: str) -> str:
    return _MARK.sub(r"\1", text)


# Property tests (tests/fuzz): a bounded profile by default and in CI, a long one for
# nightly runs (pytest --hypothesis-profile=nightly).
try:
    from hypothesis import HealthCheck, settings

    settings.register_profile("ci", max_examples=20, deadline=None, derandomize=True,
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    settings.register_profile("nightly", max_examples=1000, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    settings.load_profile("ci")
except ImportError:  # the test extra is not installed: tests/fuzz is skipped
    pass
