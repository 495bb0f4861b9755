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

import csv
import io
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.countries.registry import get_country, subdivisions
from titian.errors import Forbidden
from titian.kit.clock import utcnow
from titian.referrals.coverage import GapReportRow, coverage_scan, describe_gap, gap_report
from titian.referrals.matching import Gap
from titian.referrals.vocab import (
    ExclusionReason,
    GapGroup,
    GapKind,
    GapSource,
    ServiceType,
)
from titian.services import repository as directory
from titian.services.models import ServiceGap, ServiceGapGroup
from titian.services.schemas import GapRead, GapReportRead, GapRowRead, HeatCell
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


def can_view_gaps(principal: Principal) -> bool:
    """Programme officers, case workers, analysts and justice officials (``network.read`` or
    ``analytics.read``) and directory administrators (``services.import``) read gap reports."""
    return any(
        policies.has(principal, p)
        for p in (Permission.NETWORK_READ, Permission.ANALYTICS, Permission.SERVICES_IMPORT)
    )


def can_run_scan(principal: Principal | None) -> bool:
    """Programme officers (``network.edit``) and directory administrators run a scan; ``None``
    is the command line."""
    return principal is None or any(
        policies.has(principal, p) for p in (Permission.NETWORK_EDIT, Permission.SERVICES_IMPORT)
    )


def require_view(principal: Principal) -> None:
    if not can_view_gaps(principal):
        raise Forbidden("your role does not allow reading gap reports")


def require_scan(principal: Principal | None) -> None:
    if not can_run_scan(principal):
        raise Forbidden("your role does not allow running a coverage scan")


HEATMAP_GROUPS: tuple[GapGroup, ...] = tuple(GapGroup)


@dataclass(frozen=True)
class HeatMap:
    """Areas with a gap per service type x group (language: areas lacking any one language),
    out of ``areas_total``: the table a programme officer reads at a glance."""

    country: str
    areas_total: int
    service_types: tuple[ServiceType, ...]
    groups: tuple[GapGroup, ...]
    cells: dict[tuple[ServiceType, GapGroup], int]

    def share(self, stype: ServiceType, group: GapGroup) -> float:
        return self.cells.get((stype, group), 0) / self.areas_total if self.areas_total else 0.0


def heatmap(country: str, rows: Iterable[GapReportRow]) -> HeatMap:
    """Count distinct areas with at least one gap in each cell of the report."""
    areas: dict[tuple[ServiceType, GapGroup], set[str]] = {}
    for row in rows:
        areas.setdefault((row.service_type, row.group), set()).add(row.area)
    code = country.upper()
    return HeatMap(
        country=code,
        areas_total=len(subdivisions(code)),
        service_types=tuple(ServiceType),
        groups=HEATMAP_GROUPS,
        cells={key: len(found) for key, found in areas.items()},
    )


@dataclass(frozen=True)
class GapOverview:
    """What the gaps page and its JSON twin show for one country."""

    country: str
    last_scan: datetime | None
    include_special: bool
    rows: list[GapReportRow]
    heatmap: HeatMap


def overview(
    session: Session, principal: Principal, country: str, source: GapSource | None = None
) -> GapOverview:
    """The report and heat map of a country for a reader of gap reports; special-category rows
    of real referrals only with the ``cases.special_category`` grant."""
    require_view(principal)
    special = policies.has(principal, Permission.SPECIAL_CATEGORY)
    rows = report(session, country, include_special=special, source=source)
    return GapOverview(
        country.upper(), last_scan(session, country), special, rows, heatmap(country, rows)
    )


def details(
    session: Session,
    principal: Principal,
    country: str,
    service_type: ServiceType | None,
    group: GapGroup | None,
) -> list[Gap]:
    """The gaps behind one cell of the heat map (drill-down)."""
    require_view(principal)
    found = read_gaps(session, country, service_type=service_type, group=group)
    if policies.has(principal, Permission.SPECIAL_CATEGORY):
        return found
    return [
        g for g in found if not (g.source is GapSource.REFERRAL and GapGroup.LGBTQI in g.groups)
    ]


def overview_read(ov: GapOverview) -> GapReportRead:
    """The JSON twin of the gaps page."""
    cells = [
        HeatCell(
            service_type=t.value,
            group=g.value,
            areas_with_gap=ov.heatmap.cells.get((t, g), 0),
            areas_total=ov.heatmap.areas_total,
        )
        for t in ov.heatmap.service_types
        for g in ov.heatmap.groups
    ]
    return GapReportRead(
        country=ov.country,
        last_scan=ov.last_scan,
        include_special=ov.include_special,
        areas_total=ov.heatmap.areas_total,
        heatmap=cells,
        rows=[GapRowRead.model_validate(r) for r in ov.rows],
    )


def gap_read(gap: Gap) -> GapRead:
    return GapRead(
        country=gap.country,
        area=gap.area,
        service_type=gap.service_type.value,
        kind=gap.kind.value,
        groups=sorted(g.value for g in gap.groups),
        language=gap.language,
        blocking_reasons=sorted(r.value for r in gap.blocking_reasons),
        candidates=gap.candidates,
        source=gap.source.value,
        text=describe_gap(gap),
    )


CSV_COLUMNS = (
    "country", "area", "service_type", "group", "detail", "kind", "source", "count",
    "special_category",
)  # fmt: skip


def report_csv(rows: Iterable[GapReportRow]) -> str:
    """The report rows as CSV text (one row per country x area x type x group x language)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        values = [getattr(r, c) for c in CSV_COLUMNS]
        writer.writerow([v.value if isinstance(v, Enum) else v for v in values])
    return out.getvalue()
