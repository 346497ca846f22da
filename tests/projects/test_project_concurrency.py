"""8 clients redact 40 documents that share names through a real uvicorn server with two
worker processes and a PostgreSQL store: every entity ends up with exactly one surrogate
and every surrogate with exactly one entity, in the answers and in the stored key."""
from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from service.store import ProjectStore, canonical_form, generate_store_key

REPO = Path(__file__).resolve().parents[2]
CLIENTS = 8
DOCUMENTS = 40
WORKERS = 2

# name -> (entity type, the ways it is written in the documents)
PEOPLE = {
    "Jane Okafor": ["Jane Okafor"],
    "Ravi Menon": ["Ravi Menon"],
    "Lena Fischer": ["Lena Fischer"],
    "Tomasz Wojcik": ["Tomasz Wojcik"],
    "Amara Nwosu": ["Amara Nwosu"],
    "Hiroshi Tanaka": ["Hiroshi Tanaka"],
    "Sofia Marquez": ["Sofia Marquez"],
    "Priya Raman": ["Priya Raman"],
}
COMPANIES = {
    "Northwind Analytics": ["Northwind Analytics Inc.", "northwind", "Northwind"],
    "Contoso": ["Contoso Ltd", "Contoso"],
    "Fabrikam": ["Fabrikam GmbH", "fabrikam"],
    "Tailspin Toys": ["Tailspin Toys", "tailspin"],
    "Wingtip Partners": ["Wingtip Partners LLC", "Wingtip"],
}
FIXED = {"Woodgrove Bank": "Company Y"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_documents(count: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """Documents and, for each, the (canonical name, surface) mentions it contains."""
    rng = random.Random(7)
    documents = []
    for _ in range(count):
        speaker, colleague = rng.sample(sorted(PEOPLE), 2)
        employer, client = rng.sample(sorted(COMPANIES), 2)
        employer_surface = rng.choice(COMPANIES[employer])
        client_surface = rng.choice(COMPANIES[client])
        lines = [
            "Interviewer: Can you tell me about your work?",
            f"{speaker}: I am a data scientist at {employer_surface} and I report to {colleague}.",
            "Interviewer: Who are your clients?",
            f"{speaker}: Mostly {client_surface}, and we bank with Woodgrove Bank.",
        ]
        mentions = [
            (speaker, speaker),
            (colleague, colleague),
            (employer, employer_surface),
            (client, client_surface),
            ("Woodgrove Bank", "Woodgrove Bank"),
        ]
        documents.append(("\n".join(lines) + "\n", mentions))
    return documents


@pytest.fixture
def server(postgres_url):
    key = generate_store_key()
    with ProjectStore(postgres_url, key=key) as store:
        project = store.create_project("concurrency")
        for name in PEOPLE:
            store.add_term(project.id, name, "PERSON")
        for name in COMPANIES:
            store.add_term(project.id, name, "ORGANIZATION")
        for name, surrogate in FIXED.items():
            store.add_term(project.id, name, "ORGANIZATION", surrogate=surrogate)
        api_key = store.create_api_key(project.id, role="redactor")
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "TANON_STORE_URL": postgres_url,
        "TANON_STORE_KEY": key.decode(),
        "TANON_REQUIRE_API_KEY": "true",
        "TANON_LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "service.api.app:app", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(WORKERS), "--log-level", "warning"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 45
        while True:
            if process.poll() is not None:
                pytest.fail(f"uvicorn exited with {process.returncode}: {process.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(f"{base}/health", timeout=30).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("uvicorn did not answer /health within 45 s")
            time.sleep(0.2)
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        if children.exists():  # Linux: the supervisor really runs separate worker processes
            assert len(children.read_text().split()) >= WORKERS
        yield base, api_key, project.id, postgres_url, key
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # the server's own process group (started above)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        process.stderr.close()


def test_parallel_clients_get_one_surrogate_per_entity_across_workers(server):
    base, api_key, project_id, url, key = server
    documents = make_documents(DOCUMENTS)
    headers = {"Authorization": f"Bearer {api_key}"}
    started = time.monotonic()

    def client(indexes: list[int]) -> list[tuple[int, dict]]:
        out = []
        with httpx.Client(base_url=base, headers=headers, timeout=60) as http:
            for i in indexes:
                response = http.post("/v1/redact", json={"text": documents[i][0], "project": project_id})
                assert response.status_code == 200, response.text
                out.append((i, response.json()))
        return out

    batches = [list(range(c, DOCUMENTS, CLIENTS)) for c in range(CLIENTS)]
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = [item for batch in pool.map(client, batches) for item in batch]
    elapsed = time.monotonic() - started
    assert len(results) == DOCUMENTS

    surrogates_of: dict[str, set[str]] = defaultdict(set)
    for i, body in results:
        text, mentions = documents[i]
        for name, surface in mentions:
            start = text.index(surface)
            covering = [e for e in body["entities"] if e["start"] <= start and start + len(surface) <= e["end"]]
            assert len(covering) == 1, (surface, body["entities"])
            surrogates_of[name].add(covering[0]["surrogate"])
            assert surface not in body["text"]
    # in the answers: one surrogate per entity, one entity per surrogate
    assert all(len(labels) == 1 for labels in surrogates_of.values()), {n: l for n, l in surrogates_of.items() if len(l) > 1}
    owner = {next(iter(labels)): name for name, labels in surrogates_of.items()}
    assert len(owner) == len(surrogates_of)
    assert surrogates_of["Woodgrove Bank"] == {"[Company Y]"}

    # in the store (the re-identification key)
    with ProjectStore(url, key=key) as store:
        entries = store.export_key(project_id)
    labels = [e["surrogate"] for e in entries]
    assert len(labels) == len(set(labels)), "a surrogate was given to two entities"
    entities = [(e["entity_type"], canonical_form(e["entity_type"], e["original"])) for e in entries]
    assert len(entities) == len(set(entities)), "an entity got two surrogates"
    by_label = {e["surrogate"]: e for e in entries}
    for label, name in owner.items():
        assert by_label[label]["original"] == name
    assert set(owner) == set(labels), "the store holds surrogates no answer used"
    assert elapsed < 60, f"took {elapsed:.1f} s"
