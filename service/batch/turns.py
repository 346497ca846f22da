"""Surrogates allocated in file order, whatever the number of workers.

A project's surrogates are numbered in the order entities are first seen. With several
workers that order would depend on timing, so the same folder could come out as
"[Person 1]" in one run and "[Person 2]" in another. Here each file of a run has a
position (its place in the run's file order, which depends only on the files); its worker runs the engine at once, in
parallel with the others, but allocates the file's new surrogates only after every
earlier position has allocated or passed (``batch_turns`` in the store, so this works
across processes and machines). Outputs are then byte-identical to a one-worker run.

The wait is short: only the allocation step (one transaction) is ordered, not the
analysis. A worker that sees no earlier file finish for ``TURN_PATIENCE`` seconds (an
earlier task lost by a crashed cluster worker) stops waiting: surrogates stay consistent
(the store guarantees that), only their numbering may then differ from a serial run.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from tenacity import RetryCallState, Retrying, retry_if_result, wait_exponential
from tenacity.stop import stop_base

from service.project_access import StoreBook
from service.store import ProjectStore
from service.vocabulary.surrogate_labels import render_template

logger = logging.getLogger("tanon.batch")

TURN_PATIENCE = 600.0
POLL_FIRST, POLL_GROWTH, POLL_MAX = 0.002, 1.5, 0.02  # seconds between polls: 2 ms, growing to 20 ms


@dataclass(frozen=True)
class Turn:
    run_id: str
    position: int


class TurnBook(StoreBook):
    """A ``StoreBook`` that allocates in its turn; call ``end_turn`` when the file is finished."""

    def __init__(self, store: ProjectStore, project_id: int, turn: Turn, *, patience: float = TURN_PATIENCE) -> None:
        super().__init__(store, project_id)
        self.turn = turn
        self.patience = patience
        self.ended = False

    def allocate(
        self, items: list[tuple[str, str, str]], *, templates: dict[str, str], reserved: set[str]
    ) -> dict[tuple[str, str], str]:
        if not items:
            return {}
        self._wait_for_turn()
        labels = self.store.allocate_surrogates_in_turn(
            self.project_id,
            items,
            make_label=lambda entity_type, n: render_template(templates[entity_type], n),
            reserved_cores=reserved,
            run_id=self.turn.run_id,
            position=self.turn.position,
        )
        self.ended = True
        return labels

    def end_turn(self) -> None:
        """Let later files go on (this one allocated nothing, or failed before it could)."""
        if not self.ended:
            self.store.pass_turn(self.turn.run_id, self.turn.position)
            self.ended = True

    def _wait_for_turn(self) -> None:
        run_id, position = self.turn.run_id, self.turn.position
        polling = Retrying(
            retry=retry_if_result(lambda finished: finished < position),
            wait=wait_exponential(multiplier=POLL_FIRST, exp_base=POLL_GROWTH, max=POLL_MAX),
            stop=_NoProgressFor(self.patience),
            retry_error_callback=lambda _: logger.warning(
                "file %d waited %.0f s for earlier files; allocating out of order", position, self.patience),
        )
        polling(self.store.turns_before, run_id, position)


class _NoProgressFor(stop_base):
    """Stop polling when the count of finished earlier files has not changed for ``seconds``."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.seen: int | None = None
        self.since = 0.0

    def __call__(self, retry_state: RetryCallState) -> bool:
        finished, now = retry_state.outcome.result(), time.monotonic()
        if finished != self.seen:
            self.seen, self.since = finished, now
            return False
        return now - self.since > self.seconds
