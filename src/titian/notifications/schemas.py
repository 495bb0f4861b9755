"""Notification read model."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class NotificationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    agency_id: uuid.UUID
    user_id: uuid.UUID | None
    kind: str
    message: str
    link: str
    created_at: datetime
    read_at: datetime | None
