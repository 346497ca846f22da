"""Batch outcomes that end the command with a code (see ``service.errors`` for the tree)."""
from __future__ import annotations

from service.errors import SetupError, TanonError


class SomeFilesFailed(TanonError):
    """The batch ran to the end but some files could not be redacted (exit 1)."""

    exit_code = 1


class WorkerFailed(SetupError):
    """A worker process or the cluster could not run the tasks (exit 3)."""
