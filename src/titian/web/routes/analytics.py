"""Analytics pages: the GESI dashboard, the country report and its PDF.

Every figure comes from :func:`titian.analytics.service.indicator_set`, already disclosure-
controlled; the charts are SVG rendered on the server (no CDN). The PDF is the report page printed
by the installed Debian Chromium through Playwright (no extra system packages).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from titian.analytics import service
from titian.analytics.catalogue import Source
from titian.analytics.report import Report, build_report
from titian.analytics.schemas import IndicatorQuery
from titian.analytics.texts import Texts
from titian.auth.policies import Permission, Principal
from titian.countries.registry import all_countries
from titian.errors import Invalid, NotFound
from titian.gateway.db import DB
from titian.i18n import N_
from titian.web.deps import WebUser
from titian.web.panels import Panel, panel
from titian.web.templating import page_context, render

router = APIRouter(prefix="/analytics")
NAV = [(N_("Analytics"), "/analytics", Permission.ANALYTICS)]
NAV_ORDER = 600

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _country(code: str | None) -> str | None:
    if code in (None, "", "all"):
        return None
    found = all_countries().get(code.upper())
    if found is None:
        raise NotFound(f"country {code!r} is not configured")
    return found.code


def _report(
    request: Request,
    db: DB,
    principal: Principal,
    source: Source,
    country: str | None,
    tables: bool = True,
) -> Report:
    """The report in the page's language (titles, labels, notes, charts); the figures come from
    the language-free indicator set (its cache holds no text of any language)."""
    query = IndicatorQuery(source=source, country=country)
    result = service.indicator_set(db, principal, query)
    texts = Texts.for_locale(page_context(request).locale)
    name = all_countries()[country].name if country else N_("All countries")
    if country and texts.catalogue is not None:
        name = texts.country(country) or name  # CLDR's name in the page's language
    return build_report(result, name, table_charts=tables, texts=texts)


def _countries() -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in all_countries().values()]


@router.get("", response_class=HTMLResponse, include_in_schema=False)
def dashboard(
    request: Request,
    principal: WebUser,
    db: DB,
    source: Source = Source.TITIAN,
    country: str | None = None,
) -> HTMLResponse:
    service.require(principal, Permission.ANALYTICS)
    code = _country(country)
    query = IndicatorQuery(source=source, country=code)
    context: dict[str, object] = {
        "query": query,
        "sources": list(Source),
        "countries": _countries(),
    }
    try:
        context["report"] = _report(request, db, principal, source, code, tables=False)
    except (NotFound, Invalid) as exc:
        context["error"] = exc.message
    return render(request, "analytics/index.html", context)


@router.get("/report/{country}", response_class=HTMLResponse, include_in_schema=False)
def report_page(
    request: Request, country: str, principal: WebUser, db: DB, source: Source = Source.TITIAN
) -> HTMLResponse:
    service.require(principal, Permission.ANALYTICS)
    report = _report(request, db, principal, source, _country(country))
    return render(request, "analytics/report.html", {"report": report})


def print_pdf(html: str) -> bytes:
    """Print HTML (self-contained: inline CSS and SVG) to A4 PDF with the system Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())  # nothing is fetched
            page.set_content(html, wait_until="load")
            pdf = page.pdf(format="A4", print_background=True, margin={"top": "15mm",
                           "bottom": "15mm", "left": "12mm", "right": "12mm"})  # fmt: skip
        finally:
            browser.close()
    return pdf


@router.get("/report/{country}/pdf", include_in_schema=False)
def report_pdf(
    request: Request, country: str, principal: WebUser, db: DB, source: Source = Source.TITIAN
) -> Response:
    service.require(principal, Permission.ANALYTICS)
    code = _country(country)
    report = _report(request, db, principal, source, code)
    page = render(request, "analytics/report_print.html", {"report": report})
    pdf = print_pdf(bytes(page.body).decode("utf-8"))
    name = f"titian-gesi-{(code or 'all').lower()}-{source.value}.pdf"
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@panel
def analytics_panel(session: Session, principal: Principal) -> Panel | None:
    from titian.auth import policies

    if not policies.has(principal, Permission.ANALYTICS):
        return None
    return Panel(N_("Analytics"), [(N_("GESI dashboard and country reports"), "/analytics")])
