"""The store's job and turn tables, on SQLite and PostgreSQL: leases, resumes, turns."""
from __future__ import annotations

import threading
import time

from service.batch.turns import Turn, TurnBook
from service.store.jobs import DONE, FAILED, QUEUED, RUNNING

TEMPLATES = {"PERSON": "[Person {n}]"}


def test_a_job_is_claimed_by_one_runner_until_its_lease_runs_out(store):
    job = store.create_job([("a.txt", b"one"), ("b.txt", b"two")])
    assert store.get_job(job.id).status == QUEUED
    claimed = store.claim_job("runner-1", lease_seconds=60, max_attempts=3)
    assert claimed.id == job.id and claimed.status == RUNNING and claimed.attempts == 1
    assert store.claim_job("runner-2", lease_seconds=60, max_attempts=3) is None  # leased
    assert store.renew_job_lease(job.id, "runner-1", lease_seconds=0)  # runner-1 "dies": lease over
    taken = store.claim_job("runner-2", lease_seconds=60, max_attempts=3)
    assert taken.id == job.id and taken.attempts == 2
    file = store.next_pending_job_file(job.id)
    assert (file.path, file.data) == ("a.txt", b"one")
    # The old runner lost the job: nothing it reports is recorded.
    assert not store.finish_job_file(job.id, file.id, "runner-1", ok=True, format="text", output=b"x", summary={},
                                     error=None, book_state=None, lease_seconds=60)
    assert store.finish_job_file(job.id, file.id, "runner-2", ok=True, format="text", output=b"1", summary={},
                                 error=None, book_state=None, lease_seconds=60)
    second = store.next_pending_job_file(job.id)
    assert store.finish_job_file(job.id, second.id, "runner-2", ok=False, format=None, output=None, summary=None,
                                 error="bad file", book_state=None, lease_seconds=60)
    assert store.next_pending_job_file(job.id) is None
    assert store.finish_job(job.id, "runner-2")
    done = store.get_job(job.id)
    assert (done.status, done.done, done.failed) == (DONE, 1, 1)
    files = store.list_job_files(job.id, with_outputs=True)
    assert [(f.path, f.status, f.data, f.error) for f in files] == [("a.txt", "ok", b"1", None),
                                                                    ("b.txt", "failed", None, "bad file")]


def test_a_job_that_keeps_dying_is_failed(store):
    job = store.create_job([("a.txt", b"one")])
    for _ in range(3):
        assert store.claim_job("crashing", lease_seconds=0, max_attempts=3).id == job.id
    assert store.claim_job("next", lease_seconds=60, max_attempts=3) is None
    failed = store.get_job(job.id)
    assert failed.status == FAILED and "interrupted 3 times" in failed.error


def test_a_released_job_is_queued_again_with_its_finished_files(store):
    job = store.create_job([("a.txt", b"one"), ("b.txt", b"two")])
    store.claim_job("r", lease_seconds=60, max_attempts=3)
    first = store.next_pending_job_file(job.id)
    store.finish_job_file(job.id, first.id, "r", ok=True, format="text", output=b"1", summary={}, error=None,
                          book_state={"reserved": [], "entities": [], "next_index": {}}, lease_seconds=60)
    store.release_job(job.id, "r")
    assert store.get_job(job.id).status == QUEUED
    assert store.claim_job("s", lease_seconds=60, max_attempts=3).id == job.id
    assert store.next_pending_job_file(job.id).path == "b.txt"
    assert store.job_book_state(job.id) == {"reserved": [], "entities": [], "next_index": {}}


def test_job_inputs_and_paths_are_encrypted_at_rest(store):
    job = store.create_job([("dana_whitfield.txt", b"Dana Whitfield: secret")])
    with store._engine.connect() as conn:
        rows = conn.exec_driver_sql("select path_enc, input_enc from job_files").all()
    assert rows and not any(b"Dana" in str(value).encode() for row in rows for value in row)
    assert store.list_job_files(job.id)[0].path == "dana_whitfield.txt"


def test_deleting_a_project_deletes_its_jobs(store):
    project = store.create_project("p")
    job = store.create_job([("a.txt", b"one")], project_id=project.id, owner_project_id=project.id)
    store.delete_project(project.id)
    with store._engine.connect() as conn:
        assert conn.exec_driver_sql("select count(*) from jobs").scalar() == 0
        assert conn.exec_driver_sql("select count(*) from job_files").scalar() == 0
    assert job.id


def test_turns_allocate_in_file_order_whoever_asks_first(store):
    project = store.create_project("p")
    later = TurnBook(store, project.id, Turn("run", 1))
    labels: dict = {}

    def allocate_later() -> None:
        labels.update(later.allocate([("PERSON", "omar haddad", "Omar Haddad")], templates=TEMPLATES, reserved=set()))

    thread = threading.Thread(target=allocate_later)
    thread.start()
    time.sleep(0.3)
    assert thread.is_alive() and not labels  # waits for position 0
    earlier = TurnBook(store, project.id, Turn("run", 0))
    first = earlier.allocate([("PERSON", "dana whitfield", "Dana Whitfield")], templates=TEMPLATES, reserved=set())
    thread.join(10)
    assert first == {("PERSON", "dana whitfield"): "[Person 1]"}
    assert labels == {("PERSON", "omar haddad"): "[Person 2]"}
    store.clear_turns("run")
    assert store.turns_before("run", 5) == 0


def test_a_file_without_names_passes_its_turn(store):
    project = store.create_project("p")
    quiet = TurnBook(store, project.id, Turn("run", 0))
    assert quiet.allocate([], templates=TEMPLATES, reserved=set()) == {}
    quiet.end_turn()
    quiet.end_turn()  # idempotent
    assert store.turns_before("run", 1) == 1
    late = TurnBook(store, project.id, Turn("run", 1), patience=0.2)
    assert late.allocate([("PERSON", "dana whitfield", "Dana")], templates=TEMPLATES, reserved=set())


def test_a_turn_stops_waiting_when_earlier_files_make_no_progress(store):
    project = store.create_project("p")
    orphan = TurnBook(store, project.id, Turn("run", 3), patience=0.3)  # positions 0-2 never come
    started = time.monotonic()
    assert orphan.allocate([("PERSON", "dana whitfield", "Dana")], templates=TEMPLATES, reserved=set())
    assert 0.3 <= time.monotonic() - started < 5
