"""DP counts through the API and the pages: spent from the budget ledger, refused clearly when the
budget would be exceeded (naming the field and the reason), recorded with who and why, audited."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.analytics import support
from tests.support.fixtures import ApiAs, WebAs, World
from titian.audit.models import AuditEvent
from titian.privacy import dp_service
from titian.privacy.dp import BudgetPeriod
from titian.privacy.models import PrivacySpend
from titian.privacy.schemas import BudgetCreate

API = "/api/v1/releases"


def _budget(db: Session, epsilon: float = 1.0, cap: float | None = 1.0, delta: float = 0) -> None:
    data = BudgetCreate(
        dataset_id="cases", total_epsilon=epsilon, total_delta=delta,
        period=BudgetPeriod.LIFETIME, max_epsilon_per_spend=cap,
    )  # fmt: skip
    dp_service.create_budget(db, None, data)


def _body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "dataset_id": "cases", "indicator": "titian_gender_age", "country": "TH",
        "epsilon": 0.6, "purpose": "quarterly dashboard tile",
    }  # fmt: skip
    return {**body, **changes}


@pytest.fixture
def analyst(world: World, api_as: ApiAs, db: Session) -> dict[str, str]:
    support.with_snapshot(world)
    _budget(db)
    return api_as.headers(world["analyst"])


def _spends(db: Session) -> int:
    return len(db.scalars(select(PrivacySpend)).all())


def test_api_draws_counts_records_who_and_why_and_audits(
    client: TestClient, analyst: dict[str, str], db: Session
) -> None:
    drawn = client.post(f"{API}/dp-count", json=_body(), headers=analyst)
    assert drawn.status_code == 201, drawn.text
    body = drawn.json()
    assert body["remaining_epsilon"] == "0.4" and body["spent_by"] == "analyst"
    assert body["dimensions"] == ["gender", "age_band"]
    assert len(body["counts"]) == 40 and all(r["count"] >= 0 for r in body["counts"])
    ledger = client.get(f"{API}/budgets/cases", headers=analyst).json()
    assert ledger["spent_epsilon"] == "0.6" and ledger["remaining_epsilon"] == "0.4"
    [spend] = ledger["history"]
    assert (spend["spent_by"], spend["purpose"], spend["queries"]) == (
        "analyst", "quarterly dashboard tile", ["titian_gender_age"],
    )  # fmt: skip
    again = client.get(f"{API}/budgets/cases/spends/{spend['id']}", headers=analyst).json()
    assert again["result"]["counts"] == body["counts"]
    assert client.get(f"{API}/budgets/cases", headers=analyst).json()["spends"] == 1
    events = db.scalars(select(AuditEvent).where(AuditEvent.action == "privacy.dp_count")).all()
    assert [e.entity_id for e in events] == [str(spend["id"])]


@pytest.mark.parametrize(
    ("changes", "status", "field", "reason"),
    [
        ({"epsilon": 0.6}, 409, "epsilon", "0.4 of 1.0 left"),
        ({"epsilon": 0.3, "mechanism": "gaussian"}, 409, "mechanism", "delta"),
        ({"dataset_id": "nothing"}, 422, "dataset_id", "no privacy budget"),
        ({"source": "ctdc"}, 422, "source", "protects the titian data"),
        ({"indicator": "titian_form_gender_age"}, 422, "indicator", "without slices"),
        ({"indicator": "no_such"}, 422, "indicator", "not in the catalogue"),
    ],
    ids=["over-budget", "no-delta-left", "unknown-budget", "wrong-source", "sliced", "unknown"],
)
def test_api_refuses_naming_the_field_and_spends_nothing(
    client: TestClient, analyst: dict[str, str], db: Session,
    changes: dict[str, Any], status: int, field: str, reason: str,
) -> None:  # fmt: skip
    assert client.post(f"{API}/dp-count", json=_body(), headers=analyst).status_code == 201
    refused = client.post(f"{API}/dp-count", json=_body(**changes), headers=analyst)
    assert refused.status_code == status, refused.text
    errors = refused.json()["errors"]
    assert errors[0]["field"] == field and reason in errors[0]["message"]
    assert _spends(db) == 1


def test_api_refuses_above_the_per_release_cap(
    client: TestClient, world: World, api_as: ApiAs, db: Session
) -> None:
    support.with_snapshot(world)
    _budget(db, epsilon=4.0, cap=0.5)
    refused = client.post(
        f"{API}/dp-count", json=_body(epsilon=0.8), headers=api_as.headers(world["analyst"])
    )
    assert refused.status_code == 409
    assert refused.json()["errors"] == [
        {
            "field": "epsilon",
            "message": "dataset cases: epsilon 0.8 is above the per-release cap 0.5",
        }
    ]
    assert _spends(db) == 0


def test_a_source_has_one_budget(client: TestClient, world: World, api_as: ApiAs) -> None:
    headers = api_as.headers(world["analyst"])
    made = client.post(f"{API}/budgets", json={"dataset_id": "cases"}, headers=headers)
    assert made.status_code == 201 and made.json()["source"] == "titian"
    second = client.post(f"{API}/budgets", json={"dataset_id": "cases-b"}, headers=headers)
    assert second.status_code == 409
    assert second.json()["errors"][0]["field"] == "source"
    ctdc = client.post(
        f"{API}/budgets", json={"dataset_id": "ctdc", "source": "ctdc"}, headers=headers
    )
    assert ctdc.status_code == 201
    listed = client.get(f"{API}/budgets", headers=headers).json()
    assert [(b["dataset_id"], b["source"]) for b in listed] == [
        ("cases", "titian"), ("ctdc", "ctdc"),
    ]  # fmt: skip
    bad = client.post(f"{API}/budgets", json={"dataset_id": "a b/c"}, headers=headers)
    assert bad.status_code == 422


def test_pages_draw_then_show_the_stored_counts_and_the_ledger(
    client: TestClient, world: World, web_as: WebAs, db: Session
) -> None:
    support.with_snapshot(world)
    _budget(db)
    csrf = web_as.login(world["analyst"])
    form = {**_body(epsilon="0.6"), "csrf_token": csrf}
    drawn = client.post("/releases/dp-count", data=form, follow_redirects=False)
    assert drawn.status_code == 303
    target = drawn.headers["location"]
    assert target.startswith("/releases/budgets/cases/spends/")
    page = client.get(target)
    assert page.status_code == 200 and 'id="dp-counts"' in page.text
    assert page.text.count("<tr>") == 41  # header + 40 cells
    ledger = client.get("/releases/budgets")
    assert "quarterly dashboard tile" in ledger.text and "analyst" in ledger.text
    assert '<dd class="budget-remaining">0.4</dd>' in ledger.text
    refused = client.post("/releases/dp-count", data=form, follow_redirects=False)
    assert refused.status_code == 409
    assert 'id="epsilon-error"' in refused.text and "0.4 of 1.0 left" in refused.text
    assert "Nothing was drawn and nothing was spent." in refused.text
    assert _spends(db) == 1


def test_budget_page_sets_a_budget_and_explains_a_refusal(
    client: TestClient, world: World, web_as: WebAs, db: Session
) -> None:
    csrf = web_as.login(world["analyst"])
    form = {
        "dataset_id": "cases", "source": "titian", "total_epsilon": "4",
        "period": "calendar_year", "max_epsilon_per_spend": "1", "csrf_token": csrf,
    }  # fmt: skip
    made = client.post("/releases/budgets", data=form, follow_redirects=False)
    assert made.status_code == 303
    again = client.post("/releases/budgets", data={**form, "dataset_id": "cases-b"})
    assert again.status_code == 409 and 'id="source-error"' in again.text
    assert client.get("/releases/dp-count").status_code == 200
    web_as.login(world["programme"])
    assert client.get("/releases/budgets").status_code == 403
