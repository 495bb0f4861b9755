"""The actor register on the database: register, duplicates, contacts, CSV import."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.network.factory import create_actor
from tests.support.fixtures import World
from titian.actors import importing, service
from titian.actors.importing import ImportRejected
from titian.actors.models import Actor
from titian.actors.schemas import ActorCreate, ActorUpdate, ContactCreate
from titian.audit.models import AuditEvent
from titian.auth.service import principal_for
from titian.errors import Conflict, Forbidden, Invalid
from titian.network.vocab import ActorKind, Group, Sector


def test_create_sets_sector_and_key_and_is_audited(db: Session, world: World) -> None:
    programme = principal_for(world["programme"])
    actor = service.create_actor(
        db,
        programme,
        ActorCreate(
            name="Lào Cai Legal Aid", country="vn", kind=ActorKind.LEGAL_AID, groups=[Group.WOMEN]
        ),
    )
    assert actor.sector is Sector.NON_STATE and actor.name_key == "lao cai legal aid"
    assert actor.country == "VN"
    actions = db.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == str(actor.id)))
    assert "actor.create" in list(actions)


def test_same_normalised_name_in_a_country_is_a_conflict(db: Session, world: World) -> None:
    programme = principal_for(world["programme"])
    create_actor(db, "Safe Haven", ActorKind.SHELTER)
    with pytest.raises(Conflict):
        service.create_actor(
            db, programme, ActorCreate(name="SAFE-HAVEN", country="TH", kind=ActorKind.NGO)
        )
    other = service.create_actor(
        db, programme, ActorCreate(name="Safe Haven", country="KH", kind=ActorKind.NGO)
    )
    assert other.country == "KH"


@pytest.mark.parametrize("persona", ["caseworker_a", "prosecutor", "analyst"])
def test_readers_cannot_edit(db: Session, world: World, persona: str) -> None:
    with pytest.raises(Forbidden):
        service.create_actor(
            db,
            principal_for(world[persona]),
            ActorCreate(name="X org", country="TH", kind=ActorKind.NGO),
        )


def test_agency_link_must_be_in_the_same_country(db: Session, world: World) -> None:
    programme = principal_for(world["programme"])
    with pytest.raises(Invalid) as err:
        service.create_actor(
            db,
            programme,
            ActorCreate(
                name="Agency B org", country="TH", kind=ActorKind.NGO, agency_id=world.agency_b.id
            ),
        )
    assert err.value.details["errors"][0]["field"] == "agency_id"


def test_contacts_only_for_editors(db: Session, world: World) -> None:
    programme = principal_for(world["programme"])
    actor = create_actor(db, "Contact Org", ActorKind.NGO)
    service.add_contact(db, programme, actor.id, ContactCreate(name="Ms Test", role="director"))
    assert service.actor_read(actor, programme).contacts is not None
    assert service.actor_read(actor, principal_for(world["caseworker_a"])).contacts is None


def test_update_with_stale_version_is_409(db: Session, world: World) -> None:
    programme = principal_for(world["programme"])
    actor = create_actor(db, "Versioned Org", ActorKind.NGO)
    service.update_actor(db, programme, actor.id, ActorUpdate(version=1, groups=[Group.MEN]))
    assert actor.groups == "men" and actor.version == 2
    with pytest.raises(Conflict):
        service.update_actor(db, programme, actor.id, ActorUpdate(version=1, name="Other name"))


def _count(db: Session) -> int:
    return int(db.scalar(select(func.count(Actor.id))) or 0)


def test_import_creates_merges_and_reports_duplicates(db: Session, world: World) -> None:
    registered = create_actor(db, "Open Door Legal Aid", ActorKind.LEGAL_AID, groups=(Group.WOMEN,))
    text = (
        "name,country,kind,groups,languages,areas\n"
        "Open Door Legal-Aid,TH,legal_aid,migrant,th;my,TH-57\n"
        "Rainbow Path,TH,lgbtqi_org,lgbtqi,th,\n"
        "RAINBOW PATH,th,lgbtqi_org,,en,\n"
        "Rainbow Path,KH,lgbtqi_org,lgbtqi,km,\n"
    )
    report = importing.import_csv(db, principal_for(world["programme"]), text)
    assert (report.rows, report.created, report.merged) == (4, 2, 1)
    assert [(d.line, d.merged_into_line, d.merged_into_actor) for d in report.duplicates] == [
        (2, None, str(registered.id)),
        (4, 3, None),
    ]
    assert registered.groups == "migrant;women" and registered.languages == "my;th"
    th = db.scalars(
        select(Actor).where(Actor.country == "TH", Actor.name_key == "rainbow path")
    ).one()
    assert th.languages == "en;th"


def test_import_is_all_or_nothing_with_every_rejected_row(db: Session, world: World) -> None:
    create_actor(db, "Safe Haven", ActorKind.SHELTER)
    before = _count(db)
    text = (
        "name,country,kind,groups\n"
        "Good Org,TH,ngo,women\n"
        "Bad Country,XX,ngo,\n"
        "Bad Kind,TH,bakery,\n"
        "Bad Group,TH,ngo,everyone\n"
        "Safe Haven,TH,ngo,\n"
    )
    with pytest.raises(ImportRejected) as err:
        importing.import_csv(db, principal_for(world["programme"]), text)
    rejected = [(p.line, p.field) for p in err.value.report.rejected]
    assert rejected == [(3, "country"), (4, "kind"), (5, "groups.0"), (6, "kind")]
    assert err.value.report.created == 0
    assert _count(db) == before


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name,country\nX,TH\n", (1, "kind")),
        ("name,country,kind,colour\nX,TH,ngo,red\n", (1, "colour")),
        ("name,country,kind\n", (1, "row")),
        ("name,country,kind\nX,TH,ngo,extra\n", (2, "row")),
    ],
)
def test_import_file_problems(
    db: Session, world: World, text: str, problem: tuple[int, str]
) -> None:
    with pytest.raises(ImportRejected) as err:
        importing.import_csv(db, principal_for(world["programme"]), text)
    assert problem in [(p.line, p.field) for p in err.value.report.rejected]
