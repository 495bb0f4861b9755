"""Notify agencies, list and mark notifications. Other areas call :func:`notify_agency`.

Services never commit (the door does). Messages must not hold identifying data: callers pass a
pseudonymous case number and what happened, never a name or a contact (C11)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from titian.auth.policies import Principal
from titian.errors import NotFound
from titian.kit.clock import utcnow
from titian.notifications.models import Notification

MAX_MESSAGE = 500


def notify_agency(
    session: Session,
    agency_id: uuid.UUID,
    kind: str,
    message: str,
    link: str = "",
    user_id: uuid.UUID | None = None,
) -> Notification:
    """Leave a notice for every member of ``agency_id`` (or only ``user_id`` of it)."""
    notification = Notification(
        agency_id=agency_id,
        user_id=user_id,
        kind=kind[:40],
        message=message[:MAX_MESSAGE],
        link=link[:300],
    )
    session.add(notification)
    session.flush()
    return notification


def _visible(principal: Principal) -> list[object]:
    return [
        Notification.agency_id == principal.agency_id,
        or_(Notification.user_id.is_(None), Notification.user_id == principal.user_id),
    ]


def list_for(
    session: Session, principal: Principal, *, unread_only: bool = False, limit: int = 100
) -> Sequence[Notification]:
    """The principal's notifications, newest first: their agency's and their own."""
    stmt = select(Notification).where(*_visible(principal))  # type: ignore[arg-type]
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    stmt = stmt.order_by(Notification.created_at.desc(), Notification.id).limit(limit)
    return session.scalars(stmt).all()


def unread_count(session: Session, principal: Principal) -> int:
    stmt = select(func.count(Notification.id)).where(
        *_visible(principal),  # type: ignore[arg-type]
        Notification.read_at.is_(None),
    )
    return int(session.scalar(stmt) or 0)


def mark_read(session: Session, principal: Principal, notification_id: uuid.UUID) -> Notification:
    """Mark one notification read; another agency's notification does not exist (404)."""
    stmt = select(Notification).where(
        Notification.id == notification_id,
        *_visible(principal),  # type: ignore[arg-type]
    )
    notification = session.scalars(stmt).first()
    if notification is None:
        raise NotFound("no such notification")
    if notification.read_at is None:
        notification.read_at = utcnow()
        session.flush()
    return notification
