"""Placeholder labels reserved for the whole project, and redaction records, in the store."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa

from service.store import ProjectStore
from service.store.schema import placeholder_reservations, redaction_records

from .helpers import item, make_label


def test_a_reserved_core_is_skipped_in_every_later_allocation(store, project):
    first = store.allocate_surrogates(project.id, [item("ORGANIZATION", "Contoso")], make_label, reserved_cores={"Company A"})
    assert first == {("ORGANIZATION", "contoso"): "[Company B]"}
    # another call (another document) passes no placeholders: the letter stays reserved
    later = store.allocate_surrogates(project.id, [item("ORGANIZATION", "Fabrikam GmbH")], make_label)
    assert later == {("ORGANIZATION", "fabrikam"): "[Company C]"}
    assert store.reserved_label_cores(project.id) == {"company a"}


def test_reservations_are_per_project(store, project):
    store.remember_redaction(project.id, redacted_text="", record=None, placeholder_cores={"company a", "person 1"})
    other = store.create_project("study-beta")
    labels = store.allocate_surrogates(other.id, [item("ORGANIZATION", "Contoso"), item("PERSON", "Jane Okafor")], make_label)
    assert set(labels.values()) == {"[Company A]", "[Person 1]"}
    mine = store.allocate_surrogates(project.id, [item("ORGANIZATION", "Contoso"), item("PERSON", "Jane Okafor")], make_label)
    assert set(mine.values()) == {"[Company B]", "[Person 2]"}


def test_a_placeholder_on_an_issued_label_is_reported_and_the_surrogate_kept(store, project):
    store.allocate_surrogates(project.id, [item("ORGANIZATION", "Contoso"), item("PERSON", "Jane Okafor")], make_label)
    collisions = store.remember_redaction(
        project.id, redacted_text="", record=None, placeholder_cores={"[company a]", "Person 7", "university x"}
    )
    assert collisions == {"company a": "[Company A]"}
    assert store.allocate_surrogates(project.id, [item("ORGANIZATION", "Contoso")], make_label) == {
        ("ORGANIZATION", "contoso"): "[Company A]"
    }
    # fixed dictionary surrogates are chosen by the researcher, often to match a placeholder
    store.add_term(project.id, "Fabrikam", "ORGANIZATION", surrogate="Company Y")
    assert store.remember_redaction(project.id, redacted_text="", record=None, placeholder_cores={"company y"}) == {}


def test_records_are_found_by_the_redacted_text_and_kept_encrypted(store, project):
    record = {"v": 1, "spans": [[0, 10, "[Person 1]", "Jane Okafor"]]}
    store.remember_redaction(project.id, redacted_text="[Person 1] spoke.", record=record)
    assert store.redaction_record(project.id, "[Person 1] spoke.") == record
    assert store.redaction_record(project.id, "[Person 1] spoke!") is None
    assert store.redaction_record(store.create_project("other").id, "[Person 1] spoke.") is None
    newer = {"v": 1, "spans": [[0, 10, "[Person 1]", "JANE OKAFOR"]]}
    store.remember_redaction(project.id, redacted_text="[Person 1] spoke.", record=newer)
    assert store.redaction_record(project.id, "[Person 1] spoke.") == newer  # the newest redaction of a text wins
    with store._engine.connect() as conn:
        rows = conn.execute(sa.select(redaction_records)).all()
    assert len(rows) == 1
    assert "Okafor" not in repr(rows) and "OKAFOR" not in repr(rows) and "spoke" not in repr(rows)
    exported = store.export_redaction_records(project.id)
    assert [r["record"] for r in exported] == [newer] and len(exported[0]["text_hash"]) == 64


def test_fingerprints_depend_on_the_key(store_url, store, store_key):
    assert store.fingerprint(b"abc") == store.fingerprint(b"abc") != store.fingerprint(b"abd")
    from service.store import generate_store_key
    from service.store.crypto import StoreCrypto

    assert StoreCrypto(generate_store_key()).lookup_hash("x") != StoreCrypto(store_key).lookup_hash("x")


def test_deleting_a_project_deletes_its_reservations_and_records(store, project):
    store.remember_redaction(project.id, redacted_text="t", record={"v": 1}, placeholder_cores={"company a"})
    store.delete_project(project.id)
    with store._engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(placeholder_reservations)).scalar() == 0
        assert conn.execute(sa.select(sa.func.count()).select_from(redaction_records)).scalar() == 0


def test_concurrent_placeholders_and_allocations_never_share_a_label_unreported(store_url, store_key, project):
    """Writers in other store instances race: every placeholder either kept its letter out of
    every allocation, or its collision with the surrogate issued first was reported."""
    letters = [f"Company {chr(ord('A') + n)}" for n in range(8)]

    def reserve(n: int) -> dict[str, str]:
        with ProjectStore(store_url, key=store_key) as own:
            return own.remember_redaction(project.id, redacted_text="", record=None, placeholder_cores={letters[n]})

    def allocate(n: int) -> dict:
        with ProjectStore(store_url, key=store_key) as own:
            return own.allocate_surrogates(project.id, [item("ORGANIZATION", f"Firm Number {n}")], make_label)

    with ThreadPoolExecutor(max_workers=6) as pool:
        reservations = [pool.submit(reserve, n) for n in range(8)]
        allocations = [pool.submit(allocate, n) for n in range(8)]
        reported = {core for f in reservations for core in f.result()}
        issued = {label for f in allocations for label in f.result().values()}
    for letter in letters:
        core = letter.lower()
        if f"[{letter}]" in issued:
            assert core in reported
        else:
            assert core not in reported
