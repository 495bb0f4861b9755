"""A real browser (Debian's Chromium through Playwright) on a phone-sized screen: a service
provider searches the directory, opens its shelter, updates the free beds, and sees the change;
a programme officer reads the gap heat map."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import database_url_for
from tests.services.conftest import small_directory, uid
from tests.support.factories import PASSWORD, create_agency, create_user
from titian.app import create_app
from titian.audit.service import bind_key
from titian.auth.models import AgencyKind
from titian.auth.policies import Role
from titian.db import migrate
from titian.db.engine import make_engine, make_sessionmaker
from titian.referrals.gaps_store import run_coverage_scan
from titian.services.models import Organization
from titian.services.service_import import write_directory
from titian.settings import Settings

pytestmark = pytest.mark.browser

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
PHONE = {"width": 375, "height": 740}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _seed(url: str, secret: str) -> None:
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        bind_key(session, secret)
        agency = create_agency(session, "Browser Shelter Network", kind=AgencyKind.SHELTER)
        create_user(session, agency, [Role.SERVICE_PROVIDER], "browser_provider")
        create_user(session, agency, [Role.PROGRAMME_OFFICER], "browser_programme")
        write_directory(session, None, small_directory(), ["browser"])
        session.get_one(Organization, uuid.UUID(uid("org-a"))).agency_id = agency.id
        run_coverage_scan(session, None, "TH", languages=["th"])
        session.commit()
    engine.dispose()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("browser_services")
    url = database_url_for(f"browser_services_{worker_id}", tmp)
    migrate.upgrade(url)
    port = _free_port()
    settings = Settings(
        database_url=url,
        environment="test",
        data_dir=tmp / "var",
        secret_key="browser-services-secret-0123456789",
        base_url=f"http://127.0.0.1:{port}",
        quick_exit_url=f"http://127.0.0.1:{port}/healthz?exit",
    )
    _seed(url, settings.secret_key.get_secret_value())
    engine = make_engine(url)
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, engine), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 15
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(5)
    engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    pg = context.new_page()
    yield pg
    context.close()


def _sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")


def _fits_the_phone(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_provider_finds_and_updates_its_shelter_on_a_phone(
    page: Page, live_server: str, tmp_path: Path
) -> None:
    _sign_in(page, live_server, "browser_provider")
    page.get_by_role("link", name="Services").first.click()
    page.get_by_label("Type").select_option("shelter")
    page.get_by_label("Accepts").select_option("men")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_role("link", name="Men shelter Chiang Mai").is_visible()
    assert page.get_by_role("link", name="Women shelter Bangkok").count() == 0
    assert _fits_the_phone(page)
    page.screenshot(path=str(tmp_path / "directory-phone.png"), full_page=True)
    page.get_by_role("link", name="Men shelter Chiang Mai").click()
    page.get_by_role("link", name="Edit this service").click()
    page.get_by_label("Free now").fill("1")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/services/*")
    assert page.get_by_text("1 of 6 beds free").is_visible()


def test_programme_officer_reads_the_heat_map(page: Page, live_server: str) -> None:
    _sign_in(page, live_server, "browser_programme")
    page.goto(f"{live_server}/gaps?country=TH")
    assert page.get_by_role("heading", name="Service gaps: Thailand").is_visible()
    table = page.get_by_role("table")
    assert table.get_by_role("columnheader", name="men", exact=True).is_visible()
    page.locator("a[href*='service_type=shelter&group=men']").first.click()
    assert page.get_by_text("no shelter service for men in TH-57").is_visible()
