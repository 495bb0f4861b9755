"""A real browser on the network and dialogue pages: the table first, the map drawn by
Cytoscape.js from Titian's own static files under the Content Security Policy, the filters,
and a dialogue held from its page adding relationships to the network."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page
from sqlalchemy.orm import Session

from tests.network.factory import create_actor, relate
from tests.support.browser import live_server as serve
from tests.support.browser import sign_in
from tests.support.factories import create_agency, create_user
from titian.auth.models import AgencyKind
from titian.auth.policies import Role
from titian.dialogues import service as dialogues
from titian.dialogues.schemas import DialogueCreate, ParticipantCreate
from titian.network.vocab import ActorKind, Group
from titian.settings import Settings

pytestmark = pytest.mark.browser


def _seed(session: Session, settings: Settings) -> None:
    operator = create_agency(
        session, "Browser Operator", kind=AgencyKind.OPERATOR, is_operator=True
    )
    create_user(session, operator, [Role.PROGRAMME_OFFICER], "browser_programme")
    police = create_actor(session, "Browser Police", ActorKind.POLICE)
    shelter = create_actor(session, "Browser Shelter", ActorKind.SHELTER, groups=(Group.WOMEN,))
    lgbtqi = create_actor(
        session, "Browser Rainbow Collective", ActorKind.LGBTQI_ORG, groups=(Group.LGBTQI,)
    )
    relate(session, police, shelter)
    d = dialogues.create_dialogue(
        session,
        None,
        DialogueCreate(title="Browser dialogue", country="TH", held_on=date(2026, 1, 10)),
        agency_id=operator.id,
    )
    for actor in (police, lgbtqi):
        dialogues.add_participant(session, None, d.id, ParticipantCreate(actor_id=actor.id))


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("browser_network")
    with serve(tmp, f"browser_net_{worker_id}", _seed) as base:
        yield base


def test_network_map_table_filters_and_dialogue(
    page: Page, live_server: str, tmp_path: Path
) -> None:
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in {"error", "warning"} else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    sign_in(page, live_server, "browser_programme")
    # Baseline: what the shared layout alone reports on a page without the map.
    problems.clear()
    page.goto(f"{live_server}/dialogues")
    page.wait_for_load_state("networkidle")
    baseline = set(problems)
    problems.clear()
    page.get_by_role("link", name="Network").first.click()
    page.wait_for_url("**/network")
    table = page.locator("#network-table")
    assert table.get_by_role("link", name="Browser Police", exact=True).is_visible()
    page.wait_for_selector("#network-map[data-ready='true'] canvas", timeout=15000)
    page.wait_for_load_state("networkidle")
    assert set(problems) <= baseline, problems  # the map adds no CSP violation or warning
    injected = page.evaluate(
        "document.querySelectorAll('style#__________cytoscape_stylesheet').length"
    )
    position = page.evaluate("getComputedStyle(document.getElementById('network-map')).position")
    assert (injected, position) == (0, "relative")
    page.screenshot(path=str(tmp_path / "network.png"), full_page=True)
    suggestions = page.get_by_role("region", name="Suggested connections")
    assert "Browser Rainbow Collective" in suggestions.inner_text()

    # Keyboard-only filter: choose the LGBTQI group and submit.
    page.get_by_label("Group").select_option("lgbtqi")
    page.get_by_role("button", name="Show").press("Enter")
    page.wait_for_url("**group=lgbtqi**")
    assert "No relationship matches these filters." in table.inner_text()

    # Hold the dialogue: police and the collective now meet, and the map/table show it.
    page.goto(f"{live_server}/dialogues")
    page.get_by_role("link", name="Browser dialogue").click()
    page.get_by_role("button", name="Record that it was held").click()
    page.wait_for_selector("text=held")
    page.goto(f"{live_server}/network?country=TH&group=lgbtqi")
    assert "dialogue" in page.locator("#network-table").inner_text()
    page.wait_for_selector("#network-map[data-ready='true'] canvas", timeout=15000)
