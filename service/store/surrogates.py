"""Surrogate allocation and the re-identification key.

An entity is (project, entity type, keyed hash of its canonical form). It gets a label
once, from the per-(project, type) numbering or from a fixed dictionary surrogate, and
keeps it forever. An organization is also found by its short forms across documents
("Northwind" in one transcript, "Northwind Analytics" in another: one surrogate), when only
one entity of the project has that short form; people are not (a "Jane" in another
interview is as likely someone else). The numbering is read from the database inside the transaction (max
``seq`` + 1), never from a counter held in memory, and unique constraints on the entity
and on the label make any race between processes fail loudly and be retried.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from service.vocabulary.canonical import canonical_form
from service.vocabulary.entity_types import ORGANIZATION_TYPES
from service.vocabulary.short_forms import short_forms
from service.vocabulary.surrogate_labels import label_core, label_pattern

from . import placeholders, projects
from .crypto import StoreCrypto
from .errors import InvalidEntity, InvalidLabel, SurrogateConflict
from .schema import LABEL_LEN, TYPE_LEN, entity_keys, surrogate_variants, surrogates, term_keys, terms

MakeLabel = Callable[[str, int], str]
AllocationItem = tuple[str, str, str]  # (entity_type, canonical, original surface)

# make_label is caller code: stop instead of looping forever if it never yields a free label.
_MAX_LABEL_PROBES = 10_000


def fixed_label(surrogate: str) -> str:
    """The label a dictionary's fixed surrogate ("Company Y") is written as: "[Company Y]"."""
    text = " ".join((surrogate or "").split())
    if text.startswith("[") and text.endswith("]"):
        text = " ".join(text[1:-1].split())
    if not text or len(text) + 2 > LABEL_LEN or "[" in text or "]" in text:
        raise InvalidLabel("a fixed surrogate must be 1-198 characters without brackets inside")
    return f"[{text}]"


@dataclass
class _Target:
    """Where an item's surrogate lives: the entity itself, or the dictionary term it is an alias of."""

    entity_type: str
    canonical_hash: str
    original: str  # what the re-identification key shows: the term, or the first surface seen
    form: str = ""  # the canonical form itself, while allocating (never stored)
    from_dictionary: bool = False


def allocate(
    conn: Connection,
    crypto: StoreCrypto,
    project_id: int,
    items: Iterable[AllocationItem],
    *,
    make_label: MakeLabel,
    reserved_labels: set[str],
    reserved_cores: set[str] = frozenset(),
) -> dict[tuple[str, str], str]:
    """Labels for ``items``; ``reserved_cores`` (label cores of placeholders in the document
    being redacted) are first recorded for the whole project, then every label whose core
    any placeholder of the project holds is skipped."""
    projects.require(conn, project_id, lock=True)
    placeholders.reserve(conn, project_id, placeholders.clean_cores(reserved_cores))
    keyed: list[tuple[tuple[str, str], _Target, str]] = []
    for entity_type, canonical, original in items:
        if not entity_type or len(entity_type) > TYPE_LEN:
            raise InvalidEntity(f"entity type must be 1-{TYPE_LEN} characters")
        form = canonical_form(entity_type, canonical)
        if not form:
            raise InvalidEntity("an entity has an empty canonical form")
        target = _Target(entity_type, crypto.lookup_hash(form), original, form)
        keyed.append(((entity_type, canonical), target, original))
    if not keyed:
        return {}

    _redirect_to_terms(conn, crypto, project_id, [target for _, target, _ in keyed])
    found = _existing(conn, project_id, {(t.entity_type, t.canonical_hash) for _, t, _ in keyed})
    found.update(_by_other_keys(conn, crypto, project_id, [t for _, t, _ in keyed
                                                           if (t.entity_type, t.canonical_hash) not in found]))

    unavailable: set[str] | None = None  # every label in the project, loaded on first need
    blocked_cores: set[str] = set()
    next_seq: dict[str, int] = {}
    for _, target, _ in keyed:
        entity = (target.entity_type, target.canonical_hash)
        if entity in found:
            continue
        if unavailable is None:
            unavailable = _labels_in_use(conn, project_id) | set(reserved_labels)
            blocked_cores = placeholders.reserved(conn, project_id)
        label, seq = _next_label(conn, project_id, target.entity_type, make_label, unavailable, blocked_cores, next_seq)
        surrogate_id = conn.execute(
            surrogates.insert()
            .values(
                project_id=project_id,
                entity_type=target.entity_type,
                canonical_hash=target.canonical_hash,
                label=label,
                seq=seq,
                original_enc=crypto.encrypt(target.original),
            )
            .returning(surrogates.c.id)
        ).scalar_one()
        found[entity] = (surrogate_id, label)

    _record_variants(
        conn, crypto, [(found[(t.entity_type, t.canonical_hash)][0], surface) for _, t, surface in keyed]
    )
    _record_short_forms(conn, crypto, project_id, [(t, found[(t.entity_type, t.canonical_hash)][0]) for _, t, _ in keyed])
    return {key: found[(t.entity_type, t.canonical_hash)][1] for key, t, _ in keyed}


