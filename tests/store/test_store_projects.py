import pytest

from service.store import DuplicateProject, InvalidProject, ProjectNotFound

from .helpers import item, make_label


def test_projects_create_get_list(store):
    alpha = store.create_project("alpha", {"language": "en"})
    beta = store.create_project("beta")
    assert store.get_project(alpha.id) == alpha
    assert store.get_project("beta") == beta
    assert store.get_project("alpha").settings == {"language": "en"}
    assert beta.settings == {}
    assert [p.name for p in store.list_projects()] == ["alpha", "beta"]


def test_projects_duplicate_name_rejected(store):
    store.create_project("alpha")
    with pytest.raises(DuplicateProject):
        store.create_project("alpha")


def test_projects_invalid_name_or_settings_rejected(store):
    with pytest.raises(InvalidProject):
        store.create_project("  ")
    with pytest.raises(InvalidProject):
        store.create_project("x", settings=["not", "a", "dict"])


def test_projects_update_settings_replaces_or_merges(store, project):
    assert store.update_project_settings(project.id, {"threshold": 0.7}).settings == {"threshold": 0.7}
    merged = store.update_project_settings(project.id, {"language": "de"}, merge=True)
    assert merged.settings == {"threshold": 0.7, "language": "de"}
    assert store.get_project(project.id).settings == merged.settings


def test_projects_missing_project_raises_not_found_without_name(store):
    with pytest.raises(ProjectNotFound) as raised:
        store.get_project("Secret Study Of Jane Okafor")
    assert "Okafor" not in str(raised.value)
    with pytest.raises(ProjectNotFound):
        store.get_project(999_999)
    with pytest.raises(ProjectNotFound):
        store.allocate_surrogates(999_999, [item("PERSON", "Jane Okafor")], make_label)


def test_projects_delete_removes_everything_it_owns(store, project):
    store.allocate_surrogates(project.id, [item("PERSON", "Jane Okafor")], make_label)
    store.add_term(project.id, "Contoso", "ORGANIZATION", surrogate="Company Y")
    secret = store.create_api_key(project.id, role="admin")
    store.delete_project(project.id)
    with pytest.raises(ProjectNotFound):
        store.get_project(project.id)
    assert store.authenticate(secret) is None
    # The name is free again and the new project starts from scratch.
    again = store.create_project(project.name)
    assert store.export_key(again.id) == []
    assert store.list_terms(again.id) == []
    labels = store.allocate_surrogates(again.id, [item("PERSON", "Jane Okafor")], make_label)
    assert list(labels.values()) == ["[Person 1]"]
