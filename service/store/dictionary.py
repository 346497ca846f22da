"""The project dictionary: names the researcher lists up front, stored encrypted.

A term is found again by the keyed hashes of its canonical form and of each alias's
(``term_keys``), so allocation can map "NWA" to the surrogate of "Northwind Analytics"
without decrypting anything. A term with a fixed surrogate reserves that label at once.
"""
from __future__ import annotations

import json
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import projects, surrogates
from service.vocabulary.canonical import canonical_form
from .crypto import StoreCrypto
from .entities import DEFAULT_SOUND_ALIKE, ENTITY_TYPES, ORGANIZATION, ORGANIZATION_ROLES, SOUND_ALIKE_MODES
from .errors import DuplicateTerm, InvalidTerm, TermNotFound
from .records import Term
from .schema import as_utc, term_keys, terms
from .terms_io import ALIAS_SEPARATOR, TermSpec

MAX_TERM_LENGTH = 300


def _clean_name(text: object, what: str) -> str:
    if not isinstance(text, str):
        raise InvalidTerm(f"{what} must be text")
    cleaned = " ".join(text.split())
    if not cleaned or len(cleaned) > MAX_TERM_LENGTH:
        raise InvalidTerm(f"{what} must be 1-{MAX_TERM_LENGTH} characters")
    if ALIAS_SEPARATOR in cleaned:
        raise InvalidTerm(f"{what} must not contain '{ALIAS_SEPARATOR}'")
    return cleaned


def validate(spec: TermSpec) -> tuple[TermSpec, str, dict[str, str]]:
    """Normalised spec, its canonical form, and {alias canonical form: alias} (term excluded)."""
    entity_type = (spec.entity_type or "").strip().upper()
    if entity_type not in ENTITY_TYPES:
        raise InvalidTerm(f"entity type must be one of {', '.join(ENTITY_TYPES)}")
    role = (spec.role or "").strip().lower() or None
    if role is not None and (entity_type != ORGANIZATION or role not in ORGANIZATION_ROLES):
        raise InvalidTerm(f"role is only for ORGANIZATION terms and must be one of {', '.join(ORGANIZATION_ROLES)}")
    term = _clean_name(spec.term, "term")
    canonical = canonical_form(entity_type, term)
    if not canonical:
        raise InvalidTerm("term has an empty canonical form")
    aliases: dict[str, str] = {}
    for raw in spec.aliases:
        alias = _clean_name(raw, "alias")
        alias_canonical = canonical_form(entity_type, alias)
        if alias_canonical and alias_canonical != canonical:
            aliases.setdefault(alias_canonical, alias)
    surrogate = surrogates.fixed_label(spec.surrogate) if spec.surrogate else None
    sound_alike = (spec.sound_alike or DEFAULT_SOUND_ALIKE).strip().lower()
    if sound_alike not in SOUND_ALIKE_MODES:
        raise InvalidTerm(f"sound_alike must be one of {', '.join(SOUND_ALIKE_MODES)}")
    normalised = TermSpec(term, entity_type, role, tuple(aliases.values()), surrogate, sound_alike)
    return normalised, canonical, aliases


def _to_term(crypto: StoreCrypto, row: sa.Row) -> Term:
    return Term(
        id=row.id,
        project_id=row.project_id,
        term=crypto.decrypt(row.term_enc),
        entity_type=row.entity_type,
        role=row.role,
        aliases=tuple(json.loads(crypto.decrypt(row.aliases_enc))),
        surrogate=row.surrogate,
        created_at=as_utc(row.created_at),
        sound_alike=row.sound_alike,
    )


def add(conn: Connection, crypto: StoreCrypto, project_id: int, spec: TermSpec) -> Term:
    projects.require(conn, project_id, lock=True)
    spec, canonical, aliases = validate(spec)
    term_hash = crypto.lookup_hash(canonical)
    key_hashes = [term_hash, *(crypto.lookup_hash(form) for form in aliases)]
    clash = conn.execute(
        sa.select(term_keys.c.id).where(
            term_keys.c.project_id == project_id,
            term_keys.c.entity_type == spec.entity_type,
            term_keys.c.canonical_hash.in_(key_hashes),
        )
    ).first()
    if clash is not None:
        raise DuplicateTerm("the term or one of its aliases is already in the project dictionary")
    term_id = conn.execute(
        terms.insert()
        .values(
            project_id=project_id,
            entity_type=spec.entity_type,
            canonical_hash=term_hash,
            term_enc=crypto.encrypt(spec.term),
            aliases_enc=crypto.encrypt(json.dumps(list(spec.aliases))),
            role=spec.role,
            surrogate=spec.surrogate,
            sound_alike=spec.sound_alike,
        )
        .returning(terms.c.id)
    ).scalar_one()
    conn.execute(
        term_keys.insert(),
        [
            {"project_id": project_id, "term_id": term_id, "entity_type": spec.entity_type, "canonical_hash": h}
            for h in key_hashes
        ],
    )
    if spec.surrogate:
        surrogates.reserve_fixed(
            conn,
            crypto,
            project_id,
            entity_type=spec.entity_type,
            canonical_hash=term_hash,
            label=spec.surrogate,
            original=spec.term,
        )
    return get(conn, crypto, project_id, term_id)


