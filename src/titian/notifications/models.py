"""In-app notifications to an agency (or one of its users).

A message never holds identifying data: it names a pseudonymous case number and what happened,
and links to the record, which the reader's own access rules then guard (C11)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from titian.db.base import Entity


class Notification(Entity):
    """One notice to an agency, or to one user of it when ``user_id`` is set."""

    __tablename__ = "notification"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), default=None
    )
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(String(500))
    link: Mapped[str] = mapped_column(String(300), default="")
    read_at: Mapped[datetime | None] = mapped_column(default=None)

    __table_args__ = (Index("ix_notification_agency_created", "agency_id", "created_at"),)
