"""A real browser (Debian's Chromium through Playwright) on a phone-sized screen: a guided
screening end to end, answered with the keyboard, saved as it goes, resumed after a reload, and
finished with a presumed-victim result that sets the case."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page
from sqlalchemy.orm import Session

from tests.support.browser import fits_the_screen, sign_in
from tests.support.browser import live_server as serve
from tests.support.factories import create_agency, create_user
from titian.auth.models import AgencyKind
from titian.auth.policies import Role
from titian.settings import Settings

pytestmark = pytest.mark.browser


def _seed(session: Session, settings: Settings) -> None:
    agency = create_agency(session, "Browser Screening NGO", kind=AgencyKind.NGO)
    create_user(session, agency, [Role.CASE_WORKER], "browser_screening")


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("browser_screening")
    with serve(tmp, f"screening_browser_{worker_id}", _seed) as base:
        yield base


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
    sign_in(page, live_server, "browser_screening", start="/screening", landing="/screening")
    page.get_by_label("Case").select_option("new")
    page.get_by_role("button", name="Start the screening").click()
    page.wait_for_url("**/step/safety")
    assert fits_the_screen(page)
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
    assert fits_the_screen(page)
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
    assert fits_the_screen(page)
    page.get_by_role("link", name="Open the rights checklist").click()
    page.wait_for_url("**/checklist")


def test_an_autosave_sent_while_next_has_the_focus_does_not_move_the_page(
    phone: Page, live_server: str
) -> None:
    """htmx adds the focused submit button to every request of its form; an autosave (a change)
    queued behind another and sent after the worker tabbed to "Save and continue" must not carry
    next=1 and turn into a second "Next" (titian.js drops the button from non-submit requests)."""
    page = phone
    sign_in(page, live_server, "browser_screening", start="/screening", landing="/screening")
    page.get_by_label("Case").select_option("new")
    page.get_by_role("button", name="Start the screening").click()
    page.wait_for_url("**/step/safety")
    page.get_by_role("button", name="Save and continue").focus()
    with page.expect_request(lambda r: r.method == "POST" and "/step/" in r.url) as sent:
        page.locator("#i-risk_assessed").evaluate(
            "el => { el.value = 'yes'; el.dispatchEvent(new Event('change', {bubbles: true})); }"
        )
    body = sent.value.post_data or ""
    assert "risk_assessed=yes" in body
    assert "next=1" not in body
    page.get_by_text("Saved").wait_for()
    assert page.url.endswith("/step/safety")
