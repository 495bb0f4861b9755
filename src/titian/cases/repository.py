"""Every query for cases, scoped to what the principal may see (C11: need-to-know access).

Who sees a case:

- **owner**: case workers (``cases.read``) of the agency that owns the case;
- **shared**: members of an agency holding an *active* :class:`CaseAccess` grant (a consented
  referral) with ``cases.read`` or ``referrals.receive``; the grant closes when its consent is
  withdrawn;
- **justice**: justice officials (``cases.justice_view``) of a *state* agency in the case's
  country, only for cases whose justice focal point (``Case.justice_agency_id``) is their agency.
  Never every case of the country.

Anyone else gets :class:`NotFound` (404): the case does not exist for them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select
from sqlalchemy.orm import Session

from titian.auth import policies
from titian.auth.models import Agency, AgencySector
from titian.auth.policies import Permission, Principal
from titian.cases.models import (
    Case,
    CaseAccess,
    CaseAlert,
    CaseChecklistItem,
    CaseConsent,
    CaseIdentifier,
    CaseInterview,
    CaseStatus,
    OriginNotice,
    ReturnPlan,
)
from titian.cases.schemas import AccessView
from titian.errors import NotFound

NOT_FOUND = "no such case"


@dataclass(frozen=True)
class CaseFilters:
    status: CaseStatus | None = None
    identification_status: str | None = None
    gender: str | None = None
    minor: bool | None = None
    alert: bool | None = None
    number: str | None = None


def _granted(principal: Principal) -> ColumnElement[bool]:
    return exists().where(
        CaseAccess.case_id == Case.id,
        CaseAccess.agency_id == principal.agency_id,
        CaseAccess.active.is_(True),
    )


def _is_state_agency(session: Session, principal: Principal) -> bool:
    agency = session.get(Agency, principal.agency_id)
    return agency is not None and agency.sector == AgencySector.STATE


def case_scope(
    session: Session, principal: Principal, *, justice: bool = True
) -> ColumnElement[bool]:
    """The SQL condition for cases the principal may see in any view."""
    parts: list[ColumnElement[bool]] = []
    if policies.has(principal, Permission.CASES_READ):
        parts.append(Case.owner_agency_id == principal.agency_id)
    if policies.has(principal, Permission.CASES_READ) or policies.has(
        principal, Permission.REFERRALS_RECEIVE
    ):
        parts.append(_granted(principal))
    if justice and _justice_allowed(session, principal):
        parts.append(
            and_(
                Case.justice_agency_id == principal.agency_id,
                Case.country == principal.agency_country,
            )
        )
    return or_(*parts) if parts else false()


def _justice_allowed(session: Session, principal: Principal) -> bool:
    return policies.has(principal, Permission.CASES_JUSTICE_VIEW) and _is_state_agency(
        session, principal
    )


def view_of(session: Session, principal: Principal, case: Case) -> AccessView | None:
    """Which view of ``case`` the principal has, or None (then the case does not exist for
    them). Owner first, then a grant, then the justice view."""
    if case.owner_agency_id == principal.agency_id and policies.has(
        principal, Permission.CASES_READ
    ):
        return "owner"
    if (
        policies.has(principal, Permission.CASES_READ)
        or policies.has(principal, Permission.REFERRALS_RECEIVE)
    ) and active_grant(session, case.id, principal.agency_id) is not None:
        return "shared"
    if (
        case.justice_agency_id == principal.agency_id
        and case.country == principal.agency_country
        and _justice_allowed(session, principal)
    ):
        return "justice"
    return None


def get_case(session: Session, principal: Principal, case_id: uuid.UUID) -> tuple[Case, AccessView]:
    case = session.get(Case, case_id)
    view = view_of(session, principal, case) if case is not None else None
    if case is None or view is None:
        raise NotFound(NOT_FOUND)
    return case, view


def get_owned_case(session: Session, principal: Principal, case_id: uuid.UUID) -> Case:
    """A case of the principal's own agency; any other case is 404 for these routes."""
    case, view = get_case(session, principal, case_id)
    if view != "owner":
        raise NotFound(NOT_FOUND)
    return case


