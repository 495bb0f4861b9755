"""privacy: budgets bound to a source, DP results kept, register of published tables

- ``privacy_budget.source``: the data a budget protects (one budget per source).
- ``privacy_spend.result``: the noisy counts a DP spend released (post-processing, safe to keep).
- ``release_table``: the register of published tables (published cells and what they count),
  against which new releases are checked for differencing.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import titian.db.types

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("privacy_budget", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=20), nullable=True))
    with op.batch_alter_table("privacy_spend", schema=None) as batch_op:
        batch_op.add_column(sa.Column("result", sa.JSON(), nullable=True))
    op.create_table(
        "release_table",
        sa.Column("release_id", sa.Uuid(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("indicator", sa.String(length=100), nullable=False),
        sa.Column("slice_value", sa.String(length=100), nullable=True),
        sa.Column("linked", sa.Boolean(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("dataset_sha256", sa.String(length=64), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column("rounding", sa.JSON(), nullable=True),
        sa.Column("dimensions", sa.JSON(), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("cells", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["data_release.id"],
            name=op.f("fk_release_table_release_id_data_release"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_table")),
    )
    with op.batch_alter_table("release_table", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_release_table_release_id"), ["release_id"])
        batch_op.create_index(batch_op.f("ix_release_table_source"), ["source"])


def downgrade() -> None:
    with op.batch_alter_table("release_table", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_release_table_source"))
        batch_op.drop_index(batch_op.f("ix_release_table_release_id"))
    op.drop_table("release_table")
    with op.batch_alter_table("privacy_spend", schema=None) as batch_op:
        batch_op.drop_column("result")
    with op.batch_alter_table("privacy_budget", schema=None) as batch_op:
        batch_op.drop_column("source")
