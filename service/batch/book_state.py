"""A job's in-memory surrogate book as JSON, so a job without a project keeps the same
surrogates after the service restarts mid-job. The state holds canonical forms of names:
it is stored encrypted (``ProjectStore.finish_job_file``) and dropped when the job ends."""
from __future__ import annotations

from typing import Any

from service.engine.pseudonymize import SurrogateBook


def book_to_state(book: SurrogateBook) -> dict[str, Any]:
    return {
        "reserved": sorted(book.reserved),
        "entities": [[entity_type, canonical, label] for (entity_type, canonical), label in book.by_entity.items()],
        "next_index": dict(book.next_index),
    }


def book_from_state(state: dict[str, Any] | None) -> SurrogateBook:
    book = SurrogateBook()
    if state:
        book.reserved = set(state["reserved"])
        book.by_entity = {(entity_type, canonical): label for entity_type, canonical, label in state["entities"]}
        book.next_index.update(state["next_index"])
    return book
