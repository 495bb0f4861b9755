"""Referrals: the JSON twin of every referral page (issue 4, item 6)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from titian.api.deps import Actor
from titian.cases.vocab import DataCategory
from titian.gateway.db import DB
from titian.referrals import repository, service, service_moves
from titian.referrals.schemas import (
    ChoiceCounts,
    ConsentCheck,
    EmergencyReferralCreate,
    ReferralChoose,
    ReferralCreate,
    ReferralMove,
    ReferralRead,
    ReferralSend,
    ReferralSummary,
)
from titian.referrals.tracking import ReferralAction, ReferralState

router = APIRouter(prefix="/referrals", tags=["referrals"])


@router.get("", response_model=list[ReferralSummary])
def list_referrals(
    actor: Actor,
    db: DB,
    state: ReferralState | None = None,
    case_id: uuid.UUID | None = None,
    incoming: bool | None = None,
) -> list[ReferralSummary]:
    """Referrals you sent, and referrals sent to your agency (never another agency's drafts)."""
    return service.list_referrals(db, actor, state=state, case_id=case_id, incoming=incoming)


@router.post("", response_model=ReferralRead, status_code=status.HTTP_201_CREATED)
def create_referral(body: ReferralCreate, actor: Actor, db: DB) -> ReferralRead:
    """Find services for a need of a case: the ranked matches become the offer list, the
    excluded services keep their reasons, a gap is recorded and returned (C10)."""
    referral = service.create_referral(db, actor, body)
    return service.to_read(db, actor, referral, "sender")


@router.post("/emergency", response_model=ReferralRead, status_code=status.HTTP_201_CREATED)
def create_emergency_referral(body: EmergencyReferralCreate, actor: Actor, db: DB) -> ReferralRead:
    """C16: the person is in danger now. From an interview of your case, find a safe place (or
    medical or psychosocial care) at once: an emergency referral, listed first until answered.
    Sending still needs a consent for the receiver, or a supervisor's emergency override."""
    referral = service.create_emergency_referral(db, actor, body)
    return service.to_read(db, actor, referral, "sender")


@router.get("/counts", response_model=ChoiceCounts)
def choice_counts(actor: Actor, db: DB) -> ChoiceCounts:
    """C3: chosen, declined by the person and not offered, for your agency's referrals."""
    return service.choice_counts(db, actor)


@router.get("/{referral_id}", response_model=ReferralRead)
def read_referral(referral_id: uuid.UUID, actor: Actor, db: DB) -> ReferralRead:
    return service.read_referral(db, actor, referral_id)


@router.post("/{referral_id}/choose", response_model=ReferralRead)
def choose(referral_id: uuid.UUID, body: ReferralChoose, actor: Actor, db: DB) -> ReferralRead:
    """Record the person's choice among the offered services (C3)."""
    referral = service.choose_service(db, actor, referral_id, body)
    return service.to_read(db, actor, referral, "sender")


@router.get("/{referral_id}/consent-check", response_model=ConsentCheck)
def consent_check(
    referral_id: uuid.UUID,
    actor: Actor,
    db: DB,
    data_categories: Annotated[list[DataCategory], Query()],
) -> ConsentCheck:
    """What C1 says about sending these data categories to the chosen receiver."""
    referral, _ = repository.get(db, actor, referral_id)
    return service_moves.check_consent(db, actor, referral, [c.value for c in data_categories])


@router.post("/{referral_id}/send", response_model=ReferralRead)
def send(referral_id: uuid.UUID, body: ReferralSend, actor: Actor, db: DB) -> ReferralRead:
    """Send. Identifying data without a matching consent is refused (C1, 422 rule_violation)
    unless a supervisor overrides with a reason."""
    referral = service_moves.send_referral(db, actor, referral_id, body)
    return service.to_read(db, actor, referral, "sender")


@router.post("/{referral_id}/actions/{action}", response_model=ReferralRead)
def act(
    referral_id: uuid.UUID, action: ReferralAction, body: ReferralMove, actor: Actor, db: DB
) -> ReferralRead:
    """accept, decline (reason), start, complete (receiving agency); withdraw (reason) and
    person_decline (reason) (referring agency)."""
    referral = service_moves.move(db, actor, referral_id, action, body)
    view = repository.view_of(actor, referral) or "sender"
    return service.to_read(db, actor, referral, view)
