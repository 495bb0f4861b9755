"""Reading the audit log, scoped: an agency's auditors see their agency's events; the operator's
auditors see all."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from titian.audit.models import AuditEvent
from titian.auth import policies
from titian.auth.policies import Principal
from titian.errors import Forbidden


def _scoped(principal: Principal) -> Select[AuditEvent]:
    if not policies.can_view_audit(principal):
        raise Forbidden("your role does not allow reading the audit log")
    stmt = select(AuditEvent)
    if not policies.can_see_all_audit(principal):
        stmt = stmt.where(AuditEvent.agency_id == principal.agency_id)
    return stmt


def list_events(
    session: Session,
    principal: Principal,
    *,
    action: str | None = None,
    limit: int = 100,
    before_seq: int | None = None,
) -> Sequence[AuditEvent]:
    """Newest first, ``limit`` at a time, optionally before a sequence number (paging)."""
    stmt = _scoped(principal)
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    if before_seq is not None:
        stmt = stmt.where(AuditEvent.seq < before_seq)
    return session.scalars(stmt.order_by(AuditEvent.seq.desc()).limit(min(limit, 500))).all()
