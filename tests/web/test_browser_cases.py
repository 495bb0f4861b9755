"""A real browser (Debian's Chromium through Playwright) on a phone-sized screen: open a case step
by step, see the checklist and the consent screen."""

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
    tmp = tmp_path_factory.mktemp("browser_cases")
    url = database_url_for(f"cases_browser_{worker_id}", tmp)
    migrate.upgrade(url)
    port = _free_port()
    settings = Settings(
        database_url=url,
        environment="test",
        data_dir=tmp / "var",
        secret_key="browser-cases-secret-0123456789",
        base_url=f"http://127.0.0.1:{port}",
    )
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        bind_key(session, settings.secret_key.get_secret_value())
        bind_cipher(session, settings)
        agency = create_agency(session, "Browser Case Shelter", kind=AgencyKind.SHELTER)
        create_user(session, agency, [Role.CASE_WORKER], "browser_cases")
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


def test_open_a_case_step_by_step_on_a_phone(phone: Page, live_server: str, tmp_path: Path) -> None:
    page = phone
    page.goto(f"{live_server}/cases")
    page.get_by_label("Username").fill("browser_cases")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/cases")
    page.get_by_role("link", name="Open a case").click()
    assert page.get_by_role("heading", name="Identity (encrypted)").is_visible()
    assert _fits_the_screen(page)
    page.get_by_label("Given name").fill("Browserina")
    page.get_by_label("Family name").fill("Demo")
    page.get_by_label("Date of birth", exact=True).fill("2011-04-05")
    page.get_by_role("button", name="Open the case").click()
    page.wait_for_url("**/edit/person")
    page.get_by_label("Gender, as the person describes it").select_option("woman")
    page.get_by_label("Preferred language (BCP-47, e.g. my, ksw, km)").fill("ksw")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/edit/functioning")
    assert _fits_the_screen(page)
    page.get_by_label("Difficulty: hearing").select_option("a_lot_of_difficulty")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/edit/status")
    case_url = page.url.rsplit("/edit/", 1)[0]
    page.goto(f"{case_url}/checklist")
    assert page.get_by_text("Sign-language interpreter", exact=False).first.is_visible() or (
        "hearing" in page.content()
    )
    assert "Guardian" in page.content() or "guardian" in page.content()
    page.screenshot(path=str(tmp_path / "checklist.png"), full_page=True)
    page.goto(f"{case_url}/consents")
    assert page.get_by_text("Child: assent and the adult decision (C2)").is_visible()
    page.goto(case_url)
    assert page.get_by_text("Browserina").is_visible()
