"""Project-wide placeholder reservations and per-document redaction records.

Revision ID: 0003_restoration
Revises: 0002_jobs
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_restoration"
down_revision = "0002_jobs"
branch_labels = None
depends_on = None

HASH = sa.String(64)
LABEL = sa.String(200)


def upgrade() -> None:
    op.create_table(
        "placeholder_reservations",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("project_id", sa.Integer, nullable=False),
        sa.Column("label_core", LABEL, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_placeholder_reservations"),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], ondelete="CASCADE", name="fk_placeholder_reservations_project_id_projects"
        ),
        sa.UniqueConstraint("project_id", "label_core", name="uq_placeholder_reservations_project_id_label_core"),
    )
    op.create_table(
        "redaction_records",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("project_id", sa.Integer, nullable=False),
        sa.Column("text_hash", HASH, nullable=False),
        sa.Column("record_enc", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_redaction_records"),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], ondelete="CASCADE", name="fk_redaction_records_project_id_projects"
        ),
        sa.UniqueConstraint("project_id", "text_hash", name="uq_redaction_records_project_id_text_hash"),
    )


def downgrade() -> None:
    op.drop_table("redaction_records")
    op.drop_table("placeholder_reservations")
