"""The actor register: organisations, their contact people, CSV import."""

from __future__ import annotations

import json
import uuid

from fastapi import APIRouter, Request, status

from titian.actors import importing, service
from titian.actors.schemas import (
    ActorCreate,
    ActorRead,
    ActorUpdate,
    ContactCreate,
    ContactRead,
    ImportReport,
)
from titian.api.deps import Actor
from titian.gateway.db import DB
from titian.network.vocab import ActorKind, Group

router = APIRouter(prefix="/actors", tags=["actors"])


@router.get("", response_model=list[ActorRead])
def list_actors(
    actor: Actor,
    db: DB,
    country: str | None = None,
    kind: ActorKind | None = None,
    group: Group | None = None,
    q: str | None = None,
) -> list[ActorRead]:
    """Organisations of the register (NETWORK_READ, every agency). Contact people are left out
    of lists; ``GET /actors/{id}`` shows them to NETWORK_EDIT principals."""
    found = service.list_actors(db, actor, country=country, kind=kind, group=group, query=q)
    return [service.actor_read(a, actor, with_contacts=False) for a in found]


@router.post("", response_model=ActorRead, status_code=status.HTTP_201_CREATED)
def create_actor(body: ActorCreate, actor: Actor, db: DB) -> ActorRead:
    """Register an organisation (NETWORK_EDIT); the same normalised name in a country is 409."""
    return service.actor_read(service.create_actor(db, actor, body), actor)


@router.post("/import", response_model=ImportReport)
async def import_actors(request: Request, actor: Actor, db: DB) -> ImportReport:
    """Import organisations from a CSV body (``text/csv``), or JSON ``{"csv": "..."}``: all or
    nothing; a refused import answers 422 with the report of every rejected row."""
    raw = (await request.body()).decode("utf-8-sig", errors="replace")
    if request.headers.get("content-type", "").startswith("application/json"):
        body = json.loads(raw or "{}")
        raw = str(body.get("csv", "")) if isinstance(body, dict) else ""
    return importing.import_csv(db, actor, raw)


@router.get("/{actor_id}", response_model=ActorRead)
def get_actor(actor_id: uuid.UUID, actor: Actor, db: DB) -> ActorRead:
    """One organisation."""
    return service.actor_read(service.get_actor(db, actor, actor_id), actor)


@router.patch("/{actor_id}", response_model=ActorRead)
def update_actor(actor_id: uuid.UUID, body: ActorUpdate, actor: Actor, db: DB) -> ActorRead:
    """Edit an organisation; a stale ``version`` answers 409."""
    return service.actor_read(service.update_actor(db, actor, actor_id, body), actor)


@router.post(
    "/{actor_id}/contacts", response_model=ContactRead, status_code=status.HTTP_201_CREATED
)
def add_contact(actor_id: uuid.UUID, body: ContactCreate, actor: Actor, db: DB) -> ContactRead:
    """Add a contact person (NETWORK_EDIT; personal data of staff, never exported)."""
    return ContactRead.model_validate(service.add_contact(db, actor, actor_id, body))


@router.delete("/{actor_id}/contacts/{contact_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove_contact(actor_id: uuid.UUID, contact_id: uuid.UUID, actor: Actor, db: DB) -> None:
    """Remove a contact person."""
    service.remove_contact(db, actor, actor_id, contact_id)
