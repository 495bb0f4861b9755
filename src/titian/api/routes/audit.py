"""The audit log: events (scoped) and chain verification."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from titian.api.deps import Actor
from titian.audit import repository
from titian.audit import service as audit
from titian.auth import policies
from titian.errors import Forbidden
from titian.gateway.db import DB

router = APIRouter(prefix="/audit", tags=["audit"])


class AuditEventRead(BaseModel):
    model_config = {"from_attributes": True}

    seq: int
    occurred_at: datetime
    actor_id: uuid.UUID | None
    actor_username: str
    agency_id: uuid.UUID | None
    action: str
    entity_type: str
    entity_id: str
    details: dict[str, Any]
    hash: str


class VerifyRead(BaseModel):
    ok: bool
    checked: int
    broken_seq: int | None
    message: str


@router.get("/events", response_model=list[AuditEventRead])
def list_events(
    actor: Actor,
    db: DB,
    action: str | None = None,
    limit: int = 100,
    before_seq: int | None = None,
) -> list[AuditEventRead]:
    """Newest first: your agency's events, or all for the operator's auditors."""
    events = repository.list_events(db, actor, action=action, limit=limit, before_seq=before_seq)
    return [AuditEventRead.model_validate(e) for e in events]


@router.get("/verify", response_model=VerifyRead)
def verify(actor: Actor, db: DB) -> VerifyRead:
    """Check the whole hash chain (operator auditors and administrators)."""
    if not policies.can_see_all_audit(actor):
        raise Forbidden("only the operator's auditors verify the whole chain")
    verdict = audit.verify(db)
    return VerifyRead(
        ok=verdict.ok, checked=verdict.checked, broken_seq=verdict.seq, message=verdict.describe()
    )