def _by_other_keys(
    conn: Connection, crypto: StoreCrypto, project_id: int, targets: list[_Target]
) -> dict[tuple[str, str], tuple[int, str]]:
    """Entities found through ``entity_keys``: a longer name that joined an entity before;
    a short form of exactly one organization; or a longer name whose short form is exactly
    one entity that no other longer name has joined yet."""
    targets = [t for t in targets if not t.from_dictionary and t.entity_type in ORGANIZATION_TYPES]
    if not targets:
        return {}
    own = {(t.entity_type, t.canonical_hash) for t in targets}
    shorts = {t.canonical_hash: [crypto.lookup_hash(f) for f in short_forms(t.entity_type, t.form)] for t in targets}
    hashes = {t.canonical_hash for t in targets}
    rows = conn.execute(
        sa.select(entity_keys.c.entity_type, entity_keys.c.key_hash, entity_keys.c.kind, surrogates.c.id,
                  surrogates.c.label)
        .join(surrogates, surrogates.c.id == entity_keys.c.surrogate_id)
        .where(entity_keys.c.project_id == project_id, entity_keys.c.key_hash.in_(hashes))
    ).all()
    keyed: dict[tuple[str, str, str], set[tuple[int, str]]] = {}
    for row in rows:
        keyed.setdefault((row.entity_type, row.key_hash, row.kind), set()).add((row.id, row.label))
    entities = _existing(conn, project_id, {(t.entity_type, h) for t in targets for h in shorts[t.canonical_hash]})
    # Entities first seen by a short form that a longer name has joined already.
    joined = set(conn.execute(
        sa.select(entity_keys.c.surrogate_id).where(
            entity_keys.c.kind == "full", entity_keys.c.surrogate_id.in_({sid for sid, _ in entities.values()})
        )
    ).scalars()) if entities else set()
    out: dict[tuple[str, str], tuple[int, str]] = {}
    for t in targets:
        entity = (t.entity_type, t.canonical_hash)
        if entity not in own or entity in out:  # one item per mention: judge each entity once
            continue
        full = keyed.get((t.entity_type, t.canonical_hash, "full"), set())
        short = keyed.get((t.entity_type, t.canonical_hash, "short"), set())
        shorter = {entities[(t.entity_type, h)] for h in shorts[t.canonical_hash] if (t.entity_type, h) in entities}
        if len(full) == 1:
            out[entity] = next(iter(full))
        elif len(short) == 1:
            out[entity] = next(iter(short))
        elif len(shorter) == 1 and next(iter(shorter))[0] not in joined:
            out[entity] = next(iter(shorter))
            conn.execute(entity_keys.insert().values(project_id=project_id, entity_type=t.entity_type,
                                                     key_hash=t.canonical_hash, kind="full",
                                                     surrogate_id=out[entity][0]))
    return out


