"""``/v1/jobs``: upload, poll, download; access rules; jobs that outlive the app instance."""
from __future__ import annotations

import io
import os
import time
import zipfile

from service import formats
from service.api.routes import jobs as job_routes
from service.store import ProjectStore
from tests.projects.conftest import ADMIN_TOKEN, create_project, make_client

from .conftest import CORRUPT, EXPECTED_FORMATS, NAMES, make_mixed_folder


def zipped(folder) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def wait_until_finished(client, job_id: str, headers: dict | None = None, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        r = client.get(f"/v1/jobs/{job_id}", headers=headers or {})
        assert r.status_code == 200, r.text
        if r.json()["status"] in ("done", "failed") or time.monotonic() > deadline:
            return r.json()
        time.sleep(0.05)


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_job_from_a_zip_is_polled_and_downloaded(client, tmp_path):
    folder = make_mixed_folder(tmp_path / "in")
    r = client.post("/v1/jobs", files={"files": ("transcripts.zip", zipped(folder), "application/zip")})
    assert r.status_code == 202, r.text
    assert set(r.json()) == {"id", "status"} and r.json()["status"] == "queued"

    job = wait_until_finished(client, r.json()["id"])
    assert job["status"] == "done" and job["progress"] == {"total": 12, "done": 10, "failed": 2}
    errors = {e["path"]: e["reason"] for e in job["errors"]}
    assert sorted(errors) == sorted([CORRUPT, "notes.md"]) and "ends before it starts" in errors[CORRUPT]
    assert errors["notes.md"].startswith("skipped: a .md file is not a transcript")
    assert job["result"] == f"/v1/jobs/{job['id']}/result" and job["restarts"] == 0

    r = client.get(job["result"])
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    members = unzip(r.content)
    assert sorted(members) == sorted([*EXPECTED_FORMATS, "report.json"])  # hidden and .md files have no output
    for rel, expected in EXPECTED_FORMATS.items():
        assert formats.read(members[rel], filename=rel).format == expected
        assert not any(name.encode() in members[rel] for name in NAMES), rel
    report = members["report.json"].decode()
    assert '"failed": 2' in report and not any(name in report for name in NAMES)


def test_job_with_a_project_uses_its_surrogates_and_keys(client, tmp_path):
    study, other = create_project(client, "study"), create_project(client, "other")
    r = client.post(f"/v1/projects/{study.id}/dictionary", headers=study.admin_headers(),
                    json={"term": "Northwind Analytics", "entity_type": "ORGANIZATION", "surrogate": "Company Q"})
    assert r.status_code == 201, r.text
    files = [
        ("files", ("a.txt", b"Dana Whitfield: I moved to Northwind last year.\n", "text/plain")),
        ("files", ("b.txt", b"Omar Haddad: Dana Whitfield runs Northwind's data team.\n", "text/plain")),
    ]
    assert client.post("/v1/jobs", files=files, data={"project": "study"}).status_code == 401
    assert client.post("/v1/jobs", files=files, data={"project": "study"}, headers=other.redactor_headers()).status_code == 403
    r = client.post("/v1/jobs", files=files, data={"project": "study"}, headers=study.redactor_headers())
    assert r.status_code == 202, r.text
    job_id = r.json()["id"]

    assert client.get(f"/v1/jobs/{job_id}").status_code == 401
    assert client.get(f"/v1/jobs/{job_id}", headers=other.admin_headers()).status_code == 403
    job = wait_until_finished(client, job_id, study.admin_headers())
    assert job["status"] == "done" and job["project"] == study.id
    members = unzip(client.get(job["result"], headers=study.redactor_headers()).content)
    a, b = members["a.txt"].decode(), members["b.txt"].decode()
    assert "[Company Q]" in a and "[Company Q]" in b
    assert a.split(":")[0] in b  # Dana Whitfield has one surrogate in both files
    key = client.get(f"/v1/projects/{study.id}/key", headers=study.admin_headers()).json()["entries"]
    assert "Dana Whitfield" in {e["original"] for e in key}  # the project's re-identification key has it
    assert client.delete(f"/v1/jobs/{job_id}", headers=other.admin_headers()).status_code == 403
    assert client.delete(f"/v1/jobs/{job_id}", headers=study.admin_headers()).status_code == 204
    assert client.get(f"/v1/jobs/{job_id}", headers=study.admin_headers()).status_code == 404


def test_job_survives_a_new_app_and_store_instance(engine, settings, store_url, store_key, tmp_path):
    folder = make_mixed_folder(tmp_path / "in")
    with ProjectStore(store_url, key=store_key) as first_store, make_client(engine, settings, first_store) as first:
        job_id = first.post("/v1/jobs", files={"files": ("t.zip", zipped(folder), "application/zip")}).json()["id"]
        assert wait_until_finished(first, job_id)["status"] == "done"
        expected = unzip(first.get(f"/v1/jobs/{job_id}/result").content)
    with ProjectStore(store_url, key=store_key) as second_store, make_client(engine, settings, second_store) as second:
        job = second.get(f"/v1/jobs/{job_id}").json()
        assert job["status"] == "done" and job["progress"]["done"] == 10
        again = unzip(second.get(job["result"]).content)
    assert {k: v for k, v in again.items() if k != "report.json"} == {k: v for k, v in expected.items() if k != "report.json"}


def test_a_job_interrupted_by_a_restart_is_resumed(engine, settings, store_url, store_key):
    with ProjectStore(store_url, key=store_key) as store:
        job = store.create_job([("a.txt", b"Dana Whitfield: hello.\n"), ("b.txt", b"Dana Whitfield: bye.\n")])
        # A service instance claimed the job, finished one file and died (its lease ran out).
        claimed = store.claim_job("dead-instance", lease_seconds=0, max_attempts=3)
        first = store.next_pending_job_file(claimed.id)
        assert store.finish_job_file(job.id, first.id, "dead-instance", ok=True, format="text",
                                     output=b"[Person 1]: hello.\n",
                                     summary={"entities_by_type": {"PERSON": 1}, "replacements": 1,
                                              "surrogates_used": ["[Person 1]"]},
                                     error=None, book_state={"reserved": [], "entities": [["PERSON", "dana whitfield", "[Person 1]"]],
                                                             "next_index": {"PERSON": 1}},
                                     lease_seconds=0)
        with make_client(engine, settings, store) as client:
            resumed = wait_until_finished(client, job.id)
            files = unzip(client.get(f"/v1/jobs/{job.id}/result").content)
    assert resumed["status"] == "done" and resumed["restarts"] == 1 and resumed["progress"]["done"] == 2
    assert files["a.txt"] == b"[Person 1]: hello.\n"  # kept, not redone
    assert files["b.txt"] == b"[Person 1]: bye.\n"  # the saved book: the same person, the same surrogate


def test_job_result_before_the_job_is_done_is_409(engine, settings, store):
    job = store.create_job([("a.txt", b"Dana Whitfield: hello.\n")])
    client = make_client(engine, settings, store)  # not started: no runner picks the job up
    r = client.get(f"/v1/jobs/{job.id}/result")
    assert r.status_code == 409 and "queued" in r.json()["detail"]
    assert client.get("/v1/jobs/0123456789abcdef0123456789abcdef").status_code == 404


def evil_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name), content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def test_job_uploads_are_checked_before_anything_is_stored(client, store):
    def post(data: bytes, name: str = "t.zip"):
        return client.post("/v1/jobs", files={"files": (name, data, "application/octet-stream")})

    cases = {
        "'..' in its path": evil_zip({"ok.txt": b"Dana: hi", "../../escape.txt": b"Dana: hi"}),
        "absolute path": evil_zip({"/etc/cron.d/x.txt": b"Dana: hi"}),
        "possible zip bomb": evil_zip({"bomb.txt": b"0" * 3_000_000}),
        "the limit is 200000 bytes": evil_zip({"big.txt": os.urandom(150_000).hex().encode()}),
        "no transcripts": evil_zip({"readme.md": b"nothing"}),
        "not a readable zip": b"PK\x03\x04 truncated",
    }
    for reason, data in cases.items():
        r = post(data)
        assert r.status_code == 422 and reason in r.json()["detail"], (reason, r.text)
    r = post(b"Dana Whitfield", name="notes.md")  # nothing in the upload the job could redact
    assert r.status_code == 422 and "no transcripts in the upload" in r.json()["detail"]
    with store._engine.connect() as conn:  # nothing was stored
        assert conn.exec_driver_sql("select count(*) from jobs").scalar() == 0


