"""Queries of the actor register.

Organisations are programme data, not victim data: every principal with NETWORK_READ reads the
whole register, across agencies and countries (issue 6); without it the register does not exist
for them (403, since the register is not agency-owned). Contact people are filtered at the
service (``titian.actors.service.actor_read``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.actors.models import Actor
from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.errors import Forbidden, NotFound
from titian.network.vocab import ActorKind, Group


def require_read(principal: Principal) -> None:
    if not policies.has(principal, Permission.NETWORK_READ):
        raise Forbidden("your role does not allow reading the actor register")


def require_edit(principal: Principal) -> None:
    require_read(principal)
    if not policies.has(principal, Permission.NETWORK_EDIT):
        raise Forbidden("your role does not allow editing the actor register")


def list_actors(
    session: Session,
    principal: Principal,
    *,
    country: str | None = None,
    kind: ActorKind | None = None,
    group: Group | None = None,
    query: str | None = None,
    active_only: bool = False,
) -> Sequence[Actor]:
    """Organisations matching the filters, by country and name. ``group`` is matched on the
    recorded groups (the code between separators), ``query`` on the name (case-insensitive)."""
    require_read(principal)
    stmt = select(Actor).order_by(Actor.country, Actor.name)
    if country:
        stmt = stmt.where(Actor.country == country.upper())
    if kind:
        stmt = stmt.where(Actor.kind == kind)
    if active_only:
        stmt = stmt.where(Actor.is_active.is_(True))
    actors = session.scalars(stmt).all()
    if group:
        actors = [a for a in actors if group.value in a.groups.split(";")]
    if query:
        needle = query.casefold()
        actors = [a for a in actors if needle in a.name.casefold()]
    return actors


def all_actors(session: Session) -> Sequence[Actor]:
    """Every organisation, unscoped: for services that already checked the principal."""
    return session.scalars(select(Actor).order_by(Actor.country, Actor.name)).all()


def get_actor(session: Session, principal: Principal, actor_id: uuid.UUID) -> Actor:
    require_read(principal)
    actor = session.get(Actor, actor_id)
    if actor is None:
        raise NotFound("no such organisation")
    return actor


def by_key(session: Session, country: str, name_key: str) -> Actor | None:
    return session.scalars(
        select(Actor).where(Actor.country == country, Actor.name_key == name_key)
    ).first()


def by_agency(session: Session, agency_id: uuid.UUID) -> Actor | None:
    return session.scalars(select(Actor).where(Actor.agency_id == agency_id)).first()


def keys_in(session: Session, countries: set[str]) -> dict[tuple[str, str], Actor]:
    """Registered organisations of these countries by duplicate key."""
    if not countries:
        return {}
    rows = session.scalars(select(Actor).where(Actor.country.in_(sorted(countries)))).all()
    return {(a.country, a.name_key): a for a in rows}
