"""Real-browser tests of the review page and the API docs.

A real server (uvicorn on a free port of 127.0.0.1, in a thread, with the session's
engine and a temporary project store) and Debian's Chromium, driven by Playwright
through ``executable_path``: no browser is ever downloaded. Every request the page makes
to another host is refused and fails the test, so the pages are shown to work offline.
Screenshots of each step go to ``tests/artifacts/<test>/``.

Skipped, with the reason, only where Chromium is not installed (CI installs it).
"""
from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO

CHROMIUM = Path(os.environ.get("TANON_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = REPO / "tests" / "artifacts"
ADMIN_TOKEN = "browser-test-admin-token-0123456789"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium; CI installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        opened = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield opened
        opened.close()


@dataclass
class LiveServer:
    url: str
    store_url: str
    store_key: str
    http: httpx.Client = field(repr=False)

    def create_project(self, name: str) -> tuple[int, str]:
        """A project made over HTTP, as the service admin: its id and first admin key."""
        r = self.http.post("/v1/projects", json={"name": name}, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
        assert r.status_code == 201, r.text
        return r.json()["id"], r.json()["admin_key"]

    def api_key(self, project_id: int, admin_key: str, role: str) -> str:
        r = self.http.post(f"/v1/projects/{project_id}/api-keys", json={"role": role},
                           headers={"Authorization": f"Bearer {admin_key}"})
        assert r.status_code == 201, r.text
        return r.json()["key"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(engine, tmp_path: Path, *, require_api_key: bool) -> Iterator[LiveServer]:
    import uvicorn

    from service.api.app import create_app
    from service.config import Settings
    from service.context import AppContext
    from service.store import ProjectStore, generate_store_key

    store_url = str(tmp_path / "store" / "projects.sqlite3")
    store_key = generate_store_key().decode()
    settings = Settings(store_url=store_url, store_key=store_key, admin_token=ADMIN_TOKEN,
                        require_api_key=require_api_key, max_request_bytes=2_000_000)
    store = ProjectStore(store_url, key=store_key)
    app = create_app(AppContext(settings, engine=engine, store=store))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the review server did not start")
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=url, timeout=60) as http:
        try:
            yield LiveServer(url, store_url, store_key, http)
        finally:
            server.should_exit = True
            thread.join(timeout=15)
            store.close()


@pytest.fixture
def server(engine, tmp_path) -> Iterator[LiveServer]:
    yield from _serve(engine, tmp_path, require_api_key=False)


@pytest.fixture
def locked_server(engine, tmp_path) -> Iterator[LiveServer]:
    """A shared server: TANON_REQUIRE_API_KEY=true."""
    yield from _serve(engine, tmp_path, require_api_key=True)


@pytest.fixture
def page(browser, request):
    """A fresh browser page that may talk to 127.0.0.1 only; anything else fails the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    elsewhere: list[str] = []
    problems: list[str] = []

    def route(r):
        if re.match(r"^(?:https?|wss?)://127\.0\.0\.1[:/]", r.request.url) or r.request.url.startswith(("blob:", "data:")):
            return r.continue_()
        elsewhere.append(r.request.url)
        return r.abort()

    context.route("**/*", route)
    opened = context.new_page()
    opened.on("pageerror", lambda error: problems.append(str(error)))
    yield opened
    context.close()
    assert not elsewhere, f"the page tried to reach other hosts: {elsewhere}"
    assert not problems, f"script errors on the page: {problems}"


@pytest.fixture
def shots(request):
    """``shot(page, name)`` writes tests/artifacts/<test>/<nn>-<name>.png."""
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    count = [0]

    def shot(page, name: str, *, full_page: bool = True) -> Path:
        count[0] += 1
        path = folder / f"{count[0]:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    shot.folder = folder
    return shot


def select_text(page, words: str, nth: int = 0) -> None:
    """Select ``words`` in the transcript with the mouse, as a reviewer would."""
    box = page.evaluate(
        """([words, nth]) => {
          const pieces = [...document.querySelectorAll('#transcript [data-o]')];
          const text = pieces.map((p) => p.textContent).join('');
          let at = -1;
          for (let i = 0; i <= nth; i++) at = text.indexOf(words, at + 1);
          if (at < 0) return null;
          const locate = (offset) => {
            let seen = 0;
            for (const p of pieces) {
              if (offset <= seen + p.textContent.length) return [p.firstChild, offset - seen];
              seen += p.textContent.length;
            }
          };
          const range = document.createRange();
          range.setStart(...locate(at));
          range.setEnd(...locate(at + words.length));
          const rects = range.getClientRects();
          const first = rects[0], last = rects[rects.length - 1];
          return {x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2};
        }""",
        [words, nth],
    )
    assert box, f"{words!r} is not in the transcript"
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=5)
    page.mouse.up()
