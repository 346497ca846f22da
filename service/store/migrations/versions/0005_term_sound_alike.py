"""Dictionary terms: how each is matched by sound (context, always, off).

Revision ID: 0005_term_sound_alike
Revises: 0004_entity_keys
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_term_sound_alike"
down_revision = "0004_entity_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing terms keep today's behaviour plus sound-alikes that have context around them.
    op.add_column("terms", sa.Column("sound_alike", sa.String(16), nullable=False, server_default="context"))


def downgrade() -> None:
    with op.batch_alter_table("terms") as batch:
        batch.drop_column("sound_alike")
