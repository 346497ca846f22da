"""Turning a store location into a configured SQLAlchemy engine.

A plain path (or ``sqlite:///...``) is a SQLite file; ``postgresql://...`` /
``postgresql+psycopg://...`` is PostgreSQL through psycopg 3.
"""
from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url

SQLITE_BUSY_TIMEOUT_S = 30


def store_url(location: str | os.PathLike[str]) -> URL:
    """The SQLAlchemy URL for a path or URL string."""
    text = os.fspath(location)
    if "://" not in text:
        path = Path(text).expanduser().resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        return URL.create("sqlite", database=str(path))
    url = make_url(text)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def create_store_engine(location: str | os.PathLike[str], *, echo: bool = False) -> Engine:
    url = store_url(location)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, echo=echo)
    return sa.create_engine(url, echo=echo, pool_pre_ping=True, future=True)


def _sqlite_engine(url: URL, *, echo: bool) -> Engine:
    if url.database in (None, "", ":memory:"):
        raise ValueError("the project store needs a SQLite file, not an in-memory database")
    engine = sa.create_engine(
        url,
        echo=echo,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" hook below issue BEGIN instead of pysqlite's own logic.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_S * 1000}")
        _set_wal(cursor)
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA secure_delete = ON")  # deleted ciphertext pages are zeroed
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection) -> None:
        # Take the write lock up front: a deferred transaction that reads and then writes
        # fails with SQLITE_BUSY (no waiting) when another writer committed in between.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _set_wal(cursor) -> None:
    """Switch to WAL; SQLite does not call the busy handler for this change, so several
    processes opening a new file at once must retry it themselves."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
