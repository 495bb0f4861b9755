"""Store and read "no suitable service" gaps (rights-checklist C10) in the ``service_gap`` table.

The table (model ``titian.services.models.ServiceGap``, beside the directory it describes) holds
gaps from two sources: the coverage scan, which runs the pure
:func:`titian.referrals.coverage.coverage_scan` over the whole database directory, and real
referrals (source ``referral``), which the referrals area adds with :func:`record_gaps`. A row holds
group dimensions only (country, area, service type, kind, groups, language, blocking reasons,
candidate count): never a person id, name, exact age or free text.

A new scan of a country replaces that country's previous scan rows; referral rows are kept.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth.policies import Principal
from titian.countries.registry import get_country, subdivisions
from titian.kit.clock import utcnow
from titian.referrals.coverage import GapReportRow, coverage_scan, gap_report
from titian.referrals.matching import Gap
from titian.referrals.vocab import (
    SPECIAL_CATEGORY_GROUPS,
    ExclusionReason,
    GapGroup,
    GapKind,
    GapSource,
    ServiceType,
)
from titian.services import repository as directory
from titian.services.models import ServiceGap, ServiceGapGroup
from titian.services.service_matching import offers


@dataclass(frozen=True)
class ScanSummary:
    """One coverage scan of one country: when, how many areas, services and gaps."""

    scan_id: uuid.UUID
    country: str
    areas: int
    services: int
    gaps: int
    recorded_at: datetime


def record_gaps(session: Session, gaps: Iterable[Gap], *, scan_id: uuid.UUID | None = None) -> int:
    """Insert gaps (any source) and their group rows in bulk; returns the number written."""
    now = utcnow()
    rows, groups = [], []
    for gap in gaps:
        gap_id = uuid.uuid4()
        rows.append(
            {
                "id": gap_id,
                "created_at": now,
                "updated_at": now,
                "source": gap.source.value,
                "scan_id": scan_id,
                "country": gap.country,
                "area": gap.area,
                "service_type": gap.service_type.value,
                "kind": gap.kind.value,
                "groups": sorted(g.value for g in gap.groups),
                "language": gap.language,
                "blocking_reasons": sorted(r.value for r in gap.blocking_reasons),
                "candidates": gap.candidates,
                "recorded_at": now,
            }
        )
        groups += [{"gap_id": gap_id, "group": g.value} for g in gap.groups]
    for start in range(0, len(rows), 5000):
        session.execute(insert(ServiceGap), rows[start : start + 5000])
    for start in range(0, len(groups), 5000):
        session.execute(insert(ServiceGapGroup), groups[start : start + 5000])
    return len(rows)


def _clear_scan(session: Session, country: str) -> None:
    old = select(ServiceGap.id).where(
        ServiceGap.country == country, ServiceGap.source == GapSource.COVERAGE_SCAN.value
    )
    session.execute(delete(ServiceGapGroup).where(ServiceGapGroup.gap_id.in_(old)))
    session.execute(
        delete(ServiceGap).where(
            ServiceGap.country == country, ServiceGap.source == GapSource.COVERAGE_SCAN.value
        )
    )


def scan_languages(country: str) -> list[str]:
    """The languages a scan checks in a country: its official and minority languages
    (country settings, languages.md), one language profile each."""
    settings = get_country(country)
    return list(dict.fromkeys([*settings.official_languages, *settings.minority_languages]))


def run_coverage_scan(
    session: Session,
    actor: Principal | None,
    country: str,
    *,
    languages: Sequence[str] | None = None,
) -> ScanSummary:
    """Scan one country's ISO 3166-2 top-level areas x every service type x the standard
    profiles over the whole directory, and replace the country's previous scan rows."""
    code = country.upper()
    areas = [c for c, _ in subdivisions(code)]
    services = offers(directory.offer_rows(session, code))
    langs = list(languages) if languages is not None else scan_languages(code)
    gaps = coverage_scan(services, {code: areas}, languages={code: langs})
    _clear_scan(session, code)
    scan_id = uuid.uuid4()
    written = record_gaps(session, gaps, scan_id=scan_id)
    audit.record(
        session,
        actor,
        "gaps.scan",
        "service_gap",
        scan_id,
        {"country": code, "areas": len(areas), "services": len(services), "gaps": written},
    )
    return ScanSummary(scan_id, code, len(areas), len(services), written, utcnow())


def _gap(row: ServiceGap) -> Gap:
    return Gap(
        country=row.country,
        area=row.area,
        service_type=ServiceType(row.service_type),
        kind=GapKind(row.kind),
        groups=frozenset(GapGroup(g) for g in row.groups),
        language=row.language,
        blocking_reasons=frozenset(ExclusionReason(r) for r in row.blocking_reasons),
        candidates=row.candidates,
        source=GapSource(row.source),
    )


def read_gaps(
    session: Session,
    country: str,
    *,
    source: GapSource | None = None,
    service_type: ServiceType | None = None,
    group: GapGroup | None = None,
    area: str | None = None,
) -> list[Gap]:
    """Stored gaps of a country, filtered in SQL by source, type, group and area."""
    stmt = select(ServiceGap).where(ServiceGap.country == country.upper())
    if source is not None:
        stmt = stmt.where(ServiceGap.source == source.value)
    if service_type is not None:
        stmt = stmt.where(ServiceGap.service_type == service_type.value)
    if area:
        stmt = stmt.where(ServiceGap.area == area.upper())
    if group is not None:
        stmt = stmt.where(
            ServiceGap.id.in_(
                select(ServiceGapGroup.gap_id).where(ServiceGapGroup.group == group.value)
            )
        )
    stmt = stmt.order_by(ServiceGap.service_type, ServiceGap.area, ServiceGap.id)
    return [_gap(r) for r in session.scalars(stmt)]


def report(
    session: Session, country: str, *, include_special: bool, source: GapSource | None = None
) -> list[GapReportRow]:
    """The gap report of a country (``coverage.gap_report``). Special-category rows (LGBTQI)
    from real referrals count people and are left out unless ``include_special`` (C11;
    data-standards.md (e) rule 3); coverage-scan LGBTQI rows describe services, not people."""
    rows = gap_report(read_gaps(session, country, source=source))
    return [
        r
        for r in rows
        if include_special or not (r.special_category and r.source is GapSource.REFERRAL)
    ]


def last_scan(session: Session, country: str) -> datetime | None:
    """When the country was last scanned (None: never)."""
    stmt = select(func.max(ServiceGap.recorded_at)).where(
        ServiceGap.country == country.upper(),
        ServiceGap.source == GapSource.COVERAGE_SCAN.value,
    )
    value: datetime | None = session.scalar(stmt)
    return value


SPECIAL = SPECIAL_CATEGORY_GROUPS
