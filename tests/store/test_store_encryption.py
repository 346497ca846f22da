from pathlib import Path

import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet

from service.store import (
    InvalidStoreKey,
    KeyMismatch,
    ProjectStore,
    generate_store_key,
    load_store_key,
)
from service.store.schema import metadata

from tests.builders import readable_bytes_at_rest

from .helpers import item, make_label

# What must not appear anywhere at rest: originals, variants, canonical forms, terms, aliases.
# Each needle is long enough that random ciphertext (base64, compared lowercased) cannot
# contain it by chance: a 4-letter needle such as "nwa-" turns up in Fernet tokens now and then.
NEEDLES = ["okafor", "northwind", "contoso", "fabrikam", "lagos", "ravi menon", "nwa-fab", "nwa fab"]


def _fill(store, project_id):
    store.add_term(project_id, "Fabrikam", "ORGANIZATION", role="vendor", aliases=["NWA-Fab"], surrogate="Company Y")
    store.allocate_surrogates(
        project_id,
        [item("PERSON", "Jane Okafor"), item("PERSON", "Okafor's"), item("ORGANIZATION", "Northwind Analytics"),
         item("ORGANIZATION", "Contoso"), item("LOCATION", "Lagos"), item("PERSON", "Dr. Ravi Menon"),
         item("ORGANIZATION", "NWA-Fab")],
        make_label,
    )
    store.create_api_key(project_id, role="redactor")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_encryption_sqlite_file_holds_no_plaintext_name(store_url, store_key):
    with ProjectStore(store_url, key=store_key) as store:
        project = store.create_project("study-alpha")
        _fill(store, project.id)
        assert store.export_key(project.id)  # the data is really there
        store.delete_term(project.id, store.list_terms(project.id)[0].id)
    files = [p for p in Path(store_url).parent.iterdir() if p.name.startswith(Path(store_url).name)]
    raw = readable_bytes_at_rest(files)
    assert b"[person 1]" in raw  # sanity: labels are plain, so grepping does find text
    for needle in NEEDLES:
        assert needle.encode() not in raw, f"plaintext found: {needle!r}"
        assert needle.encode("utf-16-le") not in raw


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_encryption_postgres_rows_hold_no_plaintext_name(store_url, store_key):
    with ProjectStore(store_url, key=store_key) as store:
        project = store.create_project("study-alpha")
        _fill(store, project.id)
        with store._engine.connect() as conn:
            dump = " ".join(
                str(row) for table in metadata.sorted_tables for row in conn.execute(sa.select(table))
            ).lower()
    assert "[person 1]" in dump
    for needle in NEEDLES:
        assert needle not in dump, f"plaintext found: {needle!r}"


def test_encryption_wrong_key_is_refused(store_url, store_key):
    with ProjectStore(store_url, key=store_key) as store:
        store.create_project("p")
    with pytest.raises(KeyMismatch):
        ProjectStore(store_url, key=generate_store_key())


def test_encryption_originals_read_back_with_the_right_key(store_url, store_key):
    with ProjectStore(store_url, key=store_key) as store:
        project = store.create_project("p")
        _fill(store, project.id)
    with ProjectStore(store_url, key=store_key) as store:
        originals = {entry["original"] for entry in store.export_key(project.id)}
    assert {"Jane Okafor", "Northwind Analytics", "Contoso", "Fabrikam"} <= originals


def test_keys_fernet_key_and_raw_bytes_are_accepted(tmp_path):
    fernet_key = Fernet.generate_key()
    raw = b"\x01" * 32
    for key in (fernet_key, fernet_key.decode(), raw):
        with ProjectStore(tmp_path / f"{len(key)}-{type(key).__name__}.db", key=key) as store:
            assert store.list_projects() == []


@pytest.mark.parametrize("bad", [b"short", "x" * 44, b"\x00" * 31, "\u00e9" * 44, 12345])
def test_keys_invalid_key_is_rejected_without_echoing_it(tmp_path, bad):
    with pytest.raises(InvalidStoreKey) as raised:
        ProjectStore(tmp_path / "s.db", key=bad)
    assert str(bad) not in str(raised.value)


def test_keys_fernet_key_text_and_its_raw_bytes_are_the_same_key(tmp_path):
    import base64

    fernet_key = Fernet.generate_key()
    with ProjectStore(tmp_path / "s.db", key=fernet_key) as store:
        store.create_project("p")
    with ProjectStore(tmp_path / "s.db", key=base64.urlsafe_b64decode(fernet_key)) as store:
        assert [p.name for p in store.list_projects()] == ["p"]


def test_keys_load_from_environment_variable_or_key_file(tmp_path):
    key = generate_store_key()
    assert load_store_key(environ={"TANON_STORE_KEY": key.decode()}) == key
    key_file = tmp_path / "store.key"
    key_file.write_bytes(key + b"\n")
    assert load_store_key(environ={"TANON_STORE_KEY_FILE": str(key_file)}) == key
    raw_file = tmp_path / "raw.key"
    raw_file.write_bytes(b"\n" * 32)  # raw bytes are taken as they are, even whitespace
    assert load_store_key(environ={"TANON_STORE_KEY_FILE": str(raw_file)}) == b"\n" * 32
    with pytest.raises(InvalidStoreKey):
        load_store_key(environ={})
    with pytest.raises(InvalidStoreKey):
        load_store_key(environ={"TANON_STORE_KEY": "not-a-key"})
