"""Table definitions of the project store (SQLAlchemy Core).

This is the *current* shape of the schema; the Alembic revisions under ``migrations/``
are what actually creates and changes it, and a test checks the two agree.

Nothing here holds a name in plain text: canonical forms and variants are HMAC-SHA256
lookup hashes (``*_hash``), originals, variants and dictionary terms are Fernet tokens
(``*_enc``). Surrogate labels ("[Company A]") and project names/settings are not secret.
"""
from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa

HASH_LEN = 64  # hex SHA-256
LABEL_LEN = 200
TYPE_LEN = 32

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(value: datetime | None) -> datetime | None:
    """A stored time as an aware UTC datetime: every stored time is UTC, but SQLite hands
    back naive datetimes (PostgreSQL's come with their zone already)."""
    return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


def _project_fk() -> sa.Column:
    return sa.Column(
        "project_id", sa.Integer, sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False
    )


store_meta = sa.Table(
    "store_meta",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)

projects = sa.Table(
    "projects",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("settings", sa.JSON, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, default=utcnow),
    sa.UniqueConstraint("name"),
)

# One row per entity per project: the entity's surrogate, allocated once, kept forever.
surrogates = sa.Table(
    "surrogates",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _project_fk(),
    sa.Column("entity_type", sa.String(TYPE_LEN), nullable=False),
    sa.Column("canonical_hash", sa.String(HASH_LEN), nullable=False),
    sa.Column("label", sa.String(LABEL_LEN), nullable=False),
    # Position in the per-(project, type) numbering; NULL for fixed dictionary surrogates.
    sa.Column("seq", sa.Integer, nullable=True),
    sa.Column("original_enc", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, default=utcnow),
    sa.UniqueConstraint("project_id", "entity_type", "canonical_hash"),
    sa.UniqueConstraint("project_id", "label"),
    sa.UniqueConstraint("project_id", "entity_type", "seq"),
)

# Every distinct surface form seen for a surrogate (for the re-identification key).
surrogate_variants = sa.Table(
    "surrogate_variants",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "surrogate_id", sa.Integer, sa.ForeignKey("surrogates.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("variant_hash", sa.String(HASH_LEN), nullable=False),
    sa.Column("variant_enc", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, default=utcnow),
    sa.UniqueConstraint("surrogate_id", "variant_hash"),
)

terms = sa.Table(
    "terms",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _project_fk(),
    sa.Column("entity_type", sa.String(TYPE_LEN), nullable=False),
    sa.Column("canonical_hash", sa.String(HASH_LEN), nullable=False),
    sa.Column("term_enc", sa.Text, nullable=False),
    sa.Column("aliases_enc", sa.Text, nullable=False),  # encrypted JSON list
    sa.Column("role", sa.String(32), nullable=True),
    sa.Column("surrogate", sa.String(LABEL_LEN), nullable=True),  # fixed label, not secret
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, default=utcnow),
    # context | always | off: how the term is matched by sound (not secret).
    sa.Column("sound_alike", sa.String(16), nullable=False, server_default="context"),
    sa.UniqueConstraint("project_id", "entity_type", "canonical_hash"),
)

# Lookup of a term by the hash of its own canonical form or any alias's.
term_keys = sa.Table(
    "term_keys",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _project_fk(),
    sa.Column("term_id", sa.Integer, sa.ForeignKey("terms.id", ondelete="CASCADE"), nullable=False),
    sa.Column("entity_type", sa.String(TYPE_LEN), nullable=False),
    sa.Column("canonical_hash", sa.String(HASH_LEN), nullable=False),
    sa.UniqueConstraint("project_id", "entity_type", "canonical_hash"),
    sa.Index("ix_term_keys_term_id", "term_id"),
)

api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _project_fk(),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("secret_hash", sa.String(HASH_LEN), nullable=False),
    sa.Column("display_prefix", sa.String(16), nullable=False),  # first characters, to tell keys apart
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, default=utcnow),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    sa.UniqueConstraint("secret_hash"),
    sa.Index("ix_api_keys_project_id", "project_id"),
)

