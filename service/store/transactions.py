"""Running a unit of work in a transaction, retrying when concurrent writers collide.

Uniqueness is enforced by the database (unique constraints), not by this process, so a
write can lose a race to another process: it then fails with an IntegrityError (or a
serialization failure/deadlock on PostgreSQL, "database is locked" on SQLite), and the
whole unit of work is run again against the now-committed state. Work functions
re-check their preconditions on every run, so a lost race turns into the right domain
error (e.g. DuplicateProject) or into reusing what the winner wrote.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from tenacity import (
    RetryError,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
    wait_random_exponential,
)

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


# After attempt n fails, wait min(MAX_WAIT, FIRST_WAIT * 2**(n-1)) times a random factor
# in [0.5, 1.5): half the backoff, plus up to a whole one at random, so writers that
# collided do not collide again in step.
FIRST_WAIT, MAX_WAIT = 0.008, 0.25
BACKOFF = (wait_exponential(multiplier=FIRST_WAIT / 2, max=MAX_WAIT / 2)
            + wait_random_exponential(multiplier=FIRST_WAIT, max=MAX_WAIT))


def _lost_race(error: BaseException) -> bool:
    return isinstance(error, DBAPIError) and is_retryable(error)


def run_transaction(engine: Engine, work: Callable[[Connection], T], *, attempts: int = DEFAULT_ATTEMPTS) -> T:
    """Run ``work(connection)`` in a transaction; commit, or retry it on a lost race."""

    def once() -> T:
        with engine.begin() as connection:
            return work(connection)

    retrying = Retrying(retry=retry_if_exception(_lost_race), stop=stop_after_attempt(attempts), wait=BACKOFF)
    try:
        return retrying(once)
    except RetryError as gave_up:
        raise StoreBusy(f"gave up after {attempts} conflicting attempts") from gave_up.last_attempt.exception()