def list_cases(
    session: Session, principal: Principal, filters: CaseFilters, limit: int = 500
) -> Sequence[Case]:
    stmt = select(Case).where(case_scope(session, principal))
    if filters.status is not None:
        stmt = stmt.where(Case.status == filters.status)
    if filters.identification_status:
        stmt = stmt.where(Case.identification_status == filters.identification_status)
    if filters.gender:
        stmt = stmt.where(Case.gender == filters.gender)
    if filters.minor is not None:
        stmt = stmt.where(Case.minor.is_(filters.minor))
    if filters.number:
        stmt = stmt.where(Case.number.contains(filters.number.strip().upper()))
    if filters.alert is not None:
        has_alert = exists().where(CaseAlert.case_id == Case.id, CaseAlert.resolved_at.is_(None))
        stmt = stmt.where(has_alert if filters.alert else ~has_alert)
    stmt = stmt.order_by(Case.created_at.desc(), Case.number).limit(limit)
    return session.scalars(stmt).all()


def open_cases_of_agency(
    session: Session, principal: Principal, limit: int = 200
) -> Sequence[Case]:
    """The principal's own agency's active and follow-up cases, newest first (to start work on
    one, e.g. a screening)."""
    stmt = (
        select(Case)
        .where(
            Case.owner_agency_id == principal.agency_id,
            Case.status.in_([CaseStatus.ACTIVE, CaseStatus.FOLLOW_UP]),
        )
        .order_by(Case.created_at.desc())
        .limit(limit)
    )
    return session.scalars(stmt).all()


def active_grant(session: Session, case_id: uuid.UUID, agency_id: uuid.UUID) -> CaseAccess | None:
    stmt = select(CaseAccess).where(
        CaseAccess.case_id == case_id,
        CaseAccess.agency_id == agency_id,
        CaseAccess.active.is_(True),
    )
    return session.scalars(stmt).first()


def grants_of(session: Session, case_id: uuid.UUID) -> Sequence[CaseAccess]:
    stmt = select(CaseAccess).where(CaseAccess.case_id == case_id)
    return session.scalars(stmt.order_by(CaseAccess.opened_at)).all()


def grants_for_consent(session: Session, consent_id: uuid.UUID) -> Sequence[CaseAccess]:
    stmt = select(CaseAccess).where(CaseAccess.consent_id == consent_id)
    return session.scalars(stmt).all()


def identifiers_of(session: Session, case_id: uuid.UUID) -> Sequence[CaseIdentifier]:
    stmt = select(CaseIdentifier).where(CaseIdentifier.case_id == case_id)
    return session.scalars(stmt.order_by(CaseIdentifier.field, CaseIdentifier.position)).all()


def consents_of(session: Session, case_id: uuid.UUID) -> Sequence[CaseConsent]:
    stmt = select(CaseConsent).where(CaseConsent.case_id == case_id)
    return session.scalars(stmt.order_by(CaseConsent.recorded_at, CaseConsent.version)).all()


def checklist_of(session: Session, case_id: uuid.UUID) -> Sequence[CaseChecklistItem]:
    stmt = select(CaseChecklistItem).where(CaseChecklistItem.case_id == case_id)
    return session.scalars(stmt.order_by(CaseChecklistItem.due_on, CaseChecklistItem.item_id)).all()


def open_alerts(session: Session, case_ids: Sequence[uuid.UUID]) -> Sequence[CaseAlert]:
    if not case_ids:
        return []
    stmt = select(CaseAlert).where(CaseAlert.case_id.in_(case_ids), CaseAlert.resolved_at.is_(None))
    return session.scalars(stmt.order_by(CaseAlert.created_at)).all()


