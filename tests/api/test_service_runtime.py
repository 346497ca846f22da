"""The service at run time: one engine per worker built at start-up, /health ready only
after, a bounded work queue (503 with Retry-After under overload), and its logs."""
from __future__ import annotations

import asyncio
import json
import threading

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.api.work_queue import ServiceBusy, WorkQueue
from service.config import Settings
from service.context import AppContext
from service.engine import engine as engine_module

PLANTED = ("Ottoline Vasquez-Brandt", "Kestrel Mining Partners", "Ottoline")


def test_eight_concurrent_first_requests_build_the_engine_once_and_health_waits_for_it(monkeypatch):
    real_init = engine_module.Engine.__init__
    builds, release = [], threading.Event()

    def counted_init(self, *args, **kwargs):
        builds.append(1)
        release.wait(60)  # hold the build until every request is in flight
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(engine_module.Engine, "__init__", counted_init)
    context = AppContext(Settings(max_request_bytes=200_000))
    with TestClient(create_app(context)) as client:
        starting = client.get("/health")
        assert starting.status_code == 503 and int(starting.headers["Retry-After"]) >= 1
        assert starting.json()["detail"].startswith("starting")
        results = []
        threads = [threading.Thread(target=lambda: results.append(
            client.post("/v1/analyze", json={"text": "Speaker 1: I met a colleague in the lobby."}).status_code))
            for _ in range(8)]
        for thread in threads:
            thread.start()
        release.set()
        for thread in threads:
            thread.join(120)
        assert results == [200] * 8
        assert len(builds) == 1
        ready = client.get("/health")
        assert ready.status_code == 200 and ready.json()["status"] == "ok"
    context.close()


def test_work_queue_refuses_beyond_capacity_and_queue_then_recovers():
    async def scenario():
        queue = WorkQueue(capacity=1, queue=1, wait_seconds=0.05)
        async with queue.turn():
            with pytest.raises(ServiceBusy):  # one waiting place, but the slot never frees in time
                async with queue.turn():
                    pass
            waiter = asyncio.create_task(_enter(queue))
            await asyncio.sleep(0)
            with pytest.raises(ServiceBusy) as refused:  # queue full: refused at once
                async with queue.turn():
                    pass
            assert refused.value.retry_after >= 1
            with pytest.raises(ServiceBusy):
                await waiter
        async with queue.turn():  # free again
            pass

    asyncio.run(scenario())


async def _enter(queue: WorkQueue) -> None:
    async with queue.turn():
        pass


def test_overload_gets_503_with_retry_after_instead_of_waiting(engine):
    settings = Settings(max_request_bytes=200_000, work_capacity=1, work_queue=0, work_queue_wait_seconds=30)
    context = AppContext(settings, engine=engine)
    with TestClient(create_app(context)) as client:
        busy = client.app.state.work_queue.turn()
        client.portal.call(busy.__aenter__)  # a request that holds the one slot
        try:
            r = client.post("/v1/analyze", json={"text": "Speaker 1: hello."})
            assert r.status_code == 503
            assert int(r.headers["Retry-After"]) >= 1 and "capacity" in r.json()["detail"]
        finally:
            client.portal.call(busy.__aexit__, None, None, None)
        assert client.post("/v1/analyze", json={"text": "Speaker 1: hello."}).status_code == 200
    context.close()


def test_tanon_logs_are_json_lines_at_the_configured_level_and_hold_no_transcript_text(engine, capfd):
    settings = Settings(max_request_bytes=200_000, log_level="debug", log_format="json")
    context = AppContext(settings, engine=engine)
    transcript = (f"Interviewer: Where did you work before?\n"
                  f"{PLANTED[0]}: At {PLANTED[1]} in Tromsø, then on my own.\n")
    with TestClient(create_app(context)) as client:
        assert client.post("/v1/analyze", json={"text": transcript}).status_code == 200
        assert client.post("/v1/redact", json={"text": transcript}).status_code == 200
        assert client.post("/v1/redact/file", files={"file": (f"{PLANTED[0]}.txt", transcript.encode())}).status_code == 200
        assert client.post("/v1/analyze", json={"text": transcript, PLANTED[0]: 1}).status_code == 422
        assert client.post("/v1/analyze/file", files={"file": ("x.vtt", b"WEBVTT\n\n" + transcript.encode())}).status_code == 422
        assert client.get(f"/v1/projects/{PLANTED[2]}").status_code in (401, 404, 422, 503)
    context.close()
    lines = [line for line in capfd.readouterr().err.splitlines() if line.startswith("{")]
    entries = [json.loads(line) for line in lines]
    requests = [e for e in entries if e["logger"] == "tanon.api.requests"]
    assert len(requests) >= 6, lines
    assert {"time", "level", "logger", "message"} <= set(requests[0])
    assert any(e["message"].startswith("POST /v1/redact/file 200") for e in requests)
    for line in lines:
        for planted in PLANTED + ("Tromsø", "Troms\\u00f8", "Interviewer: Where"):
            assert planted not in line


def test_log_level_from_settings_silences_the_request_log(engine, capfd):
    context = AppContext(Settings(max_request_bytes=200_000, log_level="WARNING"), engine=engine)
    with TestClient(create_app(context)) as client:
        assert client.post("/v1/analyze", json={"text": "Speaker 1: hello."}).status_code == 200
    context.close()
    assert "tanon.api.requests" not in capfd.readouterr().err
