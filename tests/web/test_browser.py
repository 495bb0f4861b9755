"""A real browser (Debian's Chromium through Playwright): sign in, see the dashboard, quick exit."""

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
from titian.app import create_app
from titian.audit.service import bind_key
from titian.auth.models import AgencyKind
from titian.auth.policies import Role
from titian.db import migrate
from titian.db.engine import make_engine, make_sessionmaker
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("browser")
    url = database_url_for(f"browser_{worker_id}", tmp)
    migrate.upgrade(url)
    port = _free_port()
    settings = Settings(
        database_url=url,
        environment="test",
        data_dir=tmp / "var",
        secret_key="browser-test-secret-0123456789",
        base_url=f"http://127.0.0.1:{port}",
        quick_exit_url=f"http://127.0.0.1:{port}/healthz?exit",
    )
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        bind_key(session, settings.secret_key.get_secret_value())
        agency = create_agency(session, "Browser Test Shelter", kind=AgencyKind.SHELTER)
        create_user(session, agency, [Role.CASE_WORKER], "browser_worker")
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
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()


def _sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/")
    assert "/login" in page.url
    page.get_by_label("Username").fill("browser_worker")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")


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
