"""Service gaps: the coverage scan and the gap report (issue 4, item 5; rights-checklist C10)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from titian.api.deps import Actor
from titian.countries.registry import ASEAN_CODES
from titian.errors import FieldError, Invalid
from titian.gateway.db import DB
from titian.referrals import gaps_store
from titian.referrals.vocab import GapGroup, GapSource, ServiceType
from titian.services.schemas import GapRead, GapReportRead, ScanRead

router = APIRouter(prefix="/gaps", tags=["gaps"])


def _country(code: str) -> str:
    if code.upper() not in ASEAN_CODES:
        raise Invalid(
            "unknown country", [FieldError("country", f"one of {', '.join(ASEAN_CODES)}")]
        )
    return code.upper()


@router.get("", response_model=GapReportRead)
def gap_report(
    actor: Actor, db: DB, country: str, source: GapSource | None = None
) -> GapReportRead:
    """Gaps by country x area x service type x group, and the heat map (areas with a gap per
    service type x group)."""
    return gaps_store.overview_read(gaps_store.overview(db, actor, _country(country), source))


@router.get("/csv", response_class=PlainTextResponse)
def gap_report_csv(
    actor: Actor, db: DB, country: str, source: GapSource | None = None
) -> PlainTextResponse:
    """The gap report rows as CSV."""
    ov = gaps_store.overview(db, actor, _country(country), source)
    return PlainTextResponse(
        gaps_store.report_csv(ov.rows),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="gaps-{ov.country}.csv"'},
    )


@router.get("/details", response_model=list[GapRead])
def gap_details(
    actor: Actor,
    db: DB,
    country: str,
    service_type: ServiceType | None = None,
    group: GapGroup | None = None,
) -> list[GapRead]:
    """The gaps behind one cell of the heat map, each with its sentence."""
    found = gaps_store.details(db, actor, _country(country), service_type, group)
    return [gaps_store.gap_read(g) for g in found]


@router.post("/scan", response_model=ScanRead)
def run_scan(actor: Actor, db: DB, country: str) -> ScanRead:
    """Run the coverage scan of one country over the whole directory, replacing its previous
    scan (programme officers and administrators)."""
    gaps_store.require_scan(actor)
    summary = gaps_store.run_coverage_scan(db, actor, _country(country))
    return ScanRead(**summary.__dict__)
