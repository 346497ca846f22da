import hashlib

import pytest
import sqlalchemy as sa

from service.store import ApiKeyNotFound, InvalidRole
from service.store.schema import api_keys


def test_api_keys_authenticate_returns_project_and_role(store, project):
    admin = store.create_api_key(project.id, role="admin")
    redactor = store.create_api_key(project.id, role="redactor")
    assert admin != redactor and admin.startswith("tanon_") and len(admin) > 40
    assert store.authenticate(admin) == (project.id, "admin")
    grant = store.authenticate(redactor)
    assert (grant.project_id, grant.role) == (project.id, "redactor")


def test_api_keys_are_hashed_at_rest(store, project):
    secret = store.create_api_key(project.id, role="admin")
    with store._engine.connect() as conn:
        rows = conn.execute(sa.select(api_keys)).all()
    (row,) = rows
    assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in " ".join(str(value) for value in row)
    assert secret[len("tanon_") + 6 :] not in str(row)  # only a short display prefix is kept


def test_api_keys_wrong_secret_returns_none(store, project):
    secret = store.create_api_key(project.id, role="admin")
    assert store.authenticate(secret[:-1] + ("A" if secret[-1] != "A" else "B")) is None
    assert store.authenticate("") is None
    assert store.authenticate("tanon_") is None
    assert store.authenticate(None) is None
    assert store.authenticate(secret.upper()) is None


def test_api_keys_are_scoped_per_project(store, project):
    other = store.create_project("study-beta")
    mine = store.create_api_key(project.id, role="redactor")
    theirs = store.create_api_key(other.id, role="admin")
    assert store.authenticate(mine) == (project.id, "redactor")
    assert store.authenticate(theirs) == (other.id, "admin")
    assert [k.role for k in store.list_api_keys(project.id)] == ["redactor"]


def test_api_keys_revoked_key_no_longer_authenticates(store, project):
    by_id = store.create_api_key(project.id, role="admin")
    by_secret = store.create_api_key(project.id, role="redactor")
    key_id = store.list_api_keys(project.id)[0].id
    store.revoke_api_key(key_id)
    store.revoke_api_key(by_secret)
    store.revoke_api_key(key_id)  # twice is harmless
    assert store.authenticate(by_id) is None
    assert store.authenticate(by_secret) is None
    assert all(k.revoked_at is not None for k in store.list_api_keys(project.id))
    with pytest.raises(ApiKeyNotFound):
        store.revoke_api_key(987_654)


def test_api_keys_unknown_role_rejected(store, project):
    with pytest.raises(InvalidRole):
        store.create_api_key(project.id, role="owner")
