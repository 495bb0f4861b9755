"""Screening: the JSON twin of the guided screening pages (issue 5, item 4)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, status

from titian.api.deps import Actor
from titian.auth import policies
from titian.auth.policies import Permission
from titian.cases.schemas import InterviewRead, InterviewUpdate
from titian.cases.service_interviews import interview_read
from titian.errors import Forbidden
from titian.gateway.db import DB
from titian.screening import repository, service
from titian.screening.answers import ScreeningAnswers
from titian.screening.catalogue import available_catalogues
from titian.screening.compare import Comparison
from titian.screening.indicators import score
from titian.screening.schemas import (
    CatalogueRow,
    ScreeningFinish,
    ScreeningRead,
    ScreeningSave,
    ScreeningStart,
)

router = APIRouter(prefix="/screening", tags=["screening"])


@router.get("/catalogues", response_model=list[CatalogueRow])
def catalogues(actor: Actor) -> list[CatalogueRow]:
    """Every shipped indicator list with its version and status (``incomplete`` and
    ``to_verify`` shown as they are)."""
    return [CatalogueRow.model_validate(i.model_dump(mode="json")) for i in available_catalogues()]


@router.post("/score")
def score_answers(body: ScreeningAnswers, actor: Actor) -> dict[str, Any]:
    """Score an answers document (docs/schemas/screening-answers.schema.json); nothing stored."""
    if not policies.has(actor, Permission.SCREENING):
        raise Forbidden("your role does not allow screening")
    return score(body).to_dict()


@router.get("", response_model=list[ScreeningRead])
def list_screenings(actor: Actor, db: DB, case_id: uuid.UUID | None = None) -> list[ScreeningRead]:
    """Screenings of your agency's cases, newest first."""
    return service.list_screenings(db, actor, case_id)


@router.post("", response_model=ScreeningRead, status_code=status.HTTP_201_CREATED)
def start(body: ScreeningStart, actor: Actor, db: DB) -> ScreeningRead:
    """Start a screening of one of your agency's cases (creates its screening interview)."""
    row = service.start_screening(db, actor, body)
    return service.read(db, actor, row)


@router.get("/compare", response_model=Comparison)
def compare(case_id: uuid.UUID, actor: Actor, db: DB) -> Comparison:
    """The case's screenings side by side: the latest scored one per purpose (labour, sexual,
    other forms), dimension by dimension, and the ILO/EC purposes not screened yet."""
    return service.compare(db, actor, case_id)


@router.get("/{screening_id}", response_model=ScreeningRead)
def get_screening(screening_id: uuid.UUID, actor: Actor, db: DB) -> ScreeningRead:
    return service.get_screening(db, actor, screening_id)


@router.patch("/{screening_id}", response_model=ScreeningRead)
def save(screening_id: uuid.UUID, body: ScreeningSave, actor: Actor, db: DB) -> ScreeningRead:
    """Save a step: answers are merged; a stale ``version`` answers 409 with what changed."""
    row = service.save_step(db, actor, screening_id, body)
    return service.read(db, actor, row)


@router.patch("/{screening_id}/interview", response_model=InterviewRead)
def save_safety(
    screening_id: uuid.UUID, body: InterviewUpdate, actor: Actor, db: DB
) -> InterviewRead:
    """The safety fields on the screening interview record (C4, C5, C16)."""
    interview = service.update_safety(db, actor, screening_id, body)
    return interview_read(db, interview)


@router.get("/{screening_id}/preview")
def preview(screening_id: uuid.UUID, actor: Actor, db: DB) -> dict[str, Any]:
    """The result the answers give so far; nothing is stored or changed."""
    row = repository.get_session(db, actor, screening_id)
    return service.preview(row).to_dict()


@router.post("/{screening_id}/finish", response_model=ScreeningRead)
def finish(screening_id: uuid.UUID, body: ScreeningFinish, actor: Actor, db: DB) -> ScreeningRead:
    """Score and close the interview (422 with the rule when C4/C5 are not met); a presumed
    victim sets the case to presumed and starts the protection checklist (C6, C7)."""
    row = service.finish_screening(db, actor, screening_id, body)
    return service.read(db, actor, row)


@router.post("/{screening_id}/stop", response_model=ScreeningRead)
def stop(screening_id: uuid.UUID, body: ScreeningFinish, actor: Actor, db: DB) -> ScreeningRead:
    """The person stopped the interview (C16): recorded, and what was answered is scored."""
    row = service.stop_screening(db, actor, screening_id, body)
    return service.read(db, actor, row)
