"""Every query for referrals, scoped to what the principal may see.

- the **sender** agency (the case owner) sees its referrals, with ``cases.read``;
- the **receiving** agency sees referrals addressed to it once they were sent (never drafts),
  with ``referrals.receive`` or ``cases.read``;
- anyone else gets :class:`NotFound` (404).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select
from sqlalchemy.orm import Session

from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.errors import NotFound
from titian.referrals.models import Referral, ReferralEvent
from titian.referrals.tracking import ReferralState

NOT_FOUND = "no such referral"


def may_send(principal: Principal) -> bool:
    return policies.has(principal, Permission.CASES_READ)


def may_receive(principal: Principal) -> bool:
    return policies.has(principal, Permission.REFERRALS_RECEIVE) or policies.has(
        principal, Permission.CASES_READ
    )


def _sent_to(principal: Principal) -> ColumnElement[bool]:
    return and_(Referral.to_agency_id == principal.agency_id, Referral.state != ReferralState.DRAFT)


def scope(principal: Principal) -> ColumnElement[bool]:
    parts: list[ColumnElement[bool]] = []
    if may_send(principal):
        parts.append(Referral.from_agency_id == principal.agency_id)
    if may_receive(principal):
        parts.append(_sent_to(principal))
    return or_(*parts) if parts else false()


def view_of(principal: Principal, referral: Referral) -> str | None:
    """``sender``, ``receiver`` or None (then the referral does not exist for them)."""
    if referral.from_agency_id == principal.agency_id and may_send(principal):
        return "sender"
    sent = referral.state != ReferralState.DRAFT
    if referral.to_agency_id == principal.agency_id and sent and may_receive(principal):
        return "receiver"
    return None


def get(session: Session, principal: Principal, referral_id: uuid.UUID) -> tuple[Referral, str]:
    found = session.get(Referral, referral_id)
    view = view_of(principal, found) if found is not None else None
    if found is None or view is None:
        raise NotFound(NOT_FOUND)
    return found, view


def list_visible(
    session: Session,
    principal: Principal,
    *,
    state: ReferralState | None = None,
    case_id: uuid.UUID | None = None,
    incoming: bool | None = None,
    limit: int = 500,
) -> Sequence[Referral]:
    stmt = select(Referral).where(scope(principal))
    if state is not None:
        stmt = stmt.where(Referral.state == state)
    if case_id is not None:
        stmt = stmt.where(Referral.case_id == case_id)
    if incoming is True:
        stmt = stmt.where(_sent_to(principal))
    elif incoming is False:
        stmt = stmt.where(Referral.from_agency_id == principal.agency_id)
    stmt = stmt.order_by(_emergency_first(), Referral.created_at.desc(), Referral.id)
    return session.scalars(stmt.limit(limit)).all()


def _emergency_first() -> ColumnElement[int]:
    """C16: an emergency referral not yet answered (draft or sent) comes before the rest."""
    waiting = and_(
        Referral.emergency.is_(True),
        Referral.state.in_((ReferralState.DRAFT, ReferralState.SENT)),
    )
    return case((waiting, 0), else_=1)


def awaiting_answer(session: Session, principal: Principal) -> Sequence[Referral]:
    """Referrals sent to the principal's agency and not yet answered."""
    if not may_receive(principal):
        return []
    stmt = select(Referral).where(
        Referral.to_agency_id == principal.agency_id, Referral.state == ReferralState.SENT
    )
    return session.scalars(stmt.order_by(_emergency_first(), Referral.sent_at)).all()


def events_of(session: Session, referral_id: uuid.UUID) -> Sequence[ReferralEvent]:
    stmt = select(ReferralEvent).where(ReferralEvent.referral_id == referral_id)
    return session.scalars(stmt.order_by(ReferralEvent.at, ReferralEvent.created_at)).all()


def sender_counts(session: Session, agency_id: uuid.UUID) -> dict[str, int]:
    """Referrals of the agency by state, plus those created with an empty offer list."""
    stmt = (
        select(Referral.state, func.count(Referral.id))
        .where(Referral.from_agency_id == agency_id)
        .group_by(Referral.state)
    )
    counts = {str(state): int(n) for state, n in session.execute(stmt).all()}
    rows = session.scalars(select(Referral.offered).where(Referral.from_agency_id == agency_id))
    counts["_not_offered"] = sum(1 for offered in rows if not offered)
    return counts
