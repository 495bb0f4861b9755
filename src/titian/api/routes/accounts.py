"""Agencies and users."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from titian.api.deps import Actor
from titian.auth import repository, service
from titian.auth.schemas import (
    AgencyCreate,
    AgencyRead,
    AgencyUpdate,
    UserCreate,
    UserRead,
    UserUpdate,
)
from titian.gateway.db import DB

router = APIRouter(tags=["accounts"])


@router.get("/agencies", response_model=list[AgencyRead])
def list_agencies(actor: Actor, db: DB, country: str | None = None) -> list[AgencyRead]:
    """Every agency's name, country and kind (shared with all signed-in users)."""
    return [AgencyRead.model_validate(a) for a in repository.list_agencies(db, country)]


@router.post("/agencies", response_model=AgencyRead, status_code=status.HTTP_201_CREATED)
def create_agency(body: AgencyCreate, actor: Actor, db: DB) -> AgencyRead:
    """Register an agency (operator administrators)."""
    return AgencyRead.model_validate(service.create_agency(db, actor, body))


@router.get("/agencies/{agency_id}", response_model=AgencyRead)
def get_agency(agency_id: uuid.UUID, actor: Actor, db: DB) -> AgencyRead:
    """One agency: your own, or any for an operator administrator."""
    return AgencyRead.model_validate(repository.get_agency(db, actor, agency_id))


@router.patch("/agencies/{agency_id}", response_model=AgencyRead)
def update_agency(agency_id: uuid.UUID, body: AgencyUpdate, actor: Actor, db: DB) -> AgencyRead:
    """Edit an agency; a stale ``version`` answers 409 with what changed."""
    return AgencyRead.model_validate(service.update_agency(db, actor, agency_id, body))


@router.get("/users", response_model=list[UserRead])
def list_users(actor: Actor, db: DB, agency_id: uuid.UUID | None = None) -> list[UserRead]:
    """Users you administer."""
    return [service.user_read(u) for u in service.list_users(db, actor, agency_id)]


@router.post("/users", response_model=UserRead, status_code=status.HTTP_201_CREATED)
def create_user(body: UserCreate, actor: Actor, db: DB) -> UserRead:
    """Create an account in an agency you administer."""
    return service.user_read(service.create_user(db, actor, body))


@router.get("/users/{user_id}", response_model=UserRead)
def get_user(user_id: uuid.UUID, actor: Actor, db: DB) -> UserRead:
    """One user you administer (or yourself)."""
    return service.user_read(service.get_user(db, actor, user_id))


@router.patch("/users/{user_id}", response_model=UserRead)
def update_user(user_id: uuid.UUID, body: UserUpdate, actor: Actor, db: DB) -> UserRead:
    """Edit a user; a stale ``version`` answers 409 with what changed."""
    return service.user_read(service.update_user(db, actor, user_id, body))
