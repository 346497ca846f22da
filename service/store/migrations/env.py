"""Alembic environment of the project store.

The store runs migrations itself (``service.store.migrate``) and hands over an open
connection in ``config.attributes["connection"]``. For the Alembic CLI, set
``sqlalchemy.url`` in the config instead.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from service.store.migrate import VERSION_TABLE
from service.store.schema import metadata

config = context.config


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
