"""Policy dialogues on the database: scope rule, holding a dialogue adds co-participant
relationships, figures by hand, commitments and the dashboard reminder panel."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from babel.support import NullTranslations
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.network.factory import create_actor
from tests.support.fixtures import World
from titian.actors.vocab import Gender
from titian.auth.service import principal_for
from titian.dialogues import service
from titian.dialogues.models import Dialogue
from titian.dialogues.schemas import (
    CommitmentCreate,
    CommitmentUpdate,
    DialogueCreate,
    ParticipantCreate,
)
from titian.dialogues.vocab import CommitmentStatus, DialogueStatus, ParticipantRole
from titian.errors import Forbidden, Invalid, NotFound
from titian.network.models import Relationship
from titian.network.vocab import ActorKind, Group, RelationshipType
from titian.web.routes.dialogues import commitments_panel

TODAY = date(2026, 11, 29)


def dialogue(db: Session, world: World, country: str = "TH", owner: str = "operator") -> Dialogue:
    agency = {"operator": world.operator, "a": world.agency_a, "b": world.agency_b}[owner]
    return service.create_dialogue(
        db,
        None,
        DialogueCreate(title=f"Dialogue {country} {owner}", country=country, held_on=TODAY),
        agency_id=agency.id,
    )


@pytest.mark.parametrize(
    ("country", "owner", "persona", "visible"),
    [
        ("TH", "operator", "caseworker_a", True),  # same country
        ("TH", "operator", "caseworker_b", False),  # another country, another agency
        ("KH", "b", "caseworker_b", True),  # own agency
        ("KH", "b", "caseworker_a", False),
        ("KH", "b", "programme", True),  # the operator sees every dialogue
        ("TH", "a", "prosecutor", True),  # a Thai justice official sees Thai dialogues
    ],
)
def test_scope_rule(
    db: Session, world: World, country: str, owner: str, persona: str, visible: bool
) -> None:
    d = dialogue(db, world, country, owner)
    principal = principal_for(world[persona])
    listed = [x.id for x in service.list_dialogues(db, principal)]
    assert (d.id in listed) is visible
    if visible:
        assert service.get_dialogue(db, principal, d.id) is d
    else:
        with pytest.raises(NotFound):
            service.get_dialogue(db, principal, d.id)


def test_only_the_organiser_edits(db: Session, world: World) -> None:
    d = dialogue(db, world, "TH", "operator")
    with pytest.raises(Forbidden):
        service.add_commitment(
            db,
            principal_for(world["caseworker_a"]),
            d.id,
            CommitmentCreate(description="Something", due_on=TODAY),
        )


def test_organising_outside_own_country_is_refused(db: Session, world: World) -> None:
    from tests.support.factories import create_user
    from titian.auth.policies import Role

    officer = create_user(db, world.agency_b, [Role.PROGRAMME_OFFICER], "officer_b")
    with pytest.raises(Invalid) as err:
        service.create_dialogue(
            db,
            principal_for(officer),
            DialogueCreate(title="Elsewhere", country="TH", held_on=TODAY),
        )
    assert err.value.details["errors"][0]["field"] == "country"


def test_holding_adds_co_participant_relationships_once(db: Session, world: World) -> None:
    programme = principal_for(world["programme"])
    d = dialogue(db, world)
    orgs = [
        create_actor(db, "Police D", ActorKind.POLICE),
        create_actor(db, "Shelter D", ActorKind.SHELTER),
        create_actor(db, "NGO D", ActorKind.NGO),
    ]
    for org in [*orgs, orgs[0]]:  # two people of the police: still one organisation
        service.add_participant(db, programme, d.id, ParticipantCreate(actor_id=org.id))
    held, added = service.hold_dialogue(db, programme, d.id)
    assert held.status is DialogueStatus.HELD and added == 3  # 3 pairs among 3 organisations
    rels = db.scalars(select(Relationship).where(Relationship.dialogue_id == d.id)).all()
    assert {r.type for r in rels} == {RelationshipType.DIALOGUE}
    assert all(r.start_date == TODAY for r in rels)
    assert service.hold_dialogue(db, programme, d.id)[1] == 0


def test_figures_by_hand(db: Session, world: World) -> None:
    """Police (W, M), shelter for women (W), legal aid for migrants (undisclosed), academia (M):
    4 organisations, 2 support -> 2/4; women 2 of 4 who gave a gender; 1 undisclosed;
    represented: women, migrant."""
    programme = principal_for(world["programme"])
    d = dialogue(db, world)
    police = create_actor(db, "Police F", ActorKind.POLICE)
    shelter = create_actor(db, "Shelter F", ActorKind.SHELTER, groups=(Group.WOMEN,))
    legal = create_actor(db, "Legal F", ActorKind.LEGAL_AID, groups=(Group.MIGRANT,))
    uni = create_actor(db, "University F", ActorKind.ACADEMIA)
    for org, gender in (
        (police, Gender.WOMAN),
        (police, Gender.MAN),
        (shelter, Gender.WOMAN),
        (legal, Gender.UNDISCLOSED),
        (uni, Gender.MAN),
    ):
        service.add_participant(
            db, programme, d.id, ParticipantCreate(actor_id=org.id, gender=gender)
        )
    f = service.dialogue_figures(db, programme, d.id)
    assert (f.participants, f.organisations) == (5, 4)
    assert (f.support_agencies.count, f.support_agencies.base) == (2, 4)
    assert (f.women.count, f.women.base, f.gender_undisclosed) == (2, 4, 1)
    assert f.groups_represented == (Group.WOMEN, Group.MIGRANT)
    assert f.by_role[ParticipantRole.JUSTICE] == 2  # role defaulted from the kind
    assert service.country_figures(db, programme, "TH").participants == 0  # not held yet
    service.hold_dialogue(db, programme, d.id)
    pooled = service.country_figures(db, programme, "TH")
    assert (pooled.dialogues, pooled.participants) == (1, 5)


def _commitment(db: Session, world: World, due: date, status: CommitmentStatus) -> None:
    d = dialogue(db, world) if not db.info.get("_d") else db.info["_d"]
    db.info["_d"] = d
    service.add_commitment(
        db, None, d.id, CommitmentCreate(description=f"Due {due}", due_on=due, status=status)
    )


def test_overdue_and_reminders(db: Session, world: World) -> None:
    today = service.today()
    _commitment(db, world, today - timedelta(days=3), CommitmentStatus.OPEN)  # overdue
    _commitment(db, world, today - timedelta(days=9), CommitmentStatus.DONE)  # done: not owed
    _commitment(db, world, today + timedelta(days=5), CommitmentStatus.IN_PROGRESS)  # reminder
    _commitment(db, world, today + timedelta(days=60), CommitmentStatus.OPEN)  # later
    programme = principal_for(world["programme"])
    overdue = service.list_commitments(db, programme, overdue=True)
    assert [c.description for c in overdue] == [f"Due {today - timedelta(days=3)}"]
    due = service.reminders(db, programme)
    assert [c.due_on for c in due] == [today - timedelta(days=3), today + timedelta(days=5)]
    assert service.reminders(db, principal_for(world["caseworker_a"])) == []


def test_overdue_commitment_on_the_programme_officers_dashboard_panel(
    db: Session, world: World
) -> None:
    today = service.today()
    _commitment(db, world, today - timedelta(days=2), CommitmentStatus.OPEN)
    found = commitments_panel(db, principal_for(world["programme"]))
    assert found is not None and found.urgency == 1
    english = NullTranslations()
    first = found.rows()[0].render(english.gettext, english.ngettext)
    assert first.startswith(f"Overdue {today - timedelta(days=2)}")
    assert commitments_panel(db, principal_for(world["caseworker_a"])) is None


def test_update_commitment_status(db: Session, world: World) -> None:
    programme = principal_for(world["programme"])
    d = dialogue(db, world)
    owner = create_actor(db, "Owner org", ActorKind.NGO)
    c = service.add_commitment(
        db,
        programme,
        d.id,
        CommitmentCreate(description="Publish", due_on=TODAY, owner_actor_id=owner.id),
    )
    assert service.commitment_read(c).owner_name == "Owner org"
    service.update_commitment(
        db, programme, c.id, CommitmentUpdate(version=1, status=CommitmentStatus.DONE)
    )
    assert (
        c.status is CommitmentStatus.DONE
        and not service.commitment_read(c, TODAY + timedelta(days=9)).overdue
    )
