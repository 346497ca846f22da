"""Batch job state in the project store: HTTP jobs, their files, and the allocation turns of
parallel batches.

* ``jobs`` / ``job_files``: an uploaded job, its files (inputs and redacted outputs as
  Fernet tokens, paths encrypted too: file names can be names), per-file status and
  summary. A job is claimed by one runner at a time through a lease (``lease_expires``,
  epoch seconds) that the runner renews; a job whose runner died is claimed again once the
  lease has run out, and its finished files are kept.
* ``batch_turns``: one row per finished position of a parallel run. A worker allocates its
  document's surrogates only when every earlier position has a row, so surrogate numbers
  follow file order whatever the number of workers (see ``service.batch.turns``).

``JobStoreMixin`` adds the methods to ``ProjectStore``; every method is one transaction.
"""
from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from cryptography.fernet import InvalidToken
from sqlalchemy.engine import Connection

from . import surrogates as surrogate_rows
from .crypto import StoreCrypto
from .errors import JobNotFound, KeyMismatch
from .schema import JOB_ID_LEN, REASON_LEN, as_utc, batch_turns, job_files, jobs, utcnow

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
FILE_PENDING, FILE_OK, FILE_FAILED = "pending", "ok", "failed"
@dataclass(frozen=True)
class Job:
    id: str
    project_id: int | None
    owner_project_id: int | None
    status: str
    total: int
    done: int
    failed: int
    attempts: int
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


@dataclass(frozen=True)
class JobFile:
    """A file of a job, decrypted. ``data`` is the input while pending, else the output (or None)."""

    id: int
    position: int
    path: str
    status: str
    format: str | None
    summary: dict[str, Any] | None
    error: str | None
    data: bytes | None = None