def get(conn: Connection, crypto: StoreCrypto, project_id: int, term_id: int) -> Term:
    row = conn.execute(sa.select(terms).where(terms.c.project_id == project_id, terms.c.id == term_id)).first()
    if row is None:
        raise TermNotFound(f"no term with id {term_id} in project {project_id}")
    return _to_term(crypto, row)


def add_alias(conn: Connection, crypto: StoreCrypto, project_id: int, term_id: int, alias: str) -> Term:
    """Another way the term is written ("alter ex" for Alteryx, as a reviewer confirmed it):
    matched as the term from now on, with the term's surrogate. A form the term already
    has changes nothing; a form of another term is refused."""
    projects.require(conn, project_id, lock=True)
    term = get(conn, crypto, project_id, term_id)
    alias = _clean_name(alias, "alias")
    form = canonical_form(term.entity_type, alias)
    if not form:
        raise InvalidTerm("alias has an empty canonical form")
    if form in {canonical_form(term.entity_type, name) for name in (term.term, *term.aliases)}:
        return term
    alias_hash = crypto.lookup_hash(form)
    clash = conn.execute(
        sa.select(term_keys.c.id).where(
            term_keys.c.project_id == project_id,
            term_keys.c.entity_type == term.entity_type,
            term_keys.c.canonical_hash == alias_hash,
        )
    ).first()
    if clash is not None:
        raise DuplicateTerm("the alias is already a form of another term in the project dictionary")
    conn.execute(
        terms.update()
        .where(terms.c.project_id == project_id, terms.c.id == term_id)
        .values(aliases_enc=crypto.encrypt(json.dumps([*term.aliases, alias])))
    )
    conn.execute(term_keys.insert().values(project_id=project_id, term_id=term_id, entity_type=term.entity_type,
                                           canonical_hash=alias_hash))
    return get(conn, crypto, project_id, term_id)


def list_all(conn: Connection, crypto: StoreCrypto, project_id: int, *, entity_type: str | None = None) -> list[Term]:
    projects.require(conn, project_id)
    query = sa.select(terms).where(terms.c.project_id == project_id)
    if entity_type is not None:
        query = query.where(terms.c.entity_type == entity_type.upper())
    found = [_to_term(crypto, row) for row in conn.execute(query)]
    # Sorted after decryption: the database only sees ciphertext.
    return sorted(found, key=lambda t: (t.entity_type, t.term.casefold(), t.id))


def delete(conn: Connection, project_id: int, term_id: int) -> None:
    """Remove the term; a surrogate it already fixed stays with its entity (never reused)."""
    projects.require(conn, project_id, lock=True)
    condition = sa.and_(terms.c.project_id == project_id, terms.c.id == term_id)
    if conn.execute(sa.select(terms.c.id).where(condition)).first() is None:
        raise TermNotFound(f"no term with id {term_id} in project {project_id}")
    conn.execute(term_keys.delete().where(term_keys.c.term_id == term_id))
    conn.execute(terms.delete().where(condition))


def import_specs(conn: Connection, crypto: StoreCrypto, project_id: int, specs: Iterable[TermSpec]) -> int:
    """Add every spec (all or nothing); an identical existing term is skipped. Returns how many were added."""
    added = 0
    for spec in specs:
        normalised, canonical, _ = validate(spec)
        existing = _find_by_canonical(conn, crypto, project_id, normalised.entity_type, canonical)
        if existing is not None:
            if (existing.role, set(existing.aliases), existing.surrogate, existing.sound_alike) != (
                normalised.role, set(normalised.aliases), normalised.surrogate, normalised.sound_alike
            ):
                raise DuplicateTerm(f"term {existing.id} exists with different role, aliases, surrogate or sound_alike")
            continue
        add(conn, crypto, project_id, normalised)
        added += 1
    return added


def _find_by_canonical(
    conn: Connection, crypto: StoreCrypto, project_id: int, entity_type: str, canonical: str
) -> Term | None:
    row = conn.execute(
        sa.select(terms).where(
            terms.c.project_id == project_id,
            terms.c.entity_type == entity_type,
            terms.c.canonical_hash == crypto.lookup_hash(canonical),
        )
    ).first()
    return None if row is None else _to_term(crypto, row)
