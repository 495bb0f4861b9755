"""The country GESI report page: a section without data says so, never a table of zeros."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.analytics.support import with_snapshot
from tests.support.fixtures import WebAs, World
from titian.analytics.indicators import companion_path


def _section(page: str, indicator: str) -> str:
    return page.split(f'id="{indicator}"', 1)[1].split("</section>", 1)[0]


def test_dialogue_sections_say_no_data_without_the_companion(
    world: World, web_as: WebAs, client: TestClient
) -> None:
    snapshot = with_snapshot(world)
    web_as.login(world["analyst"])
    full = client.get("/analytics/report/all?source=titian")
    assert full.status_code == 200
    seats = _section(full.text, "titian_dialogue_seats_role_gender")
    assert "<table>" in seats and "No data in this dataset." not in seats
    companion = companion_path(snapshot)
    assert companion is not None
    companion.unlink()  # a snapshot written before the companion existed
    older = client.get("/analytics/report/all?source=titian").text
    for indicator in ("titian_dialogue_seats_role_gender", "titian_dialogue_groups_represented"):
        section = _section(older, indicator)
        assert "No data in this dataset." in section and "<table>" not in section
    assert "No data in this dataset." not in _section(older, "titian_gender_age")
