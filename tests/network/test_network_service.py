"""The network analysis on the database: the register loaded into the pure analysis."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tests.network.factory import create_actor, relate
from tests.support.fixtures import World
from titian.auth.service import principal_for
from titian.network import service
from titian.network.vocab import ActorKind as K
from titian.network.vocab import Group


def test_smoke(db: Session, world: World) -> None:
    police = create_actor(db, "Police A", K.POLICE)
    shelter = create_actor(db, "Shelter A", K.SHELTER, groups=(Group.WOMEN,))
    relate(db, police, shelter)
    found = service.analyse(db, principal_for(world["programme"]), "TH", groups=[Group.WOMEN])
    read = found.read()
    assert read.summaries[0].connected == 1
