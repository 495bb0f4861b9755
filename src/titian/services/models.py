"""The service directory in the database: HSDS 3.0 objects (with HSDS 3.1 capacity) and the gap
table of the coverage scan.

Each HSDS object keeps its whole parsed form (the ``titian.services.hsds_model`` dataclass) in the
``hsds`` JSON column, so an import exports again unchanged; the fields the directory searches and
matching filters on are copied into typed columns by ``titian.services.service_rows`` (the only
writer), never edited apart from ``hsds``. Ids are the HSDS ids (UUIDs), so an import upserts.

``service_gap`` holds "no suitable service" gaps (rights-checklist C10) from the coverage scan and,
later, from real referrals (``source``): group dimensions only, never identity. It lives here,
beside the directory it describes; ``titian.referrals.gaps_store`` reads and writes it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from titian.db.base import Base, Entity, Versioned


class Organization(Entity):
    """HSDS ``organization``. ``agency_id`` links it to the Titian agency that runs it, when the
    provider has an account: that agency's service providers edit its services."""

    __tablename__ = "directory_organization"

    name: Mapped[str] = mapped_column(String(300))
    agency_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("agency.id"), default=None, index=True
    )
    hsds: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Location(Entity):
    """HSDS ``location``; addresses, accessibility text, languages, phones are in ``hsds``."""

    __tablename__ = "directory_location"

    name: Mapped[str | None] = mapped_column(String(300), default=None)
    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("directory_organization.id"), default=None, index=True
    )
    hsds: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Service(Versioned):
    """HSDS ``service`` with the Titian GESI profile in typed columns (docs/directory.md).

    Lists (genders, citizenship, accessibility, languages, types, areas) are JSON lists; the two
    lists the candidate query filters on are also rows of ``directory_service_type`` and
    ``directory_service_area``. ``areas`` empty with ``country_wide`` true = the whole country.
    """

    __tablename__ = "directory_service"

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("directory_organization.id"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), index=True)
    country: Mapped[str | None] = mapped_column(String(2), default=None, index=True)
    country_wide: Mapped[bool] = mapped_column(Boolean, default=False)
    areas: Mapped[list[str]] = mapped_column(JSON, default=list)
    service_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    genders_accepted: Mapped[list[str]] = mapped_column(JSON, default=list)
    citizenship_accepted: Mapped[list[str]] = mapped_column(JSON, default=list)
    accepts_unaccompanied_children: Mapped[bool] = mapped_column(Boolean, default=False)
    minimum_age: Mapped[int | None] = mapped_column(Integer, default=None)
    maximum_age: Mapped[int | None] = mapped_column(Integer, default=None)
    accessibility: Mapped[list[str]] = mapped_column(JSON, default=list)
    lgbtqi_affirming: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    cost: Mapped[str | None] = mapped_column(String(20), default=None)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    interpretation_languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    interpretation_any_language: Mapped[bool] = mapped_column(Boolean, default=False)
    capacity_available: Mapped[int | None] = mapped_column(Integer, default=None)
    capacity_maximum: Mapped[int | None] = mapped_column(Integer, default=None)
    capacity_unit: Mapped[str | None] = mapped_column(String(60), default=None)
    capacity_updated: Mapped[datetime | None] = mapped_column(default=None)
    search_text: Mapped[str] = mapped_column(Text, default="")
    hsds: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    organization: Mapped[Organization] = relationship(lazy="joined")

    __table_args__ = (Index("ix_directory_service_country_status", "country", "status"),)


class ServiceTypeLink(Base):
    """One service type of a service, with the service's country: the index of the candidate
    query (country + service type), as in ``bench/matching.py``."""

    __tablename__ = "directory_service_type"

    service_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("directory_service.id", ondelete="CASCADE"), primary_key=True
    )
    type: Mapped[str] = mapped_column(String(40), primary_key=True)
    country: Mapped[str] = mapped_column(String(2))

    __table_args__ = (Index("ix_directory_service_type_lookup", "country", "type", "service_id"),)


class ServiceAreaLink(Base):
    """One ISO 3166-2 area a service serves (a country-wide service has none)."""

    __tablename__ = "directory_service_area"

    service_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("directory_service.id", ondelete="CASCADE"), primary_key=True
    )
    area: Mapped[str] = mapped_column(String(12), primary_key=True)

    __table_args__ = (Index("ix_directory_service_area_lookup", "area", "service_id"),)


class Taxonomy(Entity):
    """HSDS ``taxonomy`` other than Titian's own ``titian-gesi`` (which ships with the code)."""

    __tablename__ = "directory_taxonomy"

    name: Mapped[str] = mapped_column(String(300))
    hsds: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class TaxonomyTerm(Entity):
    """HSDS ``taxonomy_term`` of another taxonomy, referred to by services' attributes."""

    __tablename__ = "directory_taxonomy_term"

    name: Mapped[str] = mapped_column(String(300))
    hsds: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ServiceGap(Entity):
    """A need with no suitable service (C10), by country x area x service type x groups.

    Group dimensions only (docs/matching.md, "Gaps"): never a person id, name, exact age or free
    text. ``source`` is ``coverage_scan`` or ``referral``; ``scan_id`` groups one scan's rows.
    """

    __tablename__ = "service_gap"

    source: Mapped[str] = mapped_column(String(20))
    scan_id: Mapped[uuid.UUID | None] = mapped_column(default=None, index=True)
    country: Mapped[str] = mapped_column(String(2))
    area: Mapped[str] = mapped_column(String(12))
    service_type: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(30))
    groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    language: Mapped[str | None] = mapped_column(String(35), default=None)
    blocking_reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    candidates: Mapped[int] = mapped_column(Integer, default=0)
    recorded_at: Mapped[datetime] = mapped_column()

    __table_args__ = (Index("ix_service_gap_scope", "country", "source", "service_type", "area"),)


class ServiceGapGroup(Base):
    """The groups of a gap as rows, so reports can filter on a group in SQL."""

    __tablename__ = "service_gap_group"

    gap_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("service_gap.id", ondelete="CASCADE"), primary_key=True
    )
    group: Mapped[str] = mapped_column(String(30), primary_key=True)

    __table_args__ = (Index("ix_service_gap_group_group", "group", "gap_id"),)
