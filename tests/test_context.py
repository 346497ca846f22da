"""service.context: one engine and one store per process, whoever asks first and however
many ask at once; a project's options and surrogate book; a store handed in stays open."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from service.config import DEFAULT_CONFIG_PATH, Settings
from service.context import AppContext
from service.engine.engine import NO_OPTIONS
from service.project_access import StoreBook
from service.store import ProjectNotFound, ProjectStore, generate_store_key
from service.store_setup import StoreNotConfigured


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(store_url=str(tmp_path / "projects.sqlite3"), store_key=generate_store_key().decode())


def test_context_builds_the_engine_once_for_every_thread_that_asks_first(settings):
    context = AppContext(settings)
    with ThreadPoolExecutor(max_workers=4) as pool:
        engines = list(pool.map(lambda _: context.engine(), range(4)))
    assert all(engine is engines[0] for engine in engines)
    assert context.engine(DEFAULT_CONFIG_PATH) is engines[0]  # the same configuration, named


def test_context_hands_out_the_engine_it_was_given(settings, engine):
    assert AppContext(settings, engine=engine).engine() is engine


def test_context_opens_the_store_once_and_closes_it(settings):
    with AppContext(settings) as context:
        with ThreadPoolExecutor(max_workers=4) as pool:
            stores = list(pool.map(lambda _: context.store(), range(4)))
        assert all(store is stores[0] for store in stores)
        stores[0].create_project("study")
    assert not context.store_is_open
    with AppContext(settings) as again:  # the data was written, the store reopens
        assert [p.name for p in again.store().list_projects()] == ["study"]


def test_context_leaves_a_store_it_was_given_open(settings):
    with ProjectStore(settings.store_url, key=settings.store_key.get_secret_value()) as store:
        with AppContext(settings, store=store) as context:
            assert context.store() is store
        assert store.list_projects() == []  # still usable


def test_context_project_scope(settings):
    with AppContext(settings) as context:
        assert context.project_scope(None).options is NO_OPTIONS and context.project_scope(None).book is None
        project = context.store().create_project("study", {"allow_list": ["Spark"]})
        context.store().add_term(project.id, "Northwind Analytics", "ORGANIZATION")
        for ref in ("study", str(project.id), project.id, project):
            scope = context.project_scope(ref)
            assert scope.project == project and isinstance(scope.book, StoreBook)
            assert scope.options.allow == frozenset({"spark"}) and len(scope.options.dictionary) == 1
        # The options are built once while the dictionary and settings stay the same.
        assert context.project_scope("study").options is context.project_scope(project.id).options
        with pytest.raises(ProjectNotFound) as caught:
            context.project_scope("no-such-study")
        assert str(caught.value) == "project: no project with that name or id"


def test_context_of_the_service_never_creates_a_store_key(tmp_path):
    settings = Settings(store_url=str(tmp_path / "projects.sqlite3"))
    with pytest.raises(StoreNotConfigured):
        AppContext(settings).store()
    assert not list(tmp_path.iterdir())
    with AppContext(settings, create_store_key=True, announce=lambda message: None) as local:
        local.store()
    assert (tmp_path / "projects.sqlite3.key").exists()
