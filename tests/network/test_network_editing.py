"""Editing, ending and deleting relationships (docs/network-analysis.md, "Editing the network"):
an ended relationship stays in the register as history but is no longer a working link in the
gap analysis, whether it was ended with the end action or its end date simply passed; deleting is
for entries made by mistake. Service, API and pages. Synthetic data only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.network.factory import create_actor, relate
from tests.support.fixtures import ApiAs, WebAs, World
from titian.actors.models import Actor
from titian.auth.service import principal_for
from titian.errors import Conflict, Invalid
from titian.network import service
from titian.network.gaps import GapStatus
from titian.network.models import Relationship
from titian.network.schemas import RelationshipEnd, RelationshipUpdate
from titian.network.vocab import ActorKind, Group, RelationshipType


def _pair(db: Session) -> tuple[Actor, Actor]:
    police = create_actor(db, "Edit Police", ActorKind.POLICE)
    shelter = create_actor(db, "Edit Shelter", ActorKind.SHELTER, groups=(Group.WOMEN,))
    return police, shelter


def _status(db: Session, world: World, police: Actor) -> GapStatus:
    report = service.analyse(db, principal_for(world["programme"]), "TH", groups=[Group.WOMEN])
    (row,) = [r for r in report.report.rows if r.justice_id == str(police.id)]
    return row.status


DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("end_offset", "active", "expected"),
    [
        (None, True, GapStatus.CONNECTED),  # open-ended and active: a working link
        (1, True, GapStatus.CONNECTED),  # ends tomorrow: still works today
        (0, True, GapStatus.CONNECTED),  # today is its last day (inclusive)
        (-1, True, GapStatus.NO_PATH),  # its end date passed, flag never updated: not a link
        (-400, True, GapStatus.NO_PATH),
        (None, False, GapStatus.NO_PATH),  # recorded as stopped
    ],
)
def test_end_date_decides_whether_a_link_counts_today(
    db: Session, world: World, end_offset: int | None, active: bool, expected: GapStatus
) -> None:
    police, shelter = _pair(db)
    today = service.today()
    end = None if end_offset is None else today + end_offset * DAY
    start = None if end is None else min(end, today) - 30 * DAY
    rel = relate(db, police, shelter, start=start, end=end, active=active)
    assert _status(db, world, police) is expected
    read = service.read_relationships(db, [rel])[0]
    assert read.in_force is (expected is GapStatus.CONNECTED)
    graph = service.load_graph(db, None, country="TH")
    assert graph.has_edge(str(police.id), str(shelter.id)) is (expected is GapStatus.CONNECTED)


def test_a_past_date_still_sees_an_ended_relationship(db: Session, world: World) -> None:
    police, shelter = _pair(db)
    today = service.today()
    relate(db, police, shelter, start=today - 100 * DAY, end=today - 10 * DAY, active=True)
    then = service.load_graph(db, None, country="TH", at=today - 50 * DAY)
    assert then.has_edge(str(police.id), str(shelter.id))
    assert not service.load_graph(db, None, country="TH").has_edge(str(police.id), str(shelter.id))


def test_ending_takes_the_link_out_of_the_gap_analysis(db: Session, world: World) -> None:
    programme = principal_for(world["programme"])
    police, shelter = _pair(db)
    rel = relate(db, police, shelter, start=date(2024, 1, 1))
    assert _status(db, world, police) is GapStatus.CONNECTED
    ended = service.end_relationship(db, programme, rel.id, RelationshipEnd(version=rel.version))
    assert (ended.end_date, ended.is_active) == (service.today(), False)
    assert _status(db, world, police) is GapStatus.NO_PATH
    assert db.get(Relationship, rel.id) is not None  # history kept
    with pytest.raises(Invalid) as again:
        service.end_relationship(db, programme, rel.id, RelationshipEnd(version=ended.version))
    assert again.value.details["errors"][0]["field"] == "end_date"


def test_ending_in_the_future_keeps_the_link_until_then(db: Session, world: World) -> None:
    programme = principal_for(world["programme"])
    police, shelter = _pair(db)
    rel = relate(db, police, shelter)
    later = service.today() + 30 * DAY
    ended = service.end_relationship(
        db, programme, rel.id, RelationshipEnd(version=rel.version, end_date=later)
    )
    assert (ended.end_date, ended.is_active) == (later, True)
    assert _status(db, world, police) is GapStatus.CONNECTED


def test_end_refusals(db: Session, world: World) -> None:
    programme = principal_for(world["programme"])
    police, shelter = _pair(db)
    rel = relate(db, police, shelter, start=date(2025, 6, 1))
    with pytest.raises(Invalid) as early:
        service.end_relationship(
            db, programme, rel.id, RelationshipEnd(version=rel.version, end_date=date(2025, 1, 1))
        )
    assert early.value.details["errors"][0]["field"] == "end_date"
    with pytest.raises(Conflict):
        service.end_relationship(db, programme, rel.id, RelationshipEnd(version=rel.version + 1))
    update = RelationshipUpdate(version=rel.version, end_date=date(2025, 1, 1))
    with pytest.raises(Invalid) as edited:
        service.update_relationship(db, programme, rel.id, update)
    assert edited.value.details["errors"][0]["field"] == "end_date"


def test_api_reads_and_ends_one_relationship(
    db: Session, world: World, api_as: ApiAs, client: TestClient
) -> None:
    police, shelter = _pair(db)
    rel = relate(db, police, shelter)
    reader = api_as.headers(world["caseworker_b"])
    got = client.get(f"/api/v1/network/relationships/{rel.id}", headers=reader).json()
    assert got["in_force"] is True and got["source_name"] == "Edit Police"
    editor = api_as.headers(world["programme"])
    path = f"/api/v1/network/relationships/{rel.id}/end"
    stale = client.post(path, json={"version": rel.version + 2}, headers=editor)
    assert stale.status_code == 409
    ended = client.post(path, json={"version": rel.version}, headers=editor)
    assert ended.status_code == 200, ended.text
    assert ended.json()["in_force"] is False and ended.json()["end_date"] == str(service.today())
    gaps = client.get("/api/v1/network/analysis?country=TH&group=women", headers=reader).json()
    assert gaps["summaries"][0]["no_path"] == 1


# --- pages ---------------------------------------------------------------------------------------


def test_edit_page_saves_clears_a_date_and_reports_conflicts(
    db: Session, world: World, web_as: WebAs, client: TestClient
) -> None:
    police, shelter = _pair(db)
    rel = relate(db, police, shelter, start=date(2024, 2, 1))
    csrf = web_as.login(world["programme"])
    actor_page = client.get(f"/actors/{police.id}").text
    assert f'href="/network/relationships/{rel.id}/edit"' in actor_page
    page = client.get(f"/network/relationships/{rel.id}/edit")
    assert page.status_code == 200 and "End this relationship" in page.text
    form = {"csrf_token": csrf, "version": str(rel.version), "type": "mou_sop",
            "direction": "one_way", "start_date": "", "end_date": "", "evidence": "SOP 2026",
            "is_active": "on"}  # fmt: skip
    saved = client.post(f"/network/relationships/{rel.id}", data=form, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == f"/actors/{police.id}"
    db.refresh(rel)
    assert (rel.type, rel.direction.value, rel.start_date) == (
        RelationshipType.MOU_SOP,
        "one_way",
        None,
    )
    assert rel.evidence == "SOP 2026" and rel.is_active is True
    stale = client.post(f"/network/relationships/{rel.id}", data={**form, "evidence": "other"})
    assert stale.status_code == 409 and "Someone else saved" in stale.text
    bad = {
        **form,
        "version": str(rel.version),
        "start_date": "2026-05-01",
        "end_date": "2026-01-01",
    }
    refused = client.post(f"/network/relationships/{rel.id}", data=bad)
    assert refused.status_code == 422 and 'id="end_date-error"' in refused.text


def test_end_page_marks_it_ended_and_gap_appears(
    db: Session, world: World, web_as: WebAs, client: TestClient
) -> None:
    police, shelter = _pair(db)
    rel = relate(db, police, shelter)
    csrf = web_as.login(world["programme"])
    early = client.post(
        f"/network/relationships/{rel.id}/end",
        data={"csrf_token": csrf, "version": str(rel.version), "end_date": "not a date"},
    )
    assert early.status_code == 422 and "end_date" in early.text
    done = client.post(
        f"/network/relationships/{rel.id}/end",
        data={"csrf_token": csrf, "version": str(rel.version), "end_date": ""},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert "(ended)" in client.get(f"/actors/{police.id}").text
    edit = client.get(f"/network/relationships/{rel.id}/edit").text
    assert "no longer counts as a working link" in edit and "End the relationship" not in edit
    db.expire_all()
    assert _status(db, world, police) is GapStatus.NO_PATH


def test_delete_asks_first_then_deletes(
    db: Session, world: World, web_as: WebAs, client: TestClient
) -> None:
    police, shelter = _pair(db)
    rel = relate(db, police, shelter)
    rel_id = rel.id
    csrf = web_as.login(world["programme"])
    confirm = client.get(f"/network/relationships/{rel_id}/delete")
    assert confirm.status_code == 200 and "Delete this relationship?" in confirm.text
    assert db.get(Relationship, rel_id) is not None  # asking deletes nothing
    done = client.post(
        f"/network/relationships/{rel_id}/delete",
        data={"csrf_token": csrf},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == f"/actors/{police.id}"
    db.expire_all()
    assert db.get(Relationship, rel_id) is None
    assert client.get(f"/network/relationships/{rel_id}/edit").status_code == 404
    web_as.login(world["caseworker_a"])  # a reader sees no edit link on the network page
    assert "/edit" not in client.get("/network?country=TH").text