def test_jobs_need_a_key_when_the_service_requires_one(engine, settings, store):
    strict = settings.model_copy(update={"require_api_key": True})
    with make_client(engine, strict, store) as client:
        r = client.post("/v1/jobs", files={"files": ("a.txt", b"Dana: hi", "text/plain")})
        assert r.status_code == 401
        job = store.create_job([("a.txt", b"Dana: hi")])
        assert client.get(f"/v1/jobs/{job.id}").status_code == 401


def test_the_app_stops_its_job_runner_on_shutdown(engine, settings, store):
    with make_client(engine, settings, store) as client:
        runner = client.app.state.job_runner
        assert runner._thread.is_alive()
    assert not runner._thread.is_alive()
    assert job_routes.router.prefix == "/v1/jobs" and ADMIN_TOKEN


def test_a_job_lists_each_file_it_cannot_read_and_redacts_the_rest(client):
    r = client.post("/v1/jobs", files=[
        ("files", ("a.txt", b"Dana Whitfield: I moved to Northwind last year.\n", "text/plain")),
        ("files", ("slides.pdf", b"%PDF-1.7\n", "application/pdf")),
        ("files", ("scan.txt", b"%PDF-1.7\n", "text/plain")),
    ])
    assert r.status_code == 202, r.text
    job = wait_until_finished(client, r.json()["id"])
    assert job["status"] == "done" and job["progress"] == {"total": 3, "done": 1, "failed": 2}
    errors = {e["path"]: e["reason"] for e in job["errors"]}
    assert errors["slides.pdf"].startswith("skipped: a .pdf file is not a transcript")
    assert errors["scan.txt"] == "PDF is not supported: export the transcript as DOCX or TXT"
