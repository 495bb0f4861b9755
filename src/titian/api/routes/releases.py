"""Data releases: information-sharing protocols (C15), requests, approval and publication; DP
counts and the privacy-budget ledgers they spend from."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from titian.api.deps import Actor
from titian.gateway.db import DB
from titian.privacy import dp_service, repository, service
from titian.privacy.schemas import (
    BudgetCreate,
    BudgetLedgerRead,
    BudgetRead,
    DpCountRead,
    DpCountRequest,
    ProtocolCreate,
    ProtocolRead,
    ReleaseCreate,
    ReleaseDecision,
    ReleaseRead,
    SpendRead,
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


@router.get("/budgets", response_model=list[BudgetRead])
def list_budgets(actor: Actor, db: DB) -> list[BudgetRead]:
    """Every privacy budget: total, spent and remaining epsilon (RELEASE_REQUEST)."""
    return dp_service.list_budgets(db, actor)


@router.post("/budgets", response_model=BudgetRead, status_code=status.HTTP_201_CREATED)
def create_budget(body: BudgetCreate, actor: Actor, db: DB) -> BudgetRead:
    """Give a source's data a privacy budget (RELEASE_APPROVE; one budget per source: 409)."""
    ledger = dp_service.create_budget(db, actor, body)
    return dp_service.budget_read(ledger, body.source.value)


@router.get("/budgets/{dataset_id}", response_model=BudgetLedgerRead)
def budget_ledger(dataset_id: str, actor: Actor, db: DB) -> BudgetLedgerRead:
    """A budget's ledger: every spend with who, when, epsilon, purpose and what it released."""
    return dp_service.budget_ledger(db, actor, dataset_id)


@router.get("/budgets/{dataset_id}/spends/{spend_id}", response_model=SpendRead)
def get_spend(dataset_id: str, spend_id: uuid.UUID, actor: Actor, db: DB) -> SpendRead:
    """One spend and the noisy counts it released (reading it again costs no budget)."""
    return dp_service.get_spend(db, actor, dataset_id, spend_id)


@router.post("/dp-count", response_model=DpCountRead, status_code=status.HTTP_201_CREATED)
def dp_count(body: DpCountRequest, actor: Actor, db: DB) -> DpCountRead:
    """Draw DP counts of one indicator, spending ``epsilon`` from the dataset's budget.

    Refused before any noise is drawn: 409 when the budget or the per-release cap would be
    exceeded (``errors`` names the field and the reason, ``dataset_id`` the budget), 422 for an
    unknown budget, indicator or source.
    """
    return dp_service.dp_count(db, actor, body)


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
