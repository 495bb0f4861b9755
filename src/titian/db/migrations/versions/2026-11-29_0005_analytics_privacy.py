"""analytics and privacy: CTDC import log, sharing protocols, releases and their log, DP budgets

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 19:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import titian.db.types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "privacy_budget",
        sa.Column("dataset_id", sa.String(length=200), nullable=False),
        sa.Column("total_epsilon", sa.String(length=40), nullable=False),
        sa.Column("total_delta", sa.String(length=40), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("max_epsilon_per_spend", sa.String(length=40), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_budget")),
        sa.UniqueConstraint("dataset_id", name=op.f("uq_privacy_budget_dataset_id")),
    )
    op.create_table(
        "privacy_spend",
        sa.Column("budget_id", sa.Uuid(), nullable=False),
        sa.Column("epsilon", sa.String(length=40), nullable=False),
        sa.Column("delta", sa.String(length=40), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("spent_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("dataset_version", sa.String(length=100), nullable=False),
        sa.Column("release_id", sa.String(length=64), nullable=False),
        sa.Column("mechanism", sa.String(length=20), nullable=False),
        sa.Column("queries", sa.JSON(), nullable=False),
        sa.Column("spent_by", sa.String(length=120), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["budget_id"],
            ["privacy_budget.id"],
            name=op.f("fk_privacy_spend_budget_id_privacy_budget"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_spend")),
    )
    op.create_index(
        op.f("ix_privacy_spend_budget_id"), "privacy_spend", ["budget_id"], unique=False
    )
    op.create_table(
        "ctdc_import",
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("generation", sa.String(length=40), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("columns", sa.Integer(), nullable=False),
        sa.Column("output_path", sa.String(length=1000), nullable=False),
        sa.Column("imported_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(length=120), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_ctdc_import_user_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ctdc_import")),
    )
    op.create_index(op.f("ix_ctdc_import_sha256"), "ctdc_import", ["sha256"], unique=False)
    op.create_table(
        "sharing_protocol",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("owner_agency_id", sa.Uuid(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["user_account.id"],
            name=op.f("fk_sharing_protocol_created_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_agency_id"],
            ["agency.id"],
            name=op.f("fk_sharing_protocol_owner_agency_id_agency"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sharing_protocol")),
    )
    op.create_index(
        op.f("ix_sharing_protocol_owner_agency_id"),
        "sharing_protocol",
        ["owner_agency_id"],
        unique=False,
    )
    op.create_table(
        "data_release",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("indicators", sa.JSON(), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("dataset_path", sa.String(length=1000), nullable=False),
        sa.Column("dataset_sha256", sa.String(length=64), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "requested",
                "approved",
                "published",
                "rejected",
                name="release_status",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("protocol_id", sa.Uuid(), nullable=False),
        sa.Column("requested_by", sa.Uuid(), nullable=False),
        sa.Column("approved_by", sa.Uuid(), nullable=True),
        sa.Column("published_at", titian.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_data_release_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["approved_by"],
            ["user_account.id"],
            name=op.f("fk_data_release_approved_by_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["protocol_id"],
            ["sharing_protocol.id"],
            name=op.f("fk_data_release_protocol_id_sharing_protocol"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"],
            ["user_account.id"],
            name=op.f("fk_data_release_requested_by_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_release")),
    )
    op.create_index(op.f("ix_data_release_agency_id"), "data_release", ["agency_id"], unique=False)
    op.create_table(
        "sharing_protocol_party",
        sa.Column("protocol_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_sharing_protocol_party_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["protocol_id"],
            ["sharing_protocol.id"],
            name=op.f("fk_sharing_protocol_party_protocol_id_sharing_protocol"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sharing_protocol_party")),
        sa.UniqueConstraint(
            "protocol_id", "agency_id", name=op.f("uq_sharing_protocol_party_protocol_id_agency_id")
        ),
    )
    op.create_index(
        op.f("ix_sharing_protocol_party_agency_id"),
        "sharing_protocol_party",
        ["agency_id"],
        unique=False,
    )
    op.create_table(
        "release_file",
        sa.Column("release_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("path", sa.String(length=1000), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["data_release.id"],
            name=op.f("fk_release_file_release_id_data_release"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_file")),
    )
    op.create_index(
        op.f("ix_release_file_release_id"), "release_file", ["release_id"], unique=False
    )
    op.create_table(
        "release_log",
        sa.Column("release_id", sa.Uuid(), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "request",
                "approve",
                "reject",
                "publish",
                name="release_action",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("actor_username", sa.String(length=120), nullable=False),
        sa.Column("at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["user_account.id"],
            name=op.f("fk_release_log_actor_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["data_release.id"],
            name=op.f("fk_release_log_release_id_data_release"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_log")),
    )
    op.create_index(op.f("ix_release_log_release_id"), "release_log", ["release_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_release_log_release_id"), table_name="release_log")
    op.drop_table("release_log")
    op.drop_index(op.f("ix_release_file_release_id"), table_name="release_file")
    op.drop_table("release_file")
    op.drop_index(op.f("ix_sharing_protocol_party_agency_id"), table_name="sharing_protocol_party")
    op.drop_table("sharing_protocol_party")
    op.drop_index(op.f("ix_data_release_agency_id"), table_name="data_release")
    op.drop_table("data_release")
    op.drop_index(op.f("ix_sharing_protocol_owner_agency_id"), table_name="sharing_protocol")
    op.drop_table("sharing_protocol")
    op.drop_index(op.f("ix_ctdc_import_sha256"), table_name="ctdc_import")
    op.drop_table("ctdc_import")
    op.drop_index(op.f("ix_privacy_spend_budget_id"), table_name="privacy_spend")
    op.drop_table("privacy_spend")
    op.drop_table("privacy_budget")
