"""Browser tests' shared set-up: a live Titian server on a fresh database, Debian's Chromium through
Playwright (never a downloaded browser), desktop and phone pages, and the sign-in steps.

Registered in ``tests/conftest.py`` (``pytest_plugins``), so ``browser``, ``page`` and ``phone`` are
fixtures everywhere; each browser test module keeps its own seed and its own module-scoped
``live_server`` fixture calling :func:`live_server` here."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright
from sqlalchemy.orm import Session

from tests.conftest import database_url_for
from tests.support.factories import PASSWORD
from titian.app import create_app
from titian.audit.service import bind_key
from titian.db import migrate
from titian.db.engine import make_engine, make_sessionmaker
from titian.kit.crypto import bind_cipher
from titian.settings import Settings

# The same Chromium, launched the same way, as the PDF export of the analytics pages.
from titian.web.routes.analytics import CHROMIUM, CHROMIUM_ARGS

__all__ = [
    "CHROMIUM_ARGS",
    "PHONE",
    "browser",
    "fits_the_screen",
    "free_port",
    "live_server",
    "new_phone",
    "page",
    "phone",
    "sign_in",
]

PHONE: ViewportSize = {"width": 375, "height": 740}
SECRET = "browser-test-secret-0123456789"
STARTUP_SECONDS = 15


def free_port() -> int:
    """A TCP port free on 127.0.0.1 at the time of asking."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_started(server: uvicorn.Server) -> None:
    deadline = time.time() + STARTUP_SECONDS
    while not server.started and time.time() < deadline:
        time.sleep(0.05)


@contextmanager
def live_server(
    tmp: Path, name: str, seed: Callable[[Session, Settings], None], **settings_overrides: Any
) -> Iterator[str]:
    """Build database ``name`` (SQLite under ``tmp``, or PostgreSQL when the tests say so), migrate
    it, seed it in one committed session (audit key and field cipher bound), serve Titian on a free
    port in a thread, and yield its base URL; stop the server and dispose of the engine after.

    Quick exit goes to the server's own ``/healthz?exit`` unless overridden: a test never leaves
    for an outside site."""
    url = database_url_for(name, tmp)
    migrate.upgrade(url)
    base = f"http://127.0.0.1:{free_port()}"
    options: dict[str, Any] = {
        "database_url": url,
        "environment": "test",
        "data_dir": tmp / "var",
        "secret_key": SECRET,
        "base_url": base,
        "quick_exit_url": f"{base}/healthz?exit",
    }
    settings = Settings(**(options | settings_overrides))
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session:
            bind_key(session, settings.secret_key.get_secret_value())
            bind_cipher(session, settings)
            session.info["settings"] = settings  # as the CLI does: the demo writes to data_dir
            seed(session, settings)
            session.commit()
        port = int(base.rsplit(":", 1)[1])
        app = create_app(settings, engine)
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        _wait_started(server)
        try:
            yield base
        finally:
            server.should_exit = True
            thread.join(5)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium (``/usr/bin/chromium``), headless, one per test module."""
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A desktop page in a fresh context (no cookies)."""
    pg = browser.new_context().new_page()
    yield pg
    pg.context.close()


def new_phone(browser: Browser, *, has_touch: bool = False) -> Page:
    """A phone-sized page (375×740, mobile) in a fresh context; the caller closes its context."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=has_touch)
    return context.new_page()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A phone-sized page (375×740, mobile) in a fresh context."""
    pg = new_phone(browser)
    yield pg
    pg.context.close()


def sign_in(
    page: Page,
    base: str,
    username: str,
    password: str = PASSWORD,
    *,
    start: str | None = "/login",
    landing: str | None = "/",
) -> None:
    """Open ``start`` (the sign-in form, or a page that leads to it; None: the form is already
    shown), sign in, and wait for ``landing`` (None: for the next page to load)."""
    if start is not None:
        page.goto(f"{base}{start}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if landing is None:
        page.wait_for_load_state()
    else:
        page.wait_for_url(f"{base}{landing}")


def fits_the_screen(page: Page) -> bool:
    """No horizontal scrolling: the page is no wider than the window."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))