def _record_short_forms(conn: Connection, crypto: StoreCrypto, project_id: int,
                        owned: list[tuple[_Target, int]]) -> None:
    """Remember each organization's short forms, so a later document's "Northwind" finds it."""
    wanted = {
        (t.entity_type, crypto.lookup_hash(f), surrogate_id)
        for t, surrogate_id in owned
        if not t.from_dictionary and t.entity_type in ORGANIZATION_TYPES
        for f in short_forms(t.entity_type, t.form)
    }
    if not wanted:
        return
    present = {
        (row.entity_type, row.key_hash, row.surrogate_id)
        for row in conn.execute(
            sa.select(entity_keys.c.entity_type, entity_keys.c.key_hash, entity_keys.c.surrogate_id).where(
                entity_keys.c.project_id == project_id, entity_keys.c.kind == "short",
                entity_keys.c.key_hash.in_({h for _, h, _ in wanted}),
            )
        )
    }
    rows = [{"project_id": project_id, "entity_type": t, "key_hash": h, "kind": "short", "surrogate_id": sid}
            for t, h, sid in sorted(wanted - present)]
    if rows:
        conn.execute(entity_keys.insert(), rows)


def _redirect_to_terms(conn: Connection, crypto: StoreCrypto, project_id: int, targets: list[_Target]) -> None:
    """Point items whose canonical form is a dictionary term or alias at that term's entity."""
    hashes = {t.canonical_hash for t in targets}
    rows = conn.execute(
        sa.select(term_keys.c.entity_type, term_keys.c.canonical_hash, terms.c.canonical_hash, terms.c.term_enc)
        .join(terms, terms.c.id == term_keys.c.term_id)
        .where(term_keys.c.project_id == project_id, term_keys.c.canonical_hash.in_(hashes))
    ).all()
    by_key = {(row[0], row[1]): (row[2], row[3]) for row in rows}
    for target in targets:
        hit = by_key.get((target.entity_type, target.canonical_hash))
        if hit is not None:
            target.canonical_hash = hit[0]
            target.original = crypto.decrypt(hit[1])
            target.from_dictionary = True


def _existing(conn: Connection, project_id: int, entities: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, str]]:
    rows = conn.execute(
        sa.select(surrogates.c.id, surrogates.c.entity_type, surrogates.c.canonical_hash, surrogates.c.label).where(
            surrogates.c.project_id == project_id,
            surrogates.c.canonical_hash.in_({h for _, h in entities}),
        )
    ).all()
    return {
        (row.entity_type, row.canonical_hash): (row.id, row.label)
        for row in rows
        if (row.entity_type, row.canonical_hash) in entities
    }


def _labels_in_use(conn: Connection, project_id: int) -> set[str]:
    return set(conn.execute(sa.select(surrogates.c.label).where(surrogates.c.project_id == project_id)).scalars())


def _next_label(
    conn: Connection,
    project_id: int,
    entity_type: str,
    make_label: MakeLabel,
    unavailable: set[str],
    blocked_cores: set[str],
    next_seq: dict[str, int],
) -> tuple[str, int]:
    if entity_type not in next_seq:
        highest = conn.execute(
            sa.select(sa.func.max(surrogates.c.seq)).where(
                surrogates.c.project_id == project_id, surrogates.c.entity_type == entity_type
            )
        ).scalar()
        next_seq[entity_type] = (highest or 0) + 1
    n = next_seq[entity_type]
    for _ in range(_MAX_LABEL_PROBES):
        label = make_label(entity_type, n)
        if not isinstance(label, str) or not label.strip() or len(label) > LABEL_LEN:
            raise InvalidLabel(f"make_label returned an unusable label for index {n}")
        if label not in unavailable and label_core(label) not in blocked_cores:
            unavailable.add(label)
            next_seq[entity_type] = n + 1
            return label, n
        n += 1  # held by a placeholder or already given out (e.g. a fixed surrogate): skip this index
    raise InvalidLabel(f"make_label yielded no free label in {_MAX_LABEL_PROBES} indexes")


