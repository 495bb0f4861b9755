"""Access rows for data releases and information-sharing protocols.

A release is visible to the requesting agency and to the parties of its protocol: another
agency's user gets 404. 'programme' (same agency, ANALYTICS but no release permissions) is the
user without the role; 'analyst' approves releases requested by a second analyst ('requester').

Privacy budgets belong to a dataset of the whole deployment (the de-identified snapshot or the
CTDC import), not to an agency: there is no other-agency case; 'programme' (ANALYTICS only) may
neither read them nor draw DP counts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tests.access.matrix import Row
from tests.analytics import support
from tests.privacy.release_support import approved_release
from tests.support.fixtures import World
from titian.kit.clock import utcnow
from titian.privacy import dp_service
from titian.privacy import ledger as ledgers
from titian.privacy.models import PrivacyBudget
from titian.privacy.schemas import BudgetCreate

LISTS = "lists are scoped to the caller's agency and its protocols"
NO_ROLE = ("caseworker_b", "caseworker_a", "analyst")
DECIDE = ("caseworker_b", "programme", "analyst")


def _protocol_body(w: World) -> dict[str, Any]:
    return {
        "title": "Protocol A",
        "scope": "Aggregate statistics for national reporting only.",
        "signed_on": "2026-01-01",
        "party_ids": [str(w.agency_a.id)],
    }


def _release_body(w: World) -> dict[str, Any]:
    support.with_snapshot(w)
    proto = support.protocol(w)
    return {
        "title": "Release A",
        "purpose": "National report on identification by gender.",
        "source": "titian",
        "country": "TH",
        "indicators": ["titian_gender_age"],
        "protocol_id": str(proto.id),
    }


BUDGETS = "a budget belongs to a deployment-wide dataset, not to an agency"
DP = ("caseworker_b", "programme", "analyst")


def _budget(w: World) -> str:
    db = support.session_of(w)
    if db.scalars(select(PrivacyBudget).where(PrivacyBudget.dataset_id == "cases")).first() is None:
        dp_service.create_budget(db, None, BudgetCreate(dataset_id="cases"))
    return "cases"


def _spend_path(web: bool = False):  # type: ignore[no-untyped-def]
    def build(w: World) -> str:
        db = support.session_of(w)
        _, row = ledgers.spend_now(db, _budget(w), 0.1, "weekly tile", utcnow(), "analyst")
        root = "/releases" if web else "/api/v1/releases"
        return f"{root}/budgets/cases/spends/{row.id}"

    return build


def _dp_body(form: bool = False):  # type: ignore[no-untyped-def]
    def build(w: World) -> dict[str, Any]:
        support.with_snapshot(w)
        _budget(w)
        return {
            "dataset_id": "cases", "indicator": "titian_gender_age", "country": "TH",
            "epsilon": "0.5" if form else 0.5, "purpose": "quarterly dashboard tile",
        }  # fmt: skip

    return build


def _release_path(state: str, suffix: str = "", web: bool = False):  # type: ignore[no-untyped-def]
    def build(w: World) -> str:
        made = approved_release(w) if state == "approved" else support.release(w, state)
        root = "/releases" if web else "/api/v1/releases"
        return f"{root}/{made.id}{suffix}"

    return build


def _decision(version: int, form: bool = False):  # type: ignore[no-untyped-def]
    """A decision on a release at ``version`` (1 when requested, 2 once approved)."""

    def build(w: World) -> dict[str, Any]:
        return {"version": str(version) if form else version, "reason": "checked"}

    return build


API: list[Row] = [
    Row("GET", "/api/v1/releases/protocols", lambda w: "/api/v1/releases/protocols",
        401, None, 403, 200, personas=NO_ROLE, why=LISTS),
    Row("POST", "/api/v1/releases/protocols", lambda w: "/api/v1/releases/protocols",
        401, None, 403, 201, personas=DECIDE, body=_protocol_body,
        why="a protocol is recorded for the caller's own agency"),
    Row("GET", "/api/v1/releases", lambda w: "/api/v1/releases",
        401, None, 403, 200, personas=NO_ROLE, why=LISTS),
    Row("GET", "/api/v1/releases/budgets", lambda w: "/api/v1/releases/budgets",
        401, None, 403, 200, personas=DP, why=BUDGETS),
    Row("POST", "/api/v1/releases/budgets", lambda w: "/api/v1/releases/budgets",
        401, None, 403, 201, personas=DP, why=BUDGETS,
        body=lambda w: {"dataset_id": "cases-2026", "source": "titian", "total_epsilon": 4}),
    Row("GET", "/api/v1/releases/budgets/{dataset_id}",
        lambda w: f"/api/v1/releases/budgets/{_budget(w)}",
        401, None, 403, 200, personas=DP, why=BUDGETS),
    Row("GET", "/api/v1/releases/budgets/{dataset_id}/spends/{spend_id}", _spend_path(),
        401, None, 403, 200, personas=DP, why=BUDGETS),
    Row("POST", "/api/v1/releases/dp-count", lambda w: "/api/v1/releases/dp-count",
        401, None, 403, 201, personas=DP, why=BUDGETS, body=_dp_body()),
    Row("POST", "/api/v1/releases", lambda w: "/api/v1/releases",
        401, None, 403, 201, personas=DECIDE, body=_release_body,
        why="requested for the caller's own agency"),
    Row("GET", "/api/v1/releases/{release_id}", _release_path("requested"),
        401, 404, 403, 200, personas=("caseworker_b", "caseworker_a", "programme")),
    Row("POST", "/api/v1/releases/{release_id}/approve", _release_path("requested", "/approve"),
        401, 404, 403, 200, personas=DECIDE, body=_decision(1)),
    Row("POST", "/api/v1/releases/{release_id}/reject", _release_path("requested", "/reject"),
        401, 404, 403, 200, personas=DECIDE, body=_decision(1)),
    Row("POST", "/api/v1/releases/{release_id}/publish", _release_path("approved", "/publish"),
        401, 404, 403, 200, personas=DECIDE, body=_decision(2)),
]  # fmt: skip

WEB: list[Row] = [
    Row("GET", "/releases", lambda w: "/releases", 303, None, 403, 200,
        personas=NO_ROLE, why=LISTS),
    Row("GET", "/releases/protocols", lambda w: "/releases/protocols", 303, None, 403, 200,
        personas=NO_ROLE, why=LISTS),
    Row("GET", "/releases/budgets", lambda w: "/releases/budgets", 303, None, 403, 200,
        personas=DP, why=BUDGETS),
    Row("POST", "/releases/budgets", lambda w: "/releases/budgets", 303, None, 403, 303,
        personas=DP, why=BUDGETS,
        form=lambda w: {"dataset_id": "cases-2026", "source": "titian", "total_epsilon": "4"}),
    Row("GET", "/releases/dp-count", lambda w: "/releases/dp-count", 303, None, 403, 200,
        personas=DP, why=BUDGETS),
    Row("POST", "/releases/dp-count", lambda w: "/releases/dp-count", 303, None, 403, 303,
        personas=DP, why=BUDGETS, form=_dp_body(form=True)),
    Row("GET", "/releases/budgets/{dataset_id}/spends/{spend_id}", _spend_path(web=True),
        303, None, 403, 200, personas=DP, why=BUDGETS),
    Row("GET", "/releases/protocols/new", lambda w: "/releases/protocols/new", 303, None, 403,
        200, personas=DECIDE, why="own agency"),
    Row("POST", "/releases/protocols", lambda w: "/releases/protocols", 303, None, 403, 303,
        personas=DECIDE, form=_protocol_body, why="own agency"),
    Row("GET", "/releases/new", lambda w: "/releases/new", 303, None, 403, 200,
        personas=DECIDE, why="own agency"),
    Row("POST", "/releases", lambda w: "/releases", 303, None, 403, 303,
        personas=DECIDE, form=_release_body, why="own agency"),
    Row("GET", "/releases/{release_id}", _release_path("requested", web=True),
        303, 404, 403, 200, personas=("caseworker_b", "caseworker_a", "programme")),
    Row("POST", "/releases/{release_id}/approve", _release_path("requested", "/approve", True),
        303, 404, 403, 303, personas=DECIDE, form=_decision(1, True)),
    Row("POST", "/releases/{release_id}/reject", _release_path("requested", "/reject", True),
        303, 404, 403, 303, personas=DECIDE, form=_decision(1, True)),
    Row("POST", "/releases/{release_id}/publish", _release_path("approved", "/publish", True),
        303, 404, 403, 303, personas=DECIDE, form=_decision(2, True)),
]  # fmt: skip
