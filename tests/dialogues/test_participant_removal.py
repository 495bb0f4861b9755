"""Removing a participant recorded by mistake (docs/dialogues.md): the figures follow, and once
the dialogue was held, the co-participant relationships it added for an organisation nobody
else spoke for go too, so the network does not count a meeting that did not happen. Service,
API and page. Synthetic data only."""

from __future__ import annotations

import uuid
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.network.factory import create_actor, relate
from tests.support.fixtures import ApiAs, WebAs, World
from titian.actors.models import Actor
from titian.auth.service import principal_for
from titian.dialogues import service
from titian.dialogues.models import Dialogue, Participant
from titian.dialogues.schemas import DialogueCreate, ParticipantCreate
from titian.network.models import Relationship
from titian.network.vocab import ActorKind, RelationshipType

HELD_ON = date(2026, 3, 10)


def _setup(db: Session, world: World) -> tuple[Dialogue, dict[str, Actor], dict[str, Participant]]:
    """A dialogue with the police (two people), a shelter and an NGO."""
    programme = principal_for(world["programme"])
    d = service.create_dialogue(
        db, programme, DialogueCreate(title="Removal test", country="TH", held_on=HELD_ON)
    )
    orgs = {
        "police": create_actor(db, "Removal Police", ActorKind.POLICE),
        "shelter": create_actor(db, "Removal Shelter", ActorKind.SHELTER),
        "ngo": create_actor(db, "Removal NGO", ActorKind.NGO),
    }
    people = {}
    for key, org in [*orgs.items(), ("police2", orgs["police"])]:
        people[key] = service.add_participant(
            db, programme, d.id, ParticipantCreate(actor_id=org.id, person=f"Person {key}")
        )
    return d, orgs, people


def _dialogue_pairs(db: Session, d: Dialogue) -> set[frozenset[uuid.UUID]]:
    rels = db.scalars(select(Relationship).where(Relationship.dialogue_id == d.id)).all()
    return {frozenset((r.source_id, r.target_id)) for r in rels}


def test_removing_before_holding_touches_no_relationship(db: Session, world: World) -> None:
    programme = principal_for(world["programme"])
    d, orgs, people = _setup(db, world)
    assert service.remove_participant(db, programme, d.id, people["ngo"].id) == 0
    assert service.dialogue_figures(db, programme, d.id).organisations == 2
    _, added = service.hold_dialogue(db, programme, d.id)
    assert added == 1  # police - shelter only: the NGO was never there
    assert _dialogue_pairs(db, d) == {frozenset((orgs["police"].id, orgs["shelter"].id))}


def test_removing_after_holding_drops_that_organisations_dialogue_links(
    db: Session, world: World
) -> None:
    programme = principal_for(world["programme"])
    d, orgs, people = _setup(db, world)
    other = relate(db, orgs["ngo"], orgs["shelter"], RelationshipType.TRAINING)
    assert service.hold_dialogue(db, programme, d.id)[1] == 3
    # one of two police officers added by mistake: the police was still there, nothing goes
    assert service.remove_participant(db, programme, d.id, people["police2"].id) == 0
    assert len(_dialogue_pairs(db, d)) == 3
    # the NGO was not there at all: its two dialogue links go, the others stay
    assert service.remove_participant(db, programme, d.id, people["ngo"].id) == 2
    assert _dialogue_pairs(db, d) == {frozenset((orgs["police"].id, orgs["shelter"].id))}
    assert db.get(Relationship, other.id) is not None  # a relationship of its own stays
    figures = service.dialogue_figures(db, programme, d.id)
    assert (figures.participants, figures.organisations) == (2, 2)


def test_api_delete_removes_the_participant_and_its_links(
    db: Session, world: World, api_as: ApiAs, client: TestClient
) -> None:
    programme = principal_for(world["programme"])
    d, orgs, people = _setup(db, world)
    service.hold_dialogue(db, programme, d.id)
    path = f"/api/v1/dialogues/{d.id}/participants/{people['shelter'].id}"
    reader = client.delete(path, headers=api_as.headers(world["caseworker_a"]))
    assert reader.status_code == 403
    done = client.delete(path, headers=api_as.headers(world["programme"]))
    assert done.status_code == 204
    db.expire_all()
    assert _dialogue_pairs(db, d) == {frozenset((orgs["police"].id, orgs["ngo"].id))}
    unknown = client.delete(path, headers=api_as.headers(world["programme"]))
    assert unknown.status_code == 404


def test_page_offers_remove_to_editors_only(
    db: Session, world: World, web_as: WebAs, client: TestClient
) -> None:
    d, _, people = _setup(db, world)
    action = f"/dialogues/{d.id}/participants/{people['ngo'].id}/delete"
    web_as.login(world["caseworker_a"])  # a Thai reader of the operator's dialogue
    assert action not in client.get(f"/dialogues/{d.id}").text
    csrf = web_as.login(world["programme"])
    assert action in client.get(f"/dialogues/{d.id}").text
    done = client.post(action, data={"csrf_token": csrf}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].endswith("#participants")
    page = client.get(f"/dialogues/{d.id}").text
    assert "Person ngo" not in page and "Person shelter" in page
    assert client.post(action, data={"csrf_token": csrf}).status_code == 404
