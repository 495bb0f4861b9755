# ruff: noqa: E501 (setup rows kept on one line)
"""A real browser (Debian's Chromium through Playwright) on a phone-sized screen: find services
for a case's need, record the person's choice, send with consent, and the receiving agency
accepts from its inbox."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from sqlalchemy.orm import Session

from tests.cases.conftest import adult_profile
from tests.services.conftest import small_directory, uid
from tests.support.browser import fits_the_screen, new_phone, sign_in
from tests.support.browser import live_server as serve
from tests.support.factories import create_agency, create_user
from titian.auth.models import AgencyKind
from titian.auth.policies import Role
from titian.auth.service import principal_for
from titian.cases import service as cases
from titian.cases import service_consent
from titian.cases.schemas import CaseCreate, CaseIdentity, ConsentCreate
from titian.services.models import Organization
from titian.services.service_import import write_directory
from titian.settings import Settings

pytestmark = pytest.mark.browser


def _seed(session: Session) -> str:
    """A sender shelter with a man's case consenting to legal aid; the provider owns org-a."""
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
    return str(case.id)


@pytest.fixture(scope="module")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, worker_id: str
) -> Iterator[tuple[str, str]]:
    tmp = tmp_path_factory.mktemp("browser_referrals")
    made: list[str] = []

    def seed(session: Session, settings: Settings) -> None:
        made.append(_seed(session))

    with serve(tmp, f"referrals_browser_{worker_id}", seed) as base:
        yield base, made[0]


def test_find_send_and_accept(
    browser: Browser, live_server: tuple[str, str], tmp_path: Path
) -> None:
    base, case_id = live_server
    page = new_phone(browser)
    sign_in(page, base, "br_sender", start=f"/referrals/new?case_id={case_id}", landing=None)
    page.get_by_label("Need (service type)").select_option("shelter")
    page.get_by_label("Area where the person is (ISO 3166-2)").select_option("TH-10")
    page.get_by_role("button", name="Find services").click()
    page.wait_for_url("**/referrals/*")
    assert page.get_by_text("Rainbow house Bangkok").first.is_visible()
    assert "Women shelter Bangkok" in page.content()
    assert fits_the_screen(page)
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

    provider = new_phone(browser)
    sign_in(provider, base, "br_provider", start="/referrals", landing=None)
    provider.get_by_role("link", name="Accept or decline").first.click()
    provider.wait_for_url("**/referrals/*")
    provider.get_by_role("button", name="Accept").click()
    provider.wait_for_load_state()
    assert "accepted" in provider.locator("#referral-state").inner_text()
    assert provider.locator("#time-to-acceptance").inner_text().strip() != "—"
    assert fits_the_screen(provider)
    provider.context.close()
