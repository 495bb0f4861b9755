"""A real browser (Debian's Chromium through Playwright) on a phone-sized screen: a service
provider searches the directory, opens its shelter, updates the free beds, and sees the change;
a programme officer reads the gap heat map."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from sqlalchemy.orm import Session

from tests.services.conftest import small_directory, uid
from tests.support.browser import fits_the_screen, new_phone, sign_in
from tests.support.browser import live_server as serve
from tests.support.factories import create_agency, create_user
from titian.auth.models import AgencyKind
from titian.auth.policies import Role
from titian.referrals.gaps_store import run_coverage_scan
from titian.services.models import Organization
from titian.services.service_import import write_directory
from titian.settings import Settings

pytestmark = pytest.mark.browser


def _seed(session: Session, settings: Settings) -> None:
    agency = create_agency(session, "Browser Shelter Network", kind=AgencyKind.SHELTER)
    create_user(session, agency, [Role.SERVICE_PROVIDER], "browser_provider")
    create_user(session, agency, [Role.PROGRAMME_OFFICER], "browser_programme")
    write_directory(session, None, small_directory(), ["browser"])
    session.get_one(Organization, uuid.UUID(uid("org-a"))).agency_id = agency.id
    run_coverage_scan(session, None, "TH", languages=["th"])


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("browser_services")
    with serve(tmp, f"browser_services_{worker_id}", _seed) as base:
        yield base


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """Here every page is a touch phone."""
    pg = new_phone(browser, has_touch=True)
    yield pg
    pg.context.close()


def test_provider_finds_and_updates_its_shelter_on_a_phone(
    page: Page, live_server: str, tmp_path: Path
) -> None:
    sign_in(page, live_server, "browser_provider")
    page.get_by_role("link", name="Services").first.click()
    page.get_by_label("Type").select_option("shelter")
    page.get_by_label("Accepts").select_option("men")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_role("link", name="Men shelter Chiang Mai").is_visible()
    assert page.get_by_role("link", name="Women shelter Bangkok").count() == 0
    assert fits_the_screen(page)
    page.screenshot(path=str(tmp_path / "directory-phone.png"), full_page=True)
    page.get_by_role("link", name="Men shelter Chiang Mai").click()
    page.get_by_role("link", name="Edit this service").click()
    page.get_by_label("Free now").fill("1")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/services/*")
    assert page.get_by_text("1 of 6 beds free").is_visible()


def test_programme_officer_reads_the_heat_map(page: Page, live_server: str) -> None:
    sign_in(page, live_server, "browser_programme")
    page.goto(f"{live_server}/gaps?country=TH")
    assert page.get_by_role("heading", name="Service gaps: Thailand").is_visible()
    table = page.get_by_role("table")
    assert table.get_by_role("columnheader", name="men", exact=True).is_visible()
    page.locator("a[href*='service_type=shelter&group=men']").first.click()
    assert page.get_by_text("no shelter service for men in TH-57").is_visible()


def test_provider_adds_then_retires_a_service_on_a_phone(
    page: Page, live_server: str, tmp_path: Path
) -> None:
    """The long new-service form (fieldsets per WG-SS domain, a multiple select, location
    radios) fits a phone and submits; retiring asks first, then labels the service."""
    sign_in(page, live_server, "browser_provider")
    page.goto(f"{live_server}/services")
    page.get_by_role("link", name="New service").click()
    page.get_by_label("Name", exact=True).fill("Phone test drop-in centre")
    page.get_by_role("group", name="Service types").get_by_label("psychosocial").check()
    page.get_by_role("group", name="Genders accepted").get_by_label("men", exact=True).check()
    page.get_by_role("group", name="hearing").get_by_label("sign language").check()
    page.get_by_label("Areas served").select_option("TH-50")
    page.get_by_label("Languages spoken by staff").fill("th, my")
    assert fits_the_screen(page)
    page.screenshot(path=str(tmp_path / "new-service-phone.png"), full_page=True)
    page.get_by_role("button", name="Add service").click()
    page.wait_for_url("**/services/*-*")
    assert page.get_by_role("heading", name="Phone test drop-in centre").is_visible()
    assert page.get_by_text("sign language").first.is_visible()
    page.get_by_role("link", name="Retire", exact=True).click()
    page.get_by_role("button", name="Retire the service").click()
    page.wait_for_url("**/services/*-*")
    assert page.get_by_text("This service is retired").is_visible()
    assert page.get_by_role("link", name="Retire", exact=True).count() == 0
