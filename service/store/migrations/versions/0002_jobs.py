"""Batch jobs: HTTP jobs with their files, and the allocation turns of parallel batches.

Revision ID: 0002_jobs
Revises: 0001_initial
Create Date: 2026-11-30
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_jobs"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

JOB_ID = sa.String(32)
REASON = sa.String(500)


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", JOB_ID, nullable=False),
        sa.Column("project_id", sa.Integer, nullable=True),
        sa.Column("owner_project_id", sa.Integer, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("done", sa.Integer, nullable=False),
        sa.Column("failed", sa.Integer, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("runner", sa.String(64), nullable=True),
        sa.Column("lease_expires", sa.Float, nullable=True),
        sa.Column("book_enc", sa.Text, nullable=True),
        sa.Column("error", REASON, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_jobs"),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], ondelete="CASCADE", name="fk_jobs_project_id_projects"
        ),
        sa.ForeignKeyConstraint(
            ["owner_project_id"], ["projects.id"], ondelete="CASCADE", name="fk_jobs_owner_project_id_projects"
        ),
    )
    op.create_index("ix_jobs_status", "jobs", ["status"])
    op.create_table(
        "job_files",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("job_id", JOB_ID, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("path_enc", sa.Text, nullable=False),
        sa.Column("input_enc", sa.Text, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("format", sa.String(16), nullable=True),
        sa.Column("summary", sa.JSON, nullable=True),
        sa.Column("error", REASON, nullable=True),
        sa.Column("output_enc", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_job_files"),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], ondelete="CASCADE", name="fk_job_files_job_id_jobs"),
        sa.UniqueConstraint("job_id", "position", name="uq_job_files_job_id_position"),
    )
    op.create_table(
        "batch_turns",
        sa.Column("run_id", JOB_ID, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("run_id", "position", name="pk_batch_turns"),
    )


def downgrade() -> None:
    op.drop_table("batch_turns")
    op.drop_table("job_files")
    op.drop_index("ix_jobs_status", table_name="jobs")
    op.drop_table("jobs")