def _record_variants(conn: Connection, crypto: StoreCrypto, seen: list[tuple[int, str]]) -> None:
    wanted: dict[tuple[int, str], str] = {}
    for surrogate_id, surface in seen:
        if surface:
            wanted.setdefault((surrogate_id, crypto.lookup_hash(surface, purpose="variant")), surface)
    if not wanted:
        return
    present = {
        (row.surrogate_id, row.variant_hash)
        for row in conn.execute(
            sa.select(surrogate_variants.c.surrogate_id, surrogate_variants.c.variant_hash).where(
                surrogate_variants.c.surrogate_id.in_({sid for sid, _ in wanted}),
                surrogate_variants.c.variant_hash.in_({h for _, h in wanted}),
            )
        )
    }
    new_rows = [
        {"surrogate_id": sid, "variant_hash": h, "variant_enc": crypto.encrypt(surface)}
        for (sid, h), surface in wanted.items()
        if (sid, h) not in present
    ]
    if new_rows:
        conn.execute(surrogate_variants.insert(), new_rows)


def reserve_fixed(
    conn: Connection, crypto: StoreCrypto, project_id: int, *, entity_type: str, canonical_hash: str, label: str, original: str
) -> None:
    """Give a dictionary term's entity its fixed label now, so numbering never hands it out."""
    row = conn.execute(
        sa.select(surrogates.c.label).where(
            surrogates.c.project_id == project_id,
            surrogates.c.entity_type == entity_type,
            surrogates.c.canonical_hash == canonical_hash,
        )
    ).first()
    if row is not None:
        if row.label != label:
            raise SurrogateConflict("this entity already has a different surrogate; surrogates never change")
        return
    if conn.execute(
        sa.select(surrogates.c.id).where(surrogates.c.project_id == project_id, surrogates.c.label == label)
    ).first():
        raise SurrogateConflict("that surrogate is already given to another entity in this project")
    conn.execute(
        surrogates.insert().values(
            project_id=project_id,
            entity_type=entity_type,
            canonical_hash=canonical_hash,
            label=label,
            seq=None,
            original_enc=crypto.encrypt(original),
        )
    )


def export_key(conn: Connection, crypto: StoreCrypto, project_id: int) -> list[dict]:
    projects.require(conn, project_id)
    rows = conn.execute(
        sa.select(surrogates.c.id, surrogates.c.entity_type, surrogates.c.label, surrogates.c.original_enc)
        .where(surrogates.c.project_id == project_id)
        .order_by(surrogates.c.entity_type, surrogates.c.seq.is_(None), surrogates.c.seq, surrogates.c.id)
    ).all()
    variants: dict[int, list[str]] = {}
    for surrogate_id, variant_enc in conn.execute(
        sa.select(surrogate_variants.c.surrogate_id, surrogate_variants.c.variant_enc)
        .join(surrogates, surrogates.c.id == surrogate_variants.c.surrogate_id)
        .where(surrogates.c.project_id == project_id)
        .order_by(surrogate_variants.c.id)
    ):
        variants.setdefault(surrogate_id, []).append(crypto.decrypt(variant_enc))
    return [
        {
            "surrogate": row.label,
            "entity_type": row.entity_type,
            "original": crypto.decrypt(row.original_enc),
            "variants": variants.get(row.id, []),
        }
        for row in rows
    ]


def originals(conn: Connection, crypto: StoreCrypto, project_id: int) -> dict[str, str]:
    """Every surrogate label of the project with its first-seen original (or dictionary term)."""
    projects.require(conn, project_id)
    return {
        label: crypto.decrypt(original_enc)
        for label, original_enc in conn.execute(
            sa.select(surrogates.c.label, surrogates.c.original_enc).where(surrogates.c.project_id == project_id)
        )
    }


def reidentify(conn: Connection, crypto: StoreCrypto, project_id: int, text: str) -> str:
    known = originals(conn, crypto, project_id)
    pattern = label_pattern(known)
    if pattern is None:
        return text
    # One pass: an original that happens to look like a label is never replaced again.
    return pattern.sub(lambda match: known[match.group(0)], text)
