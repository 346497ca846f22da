"""Running a unit of work in a transaction, retrying when concurrent writers collide.

Uniqueness is enforced by the database (unique constraints), not by this process, so a
write can lose a race to another process: it then fails with an IntegrityError (or a
serialization failure/deadlock on PostgreSQL, "database is locked" on SQLite), and the
whole unit of work is run again against the now-committed state. Work functions
re-check their preconditions on every run, so a lost race turns into the right domain
error (e.g. DuplicateProject) or into reusing what the winner wrote.
"""
from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from .errors import StoreBusy

T = TypeVar("T")

DEFAULT_ATTEMPTS = 25
_RETRYABLE_SQLSTATES = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock n/a


def is_retryable(error: DBAPIError) -> bool:
    if isinstance(error, IntegrityError):
        return True
    sqlstate = getattr(error.orig, "sqlstate", None)
    if sqlstate in _RETRYABLE_SQLSTATES:
        return True
    message = str(error.orig).lower()
    return "database is locked" in message or "database is busy" in message


def run_transaction(engine: Engine, work: Callable[[Connection], T], *, attempts: int = DEFAULT_ATTEMPTS) -> T:
    """Run ``work(connection)`` in a transaction; commit, or retry it on a lost race."""
    for attempt in range(1, attempts + 1):
        try:
            with engine.begin() as connection:
                return work(connection)
        except DBAPIError as error:
            if not is_retryable(error):
                raise
            if attempt == attempts:
                raise StoreBusy(f"gave up after {attempts} conflicting attempts") from error
            time.sleep(min(0.25, 0.004 * 2**attempt) * random.uniform(0.5, 1.5))
    raise AssertionError("unreachable")
