"""Write and check the audit log. ``record`` runs inside the caller's transaction, so the event
commits or rolls back with the change it records."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.audit import chain
from titian.audit.models import AuditAnchor, AuditEvent
from titian.auth.policies import Principal
from titian.kit.clock import utcnow

AUDIT_KEY = "titian.audit_key"


def bind_key(session: Session, secret: str) -> None:
    """Give a session the chain key (the doors do this when they open a session)."""
    session.info[AUDIT_KEY] = chain.derive_key(secret)


def _key(session: Session) -> bytes:
    key = session.info.get(AUDIT_KEY)
    if not isinstance(key, bytes):
        raise RuntimeError("audit key not bound to this session (call audit.service.bind_key)")
    return key


def _payload(event: AuditEvent) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "occurred_at": event.occurred_at.isoformat(),
        "actor_id": str(event.actor_id) if event.actor_id else "",
        "actor_username": event.actor_username,
        "agency_id": str(event.agency_id) if event.agency_id else "",
        "action": event.action,
        "entity_type": event.entity_type,
        "entity_id": event.entity_id,
        "details": event.details,
        "client": event.client,
    }


def record(
    session: Session,
    actor: Principal | None,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID | str = "",
    details: dict[str, Any] | None = None,
    *,
    actor_label: str = "system",
) -> AuditEvent:
    """Append one event. ``details`` must never hold identifying values: field names, counts,
    purposes and ids only (rights-checklist.md C11)."""
    anchor = session.execute(
        select(AuditAnchor).where(AuditAnchor.id == 1).with_for_update()
    ).scalar_one()
    event = AuditEvent(
        seq=anchor.last_seq + 1,
        occurred_at=utcnow(),
        actor_id=actor.user_id if actor else None,
        actor_username=actor.username if actor else actor_label,
        agency_id=actor.agency_id if actor else None,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        details=details or {},
        client=actor.client if actor else "",
        prev_hash=anchor.last_hash,
    )
    event.hash = chain.link_hash(_key(session), event.prev_hash, _payload(event))
    anchor.last_seq, anchor.last_hash = event.seq, event.hash
    session.add(event)
    session.flush()
    return event


def _rows(session: Session) -> Iterator[chain.ChainRow]:
    stmt = select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=2000)
    for event in session.scalars(stmt):
        yield chain.ChainRow(event.seq, event.prev_hash, event.hash, _payload(event))


def verify(session: Session) -> chain.Verdict:
    """Check the whole chain against the anchor."""
    anchor = session.get(AuditAnchor, 1)
    if anchor is None:
        return chain.Verdict(False, 0, 0, "the audit anchor row is missing")
    return chain.verify(_key(session), _rows(session), anchor.last_seq, anchor.last_hash)
