from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from service.store import ProjectStore
from service.store.migrate import VERSION_TABLE, current_revision, head_revision
from service.store.schema import metadata

from .helpers import item, make_label


def _schema_diff(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "version_table": VERSION_TABLE})
        return [d for d in compare_metadata(context, metadata) if not (d[0] == "remove_table" and d[1].name == VERSION_TABLE)]


def test_migrations_apply_on_a_fresh_database(store_url, store_key):
    with ProjectStore(store_url, key=store_key) as store:
        assert current_revision(store._engine) == head_revision()
        tables = set(sa.inspect(store._engine).get_table_names())
        assert {t.name for t in metadata.sorted_tables} | {VERSION_TABLE} <= tables
        assert _schema_diff(store._engine) == []  # revisions build exactly what schema.py describes


def test_migrations_are_idempotent_on_reopen(store_url, store_key):
    with ProjectStore(store_url, key=store_key) as store:
        project = store.create_project("p")
        labels = store.allocate_surrogates(project.id, [item("PERSON", "Jane Okafor")], make_label)
    for _ in range(2):
        with ProjectStore(store_url, key=store_key) as store:
            assert current_revision(store._engine) == head_revision()
            assert store.allocate_surrogates(project.id, [item("PERSON", "Jane Okafor")], make_label) == labels
            assert [p.name for p in store.list_projects()] == ["p"]
            with store._engine.connect() as conn:
                assert conn.execute(sa.text(f"select count(*) from {VERSION_TABLE}")).scalar() == 1


def test_migrations_survive_concurrent_first_open(store_url, store_key):
    def open_store(_):
        with ProjectStore(store_url, key=store_key) as store:
            return current_revision(store._engine)

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert set(pool.map(open_store, range(4))) == {head_revision()}


def test_terms_from_before_sound_alike_modes_get_the_default(store_url, store_key):
    from alembic import command

    from service.store.database import create_store_engine
    from service.store.migrate import alembic_config

    engine = create_store_engine(store_url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0004_entity_keys")  # the revision before sound-alike modes
    with engine.begin() as conn:
        conn.execute(sa.text("insert into projects (name, settings, created_at) values ('p', '{}', CURRENT_TIMESTAMP)"))
        conn.execute(sa.text(
            "insert into terms (project_id, entity_type, canonical_hash, term_enc, aliases_enc, created_at) "
            "values (1, 'ORGANIZATION', 'h', 'x', 'y', CURRENT_TIMESTAMP)"
        ))
    engine.dispose()
    with ProjectStore(store_url, key=store_key) as store:
        assert current_revision(store._engine) == head_revision()
        with store._engine.connect() as conn:
            assert conn.execute(sa.text("select sound_alike from terms")).scalar_one() == "context"
