"""Bringing a database to the newest schema with the Alembic revisions shipped here.

Runs inside one transaction holding a lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an
advisory lock), so several processes opening a fresh database at once migrate it once.
"""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Own version table, so the store can share a database with other Alembic histories.
VERSION_TABLE = "tanon_store_alembic_version"
_PG_MIGRATION_LOCK = 0x74616E6F6E01  # arbitrary, constant: "tanon" + 1


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        return context.get_current_revision()


def upgrade_to_head(engine: Engine) -> None:
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": _PG_MIGRATION_LOCK})
        command.upgrade(alembic_config(connection), "head")
