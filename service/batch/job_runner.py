"""The HTTP service's runner of batch jobs: one background thread per service process.

Jobs and their files live in the project store, so the runner keeps nothing that a
restart could lose. It claims one job at a time with a lease it renews while working
(a heartbeat), redacts the pending files in order and records each result in the same
transaction as the job's progress. When the service stops, the running job is put back
in the queue; when the process dies instead, the lease runs out and any runner (this
service restarted, or another replica) claims the job again and goes on from the first
unfinished file, with the same surrogates (the project's store, or the job's own book
saved with every file). A job interrupted ``MAX_ATTEMPTS`` times is failed.
"""
from __future__ import annotations

import logging
import os
import secrets
import socket
import threading

import sqlalchemy as sa

from service.batch.book_state import book_from_state, book_to_state
from service.batch.outcome import redact_bytes
from service.context import AppContext
from service.engine.engine import NO_OPTIONS
from service.project_access import InvalidStoredSettings
from service.store import ProjectNotFound, ProjectStore, StoreError
from service.store.jobs import Job

logger = logging.getLogger("tanon.jobs")

LEASE_SECONDS = 60.0
POLL_SECONDS = 5.0
MAX_ATTEMPTS = 3


class JobRunner:
    def __init__(
        self,
        context: AppContext,
        *,
        max_bytes: int,
        lease_seconds: float = LEASE_SECONDS,
        poll_seconds: float = POLL_SECONDS,
        max_attempts: int = MAX_ATTEMPTS,
    ) -> None:
        self.context, self.store, self.max_bytes = context, context.store(), max_bytes
        self.lease_seconds, self.poll_seconds, self.max_attempts = lease_seconds, poll_seconds, max_attempts
        self.runner_id = f"{socket.gethostname()[:40]}-{os.getpid()}-{secrets.token_hex(4)}"
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="tanon-job-runner", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        """A job was queued: look now instead of at the next poll."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the current file; the running job goes back to the queue."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                job = self.store.claim_job(self.runner_id, lease_seconds=self.lease_seconds,
                                           max_attempts=self.max_attempts)
            except Exception as exc:  # the store is unreachable for now: try again at the next poll
                logger.warning("cannot claim batch jobs: %s", exc.__class__.__name__)
                job = None
            if job is None:
                self._wake.wait(self.poll_seconds)
                self._wake.clear()
                continue
            if job.attempts > 1:
                logger.info("resuming job %s after an interruption (attempt %d)", job.id, job.attempts)
            self._run(job)

    def _run(self, job: Job) -> None:
        heartbeat = _Heartbeat(self.store, job.id, self.runner_id, self.lease_seconds)
        heartbeat.start()
        try:
            self._redact_files(job)
        except ProjectNotFound:
            self._finish(job, "the job's project no longer exists")
        except (StoreError, sa.exc.SQLAlchemyError) as exc:
            # Most likely the database is away: the lease runs out and the job is tried again
            # (at most MAX_ATTEMPTS times in all).
            logger.warning("job %s stopped on a project store error: %s", job.id, exc.__class__.__name__)
        except Exception as exc:
            logger.error("job %s failed: %s", job.id, exc.__class__.__name__)
            self._finish(job, f"internal error ({exc.__class__.__name__})")
        finally:
            heartbeat.stop()

    def _redact_files(self, job: Job) -> None:
        engine = self.context.engine()
        if job.project_id is not None:
            try:
                scope = self.context.project_scope(job.project_id)
            except InvalidStoredSettings as exc:
                self._finish(job, exc.detail)
                return
            options, book, own_book = scope.options, scope.book, False
        else:
            options, book, own_book = NO_OPTIONS, book_from_state(self.store.job_book_state(job.id)), True
        while not self._stop.is_set():
            file = self.store.next_pending_job_file(job.id)
            if file is None:
                self._finish(job, None)
                return
            outcome = redact_bytes(engine, file.data, name=file.path, max_bytes=self.max_bytes, book=book, options=options)
            held = self.store.finish_job_file(
                job.id, file.id, self.runner_id, ok=outcome.ok, format=outcome.format, output=outcome.data,
                summary=outcome.summary() if outcome.ok else None, error=outcome.error,
                book_state=book_to_state(book) if own_book else None, lease_seconds=self.lease_seconds,
            )
            if not held:
                logger.warning("job %s was taken over by another runner; leaving it", job.id)
                return
        self.store.release_job(job.id, self.runner_id)

    def _finish(self, job: Job, error: str | None) -> None:
        if not self.store.finish_job(job.id, self.runner_id, error=error):
            logger.warning("job %s was taken over by another runner before it finished here", job.id)


class _Heartbeat:
    """Renews a job's lease while a long file is being redacted."""

    def __init__(self, store: ProjectStore, job_id: str, runner_id: str, lease_seconds: float) -> None:
        self.store, self.job_id, self.runner_id, self.lease_seconds = store, job_id, runner_id, lease_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="tanon-job-heartbeat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _beat(self) -> None:
        while not self._stop.wait(self.lease_seconds / 3):
            try:
                if not self.store.renew_job_lease(self.job_id, self.runner_id, lease_seconds=self.lease_seconds):
                    return
            except Exception as exc:
                logger.warning("cannot renew the lease of job %s: %s", self.job_id, exc.__class__.__name__)