# Label cores ("company a", see service.vocabulary.surrogate_labels.label_core) that a placeholder a
# person wrote ("Company A") holds somewhere in the project: never given out as surrogates.
placeholder_reservations = sa.Table(
    "placeholder_reservations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _project_fk(),
    sa.Column("label_core", sa.String(LABEL_LEN), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, default=utcnow),
    sa.UniqueConstraint("project_id", "label_core"),
)

# One row per redacted document: where each surrogate sits in its redacted transcript and
# the exact original it replaced (Fernet token of a JSON record), found by the keyed hash
# of the redacted transcript text.
redaction_records = sa.Table(
    "redaction_records",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _project_fk(),
    sa.Column("text_hash", sa.String(HASH_LEN), nullable=False),
    sa.Column("record_enc", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, default=utcnow),
    sa.UniqueConstraint("project_id", "text_hash"),
)

# Other keys of an entity, so the project keeps one surrogate per entity across documents:
# "short" keys are the short forms of an organization's name ("northwind" for "northwind
# analytics"), "full" keys the longer names that joined an entity first seen by its short
# form. Keyed hashes only, like the entity's own canonical form.
entity_keys = sa.Table(
    "entity_keys",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _project_fk(),
    sa.Column("entity_type", sa.String(TYPE_LEN), nullable=False),
    sa.Column("key_hash", sa.String(HASH_LEN), nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column(
        "surrogate_id", sa.Integer, sa.ForeignKey("surrogates.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, default=utcnow),
    sa.UniqueConstraint("project_id", "entity_type", "key_hash", "kind", "surrogate_id", name="uq_entity_keys"),
    sa.Index("ix_entity_keys_lookup", "project_id", "entity_type", "key_hash"),
)

# Batch jobs (HTTP uploads), their files, and the allocation turns of parallel batches;
# the queries are in jobs.py.
JOB_ID_LEN = 32
REASON_LEN = 500

jobs = sa.Table(
    "jobs",
    metadata,
    sa.Column("id", sa.String(JOB_ID_LEN), primary_key=True),  # random: the id is not guessable
    # The project whose dictionary, settings and surrogates the job uses (NULL: none).
    sa.Column("project_id", sa.Integer, sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=True),
    # The project of the API key that created the job: only its keys may read it (NULL: anyone with the id).
    sa.Column("owner_project_id", sa.Integer, sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("total", sa.Integer, nullable=False),
    sa.Column("done", sa.Integer, nullable=False),
    sa.Column("failed", sa.Integer, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),  # claims; more than one: resumed after an interruption
    sa.Column("runner", sa.String(64), nullable=True),
    sa.Column("lease_expires", sa.Float, nullable=True),
    sa.Column("book_enc", sa.Text, nullable=True),  # surrogates of a job without a project (encrypted JSON)
    sa.Column("error", sa.String(REASON_LEN), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, default=utcnow),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    sa.Index("ix_jobs_status", "status"),
)

job_files = sa.Table(
    "job_files",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("job_id", sa.String(JOB_ID_LEN), sa.ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("path_enc", sa.Text, nullable=False),
    sa.Column("input_enc", sa.Text, nullable=True),  # dropped once the file is finished
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("format", sa.String(16), nullable=True),
    sa.Column("summary", sa.JSON, nullable=True),  # entity counts and surrogate labels, never originals
    sa.Column("error", sa.String(REASON_LEN), nullable=True),
    sa.Column("output_enc", sa.Text, nullable=True),
    sa.UniqueConstraint("job_id", "position"),
)

batch_turns = sa.Table(
    "batch_turns",
    metadata,
    sa.Column("run_id", sa.String(JOB_ID_LEN), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("created_at", sa.Float, nullable=False),  # epoch seconds, to purge runs that were killed
)
