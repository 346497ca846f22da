"""Entity keys: short forms and longer names that share an entity's surrogate across documents.

Revision ID: 0004_entity_keys
Revises: 0003_restoration
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_entity_keys"
down_revision = "0003_restoration"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entity_keys",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("project_id", sa.Integer, nullable=False),
        sa.Column("entity_type", sa.String(32), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("surrogate_id", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entity_keys"),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], ondelete="CASCADE",
                                name="fk_entity_keys_project_id_projects"),
        sa.ForeignKeyConstraint(["surrogate_id"], ["surrogates.id"], ondelete="CASCADE",
                                name="fk_entity_keys_surrogate_id_surrogates"),
        sa.UniqueConstraint("project_id", "entity_type", "key_hash", "kind", "surrogate_id", name="uq_entity_keys"),
    )
    op.create_index("ix_entity_keys_lookup", "entity_keys", ["project_id", "entity_type", "key_hash"])


def downgrade() -> None:
    op.drop_index("ix_entity_keys_lookup", table_name="entity_keys")
    op.drop_table("entity_keys")
