"""referrals

Referrals of a case's need to a chosen service (offers, exclusions, gap, choice, consent,
emergency override, times) and their history.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 20:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import titian.db.types

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
# The referral points at cases (0002): the lead chains the area branches so that this one comes
# after it. The chosen service is kept by id and name without a foreign key: a service leaving
# the directory must not erase the referral's history.
depends_on: str | Sequence[str] | None = None

STATES = (
    "draft", "sent", "accepted", "declined", "in_progress", "completed", "withdrawn",
    "person_declined",
)  # fmt: skip


def _stamp() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
    ]


def _time(name: str, nullable: bool = True) -> sa.Column[object]:
    return sa.Column(name, titian.db.types.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "referral",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("need", sa.String(length=40), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("area", sa.String(length=10), nullable=False),
        sa.Column("from_agency_id", sa.Uuid(), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("to_service_id", sa.Uuid(), nullable=True),
        sa.Column("to_service_name", sa.String(length=300), nullable=True),
        sa.Column("to_agency_id", sa.Uuid(), nullable=True),
        sa.Column("off_platform", sa.Boolean(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(*STATES, name="referral_state", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("offered", sa.JSON(), nullable=False),
        sa.Column("excluded", sa.JSON(), nullable=False),
        sa.Column("gap", sa.JSON(), nullable=True),
        sa.Column("person_declined_reason", sa.Text(), nullable=True),
        sa.Column("data_categories", sa.JSON(), nullable=False),
        sa.Column("identifying", sa.Boolean(), nullable=False),
        sa.Column("consent_id", sa.Uuid(), nullable=True),
        sa.Column("emergency_override", sa.Boolean(), nullable=False),
        sa.Column("override_by_id", sa.Uuid(), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("decline_reason", sa.Text(), nullable=True),
        sa.Column("withdraw_reason", sa.Text(), nullable=True),
        _time("sent_at"),
        _time("accepted_at"),
        _time("closed_at"),
        sa.Column("seconds_to_acceptance", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        *_stamp(),
        sa.ForeignKeyConstraint(
            ["case_id"], ["victim_case.id"],
            name=op.f("fk_referral_case_id_victim_case"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["from_agency_id"], ["agency.id"], name=op.f("fk_referral_from_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["to_agency_id"], ["agency.id"], name=op.f("fk_referral_to_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["user_account.id"],
            name=op.f("fk_referral_created_by_id_user_account"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["override_by_id"], ["user_account.id"],
            name=op.f("fk_referral_override_by_id_user_account"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )  # fmt: skip
    with op.batch_alter_table("referral") as batch:
        batch.create_index(batch.f("ix_referral_case_id"), ["case_id"], unique=False)
        batch.create_index(batch.f("ix_referral_from_agency_id"), ["from_agency_id"], unique=False)
        batch.create_index(batch.f("ix_referral_to_agency_id"), ["to_agency_id"], unique=False)
        batch.create_index(batch.f("ix_referral_state"), ["state"], unique=False)
    op.create_table(
        "referral_event",
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("from_state", sa.String(length=40), nullable=True),
        sa.Column("to_state", sa.String(length=40), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("agency_id", sa.Uuid(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        _time("at", nullable=False),
        *_stamp(),
        sa.ForeignKeyConstraint(
            ["referral_id"], ["referral.id"],
            name=op.f("fk_referral_event_referral_id_referral"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["user_account.id"],
            name=op.f("fk_referral_event_actor_id_user_account"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_referral_event_agency_id_agency")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral_event")),
    )  # fmt: skip
    with op.batch_alter_table("referral_event") as batch:
        batch.create_index(batch.f("ix_referral_event_referral_id"), ["referral_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("referral_event") as batch:
        batch.drop_index(batch.f("ix_referral_event_referral_id"))
    op.drop_table("referral_event")
    with op.batch_alter_table("referral") as batch:
        for column in ("state", "to_agency_id", "from_agency_id", "case_id"):
            batch.drop_index(batch.f(f"ix_referral_{column}"))
    op.drop_table("referral")
