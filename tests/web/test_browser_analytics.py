"""A real browser (Debian's Chromium through Playwright): the GESI dashboard, the country report
and its PDF, and a release from request to publication by two people."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session

from tests.analytics.support import install_snapshot
from tests.support.browser import live_server as serve
from tests.support.browser import sign_in
from tests.support.factories import create_agency, create_user
from titian.auth.models import AgencyKind
from titian.auth.policies import Role
from titian.settings import Settings

pytestmark = pytest.mark.browser


def _seed(session: Session, settings: Settings) -> None:
    install_snapshot(settings.data_dir)
    operator = create_agency(session, "Browser Operator", kind=AgencyKind.OPERATOR)
    create_user(session, operator, [Role.ANALYST], "analyst_one")
    create_user(session, operator, [Role.ANALYST], "analyst_two")


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("browser_analytics")
    with serve(tmp, f"browser_analytics_{worker_id}", _seed) as base:
        yield base


def _page(browser: Browser, base: str, username: str) -> Page:
    page = browser.new_context(accept_downloads=True).new_page()
    sign_in(page, base, username)
    return page


def test_dashboard_report_and_pdf(browser: Browser, live_server: str, tmp_path: Path) -> None:
    page = _page(browser, live_server, "analyst_one")
    page.get_by_role("link", name="Analytics").first.click()
    page.get_by_label("Country").select_option("TH")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="GESI dashboard")).to_be_visible()
    assert page.locator("figure.chart svg").count() >= 3
    assert "Share of women and girls" in page.content()
    page.get_by_role("link", name="Full report").click()
    expect(page.get_by_role("heading", name="GESI report: Thailand")).to_be_visible()
    assert page.locator("section.report-section table").count() > 10
    assert "Denominator" in page.content()
    page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
    with page.expect_download() as info:
        page.get_by_role("link", name="Download PDF").click()
    pdf = Path(info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.context.close()


def test_release_from_protocol_to_publication(browser: Browser, live_server: str) -> None:
    one = _page(browser, live_server, "analyst_one")
    one.goto(f"{live_server}/releases")
    expect(one.get_by_role("button", name="Request a release")).to_be_disabled()
    one.get_by_role("link", name="Information-sharing protocols").click()
    one.get_by_role("link", name="Record a protocol").click()
    one.get_by_label("Title").fill("Browser protocol")
    one.get_by_label("Scope (purposes, data categories)").fill("Aggregate figures for reports.")
    one.get_by_label("Signed on").fill("2026-01-01")
    one.get_by_role("button", name="Save").click()
    expect(one.get_by_role("cell", name="Browser protocol")).to_be_visible()
    one.goto(f"{live_server}/releases")
    one.get_by_role("link", name="Request a release").click()
    one.get_by_label("Title", exact=True).fill("Browser release")
    one.get_by_label("Purpose: why, and to whom").fill("Annual report to the national committee.")
    one.get_by_label("Country", exact=True).select_option("TH")
    one.get_by_label("People by disability (WG-SS, three bands) and gender").check()
    one.get_by_role("button", name="Request").click()
    expect(one.locator("#release-status")).to_have_text("requested")
    assert one.get_by_role("button", name="Approve").count() == 0  # not the requester
    release_url = one.url
    two = _page(browser, live_server, "analyst_two")
    two.goto(release_url)
    two.get_by_role("button", name="Approve").click()
    expect(two.locator("#release-status")).to_have_text("approved")
    two.get_by_role("button", name="Publish").click()
    expect(two.locator("#release-status")).to_have_text("published")
    expect(two.get_by_role("cell", name="release.json")).to_be_visible()
    one.context.close()
    two.context.close()
