"""A real browser (Debian's Chromium through Playwright) on a phone-sized screen: open a case step
by step, see the checklist and the consent screen; a return plan refused then set ready (C12)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session

from tests.support.browser import fits_the_screen, sign_in
from tests.support.browser import live_server as serve
from tests.support.factories import create_agency, create_user
from titian.auth.models import AgencyKind
from titian.auth.policies import Role
from titian.auth.service import principal_for
from titian.cases import service
from titian.cases.profile import CaseProfile
from titian.cases.schemas import CaseCreate
from titian.settings import Settings

pytestmark = pytest.mark.browser


def _seed(session: Session, settings: Settings) -> None:
    agency = create_agency(session, "Browser Case Shelter", kind=AgencyKind.SHELTER)
    user = create_user(session, agency, [Role.CASE_WORKER], "browser_cases")
    session.flush()
    migrant = {
        "gender": "man",
        "preferred_language": "my",
        "citizenship_status": "known",
        "citizenships": ["MM"],
        "identification_status": "presumed",
        "custody_status": "shelter_open",
    }
    data = CaseCreate(profile=CaseProfile.model_validate(migrant), identified_on=date(2026, 3, 2))
    service.create_case(session, principal_for(user), data)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("browser_cases")
    with serve(tmp, f"cases_browser_{worker_id}", _seed) as base:
        yield base


def test_open_a_case_step_by_step_on_a_phone(phone: Page, live_server: str, tmp_path: Path) -> None:
    page = phone
    sign_in(page, live_server, "browser_cases", start="/cases", landing="/cases")
    page.get_by_role("link", name="Open a case").click()
    assert page.get_by_role("heading", name="Identity (encrypted)").is_visible()
    assert fits_the_screen(page)
    page.get_by_label("Given name").fill("Browserina")
    page.get_by_label("Family name").fill("Demo")
    page.get_by_label("Date of birth", exact=True).fill("2011-04-05")
    page.get_by_role("button", name="Open the case").click()
    page.wait_for_url("**/edit/person")
    page.get_by_label("Gender, as the person describes it").select_option("woman")
    page.get_by_label("Preferred language (BCP-47, e.g. my, ksw, km)").fill("ksw")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/edit/functioning")
    assert fits_the_screen(page)
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


def test_a_return_plan_is_refused_then_set_ready_on_a_phone(phone: Page, live_server: str) -> None:
    page = phone
    sign_in(page, live_server, "browser_cases", start="/cases", landing="/cases")
    page.goto(f"{live_server}/cases?gender=man")  # the seeded migrant case
    page.get_by_role("table").get_by_role("link").first.click()
    page.get_by_role("link", name="Return and repatriation").click()
    expect(page.get_by_label("Destination country (ISO code, e.g. MM)")).to_have_value("MM")
    page.get_by_label("The person's informed wish").select_option("wishes_to_return")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_text("Before it can be set ready:")).to_be_visible()
    assert fits_the_screen(page)
    page.get_by_role("button", name="Set ready").click()
    expect(page.get_by_role("alert").filter(has_text="document a risk assessment")).to_be_visible()
    page.get_by_role("link", name="Edit the plan to fix it").click()
    page.get_by_label("Assessed risk of return").select_option("low")
    page.get_by_label("Assessed on", exact=True).fill("2026-03-10")
    page.get_by_label("State of any legal proceedings").select_option("concluded")
    by = page.get_by_label("Assessed by (a person or a case conference)")
    by.fill("Case conference")
    by.press("Enter")  # the keyboard submits the form
    expect(page.get_by_text("Before it can be set ready:")).to_have_count(0)
    ready = page.get_by_role("button", name="Set ready")
    ready.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".plan-status")).to_have_text("ready")
    assert fits_the_screen(page)
