"""screening sessions

One guided screening per row, linked to a case and to its screening interview record.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import titian.db.types

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "screening_session",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("interview_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "finished",
                "stopped",
                name="screening_status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("exploitation_kind", sa.String(length=20), nullable=False),
        sa.Column("other_form", sa.String(length=40), nullable=True),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("age_uncertain", sa.Boolean(), nullable=False),
        sa.Column("migration_status", sa.String(length=30), nullable=False),
        sa.Column("acts", sa.JSON(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("current_step", sa.String(length=20), nullable=False),
        sa.Column("catalogue_list_id", sa.String(length=10), nullable=True),
        sa.Column("catalogue_version", sa.String(length=40), nullable=True),
        sa.Column("catalogue_status", sa.String(length=20), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("started_by_id", sa.Uuid(), nullable=True),
        sa.Column("finished_by_id", sa.Uuid(), nullable=True),
        sa.Column("finished_at", titian.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["victim_case.id"],
            name=op.f("fk_screening_session_case_id_victim_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["case_interview.id"],
            name=op.f("fk_screening_session_interview_id_case_interview"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["started_by_id"],
            ["user_account.id"],
            name=op.f("fk_screening_session_started_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["finished_by_id"],
            ["user_account.id"],
            name=op.f("fk_screening_session_finished_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_session")),
        sa.UniqueConstraint("interview_id", name=op.f("uq_screening_session_interview_id")),
    )
    with op.batch_alter_table("screening_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_screening_session_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_table("screening_session")
