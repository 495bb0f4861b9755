"""The privacy-budget ledger persisted per dataset; DP counts refused when the budget is spent."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.analytics import support
from tests.support.fixtures import World
from titian.errors import Conflict, Invalid
from titian.kit.clock import utcnow
from titian.privacy import dp_service as service
from titian.privacy import ledger as ledgers
from titian.privacy.dp import BudgetExceededError, BudgetPeriod
from titian.privacy.models import PrivacySpend
from titian.privacy.schemas import BudgetCreate, DpCountRequest


def _budget(db: Session, epsilon: float = 1.0) -> None:
    service.create_budget(
        db,
        None,
        BudgetCreate(dataset_id="cases", total_epsilon=epsilon, period=BudgetPeriod.LIFETIME),
    )


def test_ledger_round_trips_and_refuses_overspend(db: Session) -> None:
    _budget(db, 1.0)
    for _ in range(10):
        ledgers.spend_now(db, "cases", 0.1, "weekly tile", utcnow(), "tester")
    ledger = ledgers.load_ledger(db, "cases")
    assert ledger.spent()[0] == ledger.total_epsilon
    with pytest.raises(BudgetExceededError):
        ledgers.spend_now(db, "cases", 0.1, "one more", utcnow(), "tester")
    assert db.query(PrivacySpend).count() == 10
    with pytest.raises(Conflict):
        _budget(db)


def test_dp_count_charges_the_ledger_and_is_refused_when_spent(db: Session, world: World) -> None:
    support.with_snapshot(world)
    _budget(db, 1.0)
    request = DpCountRequest(
        dataset_id="cases", indicator="titian_gender_age", country="TH", epsilon=0.6,
        purpose="dashboard tile",
    )  # fmt: skip
    first = service.dp_count(db, support.principal(world, "analyst"), request)
    assert first.remaining_epsilon == "0.4"
    assert len(first.counts) == 4 * 10 and all(r["count"] >= 0 for r in first.counts)
    assert first.accuracy_95 > 0
    with pytest.raises(Conflict, match="left"):
        service.dp_count(db, support.principal(world, "analyst"), request)
    assert db.query(PrivacySpend).count() == 1


@pytest.mark.parametrize(
    ("indicator", "reason"),
    [("titian_form_gender_age", "several slices"),
     ("titian_dialogue_seats_role_gender", "several seats")],
    ids=["sliced", "dialogue-seats"],
)  # fmt: skip
def test_dp_count_refuses_indicators_where_a_person_counts_more_than_once(
    db: Session, world: World, indicator: str, reason: str
) -> None:
    support.with_snapshot(world)
    _budget(db)
    request = DpCountRequest(
        dataset_id="cases",
        indicator=indicator,
        epsilon=0.5,
        purpose="dashboard tile",
    )
    with pytest.raises(Invalid, match=reason):
        service.dp_count(db, None, request)
    assert db.query(PrivacySpend).count() == 0
