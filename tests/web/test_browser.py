"""A real browser (Debian's Chromium through Playwright): sign in, see the dashboard, quick exit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page
from sqlalchemy.orm import Session

from tests.support.browser import CHROMIUM_ARGS as CHROMIUM_ARGS  # importable from here too
from tests.support.browser import live_server as serve
from tests.support.browser import sign_in
from tests.support.factories import PASSWORD, create_agency, create_user
from titian.auth.models import AgencyKind
from titian.auth.policies import Role
from titian.settings import Settings

pytestmark = pytest.mark.browser


def _seed(session: Session, settings: Settings) -> None:
    agency = create_agency(session, "Browser Test Shelter", kind=AgencyKind.SHELTER)
    create_user(session, agency, [Role.CASE_WORKER], "browser_worker")


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("browser")
    with serve(tmp, f"browser_{worker_id}", _seed) as base:
        yield base


def _sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/")
    assert "/login" in page.url
    sign_in(page, base, "browser_worker", start=None)


def test_sign_in_see_dashboard_quick_exit(page: Page, live_server: str, tmp_path: Path) -> None:
    _sign_in(page, live_server)
    assert page.get_by_role("heading", name="Dashboard").is_visible()
    assert page.get_by_text("Browser Test Shelter").is_visible()
    page.screenshot(path=str(tmp_path / "dashboard.png"))
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url("**/healthz?exit")
    # The session is ended and the page is gone from history: Back does not show the dashboard.
    page.go_back()
    page.goto(f"{live_server}/")
    assert "/login" in page.url


def test_escape_twice_leaves(page: Page, live_server: str) -> None:
    _sign_in(page, live_server)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url("**/healthz?exit")


def test_keyboard_only_sign_in_and_skip_link(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/login")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Skip to main content" in focused
    page.get_by_label("Username").focus()
    page.keyboard.type("browser_worker")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/")
    outline = page.evaluate(
        "(() => { const a = document.querySelector('nav a'); a.focus();"
        " return getComputedStyle(a).outlineStyle; })()"
    )
    assert outline != "none"
