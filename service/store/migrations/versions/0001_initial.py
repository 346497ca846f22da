"""Initial project store schema: projects, surrogates, variants, dictionary, API keys.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

HASH = sa.String(64)
LABEL = sa.String(200)
TYPE = sa.String(32)


def _created_at() -> sa.Column:
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "store_meta",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_store_meta"),
    )
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("settings", sa.JSON, nullable=False),
        _created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_projects"),
        sa.UniqueConstraint("name", name="uq_projects_name"),
    )
    op.create_table(
        "surrogates",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("project_id", sa.Integer, nullable=False),
        sa.Column("entity_type", TYPE, nullable=False),
        sa.Column("canonical_hash", HASH, nullable=False),
        sa.Column("label", LABEL, nullable=False),
        sa.Column("seq", sa.Integer, nullable=True),
        sa.Column("original_enc", sa.Text, nullable=False),
        _created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_surrogates"),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], ondelete="CASCADE", name="fk_surrogates_project_id_projects"
        ),
        sa.UniqueConstraint(
            "project_id", "entity_type", "canonical_hash",
            name="uq_surrogates_project_id_entity_type_canonical_hash",
        ),
        sa.UniqueConstraint("project_id", "label", name="uq_surrogates_project_id_label"),
        sa.UniqueConstraint(
            "project_id", "entity_type", "seq", name="uq_surrogates_project_id_entity_type_seq"
        ),
    )
    op.create_table(
        "surrogate_variants",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("surrogate_id", sa.Integer, nullable=False),
        sa.Column("variant_hash", HASH, nullable=False),
        sa.Column("variant_enc", sa.Text, nullable=False),
        _created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_surrogate_variants"),
        sa.ForeignKeyConstraint(
            ["surrogate_id"], ["surrogates.id"], ondelete="CASCADE",
            name="fk_surrogate_variants_surrogate_id_surrogates",
        ),
        sa.UniqueConstraint(
            "surrogate_id", "variant_hash", name="uq_surrogate_variants_surrogate_id_variant_hash"
        ),
    )
    op.create_table(
        "terms",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("project_id", sa.Integer, nullable=False),
        sa.Column("entity_type", TYPE, nullable=False),
        sa.Column("canonical_hash", HASH, nullable=False),
        sa.Column("term_enc", sa.Text, nullable=False),
        sa.Column("aliases_enc", sa.Text, nullable=False),
        sa.Column("role", sa.String(32), nullable=True),
        sa.Column("surrogate", LABEL, nullable=True),
        _created_at(),
        sa.PrimaryKeyConstraint("id", name="pk_terms"),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], ondelete="CASCADE", name="fk_terms_project_id_projects"
        ),
        sa.UniqueConstraint(
            "project_id", "entity_type", "canonical_hash",
            name="uq_terms_project_id_entity_type_canonical_hash",
        ),
    )
    op.create_table(
        "term_keys",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("project_id", sa.Integer, nullable=False),
        sa.Column("term_id", sa.Integer, nullable=False),
        sa.Column("entity_type", TYPE, nullable=False),
        sa.Column("canonical_hash", HASH, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_term_keys"),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], ondelete="CASCADE", name="fk_term_keys_project_id_projects"
        ),
        sa.ForeignKeyConstraint(
            ["term_id"], ["terms.id"], ondelete="CASCADE", name="fk_term_keys_term_id_terms"
        ),
        sa.UniqueConstraint(
            "project_id", "entity_type", "canonical_hash",
            name="uq_term_keys_project_id_entity_type_canonical_hash",
        ),
    )
    op.create_index("ix_term_keys_term_id", "term_keys", ["term_id"])
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("project_id", sa.Integer, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("secret_hash", HASH, nullable=False),
        sa.Column("display_prefix", sa.String(16), nullable=False),
        _created_at(),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_api_keys"),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], ondelete="CASCADE", name="fk_api_keys_project_id_projects"
        ),
        sa.UniqueConstraint("secret_hash", name="uq_api_keys_secret_hash"),
    )
    op.create_index("ix_api_keys_project_id", "api_keys", ["project_id"])


def downgrade() -> None:
    op.drop_index("ix_api_keys_project_id", table_name="api_keys")
    op.drop_table("api_keys")
    op.drop_index("ix_term_keys_term_id", table_name="term_keys")
    for table in ("term_keys", "terms", "surrogate_variants", "surrogates", "projects", "store_meta"):
        op.drop_table(table)
