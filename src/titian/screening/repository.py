"""Every query for screening sessions, scoped: a session is visible only to users with the
screening permission in the agency that owns the session's case. Anyone else gets
:class:`NotFound` (404), never ``Forbidden``: the session does not exist for them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.cases.models import Case
from titian.errors import NotFound
from titian.screening.models import ScreeningSession

NOT_FOUND = "no such screening"


def get_session(
    session: Session, principal: Principal, screening_id: uuid.UUID
) -> ScreeningSession:
    """One screening of the principal's agency; 404 otherwise."""
    if not policies.has(principal, Permission.SCREENING):
        raise NotFound(NOT_FOUND)
    stmt = (
        select(ScreeningSession)
        .join(Case, Case.id == ScreeningSession.case_id)
        .where(ScreeningSession.id == screening_id, Case.owner_agency_id == principal.agency_id)
    )
    found = session.scalars(stmt).first()
    if found is None:
        raise NotFound(NOT_FOUND)
    return found


def list_sessions(
    session: Session, principal: Principal, case_id: uuid.UUID | None = None, limit: int = 200
) -> Sequence[ScreeningSession]:
    """Screenings of the principal's agency (newest first), optionally of one case."""
    if not policies.has(principal, Permission.SCREENING):
        return []
    stmt = (
        select(ScreeningSession)
        .join(Case, Case.id == ScreeningSession.case_id)
        .where(Case.owner_agency_id == principal.agency_id)
    )
    if case_id is not None:
        stmt = stmt.where(ScreeningSession.case_id == case_id)
    stmt = stmt.order_by(ScreeningSession.created_at.desc()).limit(limit)
    return session.scalars(stmt).all()
