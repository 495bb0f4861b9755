"""cases and notifications

Victim cases (pseudonymous number, profile without the date of birth), encrypted identifiers,
consent versions, access grants, the stored checklist, interviews, return plans, origin notices,
alerts; and in-app notifications.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import titian.db.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "case_return_plan",
    "case_origin_notice",
    "case_interview",
    "case_identifier",
    "case_consent",
    "case_checklist_item",
    "case_alert",
    "case_access",
    "victim_case",
    "notification",
)


def upgrade() -> None:
    op.create_table(
        "notification",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("message", sa.String(length=500), nullable=False),
        sa.Column("link", sa.String(length=300), nullable=False),
        sa.Column("read_at", titian.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
            name=op.f("fk_notification_agency_id_agency"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_notification_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index(
            "ix_notification_agency_created", ["agency_id", "created_at"], unique=False
        )

    op.create_table(
        "victim_case",
        sa.Column("number", sa.String(length=24), nullable=False),
        sa.Column("owner_agency_id", sa.Uuid(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "follow_up",
                "closed",
                "closed_referred",
                "anonymised",
                name="case_status",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("case_manager_id", sa.Uuid(), nullable=True),
        sa.Column("justice_agency_id", sa.Uuid(), nullable=True),
        sa.Column("identified_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("anonymised_at", titian.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("gender", sa.String(length=30), nullable=True),
        sa.Column("minor", sa.Boolean(), nullable=False),
        sa.Column("identification_status", sa.String(length=30), nullable=False),
        sa.Column("custody_status", sa.String(length=30), nullable=False),
        sa.Column("non_punishment", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_manager_id"],
            ["user_account.id"],
            name=op.f("fk_victim_case_case_manager_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["justice_agency_id"],
            ["agency.id"],
            name=op.f("fk_victim_case_justice_agency_id_agency"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_agency_id"], ["agency.id"], name=op.f("fk_victim_case_owner_agency_id_agency")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_victim_case")),
        sa.UniqueConstraint("number", name=op.f("uq_victim_case_number")),
    )
    with op.batch_alter_table("victim_case", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_victim_case_country"), ["country"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_victim_case_justice_agency_id"), ["justice_agency_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_victim_case_owner_agency_id"), ["owner_agency_id"], unique=False
        )

    op.create_table(
        "case_access",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("consent_id", sa.Uuid(), nullable=True),
        sa.Column(
            "reason",
            sa.Enum(
                "referral",
                "emergency_referral",
                "justice_cooperation",
                name="access_reason",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("source_id", sa.Uuid(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("opened_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("closed_at", titian.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("close_reason", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_case_access_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["victim_case.id"],
            name=op.f("fk_case_access_case_id_victim_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_access")),
    )
    with op.batch_alter_table("case_access", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_access_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_access_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_access_consent_id"), ["consent_id"], unique=False)

    op.create_table(
        "case_alert",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("detention", name="alert_kind", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("rule", sa.String(length=4), nullable=False),
        sa.Column("message", sa.String(length=300), nullable=False),
        sa.Column("resolved_at", titian.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("resolution", sa.String(length=300), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["victim_case.id"],
            name=op.f("fk_case_alert_case_id_victim_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_alert")),
    )
    with op.batch_alter_table("case_alert", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_alert_case_id"), ["case_id"], unique=False)

    op.create_table(
        "case_checklist_item",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("item_id", sa.String(length=80), nullable=False),
        sa.Column("rules", sa.String(length=80), nullable=False),
        sa.Column("mode", sa.String(length=4), nullable=False),
        sa.Column("group", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("applies", sa.Boolean(), nullable=False),
        sa.Column("recorded_status", sa.String(length=20), nullable=True),
        sa.Column("recorded_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=80), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["victim_case.id"],
            name=op.f("fk_case_checklist_item_case_id_victim_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_checklist_item")),
        sa.UniqueConstraint(
            "case_id", "item_id", name=op.f("uq_case_checklist_item_case_id_item_id")
        ),
    )
    with op.batch_alter_table("case_checklist_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_checklist_item_case_id"), ["case_id"], unique=False
        )
        batch_op.create_index("ix_case_checklist_item_due", ["due_on"], unique=False)

    op.create_table(
        "case_consent",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("consent_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("receiver_agency_id", sa.Uuid(), nullable=True),
        sa.Column("receiver_class", sa.String(length=40), nullable=True),
        sa.Column("recorded_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Uuid(), nullable=True),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["victim_case.id"],
            name=op.f("fk_case_consent_case_id_victim_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["receiver_agency_id"],
            ["agency.id"],
            name=op.f("fk_case_consent_receiver_agency_id_agency"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_case_consent_recorded_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_consent")),
        sa.UniqueConstraint(
            "consent_id", "version", name=op.f("uq_case_consent_consent_id_version")
        ),
    )
    with op.batch_alter_table("case_consent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_consent_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_case_consent_consent_id"), ["consent_id"], unique=False
        )

    op.create_table(
        "case_identifier",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column(
            "field",
            sa.Enum(
                "given_name",
                "family_name",
                "alias",
                "date_of_birth",
                "phone",
                "email",
                "identity_document",
                "address",
                name="identifier_field",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("token", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["victim_case.id"],
            name=op.f("fk_case_identifier_case_id_victim_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_identifier")),
    )
    with op.batch_alter_table("case_identifier", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_identifier_case_id"), ["case_id"], unique=False)

    op.create_table(
        "case_interview",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column(
            "purpose",
            sa.Enum(
                "screening",
                "statement",
                "follow_up",
                "other",
                name="interview_purpose",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("language", sa.String(length=35), nullable=True),
        sa.Column("interviewer_languages", sa.JSON(), nullable=False),
        sa.Column("interviewer_gender", sa.String(length=20), nullable=True),
        sa.Column("interpreter_present", sa.Boolean(), nullable=False),
        sa.Column("interpreter_language", sa.String(length=35), nullable=True),
        sa.Column("interpreter_gender", sa.String(length=20), nullable=True),
        sa.Column("interpreter_screening_passed", sa.Boolean(), nullable=True),
        sa.Column("gender_preference", sa.String(length=20), nullable=True),
        sa.Column("preference_honoured", sa.Boolean(), nullable=True),
        sa.Column("gender_mismatch_reason", sa.Text(), nullable=True),
        sa.Column("safe_location_checked", sa.Boolean(), nullable=True),
        sa.Column("risk_assessed", sa.Boolean(), nullable=True),
        sa.Column("emergency_plan", sa.Text(), nullable=True),
        sa.Column("stopped_by_person", sa.Boolean(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("open", "closed", name="record_status", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("closed_at", titian.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["victim_case.id"],
            name=op.f("fk_case_interview_case_id_victim_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_interview")),
    )
    with op.batch_alter_table("case_interview", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_interview_case_id"), ["case_id"], unique=False)

    op.create_table(
        "case_origin_notice",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column(
            "receiver",
            sa.Enum(
                "consulate", "sending_state", name="notice_receiver", native_enum=False, length=40
            ),
            nullable=False,
        ),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("sent_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["victim_case.id"],
            name=op.f("fk_case_origin_notice_case_id_victim_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sent_by_id"],
            ["user_account.id"],
            name=op.f("fk_case_origin_notice_sent_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_origin_notice")),
    )
    with op.batch_alter_table("case_origin_notice", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_origin_notice_case_id"), ["case_id"], unique=False
        )

    op.create_table(
        "case_return_plan",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("destination_country", sa.String(length=2), nullable=True),
        sa.Column("risk_level", sa.String(length=10), nullable=True),
        sa.Column("risk_assessed_on", sa.Date(), nullable=True),
        sa.Column("risk_assessed_by", sa.String(length=200), nullable=True),
        sa.Column("person_wish", sa.String(length=30), nullable=True),
        sa.Column("proceedings", sa.String(length=40), nullable=True),
        sa.Column("destination_right_of_residence", sa.Boolean(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "ready",
                "completed",
                "cancelled",
                name="return_status",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["victim_case.id"],
            name=op.f("fk_case_return_plan_case_id_victim_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_return_plan")),
    )
    with op.batch_alter_table("case_return_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_return_plan_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
