"""DP counts through every door (CLI, API, pages) and the privacy-budget ledgers they spend from.

Rules (disclosure-control.md section 4; :mod:`titian.privacy.dp`):

* A budget protects the data of one source (``titian`` snapshots or ``ctdc`` imports), and a
  source has at most one budget: the ledger is the only way to the noisy counts, so opening a
  second budget on the same people would escape the first one's limit.
* A DP count spends from that budget. The spend is checked and stored (the budget row locked)
  **before** any noise is drawn; a refused spend draws nothing and records nothing, and the caller
  is told which field is at fault and why (409 when the budget or the per-release cap would be
  exceeded, 422 for parameters).
* The noisy counts are kept with the spend. They are post-processing of the DP output, so
  showing them again costs no budget, and the ledger says exactly what was released.

Permissions: reading budgets and drawing counts need RELEASE_REQUEST (the analyst); creating a
budget needs RELEASE_APPROVE (the data owner's side). The CLI runs as the system (no principal).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from titian.analytics import service as analytics
from titian.analytics.catalogue import CatalogueError, Source, load_catalogue
from titian.analytics.indicators import AnalyticsError, connect, dataset_hash, raw_tables
from titian.audit import service as audit
from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.errors import Conflict, FieldError, Forbidden, Invalid, NotFound
from titian.kit.clock import utcnow
from titian.privacy import ledger as ledgers
from titian.privacy.dp import BudgetExceededError, BudgetLedger, DpError, dp_counts, plan_noise
from titian.privacy.models import PrivacyBudget, PrivacySpend
from titian.privacy.schemas import (
    BudgetCreate,
    BudgetLedgerRead,
    BudgetRead,
    DpCountRead,
    DpCountRequest,
    SpendRead,
)

GAUSSIAN_DELTA = 1e-7


def _require(actor: Principal | None, permission: Permission, what: str) -> None:
    if actor is not None and not policies.has(actor, permission):
        raise Forbidden(f"your role does not allow {what}")


def budget_read(ledger: BudgetLedger, source: str = "titian") -> BudgetRead:
    now = utcnow()
    eps, dlt = ledger.spent(now)
    left_eps, left_delta = ledger.remaining(now)
    cap = ledger.max_epsilon_per_spend
    return BudgetRead(
        dataset_id=ledger.dataset_id,
        source=Source(source),
        total_epsilon=str(ledger.total_epsilon),
        total_delta=str(ledger.total_delta),
        period=ledger.period,
        max_epsilon_per_spend=None if cap is None else str(cap),
        spent_epsilon=str(eps),
        spent_delta=str(dlt),
        remaining_epsilon=str(left_eps),
        remaining_delta=str(left_delta),
        lifetime_epsilon=str(ledger.spent()[0]),
        spends=len(ledger.spends),
    )


def list_budgets(session: Session, actor: Principal | None) -> list[BudgetRead]:
    """Every budget with what is spent and left (budgets are per dataset, not per agency)."""
    _require(actor, Permission.RELEASE_REQUEST, "reading privacy budgets")
    return [
        budget_read(ledgers.load_ledger(session, b.dataset_id), ledgers.budget_source(b))
        for b in ledgers.list_budgets(session)
    ]


def spend_read(dataset_id: str, row: PrivacySpend) -> SpendRead:
    return SpendRead(
        id=row.id,
        dataset_id=dataset_id,
        epsilon=row.epsilon,
        delta=row.delta,
        purpose=row.purpose,
        spent_at=row.spent_at,
        spent_by=row.spent_by,
        mechanism=row.mechanism,
        queries=list(row.queries),
        dataset_version=row.dataset_version,
        result=row.result,
    )


def budget_ledger(session: Session, actor: Principal | None, dataset_id: str) -> BudgetLedgerRead:
    """One budget with every spend: who spent how much, when, why, and what it released."""
    _require(actor, Permission.RELEASE_REQUEST, "reading privacy budgets")
    budget = ledgers.find_budget(session, dataset_id)
    header = budget_read(ledgers.load_ledger(session, dataset_id), ledgers.budget_source(budget))
    history = [spend_read(dataset_id, r) for r in ledgers.spend_records(session, dataset_id)]
    return BudgetLedgerRead(**header.model_dump(), history=history)


def get_spend(
    session: Session, actor: Principal | None, dataset_id: str, spend_id: uuid.UUID
) -> SpendRead:
    _require(actor, Permission.RELEASE_REQUEST, "reading privacy budgets")
    return spend_read(dataset_id, ledgers.get_spend(session, dataset_id, spend_id))


def create_budget(session: Session, actor: Principal | None, data: BudgetCreate) -> BudgetLedger:
    """Give the data of a source a privacy budget (RELEASE_APPROVE; one budget per source)."""
    _require(actor, Permission.RELEASE_APPROVE, "setting a privacy budget")
    try:
        ledger = BudgetLedger.create(
            data.dataset_id, data.total_epsilon, data.total_delta, data.period,
            data.max_epsilon_per_spend,
        )  # fmt: skip
    except DpError as exc:
        raise Invalid(str(exc), [FieldError(exc.field, str(exc))]) from exc
    budget = ledgers.create_budget(session, ledger, data.source.value)
    audit.record(
        session, actor, "privacy.budget_create", "privacy_budget", budget.id,
        {"source": data.source.value, "total_epsilon": str(ledger.total_epsilon)},
    )  # fmt: skip
    return ledger


def _budget_for(session: Session, data: DpCountRequest) -> tuple[PrivacyBudget, Source]:
    """The budget named by the request, and the source it protects (which the request may only
    repeat, never change)."""
    try:
        budget = ledgers.find_budget(session, data.dataset_id)
    except NotFound as exc:
        raise Invalid(exc.message, [FieldError("dataset_id", "no privacy budget")]) from exc
    source = Source(ledgers.budget_source(budget))
    if data.source is not None and data.source is not source:
        reason = f"the budget {data.dataset_id!r} protects the {source.value} data"
        raise Invalid(reason, [FieldError("source", reason)])
    return budget, source


def _true_counts(
    session: Session, source: Source, data: DpCountRequest
) -> tuple[dict[tuple[str, ...], int], tuple[str, ...], str]:
    catalogue = load_catalogue(source)
    try:
        indicator = catalogue.get(data.indicator)
    except CatalogueError as exc:
        raise Invalid(str(exc), [FieldError("indicator", "not in the catalogue")]) from exc
    if indicator.slice is not None:
        raise Invalid(
            "a person may count in several slices of this indicator (sensitivity above 1)",
            [FieldError("indicator", "choose an indicator without slices")],
        )
    if not indicator.batched:
        # Seats at dialogues: one participant may hold several seats, so one person is not one
        # row (the DP privacy unit, disclosure-control.md section 4).
        raise Invalid(
            "a participant may hold several seats counted by this indicator (sensitivity above 1)",
            [FieldError("indicator", "choose an indicator that counts people once")],
        )
    files = analytics.source_files(session, source)
    try:
        con = connect(source, files, data.country)
        try:
            raw = raw_tables(con, indicator, data.country)
        finally:
            con.close()
    except AnalyticsError as exc:
        raise Invalid(str(exc)) from exc
    table = raw[0].table
    counts = {k: table.counts.get(k, 0) for k in table.interior_keys()}
    return counts, indicator.names, dataset_hash(source, files)


def _refused(data: DpCountRequest, exc: BudgetExceededError) -> Conflict:
    field = "epsilon" if exc.field == "epsilon" else "mechanism"
    reason = str(exc)
    if field == "mechanism":
        reason += " (the gaussian mechanism spends delta; choose laplace, which spends none)"
    return Conflict(
        reason, {"dataset_id": data.dataset_id, "errors": [{"field": field, "message": reason}]}
    )


def dp_count(session: Session, actor: Principal | None, data: DpCountRequest) -> DpCountRead:
    """Noisy counts of one indicator's cells; the ledger is charged first and refuses when the
    budget is spent (nothing is drawn then)."""
    _require(actor, Permission.RELEASE_REQUEST, "releasing DP counts")
    budget, source = _budget_for(session, data)
    counts, dims, version = _true_counts(session, source, data)
    delta = 0.0 if data.mechanism.value == "laplace" else GAUSSIAN_DELTA
    now = utcnow()
    who = actor.username if actor else "system"
    try:
        plan = plan_noise(data.epsilon, mechanism=data.mechanism, delta=delta)
        charged, row = ledgers.spend_now(
            session, data.dataset_id, data.epsilon, data.purpose, now, who,
            delta=delta, dataset_version=version, mechanism=data.mechanism.value,
            queries=[data.indicator],
        )  # fmt: skip
        noisy = dp_counts(counts, data.epsilon, mechanism=data.mechanism, delta=delta)
    except BudgetExceededError as exc:
        raise _refused(data, exc) from exc
    except DpError as exc:
        raise Invalid(str(exc), [FieldError(exc.field, str(exc))]) from exc
    rows = [{**dict(zip(dims, k, strict=True)), "count": v} for k, v in noisy.items()]
    row.result = {
        "source": source.value, "country": data.country, "indicator": data.indicator,
        "dimensions": list(dims), "noise_scale": plan.scale, "accuracy_95": plan.accuracy,
        "counts": rows,
    }  # fmt: skip
    session.flush()
    audit.record(
        session, actor, "privacy.dp_count", "privacy_spend", row.id,
        {"dataset_id": budget.dataset_id, "epsilon": data.epsilon, "indicator": data.indicator},
    )  # fmt: skip
    return _count_read(row, data, source, charged.remaining(now)[0], delta)


def _count_read(
    row: PrivacySpend, data: DpCountRequest, source: Source, left: object, delta: float
) -> DpCountRead:
    result: dict[str, Any] = row.result or {}
    spent_at: datetime = row.spent_at
    return DpCountRead(
        spend_id=row.id,
        dataset_id=data.dataset_id,
        dataset_version=row.dataset_version,
        source=source,
        country=data.country,
        indicator=data.indicator,
        epsilon=data.epsilon,
        delta=delta,
        mechanism=data.mechanism,
        noise_scale=result["noise_scale"],
        accuracy_95=result["accuracy_95"],
        dimensions=result["dimensions"],
        counts=result["counts"],
        purpose=row.purpose,
        spent_by=row.spent_by,
        spent_at=spent_at,
        remaining_epsilon=str(left),
    )
