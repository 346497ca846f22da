"""8 workers (threads, then processes), each with its own ProjectStore, allocate random
overlapping batches in one project at once. Every entity must end up with one label,
every label with one entity, and the numbering must have no holes except reserved labels."""
import multiprocessing
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy.exc import IntegrityError
from tenacity import RetryCallState, Retrying

from service.store import StoreBusy, canonical_form
from service.store.schema import projects
from service.store.transactions import BACKOFF, run_transaction

from .helpers import COMPANIES, PEOPLE, RESERVED, allocate_rounds, make_label

WORKERS = 8
ROUNDS = 6


def _check_consistent(store, project_id, results):
    labels_by_entity: dict[tuple[str, str], set[str]] = {}
    for worker_results in results:
        for batch in worker_results:
            for entity, label in batch.items():
                labels_by_entity.setdefault(entity, set()).add(label)
    assert all(len(labels) == 1 for labels in labels_by_entity.values()), "an entity got two surrogates"
    label_owner = {next(iter(labels)): entity for entity, labels in labels_by_entity.items()}
    assert len(label_owner) == len(labels_by_entity), "two entities share a surrogate"

    key = store.export_key(project_id)
    assert len(key) == len(labels_by_entity), "the database holds extra or missing surrogates"
    assert {entry["surrogate"] for entry in key} == set(label_owner)
    for entry in key:
        entity_type, canonical = label_owner[entry["surrogate"]]
        assert canonical_form(entity_type, entry["original"]) == canonical
        assert entry["surrogate"] not in RESERVED

    people = sum(1 for t, _ in labels_by_entity if t == "PERSON")
    companies = sum(1 for t, _ in labels_by_entity if t == "ORGANIZATION")
    expected_people = [make_label("PERSON", n) for n in range(1, people + 2) if make_label("PERSON", n) not in RESERVED]
    expected_companies = [
        make_label("ORGANIZATION", n) for n in range(1, companies + 2) if make_label("ORGANIZATION", n) not in RESERVED
    ]
    assert sorted(e["surrogate"] for e in key if e["entity_type"] == "PERSON") == sorted(expected_people[:people])
    assert sorted(e["surrogate"] for e in key if e["entity_type"] == "ORGANIZATION") == sorted(
        expected_companies[:companies]
    )


def test_concurrency_threads_allocate_overlapping_names_consistently(store, store_url, store_key, project):
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = [
            pool.submit(allocate_rounds, store_url, store_key, project.id, worker, ROUNDS) for worker in range(WORKERS)
        ]
        results = [f.result() for f in futures]
    _check_consistent(store, project.id, results)


def test_concurrency_processes_allocate_overlapping_names_consistently(store, store_url, store_key, project):
    context = multiprocessing.get_context("fork")
    with context.Pool(WORKERS) as pool:
        results = pool.starmap(
            allocate_rounds, [(store_url, store_key, project.id, worker, ROUNDS) for worker in range(WORKERS)]
        )
    _check_consistent(store, project.id, results)


def test_concurrency_one_shared_store_instance_across_threads(store, project):
    names = PEOPLE + COMPANIES

    def allocate(worker: int) -> dict:
        rotated = names[worker:] + names[:worker]
        items = [
            ("ORGANIZATION" if n in COMPANIES else "PERSON", canonical_form("PERSON", n), n) for n in rotated
        ]
        return store.allocate_surrogates(project.id, items, make_label)

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(allocate, range(WORKERS)))
    assert all(result == results[0] for result in results)
    assert len(set(results[0].values())) == len(names)


def test_transactions_retry_after_integrity_error(store):
    """A unit of work that loses a uniqueness race (a real IntegrityError) is run again."""
    store.create_project("taken")
    attempts = []

    def work(conn):
        attempts.append(1)
        name = "taken" if len(attempts) == 1 else "fresh"  # first run collides with a committed row
        conn.execute(projects.insert().values(name=name, settings={}))
        return name

    assert run_transaction(store._engine, work) == "fresh"
    assert len(attempts) == 2
    assert [p.name for p in store.list_projects()] == ["taken", "fresh"]


def test_transactions_give_up_with_store_busy(store):
    store.create_project("taken")

    def work(conn):
        conn.execute(projects.insert().values(name="taken", settings={}))

    with pytest.raises(StoreBusy):
        run_transaction(store._engine, work, attempts=3)
    with pytest.raises(StoreBusy) as busy:
        run_transaction(store._engine, work, attempts=2)
    assert "2 conflicting attempts" in str(busy.value) and isinstance(busy.value.__cause__, IntegrityError)


def test_transactions_do_not_retry_other_errors(store):
    runs = []

    def work(conn):
        runs.append(1)
        conn.execute(projects.insert().values(name="fine", settings={}))
        raise LookupError("not a lost race")

    with pytest.raises(LookupError):
        run_transaction(store._engine, work)
    assert len(runs) == 1 and store.list_projects() == []  # rolled back, run once


@pytest.mark.parametrize("attempt", [1, 2, 4, 6, 10])
def test_transactions_back_off_exponentially_with_jitter(attempt):
    """After attempt n: min(0.25 s, 4 ms * 2**n), times a random factor in [0.5, 1.5)."""
    state = RetryCallState(Retrying(), None, (), {})
    state.attempt_number = attempt
    waits = [BACKOFF(state) for _ in range(2000)]
    base = min(0.25, 0.004 * 2**attempt)
    assert base * 0.5 <= min(waits) < base * 0.6 and base * 1.4 < max(waits) <= base * 1.5
