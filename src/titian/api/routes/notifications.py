"""In-app notifications of the caller's agency and of the caller."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from titian.api.deps import Actor
from titian.gateway.db import DB
from titian.notifications import service
from titian.notifications.schemas import NotificationRead

router = APIRouter(prefix="/notifications", tags=["notifications"])


@router.get("", response_model=list[NotificationRead])
def list_notifications(actor: Actor, db: DB, unread: bool = False) -> list[NotificationRead]:
    """Your agency's notifications and your own, newest first."""
    rows = service.list_for(db, actor, unread_only=unread)
    return [NotificationRead.model_validate(n) for n in rows]


@router.post("/{notification_id}/read", response_model=NotificationRead)
def mark_read(notification_id: uuid.UUID, actor: Actor, db: DB) -> NotificationRead:
    """Mark one notification read."""
    return NotificationRead.model_validate(service.mark_read(db, actor, notification_id))
