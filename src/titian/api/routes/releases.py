"""Data releases: information-sharing protocols (C15), requests, approval and publication."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from titian.api.deps import Actor
from titian.gateway.db import DB
from titian.privacy import repository, service
from titian.privacy.schemas import (
    ProtocolCreate,
    ProtocolRead,
    ReleaseCreate,
    ReleaseDecision,
    ReleaseRead,
)

router = APIRouter(prefix="/releases", tags=["releases"])


@router.get("/protocols", response_model=list[ProtocolRead])
def list_protocols(actor: Actor, db: DB) -> list[ProtocolRead]:
    """Protocols your agency owns or signed."""
    return [service.protocol_read(db, p) for p in repository.list_protocols(db, actor)]


@router.post("/protocols", response_model=ProtocolRead, status_code=status.HTTP_201_CREATED)
def create_protocol(body: ProtocolCreate, actor: Actor, db: DB) -> ProtocolRead:
    """Record a signed information-sharing protocol (parties, signed date, scope)."""
    return service.protocol_read(db, service.create_protocol(db, actor, body))


@router.get("", response_model=list[ReleaseRead])
def list_releases(actor: Actor, db: DB) -> list[ReleaseRead]:
    """Releases of your agency and of the protocols it signed."""
    return [service.release_read(db, r) for r in repository.list_releases(db, actor)]


@router.post("", response_model=ReleaseRead, status_code=status.HTTP_201_CREATED)
def request_release(body: ReleaseCreate, actor: Actor, db: DB) -> ReleaseRead:
    """Request a release; refused (422, rule C15) without a protocol in force."""
    return service.release_read(db, service.request_release(db, actor, body))


@router.get("/{release_id}", response_model=ReleaseRead)
def get_release(release_id: uuid.UUID, actor: Actor, db: DB) -> ReleaseRead:
    """One release with its files and log."""
    return service.release_read(db, repository.get_release(db, actor, release_id))


@router.post("/{release_id}/approve", response_model=ReleaseRead)
def approve(release_id: uuid.UUID, body: ReleaseDecision, actor: Actor, db: DB) -> ReleaseRead:
    """Approve (RELEASE_APPROVE; never the requester)."""
    return service.release_read(db, service.decide_release(db, actor, release_id, body, True))


@router.post("/{release_id}/reject", response_model=ReleaseRead)
def reject(release_id: uuid.UUID, body: ReleaseDecision, actor: Actor, db: DB) -> ReleaseRead:
    """Reject, with a reason (RELEASE_APPROVE; never the requester)."""
    return service.release_read(db, service.decide_release(db, actor, release_id, body, False))


@router.post("/{release_id}/publish", response_model=ReleaseRead)
def publish(release_id: uuid.UUID, body: ReleaseDecision, actor: Actor, db: DB) -> ReleaseRead:
    """Publish an approved release: files written, hashes recorded in the release log."""
    return service.release_read(db, service.publish_release(db, actor, release_id, body))
