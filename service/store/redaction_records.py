"""Per-document redaction records: what re-identification needs to put a document's exact
originals back, found by the keyed hash of its redacted transcript text.

The record itself is opaque here (a JSON object built by ``service.restoration``); it is
stored as one Fernet token. Redacting the same text again replaces the record: the newest
redaction of a text is the one its re-identification follows.
"""
from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .crypto import StoreCrypto
from .schema import as_utc, redaction_records, utcnow

TEXT_PURPOSE = "redacted-text"


def text_hash(crypto: StoreCrypto, redacted_text: str) -> str:
    return crypto.lookup_hash(redacted_text, purpose=TEXT_PURPOSE)


def save(conn: Connection, crypto: StoreCrypto, project_id: int, redacted_text: str, record: dict[str, Any]) -> None:
    key = text_hash(crypto, redacted_text)
    token = crypto.encrypt(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    row = conn.execute(
        sa.select(redaction_records.c.id).where(
            redaction_records.c.project_id == project_id, redaction_records.c.text_hash == key
        )
    ).first()
    if row is None:  # a concurrent insert of the same text fails on the unique key and is retried
        conn.execute(redaction_records.insert().values(project_id=project_id, text_hash=key, record_enc=token))
    else:
        conn.execute(
            redaction_records.update().where(redaction_records.c.id == row.id).values(record_enc=token, created_at=utcnow())
        )


def find(conn: Connection, crypto: StoreCrypto, project_id: int, redacted_text: str) -> dict[str, Any] | None:
    token = conn.execute(
        sa.select(redaction_records.c.record_enc).where(
            redaction_records.c.project_id == project_id,
            redaction_records.c.text_hash == text_hash(crypto, redacted_text),
        )
    ).scalar()
    return None if token is None else json.loads(crypto.decrypt(token))


def export(conn: Connection, crypto: StoreCrypto, project_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        sa.select(redaction_records.c.text_hash, redaction_records.c.record_enc, redaction_records.c.created_at)
        .where(redaction_records.c.project_id == project_id)
        .order_by(redaction_records.c.id)
    )
    return [
        {"text_hash": row.text_hash, "created_at": as_utc(row.created_at), "record": json.loads(crypto.decrypt(row.record_enc))}
        for row in rows
    ]
