"""Typed ``create_*`` helpers for organisations and relationships (synthetic data)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from titian.actors import service as actors
from titian.actors.models import Actor
from titian.actors.schemas import ActorCreate
from titian.network import service as network
from titian.network.models import Relationship
from titian.network.schemas import RelationshipCreate
from titian.network.vocab import ActorKind, Direction, Group, RelationshipType


def create_actor(
    db: Session,
    name: str,
    kind: ActorKind,
    country: str = "TH",
    groups: tuple[Group, ...] = (),
    areas: tuple[str, ...] = (),
    languages: tuple[str, ...] = ("th",),
) -> Actor:
    return actors.create_actor(
        db,
        None,
        ActorCreate(
            name=name,
            country=country,
            kind=kind,
            groups=list(groups),
            areas=list(areas),
            languages=list(languages),
        ),
    )


def relate(
    db: Session,
    source: Actor,
    target: Actor,
    type: RelationshipType = RelationshipType.REFERRAL_PARTNER,
    direction: Direction = Direction.MUTUAL,
    start: date | None = None,
    end: date | None = None,
    active: bool = True,
) -> Relationship:
    return network.create_relationship(
        db,
        None,
        RelationshipCreate(
            source_id=source.id,
            target_id=target.id,
            type=type,
            direction=direction,
            start_date=start,
            end_date=end,
            is_active=active,
            evidence="MoU signed 2025",
        ),
    )