def new_job_id() -> str:
    return secrets.token_hex(JOB_ID_LEN // 2)


def _to_job(row: sa.Row) -> Job:
    return Job(
        id=row.id, project_id=row.project_id, owner_project_id=row.owner_project_id, status=row.status,
        total=row.total, done=row.done, failed=row.failed, attempts=row.attempts, error=row.error,
        created_at=as_utc(row.created_at), started_at=as_utc(row.started_at), finished_at=as_utc(row.finished_at),
    )


def _seal(crypto: StoreCrypto, data: bytes) -> str:
    # Files are bytes (DOCX is a zip): encrypt them as they are, without a text round trip.
    return crypto._fernet.encrypt(data).decode("ascii")


def _open(crypto: StoreCrypto, token: str) -> bytes:
    try:
        return crypto._fernet.decrypt(token.encode("ascii"))
    except InvalidToken:
        raise KeyMismatch("stored data cannot be decrypted with this store key") from None


def _claimable(now: float):
    return sa.or_(jobs.c.status == QUEUED, sa.and_(jobs.c.status == RUNNING, jobs.c.lease_expires < now))


def _get_job(conn: Connection, job_id: str) -> Job:
    row = conn.execute(sa.select(jobs).where(jobs.c.id == job_id)).first() if isinstance(job_id, str) else None
    if row is None:
        raise JobNotFound("no job with that id")
    return _to_job(row)


def _holds(conn: Connection, job_id: str, runner: str) -> bool:
    row = conn.execute(sa.select(jobs.c.status, jobs.c.runner).where(jobs.c.id == job_id)).first()
    return row is not None and row.status == RUNNING and row.runner == runner


class JobStoreMixin:
    """Job and turn methods of ``ProjectStore`` (uses its ``_run`` and ``_crypto``)."""

    _crypto: StoreCrypto
    _run: Callable

    # -- HTTP jobs -------------------------------------------------------------------

    def create_job(
        self, files: Sequence[tuple[str, bytes]], *, project_id: int | None = None, owner_project_id: int | None = None
    ) -> Job:
        """A queued job over ``files`` (path, content), in the order given."""
        job_id = new_job_id()
        sealed = [(self._crypto.encrypt(path), _seal(self._crypto, data)) for path, data in files]

        def work(conn: Connection) -> Job:
            conn.execute(jobs.insert().values(
                id=job_id, project_id=project_id, owner_project_id=owner_project_id, status=QUEUED,
                total=len(sealed), done=0, failed=0, attempts=0,
            ))
            if sealed:
                conn.execute(job_files.insert(), [
                    {"job_id": job_id, "position": i, "path_enc": path, "input_enc": data, "status": FILE_PENDING}
                    for i, (path, data) in enumerate(sealed)
                ])
            return _get_job(conn, job_id)

        return self._run(work)

    def get_job(self, job_id: str) -> Job:
        return self._run(lambda c: _get_job(c, job_id))

    def delete_job(self, job_id: str) -> None:
        def work(conn: Connection) -> None:
            _get_job(conn, job_id)
            conn.execute(job_files.delete().where(job_files.c.job_id == job_id))
            conn.execute(jobs.delete().where(jobs.c.id == job_id))

        self._run(work)

    def list_job_files(self, job_id: str, *, with_outputs: bool = False) -> list[JobFile]:
        """Every file of the job in order; with ``with_outputs``, each finished file's output."""
        columns = [job_files.c.id, job_files.c.position, job_files.c.path_enc, job_files.c.status,
                   job_files.c.format, job_files.c.summary, job_files.c.error]
        if with_outputs:
            columns.append(job_files.c.output_enc)

        def work(conn: Connection) -> list[JobFile]:
            _get_job(conn, job_id)
            rows = conn.execute(sa.select(*columns).where(job_files.c.job_id == job_id).order_by(job_files.c.position))
            return [
                JobFile(row.id, row.position, self._crypto.decrypt(row.path_enc), row.status, row.format, row.summary,
                        row.error, _open(self._crypto, row.output_enc) if with_outputs and row.output_enc else None)
                for row in rows
            ]

        return self._run(work)

    def claim_job(self, runner: str, *, lease_seconds: float, max_attempts: int) -> Job | None:
        """Take the oldest job that is queued or whose runner's lease ran out, or None.

        A job claimed ``max_attempts`` times already (its runner kept dying) is failed instead.
        """

        def work(conn: Connection) -> Job | None:
            now = time.time()
            while True:
                query = sa.select(jobs.c.id, jobs.c.attempts).where(_claimable(now)).order_by(jobs.c.created_at).limit(1)
                if conn.dialect.name == "postgresql":
                    query = query.with_for_update(skip_locked=True)  # replicas take different jobs
                row = conn.execute(query).first()
                if row is None:
                    return None
                if row.attempts >= max_attempts:
                    conn.execute(jobs.update().where(jobs.c.id == row.id).values(
                        status=FAILED, runner=None, lease_expires=None, finished_at=utcnow(),
                        error=f"interrupted {row.attempts} times (the service stopped while running it); gave up",
                    ))
                    continue
                conn.execute(jobs.update().where(jobs.c.id == row.id).values(
                    status=RUNNING, runner=runner, lease_expires=now + lease_seconds, attempts=row.attempts + 1,
                    started_at=sa.func.coalesce(jobs.c.started_at, utcnow()),
                ))
                return _get_job(conn, row.id)

        return self._run(work)

    def renew_job_lease(self, job_id: str, runner: str, *, lease_seconds: float) -> bool:
        """Extend the lease; False when ``runner`` no longer holds the job."""

        def work(conn: Connection) -> bool:
            result = conn.execute(jobs.update().where(
                jobs.c.id == job_id, jobs.c.status == RUNNING, jobs.c.runner == runner
            ).values(lease_expires=time.time() + lease_seconds))
            return result.rowcount == 1

        return self._run(work)

    def release_job(self, job_id: str, runner: str) -> None:
        """Put a job back in the queue (its runner is stopping); finished files are kept."""
        self._run(lambda c: c.execute(jobs.update().where(
            jobs.c.id == job_id, jobs.c.status == RUNNING, jobs.c.runner == runner
        ).values(status=QUEUED, runner=None, lease_expires=None)))

    def next_pending_job_file(self, job_id: str) -> JobFile | None:
        """The first file not finished yet, with its input."""

        def work(conn: Connection) -> JobFile | None:
            row = conn.execute(
                sa.select(job_files).where(job_files.c.job_id == job_id, job_files.c.status == FILE_PENDING)
                .order_by(job_files.c.position).limit(1)
            ).first()
            if row is None:
                return None
            return JobFile(row.id, row.position, self._crypto.decrypt(row.path_enc), row.status, None, None, None,
                           _open(self._crypto, row.input_enc))

        return self._run(work)

    def job_book_state(self, job_id: str) -> dict[str, Any] | None:
        """The saved surrogate book of a job without a project (None before its first file)."""
        token = self._run(lambda c: c.execute(sa.select(jobs.c.book_enc).where(jobs.c.id == job_id)).scalar())
        return None if token is None else json.loads(self._crypto.decrypt(token))

    def finish_job_file(
        self, job_id: str, file_id: int, runner: str, *, ok: bool, format: str | None, output: bytes | None,
        summary: dict[str, Any] | None, error: str | None, book_state: dict[str, Any] | None, lease_seconds: float,
    ) -> bool:
        """Record a file's result, the job's book and progress in one transaction, and renew
        the lease. False (nothing written) when ``runner`` lost the job to another runner."""
        output_enc = _seal(self._crypto, output) if output is not None else None
        book_enc = self._crypto.encrypt(json.dumps(book_state)) if book_state is not None else None

        def work(conn: Connection) -> bool:
            if not _holds(conn, job_id, runner):
                return False
            updated = conn.execute(job_files.update().where(
                job_files.c.id == file_id, job_files.c.job_id == job_id, job_files.c.status == FILE_PENDING
            ).values(
                status=FILE_OK if ok else FILE_FAILED, format=format, summary=summary,
                error=(error or "")[:REASON_LEN] or None, output_enc=output_enc, input_enc=None,
            ))
            counter = jobs.c.done if ok else jobs.c.failed
            values: dict[str, Any] = {"lease_expires": time.time() + lease_seconds}
            if updated.rowcount:
                values[counter.name] = counter + 1
            if book_enc is not None:
                values["book_enc"] = book_enc
            conn.execute(jobs.update().where(jobs.c.id == job_id).values(**values))
            return True

        return self._run(work)

    def finish_job(self, job_id: str, runner: str, *, error: str | None = None) -> bool:
        """Mark the job done (or failed, with ``error``); its inputs and book are dropped."""

        def work(conn: Connection) -> bool:
            if not _holds(conn, job_id, runner):
                return False
            conn.execute(job_files.update().where(job_files.c.job_id == job_id).values(input_enc=None))
            conn.execute(jobs.update().where(jobs.c.id == job_id).values(
                status=FAILED if error else DONE, error=(error or "")[:REASON_LEN] or None, runner=None,
                lease_expires=None, book_enc=None, finished_at=utcnow(),
            ))
            return True

        return self._run(work)

    # -- turns of parallel batches ---------------------------------------------------

    def turns_before(self, run_id: str, position: int) -> int:
        """How many positions before ``position`` have finished their turn in ``run_id``."""
        return self._run(lambda c: c.execute(
            sa.select(sa.func.count()).select_from(batch_turns)
            .where(batch_turns.c.run_id == run_id, batch_turns.c.position < position)
        ).scalar_one())

    def allocate_surrogates_in_turn(
        self, project_id: int, items: Sequence[tuple[str, str, str]], make_label: Callable[[str, int], str], *,
        reserved_labels: Iterable[str] = (), reserved_cores: Iterable[str] = (), run_id: str, position: int,
    ) -> dict[tuple[str, str], str]:
        """``allocate_surrogates`` and the end of ``position``'s turn, in one transaction."""
        items, reserved, cores = list(items), set(reserved_labels), set(reserved_cores)

        def work(conn: Connection) -> dict[tuple[str, str], str]:
            labels = surrogate_rows.allocate(
                conn, self._crypto, project_id, items, make_label=make_label, reserved_labels=reserved,
                reserved_cores=cores,
            )
            _mark_turn(conn, run_id, position)
            return labels

        return self._run(work)

    def pass_turn(self, run_id: str, position: int) -> None:
        """End ``position``'s turn without allocating (no names, or the file failed)."""
        self._run(lambda c: _mark_turn(c, run_id, position))

    def clear_turns(self, run_id: str, *, older_than_seconds: float | None = None) -> None:
        """Forget a finished run's turns, and those of runs older than ``older_than_seconds`` (killed runs)."""
        condition = batch_turns.c.run_id == run_id
        if older_than_seconds is not None:
            condition = sa.or_(condition, batch_turns.c.created_at < time.time() - older_than_seconds)
        self._run(lambda c: c.execute(batch_turns.delete().where(condition)))


def _mark_turn(conn: Connection, run_id: str, position: int) -> None:
    # Idempotent: a task retried after its worker died may end its turn twice.
    exists = conn.execute(sa.select(batch_turns.c.position).where(
        batch_turns.c.run_id == run_id, batch_turns.c.position == position
    )).first()
    if exists is None:
        conn.execute(batch_turns.insert().values(run_id=run_id, position=position, created_at=time.time()))
