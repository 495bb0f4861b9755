"""The privacy-budget ledger per dataset, persisted (tables ``privacy_budget``/``privacy_spend``).

The rules are the pure :class:`titian.privacy.dp.BudgetLedger` (basic sequential composition,
disclosure-control.md section 4: "Every release records the epsilon and delta it spent, the queries
and the dataset version. Budgets add up across releases"). This module only loads a ledger from its
rows and appends a spend. The budget row is locked (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite
serialises writers) so two releases can never both spend the last of a budget.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.errors import Conflict, NotFound
from titian.privacy.dp import BudgetLedger, Spend
from titian.privacy.models import PrivacyBudget, PrivacySpend


def find_budget(session: Session, dataset_id: str, lock: bool = False) -> PrivacyBudget:
    stmt = select(PrivacyBudget).where(PrivacyBudget.dataset_id == dataset_id)
    if lock:
        stmt = stmt.with_for_update()
    found = session.scalars(stmt).first()
    if found is None:
        raise NotFound(f"dataset {dataset_id!r}: no privacy budget (create one first)")
    return found


def list_budgets(session: Session) -> Sequence[PrivacyBudget]:
    return session.scalars(select(PrivacyBudget).order_by(PrivacyBudget.dataset_id)).all()


def budget_source(budget: PrivacyBudget) -> str:
    """The source a budget protects (budgets made before revision 0008 protect ``titian``)."""
    return budget.source or "titian"


def create_budget(session: Session, ledger: BudgetLedger, source: str = "titian") -> PrivacyBudget:
    """Store a new budget; refused when the name is taken or the source already has a budget
    (a second budget over the same people would escape the first one's limit)."""
    exists = session.scalars(
        select(PrivacyBudget.id).where(PrivacyBudget.dataset_id == ledger.dataset_id)
    ).first()
    if exists is not None:
        raise Conflict(f"dataset {ledger.dataset_id!r} already has a privacy budget")
    for other in list_budgets(session):
        if budget_source(other) == source:
            raise Conflict(
                f"source {source!r} already has the privacy budget {other.dataset_id!r}: the "
                "same people cannot be given a second budget",
                {"errors": [{"field": "source", "message": f"budgeted by {other.dataset_id!r}"}]},
            )
    header, _ = ledger.to_rows()
    budget = PrivacyBudget(**header, source=source)
    session.add(budget)
    session.flush()
    return budget


def _spends(session: Session, budget: PrivacyBudget) -> list[dict[str, object]]:
    rows = session.scalars(
        select(PrivacySpend)
        .where(PrivacySpend.budget_id == budget.id)
        .order_by(PrivacySpend.spent_at, PrivacySpend.created_at)
    ).all()
    return [
        {
            "epsilon": r.epsilon,
            "delta": r.delta,
            "purpose": r.purpose,
            "spent_at": r.spent_at,
            "dataset_version": r.dataset_version,
            "release_id": r.release_id,
            "mechanism": r.mechanism,
            "queries": list(r.queries),
        }
        for r in rows
    ]


def load_ledger(session: Session, dataset_id: str, lock: bool = False) -> BudgetLedger:
    """The dataset's ledger with every recorded spend (locked for an update when ``lock``)."""
    budget = find_budget(session, dataset_id, lock)
    header = {
        "dataset_id": budget.dataset_id,
        "total_epsilon": budget.total_epsilon,
        "total_delta": budget.total_delta,
        "period": budget.period,
        "max_epsilon_per_spend": budget.max_epsilon_per_spend,
    }
    return BudgetLedger.from_rows(header, _spends(session, budget))


def spend_records(session: Session, dataset_id: str) -> Sequence[PrivacySpend]:
    """Every spend of a dataset's budget, oldest first (who, what, why, and what it released)."""
    budget = find_budget(session, dataset_id)
    return session.scalars(
        select(PrivacySpend)
        .where(PrivacySpend.budget_id == budget.id)
        .order_by(PrivacySpend.spent_at, PrivacySpend.created_at)
    ).all()


def get_spend(session: Session, dataset_id: str, spend_id: uuid.UUID) -> PrivacySpend:
    budget = find_budget(session, dataset_id)
    spend = session.get(PrivacySpend, spend_id)
    if spend is None or spend.budget_id != budget.id:
        raise NotFound("no such spend of this privacy budget")
    return spend


def record_spend(
    session: Session, ledger: BudgetLedger, spend: Spend, spent_by: str
) -> PrivacySpend:
    """Store the newest spend of ``ledger`` (already accepted by :meth:`BudgetLedger.spend`)."""
    budget = find_budget(session, ledger.dataset_id)
    row = PrivacySpend(
        budget_id=budget.id,
        epsilon=str(spend.epsilon),
        delta=str(spend.delta),
        purpose=spend.purpose,
        spent_at=spend.at,
        dataset_version=spend.dataset_version,
        release_id=spend.release_id,
        mechanism=spend.mechanism,
        queries=list(spend.queries),
        spent_by=spent_by,
    )
    session.add(row)
    session.flush()
    return row


def spend_now(
    session: Session,
    dataset_id: str,
    epsilon: float,
    purpose: str,
    at: datetime,
    spent_by: str,
    *,
    delta: float = 0.0,
    dataset_version: str = "",
    mechanism: str = "",
    queries: Sequence[str] = (),
) -> tuple[BudgetLedger, PrivacySpend]:
    """Lock, check and record one spend; raises BudgetExceededError and records nothing if over."""
    ledger = load_ledger(session, dataset_id, lock=True)
    charged = ledger.spend(
        epsilon,
        purpose,
        at,
        delta=delta,
        dataset_version=dataset_version,
        mechanism=mechanism,
        queries=queries,
    )
    return charged, record_spend(session, charged, charged.spends[-1], spent_by)
