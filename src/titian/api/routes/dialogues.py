"""Policy dialogues: sessions, participants, commitments, participation figures."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from titian.api.deps import Actor
from titian.dialogues import service
from titian.dialogues.schemas import (
    BalanceRead,
    CommitmentCreate,
    CommitmentRead,
    CommitmentUpdate,
    DialogueCreate,
    DialogueDetail,
    DialogueRead,
    DialogueUpdate,
    HoldResult,
    ParticipantCreate,
    SessionCreate,
)
from titian.gateway.db import DB

router = APIRouter(prefix="/dialogues", tags=["dialogues"])


@router.get("", response_model=list[DialogueRead])
def list_dialogues(actor: Actor, db: DB, country: str | None = None) -> list[DialogueRead]:
    """Dialogues in scope: your agency's, your country's, all for the operator."""
    return [service.dialogue_read(d) for d in service.list_dialogues(db, actor, country)]


@router.post("", response_model=DialogueRead, status_code=status.HTTP_201_CREATED)
def create_dialogue(body: DialogueCreate, actor: Actor, db: DB) -> DialogueRead:
    """Plan a dialogue in your agency's country (DIALOGUES_EDIT)."""
    return service.dialogue_read(service.create_dialogue(db, actor, body))


@router.get("/commitments", response_model=list[CommitmentRead])
def list_commitments(
    actor: Actor, db: DB, overdue: bool = False, country: str | None = None
) -> list[CommitmentRead]:
    """Commitments of the dialogues in scope; ``overdue=true`` keeps those owed and past due."""
    found = service.list_commitments(db, actor, overdue=overdue, country=country)
    return [service.commitment_read(c) for c in found]


@router.get("/figures", response_model=BalanceRead)
def country_figures(actor: Actor, db: DB, country: str) -> BalanceRead:
    """Participation figures pooled over the held dialogues of a country in scope."""
    return service.balance_read(service.country_figures(db, actor, country))


@router.patch("/commitments/{commitment_id}", response_model=CommitmentRead)
def update_commitment(
    commitment_id: uuid.UUID, body: CommitmentUpdate, actor: Actor, db: DB
) -> CommitmentRead:
    """Follow up a commitment: status, due date, notes. A stale ``version`` answers 409."""
    return service.commitment_read(service.update_commitment(db, actor, commitment_id, body))


@router.get("/{dialogue_id}", response_model=DialogueDetail)
def get_dialogue(dialogue_id: uuid.UUID, actor: Actor, db: DB) -> DialogueDetail:
    """One dialogue with sessions, participants, commitments and figures."""
    return service.dialogue_detail(service.get_dialogue(db, actor, dialogue_id), actor)


@router.patch("/{dialogue_id}", response_model=DialogueRead)
def update_dialogue(
    dialogue_id: uuid.UUID, body: DialogueUpdate, actor: Actor, db: DB
) -> DialogueRead:
    """Edit a dialogue (organising agency); a stale ``version`` answers 409."""
    return service.dialogue_read(service.update_dialogue(db, actor, dialogue_id, body))


@router.post("/{dialogue_id}/hold", response_model=HoldResult)
def hold_dialogue(dialogue_id: uuid.UUID, actor: Actor, db: DB) -> HoldResult:
    """Record that the dialogue was held; adds co-participant relationships to the network."""
    dialogue, added = service.hold_dialogue(db, actor, dialogue_id)
    return HoldResult(dialogue=service.dialogue_read(dialogue), relationships_added=added)


@router.post(
    "/{dialogue_id}/sessions", response_model=DialogueDetail, status_code=status.HTTP_201_CREATED
)
def add_session(
    dialogue_id: uuid.UUID, body: SessionCreate, actor: Actor, db: DB
) -> DialogueDetail:
    """Add a session (sitting) with its agenda."""
    service.add_session(db, actor, dialogue_id, body)
    return service.dialogue_detail(service.get_dialogue(db, actor, dialogue_id), actor)


@router.post(
    "/{dialogue_id}/participants",
    response_model=DialogueDetail,
    status_code=status.HTTP_201_CREATED,
)
def add_participant(
    dialogue_id: uuid.UUID, body: ParticipantCreate, actor: Actor, db: DB
) -> DialogueDetail:
    """Add a participant: organisation, optional person, role and gender."""
    service.add_participant(db, actor, dialogue_id, body)
    return service.dialogue_detail(service.get_dialogue(db, actor, dialogue_id), actor)


@router.delete(
    "/{dialogue_id}/participants/{participant_id}", status_code=status.HTTP_204_NO_CONTENT
)
def remove_participant(
    dialogue_id: uuid.UUID, participant_id: uuid.UUID, actor: Actor, db: DB
) -> None:
    """Remove a participant recorded by mistake."""
    service.remove_participant(db, actor, dialogue_id, participant_id)


@router.post(
    "/{dialogue_id}/commitments",
    response_model=CommitmentRead,
    status_code=status.HTTP_201_CREATED,
)
def add_commitment(
    dialogue_id: uuid.UUID, body: CommitmentCreate, actor: Actor, db: DB
) -> CommitmentRead:
    """Record a commitment: owner, due date, status, reminder lead time."""
    return service.commitment_read(service.add_commitment(db, actor, dialogue_id, body))
