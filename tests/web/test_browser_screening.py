"""A real browser (Debian's Chromium through Playwright) on a phone-sized screen: a guided
screening end to end, answered with the keyboard, saved as it goes, resumed after a reload, and
finished with a presumed-victim result that sets the case."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import database_url_for
from tests.support.factories import PASSWORD, create_agency, create_user
from tests.web.test_browser import CHROMIUM_ARGS
from titian.app import create_app
from titian.audit.service import bind_key
from titian.auth.models import AgencyKind
from titian.auth.policies import Role
from titian.db import migrate
from titian.db.engine import make_engine, make_sessionmaker
from titian.kit.crypto import bind_cipher
from titian.settings import Settings

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("browser_screening")
    url = database_url_for(f"screening_browser_{worker_id}", tmp)
    migrate.upgrade(url)
    port = _free_port()
    settings = Settings(
        database_url=url,
        environment="test",
        data_dir=tmp / "var",
        secret_key="browser-screening-secret-0123456789",
        base_url=f"http://127.0.0.1:{port}",
    )
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        bind_key(session, settings.secret_key.get_secret_value())
        bind_cipher(session, settings)
        agency = create_agency(session, "Browser Screening NGO", kind=AgencyKind.NGO)
        create_user(session, agency, [Role.CASE_WORKER], "browser_screening")
        session.commit()
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
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


def _fits_the_screen(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def _press_next(page: Page) -> None:
    page.get_by_role("button", name="Save and continue").focus()
    page.keyboard.press("Enter")


def _answer_yes(page: Page, indicator: str) -> None:
    """Choose "Yes" with the keyboard (focus the radio, press Space); HTMX saves at once."""
    radio = page.locator(f'[id="{indicator}-yes"]')
    radio.focus()
    with page.expect_response(lambda r: r.request.method == "POST" and "/step/" in r.url):
        page.keyboard.press("Space")
    assert radio.is_checked()


def test_a_guided_screening_on_a_phone_with_the_keyboard(
    phone: Page, live_server: str, tmp_path: Path
) -> None:
    page = phone
    page.goto(f"{live_server}/screening")
    page.get_by_label("Username").fill("browser_screening")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/screening")
    page.get_by_label("Case").select_option("new")
    page.get_by_role("button", name="Start the screening").click()
    page.wait_for_url("**/step/safety")
    assert _fits_the_screen(page)
    page.get_by_label("Interview language (BCP-47, e.g. th, my, km)").fill("th")
    page.get_by_label("Languages you speak (comma-separated)").fill("th")
    page.get_by_label("Which gender does the person prefer", exact=False).select_option("male")
    page.get_by_label("Your gender (interviewer)").select_option("male")
    page.get_by_label("The place is safe and private").select_option("yes")
    page.get_by_text("Saved").wait_for()
    _press_next(page)
    page.wait_for_url("**/step/about")
    page.get_by_label("Age in years (leave empty if unknown)").fill("34")
    page.get_by_label("Migration status").select_option("irregular_migrant")
    _press_next(page)
    page.wait_for_url("**/step/D1")
    assert _fits_the_screen(page)
    _answer_yes(page, "d1.nature_job_location_employer")
    _answer_yes(page, "d1.wages")
    _press_next(page)
    page.wait_for_url("**/step/D2")
    for step in ("D3", "D4"):
        _press_next(page)
        page.wait_for_url(f"**/step/{step}")
    _answer_yes(page, "d4.excessive_hours")
    _answer_yes(page, "d4.low_no_salary")
    page.reload()  # a refresh resumes where the worker was, with the answers kept
    assert page.locator('[id="d4.excessive_hours-yes"]').is_checked()
    _press_next(page)
    page.wait_for_url("**/step/D5")
    _answer_yes(page, "d5.documents")
    _answer_yes(page, "d5.debt_bondage")
    page.goto(page.url.rsplit("/step/", 1)[0])  # the session's own address resumes at D5
    page.wait_for_url("**/step/D5")
    _press_next(page)
    page.wait_for_url("**/step/D6")
    _press_next(page)
    page.wait_for_url("**/step/review")
    page.screenshot(path=str(tmp_path / "review.png"), full_page=True)
    page.get_by_role("button", name="Finish and see the result").click()
    page.wait_for_url("**/result")
    assert page.get_by_text("Presumed victim").first.is_visible()
    assert page.get_by_text("not a legal determination", exact=False).first.is_visible()
    assert page.get_by_text("still to verify", exact=False).first.is_visible()
    assert _fits_the_screen(page)
    page.get_by_role("link", name="Open the rights checklist").click()
    page.wait_for_url("**/checklist")
