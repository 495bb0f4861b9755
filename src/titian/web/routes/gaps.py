"""The service gap page: a heat-map table of areas with no suitable service per service type x
group for one country, the gaps behind each cell, CSV download, and running a coverage scan
(issue 4, item 5; rights-checklist C10). JSON twin: /api/v1/gaps."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from titian.auth.policies import Permission
from titian.countries.registry import ASEAN_CODES, all_countries
from titian.errors import FieldError, Invalid
from titian.gateway.db import DB
from titian.i18n import N_
from titian.referrals import gaps_store
from titian.referrals.vocab import GapGroup, ServiceType
from titian.web.deps import WebUser
from titian.web.forms import form_data
from titian.web.templating import render

router = APIRouter()
NAV = [(N_("Service gaps"), "/gaps", Permission.NETWORK_READ)]
NAV_ORDER = 310
SHOWN = 500
NONE = "#e9f6ee"
LEVELS = (
    (0.25, "#fff6e0"),
    (0.5, "#fde0b0"),
    (0.75, "#f7b9a8"),
    (1.0, "#e88a7d"),
)
"""Cell colours by share of areas with a gap (HTML ``bgcolor``: the page allows no inline CSS);
the number in each cell carries the same information for people who do not see colour."""


def colour(share: float) -> str:
    if share <= 0:
        return NONE
    return next((value for limit, value in LEVELS if share <= limit), LEVELS[-1][1])


def _country(code: str | None, default: str) -> str:
    value = (code or default).upper()
    if value not in ASEAN_CODES:
        raise Invalid(
            N_("unknown country"), [FieldError("country", f"one of {', '.join(ASEAN_CODES)}")]
        )
    return value


def _type(value: str | None) -> ServiceType | None:
    try:
        return ServiceType(value) if value else None
    except ValueError as exc:
        raise Invalid(N_("unknown filter"), [FieldError("service_type", str(exc))]) from exc


def _group(value: str | None) -> GapGroup | None:
    try:
        return GapGroup(value) if value else None
    except ValueError as exc:
        raise Invalid(N_("unknown filter"), [FieldError("group", str(exc))]) from exc


@router.get("/gaps", response_class=HTMLResponse, include_in_schema=False)
def gap_page(
    request: Request,
    principal: WebUser,
    db: DB,
    country: str | None = None,
    service_type: str | None = None,
    group: str | None = None,
) -> HTMLResponse:
    code = _country(country, principal.agency_country)
    ov = gaps_store.overview(db, principal, code)
    stype = _type(service_type)
    grp = _group(group)
    details = []
    if stype is not None or grp is not None:
        found = gaps_store.details(db, principal, code, stype, grp)
        details = [gaps_store.gap_read(g) for g in found[:SHOWN]]
    return render(
        request,
        "gaps/page.html",
        {
            "ov": ov,
            "countries": all_countries(),
            "details": details,
            "shown": SHOWN,
            "service_type": stype,
            "group": grp,
            "colour": colour,
            "can_scan": gaps_store.can_run_scan(principal),
        },
    )


@router.get("/gaps.csv", include_in_schema=False)
def gap_csv(request: Request, principal: WebUser, db: DB, country: str | None = None) -> Response:
    ov = gaps_store.overview(db, principal, _country(country, principal.agency_country))
    return Response(
        gaps_store.report_csv(ov.rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="gaps-{ov.country}.csv"'},
    )


@router.post("/gaps/scan", include_in_schema=False)
async def gap_scan(request: Request, principal: WebUser, db: DB) -> Response:
    values = await form_data(request)
    code = _country(values.get("country"), principal.agency_country)
    gaps_store.require_scan(principal)
    gaps_store.run_coverage_scan(db, principal, code)
    return RedirectResponse(f"/gaps?country={code}", status_code=303)
