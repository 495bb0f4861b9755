"""Queries of relationships. Like the register, relationships are programme data: readable by
every NETWORK_READ principal across agencies (``titian.actors.repository``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from titian.actors.models import Actor
from titian.actors.repository import require_read
from titian.auth.policies import Principal
from titian.errors import NotFound
from titian.network.models import Relationship
from titian.network.vocab import RelationshipType


def list_relationships(
    session: Session,
    principal: Principal,
    *,
    country: str | None = None,
    type: RelationshipType | None = None,
    actor_id: uuid.UUID | None = None,
) -> Sequence[Relationship]:
    """Relationships with either end in ``country``, of ``type``, touching ``actor_id``."""
    require_read(principal)
    stmt = select(Relationship).order_by(Relationship.created_at, Relationship.id)
    if country:
        source, target = aliased(Actor), aliased(Actor)
        stmt = (
            stmt.join(source, source.id == Relationship.source_id)
            .join(target, target.id == Relationship.target_id)
            .where(or_(source.country == country.upper(), target.country == country.upper()))
        )
    if type:
        stmt = stmt.where(Relationship.type == type)
    if actor_id:
        stmt = stmt.where(
            or_(Relationship.source_id == actor_id, Relationship.target_id == actor_id)
        )
    return session.scalars(stmt).all()


def all_relationships(session: Session) -> Sequence[Relationship]:
    """Every relationship, unscoped: for services that already checked the principal."""
    return session.scalars(select(Relationship).order_by(Relationship.id)).all()


def register_state(session: Session) -> tuple[object, ...]:
    """How many organisations and relationships the register holds and when each last changed:
    any create, edit, end or delete changes it (a delete lowers a count, everything else moves
    an ``updated_at``). Keys cached analyses (``service.cached_brokers``)."""
    actors = session.execute(select(func.count(Actor.id), func.max(Actor.updated_at))).one()
    rels = session.execute(
        select(func.count(Relationship.id), func.max(Relationship.updated_at))
    ).one()
    return (*actors, *rels)


def get_relationship(
    session: Session, principal: Principal, relationship_id: uuid.UUID
) -> Relationship:
    require_read(principal)
    found = session.get(Relationship, relationship_id)
    if found is None:
        raise NotFound("no such relationship")
    return found


def dialogue_pairs(session: Session) -> set[frozenset[uuid.UUID]]:
    """Pairs of organisations already joined by an active dialogue relationship."""
    rows = session.execute(
        select(Relationship.source_id, Relationship.target_id).where(
            Relationship.type == RelationshipType.DIALOGUE, Relationship.is_active.is_(True)
        )
    )
    return {frozenset((s, t)) for s, t in rows}


def dialogue_relationships(
    session: Session, dialogue_id: uuid.UUID, actor_id: uuid.UUID
) -> Sequence[Relationship]:
    """The co-participant relationships one dialogue added that touch ``actor_id``."""
    stmt = select(Relationship).where(
        Relationship.dialogue_id == dialogue_id,
        Relationship.type == RelationshipType.DIALOGUE,
        or_(Relationship.source_id == actor_id, Relationship.target_id == actor_id),
    )
    return session.scalars(stmt.order_by(Relationship.id)).all()
