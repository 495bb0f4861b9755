"""services: the HSDS directory (organization, location, service with the GESI profile and
HSDS 3.1 capacity, service types and areas for the candidate query, other taxonomies) and the
service_gap table of coverage-scan and referral gaps

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 19:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import titian.db.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "directory_taxonomy",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("hsds", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_taxonomy")),
    )
    op.create_table(
        "directory_taxonomy_term",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("hsds", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_taxonomy_term")),
    )
    op.create_table(
        "service_gap",
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("scan_id", sa.Uuid(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("area", sa.String(length=12), nullable=False),
        sa.Column("service_type", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("groups", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(length=35), nullable=True),
        sa.Column("blocking_reasons", sa.JSON(), nullable=False),
        sa.Column("candidates", sa.Integer(), nullable=False),
        sa.Column("recorded_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_gap")),
    )
    op.create_index(op.f("ix_service_gap_scan_id"), "service_gap", ["scan_id"], unique=False)
    op.create_index(
        "ix_service_gap_scope",
        "service_gap",
        ["country", "source", "service_type", "area"],
        unique=False,
    )
    op.create_table(
        "directory_organization",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=True),
        sa.Column("hsds", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_directory_organization_agency_id_agency")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_organization")),
    )
    op.create_index(
        op.f("ix_directory_organization_agency_id"),
        "directory_organization",
        ["agency_id"],
        unique=False,
    )
    op.create_table(
        "service_gap_group",
        sa.Column("gap_id", sa.Uuid(), nullable=False),
        sa.Column("group", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(
            ["gap_id"],
            ["service_gap.id"],
            name=op.f("fk_service_gap_group_gap_id_service_gap"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("gap_id", "group", name=op.f("pk_service_gap_group")),
    )
    op.create_index(
        "ix_service_gap_group_group", "service_gap_group", ["group", "gap_id"], unique=False
    )
    op.create_table(
        "directory_location",
        sa.Column("name", sa.String(length=300), nullable=True),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("hsds", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["directory_organization.id"],
            name=op.f("fk_directory_location_organization_id_directory_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_location")),
    )
    op.create_index(
        op.f("ix_directory_location_organization_id"),
        "directory_location",
        ["organization_id"],
        unique=False,
    )
    op.create_table(
        "directory_service",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("country_wide", sa.Boolean(), nullable=False),
        sa.Column("areas", sa.JSON(), nullable=False),
        sa.Column("service_types", sa.JSON(), nullable=False),
        sa.Column("genders_accepted", sa.JSON(), nullable=False),
        sa.Column("citizenship_accepted", sa.JSON(), nullable=False),
        sa.Column("accepts_unaccompanied_children", sa.Boolean(), nullable=False),
        sa.Column("minimum_age", sa.Integer(), nullable=True),
        sa.Column("maximum_age", sa.Integer(), nullable=True),
        sa.Column("accessibility", sa.JSON(), nullable=False),
        sa.Column("lgbtqi_affirming", sa.Boolean(), nullable=False),
        sa.Column("cost", sa.String(length=20), nullable=True),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("interpretation_languages", sa.JSON(), nullable=False),
        sa.Column("interpretation_any_language", sa.Boolean(), nullable=False),
        sa.Column("capacity_available", sa.Integer(), nullable=True),
        sa.Column("capacity_maximum", sa.Integer(), nullable=True),
        sa.Column("capacity_unit", sa.String(length=60), nullable=True),
        sa.Column("capacity_updated", titian.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("hsds", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", titian.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["directory_organization.id"],
            name=op.f("fk_directory_service_organization_id_directory_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_service")),
    )
    op.create_index(
        op.f("ix_directory_service_country"), "directory_service", ["country"], unique=False
    )
    op.create_index(
        "ix_directory_service_country_status",
        "directory_service",
        ["country", "status"],
        unique=False,
    )
    op.create_index(
        op.f("ix_directory_service_lgbtqi_affirming"),
        "directory_service",
        ["lgbtqi_affirming"],
        unique=False,
    )
    op.create_index(
        op.f("ix_directory_service_organization_id"),
        "directory_service",
        ["organization_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_directory_service_status"), "directory_service", ["status"], unique=False
    )
    op.create_table(
        "directory_service_area",
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("area", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["directory_service.id"],
            name=op.f("fk_directory_service_area_service_id_directory_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", "area", name=op.f("pk_directory_service_area")),
    )
    op.create_index(
        "ix_directory_service_area_lookup",
        "directory_service_area",
        ["area", "service_id"],
        unique=False,
    )
    op.create_table(
        "directory_service_type",
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["directory_service.id"],
            name=op.f("fk_directory_service_type_service_id_directory_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", "type", name=op.f("pk_directory_service_type")),
    )
    op.create_index(
        "ix_directory_service_type_lookup",
        "directory_service_type",
        ["country", "type", "service_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_directory_service_type_lookup", table_name="directory_service_type")
    op.drop_table("directory_service_type")
    op.drop_index("ix_directory_service_area_lookup", table_name="directory_service_area")
    op.drop_table("directory_service_area")
    op.drop_index(op.f("ix_directory_service_status"), table_name="directory_service")
    op.drop_index(op.f("ix_directory_service_organization_id"), table_name="directory_service")
    op.drop_index(op.f("ix_directory_service_lgbtqi_affirming"), table_name="directory_service")
    op.drop_index("ix_directory_service_country_status", table_name="directory_service")
    op.drop_index(op.f("ix_directory_service_country"), table_name="directory_service")
    op.drop_table("directory_service")
    op.drop_index(op.f("ix_directory_location_organization_id"), table_name="directory_location")
    op.drop_table("directory_location")
    op.drop_index("ix_service_gap_group_group", table_name="service_gap_group")
    op.drop_table("service_gap_group")
    op.drop_index(op.f("ix_directory_organization_agency_id"), table_name="directory_organization")
    op.drop_table("directory_organization")
    op.drop_index("ix_service_gap_scope", table_name="service_gap")
    op.drop_index(op.f("ix_service_gap_scan_id"), table_name="service_gap")
    op.drop_table("service_gap")
    op.drop_table("directory_taxonomy_term")
    op.drop_table("directory_taxonomy")