def get_alert(session: Session, case_id: uuid.UUID, alert_id: uuid.UUID) -> CaseAlert:
    found = session.get(CaseAlert, alert_id)
    if found is None or found.case_id != case_id:
        raise NotFound("no such alert on this case")
    return found


def alerts_in_scope(session: Session, principal: Principal) -> Sequence[tuple[CaseAlert, Case]]:
    """Open alerts of every case the principal may see (owner, shared or justice)."""
    stmt = (
        select(CaseAlert, Case)
        .join(Case, Case.id == CaseAlert.case_id)
        .where(CaseAlert.resolved_at.is_(None), case_scope(session, principal))
        .order_by(CaseAlert.created_at)
    )
    return [(a, c) for a, c in session.execute(stmt).all()]


def overdue_counts(
    session: Session, case_ids: Sequence[uuid.UUID], today: date
) -> dict[uuid.UUID, int]:
    if not case_ids:
        return {}
    stmt = (
        select(CaseChecklistItem.case_id, func.count(CaseChecklistItem.id))
        .where(CaseChecklistItem.case_id.in_(case_ids), *_overdue(today))
        .group_by(CaseChecklistItem.case_id)
    )
    return {case_id: int(n) for case_id, n in session.execute(stmt).all()}


def _overdue(today: date) -> list[ColumnElement[bool]]:
    return [
        CaseChecklistItem.applies.is_(True),
        CaseChecklistItem.recorded_status.is_(None),
        CaseChecklistItem.status != "done",
        CaseChecklistItem.due_on < today,
    ]


def overdue_in_scope(
    session: Session, principal: Principal, today: date
) -> list[tuple[uuid.UUID, str, int]]:
    """(case number, overdue item count) for owned cases with overdue checklist items."""
    stmt = (
        select(Case.id, Case.number, func.count(CaseChecklistItem.id))
        .join(CaseChecklistItem, CaseChecklistItem.case_id == Case.id)
        .where(
            Case.owner_agency_id == principal.agency_id,
            Case.status.in_([CaseStatus.ACTIVE, CaseStatus.FOLLOW_UP]),
            *_overdue(today),
        )
        .group_by(Case.id, Case.number)
        .order_by(Case.number)
    )
    return [(case_id, number, int(n)) for case_id, number, n in session.execute(stmt).all()]


def interviews_of(session: Session, case_id: uuid.UUID) -> Sequence[CaseInterview]:
    stmt = select(CaseInterview).where(CaseInterview.case_id == case_id)
    return session.scalars(stmt.order_by(CaseInterview.held_on, CaseInterview.created_at)).all()


def get_interview(session: Session, case_id: uuid.UUID, interview_id: uuid.UUID) -> CaseInterview:
    found = session.get(CaseInterview, interview_id)
    if found is None or found.case_id != case_id:
        raise NotFound("no such interview")
    return found


def return_plans_of(session: Session, case_id: uuid.UUID) -> Sequence[ReturnPlan]:
    stmt = select(ReturnPlan).where(ReturnPlan.case_id == case_id)
    return session.scalars(stmt.order_by(ReturnPlan.created_at)).all()


def get_return_plan(session: Session, case_id: uuid.UUID, plan_id: uuid.UUID) -> ReturnPlan:
    found = session.get(ReturnPlan, plan_id)
    if found is None or found.case_id != case_id:
        raise NotFound("no such return plan")
    return found


def origin_notices_of(session: Session, case_id: uuid.UUID) -> Sequence[OriginNotice]:
    stmt = select(OriginNotice).where(OriginNotice.case_id == case_id)
    return session.scalars(stmt.order_by(OriginNotice.created_at)).all()


def number_taken(session: Session, number: str) -> bool:
    return session.scalar(select(func.count(Case.id)).where(Case.number == number)) != 0


def get_case_row(session: Session, case_id: uuid.UUID) -> Case:
    """A case by id without scoping: only for services that already checked access."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(NOT_FOUND)
    return case
