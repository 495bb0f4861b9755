"""accounts: the interface language of an account is optional (NULL: the browser decides)

Accounts were created with ``locale = 'en'``, so a signed-in user who had never used the language
switcher read English whatever their browser asked for (docs/translations.md). The column now
allows NULL, "no choice made", and new accounts start with it; the page language then follows
the browser's ``Accept-Language``. Accounts that still hold the old default ``en`` are set to
NULL: the old default cannot be told apart from a choice, and a person who picked English with
the switcher keeps it in that browser's language cookie (which wins over the account).

The downgrade writes ``en`` back where the account has no choice, then makes the column NOT NULL.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.alter_column("locale", existing_type=sa.String(length=20), nullable=True)
    op.execute("UPDATE user_account SET locale = NULL WHERE locale = 'en'")


def downgrade() -> None:
    op.execute("UPDATE user_account SET locale = 'en' WHERE locale IS NULL")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.alter_column("locale", existing_type=sa.String(length=20), nullable=False)
