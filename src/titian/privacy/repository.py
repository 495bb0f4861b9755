"""Every query for protocols and releases, scoped to what the principal may see.

A protocol is visible to its owner agency and to every party; a release to the requesting agency
and to the parties of its protocol. Anything else answers :class:`NotFound` (never 403).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.errors import Forbidden, NotFound
from titian.privacy.models import Release, ReleaseLogEntry, SharingProtocol, SharingProtocolParty

RELEASE_PERMISSIONS = (Permission.ANALYTICS, Permission.RELEASE_REQUEST, Permission.RELEASE_APPROVE)


def require_any(principal: Principal) -> None:
    if not any(policies.has(principal, p) for p in RELEASE_PERMISSIONS):
        raise Forbidden("your role does not allow data releases")


def _party_protocols(agency_id: uuid.UUID) -> object:
    return select(SharingProtocolParty.protocol_id).where(
        SharingProtocolParty.agency_id == agency_id
    )


def list_protocols(session: Session, principal: Principal) -> Sequence[SharingProtocol]:
    require_any(principal)
    stmt = (
        select(SharingProtocol)
        .where(
            or_(
                SharingProtocol.owner_agency_id == principal.agency_id,
                SharingProtocol.id.in_(_party_protocols(principal.agency_id)),  # type: ignore[arg-type]
            )
        )
        .order_by(SharingProtocol.signed_on.desc())
    )
    return session.scalars(stmt).all()


def get_protocol(session: Session, principal: Principal, protocol_id: uuid.UUID) -> SharingProtocol:
    protocol = session.get(SharingProtocol, protocol_id)
    if protocol is None or not (
        protocol.owner_agency_id == principal.agency_id
        or any(p.agency_id == principal.agency_id for p in protocol.parties)
    ):
        raise NotFound("no such information-sharing protocol")
    require_any(principal)
    return protocol


def _visible_release(principal: Principal) -> object:
    return or_(
        Release.agency_id == principal.agency_id,
        Release.protocol_id.in_(_party_protocols(principal.agency_id)),  # type: ignore[arg-type]
    )


def list_releases(session: Session, principal: Principal) -> Sequence[Release]:
    require_any(principal)
    stmt = select(Release).where(_visible_release(principal)).order_by(Release.created_at.desc())  # type: ignore[arg-type]
    return session.scalars(stmt).all()


def get_release(
    session: Session, principal: Principal, release_id: uuid.UUID, lock: bool = False
) -> Release:
    stmt = select(Release).where(Release.id == release_id, _visible_release(principal))  # type: ignore[arg-type]
    if lock:
        stmt = stmt.with_for_update()
    release = session.scalars(stmt).first()
    if release is None:
        raise NotFound("no such release")
    require_any(principal)
    return release


def release_log(session: Session, release_id: uuid.UUID) -> Sequence[ReleaseLogEntry]:
    return session.scalars(
        select(ReleaseLogEntry)
        .where(ReleaseLogEntry.release_id == release_id)
        .order_by(ReleaseLogEntry.at, ReleaseLogEntry.created_at)
    ).all()
