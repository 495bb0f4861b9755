"""Privacy-budget ledger per dataset: spends add up, a spend over the budget is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from titian.privacy.dp import (
    BudgetExceededError,
    BudgetLedger,
    BudgetPeriod,
    DpError,
    NoiseMechanism,
    charged_count,
)

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_spends_add_up_exactly() -> None:
    ledger = BudgetLedger.create("snapshot-2026-03", 1.0)
    for i in range(10):
        ledger = ledger.spend(0.1, f"dashboard tile {i}", T0)
    assert ledger.spent() == (Decimal("1.0"), Decimal(0))
    assert ledger.remaining(T0)[0] == 0
    assert len(ledger.spends) == 10


def test_spend_over_budget_is_refused_and_ledger_unchanged() -> None:
    ledger = BudgetLedger.create("ds", 1.0).spend(0.75, "annual report", T0)
    with pytest.raises(BudgetExceededError, match=r"epsilon 0.5 requested, 0.25 of 1.0 left"):
        ledger.spend(0.5, "extra table", T0)
    assert ledger.spent()[0] == Decimal("0.75")


def test_ledger_is_immutable() -> None:
    empty = BudgetLedger.create("ds", 2)
    used = empty.spend(1, "q", T0)
    assert empty.spends == ()
    assert used.spends[0].purpose == "q"


def test_delta_budget_is_separate() -> None:
    ledger = BudgetLedger.create("ds", 4.0, total_delta=1e-7)
    ledger = ledger.spend(1.0, "unknown keys", T0, delta=1e-7)
    with pytest.raises(BudgetExceededError, match="delta"):
        ledger.spend(1.0, "unknown keys again", T0, delta=1e-7)
    no_delta = BudgetLedger.create("ds", 4.0)
    with pytest.raises(BudgetExceededError, match="delta"):
        no_delta.spend(1.0, "gaussian", T0, delta=1e-9)


def test_per_release_cap() -> None:
    ledger = BudgetLedger.create("ds", 4.0, max_epsilon_per_spend=1.0)
    with pytest.raises(BudgetExceededError, match="per-release cap"):
        ledger.spend(1.5, "too greedy", T0)
    assert ledger.spend(1.0, "fine", T0).spent()[0] == 1


def test_calendar_year_budget_renews_but_lifetime_is_still_reported() -> None:
    ledger = BudgetLedger.create("ds", 4.0, period=BudgetPeriod.CALENDAR_YEAR)
    ledger = ledger.spend(4.0, "2026 releases", T0)
    with pytest.raises(BudgetExceededError, match="this year"):
        ledger.spend(0.1, "late 2026", T0 + timedelta(days=200))
    next_year = datetime(2027, 1, 2, tzinfo=UTC)
    ledger = ledger.spend(1.0, "2027 release", next_year)
    assert ledger.spent(next_year)[0] == 1
    assert ledger.spent()[0] == 5


def test_year_is_taken_in_utc() -> None:
    ledger = BudgetLedger.create("ds", 1.0, period=BudgetPeriod.CALENDAR_YEAR)
    ledger = ledger.spend(1.0, "new year's eve in Bangkok", datetime(2026, 12, 31, 23, tzinfo=UTC))
    bangkok = timezone(timedelta(hours=7))
    with pytest.raises(BudgetExceededError):
        # 06:00 on 1 January in Bangkok is still 31 December in UTC
        ledger.spend(0.5, "same UTC day", datetime(2027, 1, 1, 6, tzinfo=bangkok))


@pytest.mark.parametrize(
    ("epsilon", "purpose", "at", "fragment"),
    [
        (0, "q", T0, "epsilon"),
        (-1, "q", T0, "epsilon"),
        ("abc", "q", T0, "epsilon"),
        (float("inf"), "q", T0, "epsilon"),
        (0.1, "  ", T0, "purpose"),
        (0.1, "q", datetime(2026, 1, 1), "timezone-aware"),
    ],
)
def test_bad_spends_are_refused(epsilon: object, purpose: str, at: datetime, fragment: str) -> None:
    ledger = BudgetLedger.create("ds", 1.0)
    with pytest.raises(DpError, match=fragment):
        ledger.spend(epsilon, purpose, at)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"dataset_id": " ", "total_epsilon": 1}, "dataset_id"),
        ({"dataset_id": "ds", "total_epsilon": 0}, "total_epsilon"),
        ({"dataset_id": "ds", "total_epsilon": 1, "total_delta": 1}, "total_delta"),
    ],
)
def test_bad_ledgers_are_refused(kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(DpError, match=fragment):
        BudgetLedger.create(**kwargs)  # type: ignore[arg-type]


def test_rows_round_trip() -> None:
    ledger = BudgetLedger.create("ds", 4.0, total_delta=1e-7, period="calendar_year")
    ledger = ledger.spend(
        0.25, "sex x age", T0, dataset_version="v3", release_id="r-1", queries=["q1", "q2"]
    )
    header, rows = ledger.to_rows()
    assert header["total_epsilon"] == "4.0"
    assert rows[0]["epsilon"] == "0.25"
    assert rows[0]["queries"] == ["q1", "q2"]
    assert BudgetLedger.from_rows(header, rows) == ledger


def test_charged_count_charges_before_noise() -> None:
    ledger = BudgetLedger.create("ds", 1.0)
    value, ledger = charged_count(ledger, 40, 0.5, "tile", T0)
    assert isinstance(value, int) and value >= 0
    assert ledger.spends[0].mechanism == NoiseMechanism.LAPLACE
    value, ledger = charged_count(ledger, 40, 0.5, "tile 2", T0)
    with pytest.raises(BudgetExceededError):
        charged_count(ledger, 40, 0.5, "tile 3", T0)
    assert ledger.spent()[0] == 1


def test_charged_count_refuses_bad_input_without_charging() -> None:
    ledger = BudgetLedger.create("ds", 1.0)
    with pytest.raises(DpError, match="true_count"):
        charged_count(ledger, -3, 0.5, "tile", T0)
    with pytest.raises(DpError, match="delta"):
        charged_count(ledger, 3, 0.5, "tile", T0, mechanism=NoiseMechanism.GAUSSIAN)
