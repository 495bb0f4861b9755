# ruff: noqa: E501, F811 (setup rows kept on one line; the browser fixture is imported)
"""A real browser (Debian's Chromium through Playwright) on a phone-sized screen: find services
for a case's need, record the person's choice, send with consent, and the receiving agency
accepts from its inbox."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.cases.conftest import adult_profile
from tests.conftest import database_url_for
from tests.services.conftest import small_directory, uid
from tests.support.factories import PASSWORD, create_agency, create_user
from tests.web.test_browser_cases import _fits_the_screen, _free_port, browser  # noqa: F401
from titian.app import create_app
from titian.audit.service import bind_key
from titian.auth.models import AgencyKind
from titian.auth.policies import Role
from titian.auth.service import principal_for
from titian.cases import service as cases
from titian.cases import service_consent
from titian.cases.schemas import CaseCreate, CaseIdentity, ConsentCreate
from titian.db import migrate
from titian.db.engine import make_engine, make_sessionmaker
from titian.kit.crypto import bind_cipher
from titian.services.models import Organization
from titian.services.service_import import write_directory
from titian.settings import Settings

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, worker_id: str
) -> Iterator[tuple[str, str]]:
    import threading
    import time

    import uvicorn

    tmp = tmp_path_factory.mktemp("browser_referrals")
    url = database_url_for(f"referrals_browser_{worker_id}", tmp)
    migrate.upgrade(url)
    port = _free_port()
    settings = Settings(
        database_url=url, environment="test", data_dir=tmp / "var",
        secret_key="browser-referrals-secret-0123456789", base_url=f"http://127.0.0.1:{port}",
    )  # fmt: skip
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        bind_key(session, settings.secret_key.get_secret_value())
        bind_cipher(session, settings)
        sender = create_agency(
            session, "Browser Referring Shelter", country="TH", kind=AgencyKind.SHELTER
        )
        provider = create_agency(session, "Browser Legal Aid", country="TH", kind=AgencyKind.NGO)
        worker = create_user(session, sender, [Role.CASE_WORKER], "br_sender")
        create_user(session, provider, [Role.SERVICE_PROVIDER], "br_provider")
        write_directory(session, None, small_directory(), ["browser"])
        session.get_one(Organization, uuid.UUID(uid("org-a"))).agency_id = provider.id
        p = principal_for(worker)
        case = cases.create_case(
            session, p,
            CaseCreate(profile=adult_profile(gender="man"), identity=CaseIdentity(given_name="Browsero"),
                       identified_on=date(2026, 3, 2)),
        )  # fmt: skip
        consent = ConsentCreate.model_validate(
            {"purpose": "referral", "receiver_agency_id": str(provider.id), "service_types": ["legal_aid"],
             "data_categories": ["identity", "needs"], "language": "th", "interpreter_present": False}
        )  # fmt: skip
        service_consent.record_consent(session, p, case.id, consent)
        case_id = str(case.id)
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
    yield f"http://127.0.0.1:{port}", case_id
    server.should_exit = True
    thread.join(5)
    engine.dispose()


def _phone(browser: Browser) -> Page:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    return context.new_page()


def _login(page: Page, base: str, username: str, target: str) -> None:
    page.goto(f"{base}{target}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_find_send_and_accept(
    browser: Browser, live_server: tuple[str, str], tmp_path: Path
) -> None:
    base, case_id = live_server
    page = _phone(browser)
    _login(page, base, "br_sender", f"/referrals/new?case_id={case_id}")
    page.get_by_label("Need (service type)").select_option("shelter")
    page.get_by_label("Area where the person is (ISO 3166-2)").select_option("TH-10")
    page.get_by_role("button", name="Find services").click()
    page.wait_for_url("**/referrals/*")
    assert page.get_by_text("Rainbow house Bangkok").first.is_visible()
    assert "Women shelter Bangkok" in page.content()
    assert _fits_the_screen(page)
    page.goto(f"{base}/referrals/new?case_id={case_id}")
    page.get_by_label("Need (service type)").select_option("legal_aid")
    page.get_by_label("Area where the person is (ISO 3166-2)").select_option("TH-10")
    page.get_by_role("button", name="Find services").click()
    page.wait_for_url("**/referrals/*")
    page.get_by_label("National legal aid").check()
    page.get_by_role("button", name="Record the person's choice").click()
    page.wait_for_load_state()
    page.get_by_label("identity", exact=True).check()
    page.get_by_label("needs", exact=True).check()
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_load_state()
    assert "sent" in page.locator("#referral-state").inner_text()
    assert page.locator("#case-access").inner_text().strip() == "yes"
    page.screenshot(path=str(tmp_path / "sent.png"), full_page=True)
    page.context.close()

    provider = _phone(browser)
    _login(provider, base, "br_provider", "/referrals")
    provider.get_by_role("link", name="Accept or decline").first.click()
    provider.wait_for_url("**/referrals/*")
    provider.get_by_role("button", name="Accept").click()
    provider.wait_for_load_state()
    assert "accepted" in provider.locator("#referral-state").inner_text()
    assert provider.locator("#time-to-acceptance").inner_text().strip() != "—"
    assert _fits_the_screen(provider)
    provider.context.close()
