"""Every page a role can reach, in a real browser on a phone: a crawl of the (smaller) demo as
each persona, following the links on the pages, that fails on any console error (a script error,
a style or script the Content-Security-Policy blocks, a missing file), any page answering 4xx/5xx,
any page wider than the phone's screen, and any accessibility fault that axe-core finds (WCAG 2.1
A and AA rules, and its best practices: every part of a page inside a landmark, one main heading,
…). axe-core (Deque, the engine of most accessibility checkers) finds about half of the WCAG
faults that can be found automatically; it does not replace testing with screen-reader users."""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Request
from sqlalchemy.orm import Session

from tests.support.browser import fits_the_screen, new_phone, sign_in
from tests.support.browser import live_server as serve
from titian.demo.loader import DEMO_PASSWORD, DemoState, load
from titian.settings import Settings

pytestmark = pytest.mark.browser

#: Links not followed: leaving, downloads (files, not pages) and the API.
NOT_PAGES = re.compile(
    r"^/(logout|quick-exit|healthz|api/|static/)|/(export|pdf|download)(/|$)|\.(csv|json|graphml|gexf|pdf|zip|parquet)$"
)
ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
PAGES_PER_ROLE = 30
#: axe-core rule sets checked on every page (https://github.com/dequelabs/axe-core, rule tags).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE = Axe()


def accessibility_faults(page: Page) -> list[str]:
    """axe-core's violations on the page as it is now: rule, impact, first element, count."""
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    found = AXE.run(page, options=options).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']}, {len(v['nodes'])}x: {v['nodes'][0]['target']}"
        for v in found
    ]


def _seed(session: Session, settings: Settings) -> None:
    load(session, DemoState(cases_per_country=2))


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("browser_crawl")
    with serve(tmp, f"crawl_browser_{worker_id}", _seed) as base:
        yield base


def _crawl(browser: Browser, base: str, username: str) -> tuple[list[str], int]:
    page = new_phone(browser)
    problems: list[str] = []
    where = {"path": "/login"}

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"{where['path']}: console error: {message.text[:200]}")

    def failed(request: Request) -> None:
        # Leaving a page aborts what it still loads (the favicon, fetched after "load"): not a
        # fault. A missing file answers 404, which the console reports as an error (above).
        if request.failure != "net::ERR_ABORTED":
            problems.append(f"{where['path']}: {request.url} failed ({request.failure})")

    page.on("console", console)
    page.on("pageerror", lambda e: problems.append(f"{where['path']}: script error: {e}"))
    page.on("requestfailed", failed)
    try:
        sign_in(page, base, username, DEMO_PASSWORD)
        queue: deque[str] = deque(["/"])
        seen: set[str] = set()
        shapes: Counter[str] = Counter()
        while queue and len(seen) < PAGES_PER_ROLE:
            path = queue.popleft()
            shape = ID.sub("{id}", urlsplit(path).path)
            if path in seen or shapes[shape] >= 1:
                continue
            seen.add(path)
            shapes[shape] += 1
            where["path"] = path
            try:
                response = page.goto(base + path)
            except Error as exc:
                problems.append(f"{path}: could not load ({exc.message.splitlines()[0]})")
                continue
            if response is not None and response.status >= 400:
                problems.append(f"{path}: HTTP {response.status}")
            if not fits_the_screen(page):
                width = page.evaluate("document.documentElement.scrollWidth")
                problems.append(f"{path}: {width}px wide on a 375px phone")
            problems += [f"{path}: {fault}" for fault in accessibility_faults(page)]
            for href in page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)"):
                parts = urlsplit(urljoin(base + path, href))
                if f"{parts.scheme}://{parts.netloc}" != base or NOT_PAGES.search(parts.path):
                    continue
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        return problems, len(seen)
    finally:
        page.context.close()


@pytest.mark.parametrize(
    "username",
    ["caseworker", "prosecutor", "provider", "programme", "analyst", "admin"],
)
def test_every_reachable_page_loads_cleanly_on_a_phone(
    browser: Browser, live_server: str, username: str
) -> None:
    problems, pages = _crawl(browser, live_server, username)
    assert pages >= 5, f"{username} reached only {pages} pages"
    assert not problems, "\n".join(problems)
