"""referrals: emergency referrals started from an interview (rights-checklist C16)

- ``referral.emergency``: the referral was started by the interview's emergency shortcut.
- ``referral.from_interview_id``: the interview it was started from (kept when the interview goes).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("emergency", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("from_interview_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_referral_emergency"), ["emergency"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_referral_from_interview_id_case_interview"),
            "case_interview",
            ["from_interview_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_referral_from_interview_id_case_interview"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_referral_emergency"))
        batch_op.drop_column("from_interview_id")
        batch_op.drop_column("emergency")
