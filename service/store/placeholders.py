"""Placeholders a person wrote ("Company A", "[Person 2]") reserve their label for the whole project.

A reservation is the placeholder's label core (``label_core``: "company a"), not a name. Once
recorded, no numbered surrogate with that core is given out in the project, in any document.
A surrogate issued before the placeholder was seen cannot be taken back: it is kept, and
``collisions`` tells the caller so that the report can say it.
"""
from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from service.vocabulary.surrogate_labels import label_core

from .errors import InvalidLabel
from .schema import LABEL_LEN, placeholder_reservations, surrogates


def clean_cores(cores: Iterable[str]) -> set[str]:
    out = {label_core(core) for core in cores}
    out.discard("")
    if any(len(core) > LABEL_LEN for core in out):
        raise InvalidLabel(f"a placeholder label must be at most {LABEL_LEN} characters")
    return out


def reserve(conn: Connection, project_id: int, cores: set[str]) -> None:
    """Record the cores (idempotent; a concurrent duplicate fails the transaction, which is retried)."""
    if not cores:
        return
    present = set(
        conn.execute(
            sa.select(placeholder_reservations.c.label_core).where(
                placeholder_reservations.c.project_id == project_id,
                placeholder_reservations.c.label_core.in_(cores),
            )
        ).scalars()
    )
    new = sorted(cores - present)
    if new:
        conn.execute(placeholder_reservations.insert(), [{"project_id": project_id, "label_core": c} for c in new])


def reserved(conn: Connection, project_id: int) -> set[str]:
    return set(
        conn.execute(
            sa.select(placeholder_reservations.c.label_core).where(placeholder_reservations.c.project_id == project_id)
        ).scalars()
    )


def collisions(conn: Connection, project_id: int, cores: set[str]) -> dict[str, str]:
    """Core -> the numbered surrogate already issued with that core (fixed dictionary
    surrogates are chosen by the researcher, often to match a placeholder, and are left out)."""
    if not cores:
        return {}
    labels = conn.execute(
        sa.select(surrogates.c.label).where(surrogates.c.project_id == project_id, surrogates.c.seq.is_not(None))
    ).scalars()
    found = {}
    for label in labels:
        core = label_core(label)
        if core in cores:
            found[core] = label
    return found
