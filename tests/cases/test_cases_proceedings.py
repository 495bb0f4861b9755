"""Correcting the justice record (charges with the C7 flag, milestones) and resolving a C6 alert
by recording the release: services and the JSON API, on the real database (synthetic data)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.cases.conftest import SECRETS, CaseMaker
from tests.support.fixtures import ApiAs, World
from titian.audit.models import AuditEvent
from titian.auth.policies import Permission, Principal
from titian.cases import repository, service, service_proceedings
from titian.cases.models import Case
from titian.cases.schemas import (
    ChargeCorrection,
    DetentionRelease,
    JusticeEntryRemove,
    MilestoneCorrection,
)
from titian.errors import Conflict, Forbidden, NotFound

CHARGES: list[dict[str, Any]] = [
    {"offence_type": "immigration", "non_punishment_applicable": True},
    {"offence_type": "other", "description": "Theft at Lantern Moth market"},
]
MILESTONES: list[dict[str, Any]] = [
    {"milestone": "report", "on": "2026-03-01"},
    {"milestone": "investigation", "on": "2026-03-05"},
]


def _justice_case(make_case: CaseMaker, **changes: Any) -> Case:
    return make_case(charges=CHARGES, milestones=MILESTONES, **changes)


def _events(db: Session, action: str) -> list[AuditEvent]:
    return list(db.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_correct_a_charge_changes_only_what_was_sent_and_is_audited(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = _justice_case(make_case)
    assert case.non_punishment
    principal = as_principal("caseworker_a")
    data = ChargeCorrection(
        version=case.version, non_punishment_applicable=False, outcome="dropped"
    )
    read = service_proceedings.correct_charge(db, principal, case.id, 0, data)
    first = read.charges[0]
    assert (first.offence_type, first.non_punishment_applicable, first.outcome) == (
        "immigration",
        False,
        "dropped",
    )
    assert read.charges[1] == service.load_profile(db, case).charges[1]  # untouched
    assert not read.non_punishment_flagged and read.version == case.version
    (event,) = _events(db, "case.charge.correct")
    assert event.details["fields"] == ["non_punishment_applicable", "outcome"]
    assert event.details["index"] == 0 and event.details["outcome"] == "dropped"


def test_remove_a_charge_needs_a_reason_and_keeps_it_in_the_audit_log(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = _justice_case(make_case)
    principal = as_principal("caseworker_a")
    with pytest.raises(ValidationError) as caught:
        JusticeEntryRemove.model_validate({"version": case.version})
    assert caught.value.errors()[0]["loc"] == ("reason",)
    data = JusticeEntryRemove(version=case.version, reason="entered_in_error")
    read = service_proceedings.remove_charge(db, principal, case.id, 1, data)
    assert [c.offence_type for c in read.charges] == ["immigration"]
    (event,) = _events(db, "case.charge.remove")
    assert event.details == {
        "index": 1,
        "reason": "entered_in_error",
        "offence_type": "other",
        "non_punishment_applicable": None,
        "outcome": "pending",
    }
    assert not any(s in str(event.details) for s in (*SECRETS, "Lantern Moth"))


def test_removing_the_flagged_charge_clears_the_c7_flag(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = _justice_case(make_case)
    principal = as_principal("caseworker_a")
    data = JusticeEntryRemove(version=case.version, reason="duplicate")
    read = service_proceedings.remove_charge(db, principal, case.id, 0, data)
    assert not read.non_punishment_flagged and not case.non_punishment


def test_a_stale_version_gets_409_and_nothing_changes(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = _justice_case(make_case)
    principal = as_principal("caseworker_a")
    old = case.version
    service_proceedings.remove_charge(
        db, principal, case.id, 0, JusticeEntryRemove(version=old, reason="duplicate")
    )
    with pytest.raises(Conflict) as caught:
        service_proceedings.correct_charge(
            db, principal, case.id, 0, ChargeCorrection(version=old, outcome="convicted")
        )
    assert caught.value.details["current_version"] == old + 1
    assert caught.value.details["changed"]["charges[1]"]["yours"] == {"outcome": "convicted"}
    assert [c.outcome for c in service.load_profile(db, case).charges] == ["pending"]


def test_milestones_are_corrected_and_removed(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = _justice_case(make_case)
    principal = as_principal("caseworker_a")
    data = MilestoneCorrection(version=case.version, on="2026-03-06")
    read = service_proceedings.correct_milestone(db, principal, case.id, 1, data)
    assert read.milestones[1].on.isoformat() == "2026-03-06"
    removal = JusticeEntryRemove(version=read.version, reason="wrong_case")
    read = service_proceedings.remove_milestone(db, principal, case.id, 0, removal)
    assert [m.milestone for m in read.milestones] == ["investigation"]
    (event,) = _events(db, "case.milestone.remove")
    assert event.details["reason"] == "wrong_case" and event.details["milestone"] == "report"
    assert _events(db, "case.milestone.correct")[0].details["fields"] == ["on"]


def test_unknown_position_is_404_and_read_only_role_is_403(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = _justice_case(make_case)
    principal = as_principal("caseworker_a")
    with pytest.raises(NotFound):
        service_proceedings.remove_charge(
            db, principal, case.id, 5, JusticeEntryRemove(version=case.version, reason="duplicate")
        )
    reader = dataclasses.replace(
        principal, roles=frozenset(), grants=frozenset({Permission.CASES_READ})
    )
    with pytest.raises(Forbidden):
        service_proceedings.correct_milestone(
            db, reader, case.id, 0, MilestoneCorrection(version=case.version, on="2026-03-02")
        )
    with pytest.raises(NotFound):
        service_proceedings.proceedings(db, as_principal("caseworker_b"), case.id)


# ---------------------------------------------------------------------------------------------
# C6: the release resolves the alert; nothing else does
# ---------------------------------------------------------------------------------------------


def test_recording_the_release_resolves_the_c6_alert_with_the_note(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case(custody_status="immigration_detention")
    (alert,) = repository.open_alerts(db, [case.id])
    principal = as_principal("caseworker_a")
    data = DetentionRelease(
        version=case.version,
        custody_status="shelter_open",
        released_on="2026-03-04",
        note="Released to the shelter after the focal point intervened",
    )
    resolved = service_proceedings.record_release(db, principal, case.id, alert.id, data)
    assert resolved.resolved_at is not None
    assert resolved.resolution is not None and "focal point intervened" in resolved.resolution
    assert "2026-03-04" in resolved.resolution
    assert repository.open_alerts(db, [case.id]) == []
    assert service.load_profile(db, case).custody_status == "shelter_open"
    (event,) = _events(db, "case.alert.release")
    assert event.details["custody_status"] == "shelter_open"
    assert "focal point" not in str(event.details)  # the free-text note stays out of the log


@pytest.mark.parametrize("custody", ["prison", "police_cell", "immigration_detention", "unknown"])
def test_a_release_must_leave_detention(custody: str) -> None:
    with pytest.raises(ValidationError) as caught:
        DetentionRelease.model_validate({"version": 1, "custody_status": custody, "note": "done"})
    assert caught.value.errors()[0]["loc"] == ("custody_status",)


def test_a_release_needs_a_note() -> None:
    with pytest.raises(ValidationError) as caught:
        DetentionRelease.model_validate(
            {"version": 1, "custody_status": "not_in_custody", "note": "  "}
        )
    assert caught.value.errors()[0]["loc"] == ("note",)


def test_a_stale_release_is_409_and_the_alert_stays(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case(custody_status="prison")
    (alert,) = repository.open_alerts(db, [case.id])
    principal = as_principal("caseworker_a")
    data = DetentionRelease(
        version=case.version - 1, custody_status="not_in_custody", note="Released on bail"
    )
    with pytest.raises(Conflict):
        service_proceedings.record_release(db, principal, case.id, alert.id, data)
    assert repository.open_alerts(db, [case.id]) == [alert]


# ---------------------------------------------------------------------------------------------
# The JSON twin
# ---------------------------------------------------------------------------------------------


def test_api_corrects_removes_and_answers_409(
    world: World, client: TestClient, api_as: ApiAs, make_case: CaseMaker
) -> None:
    case = _justice_case(make_case)
    headers = api_as.headers(world["caseworker_a"])
    base = f"/api/v1/cases/{case.id}"
    record = client.get(f"{base}/proceedings", headers=headers).json()
    assert len(record["charges"]) == 2 and record["version"] == case.version
    fixed = client.patch(
        f"{base}/charges/0",
        json={"version": record["version"], "outcome": "acquitted"},
        headers=headers,
    )
    assert fixed.status_code == 200 and fixed.json()["charges"][0]["outcome"] == "acquitted"
    stale = client.post(
        f"{base}/milestones/0/remove",
        json={"version": record["version"], "reason": "duplicate"},
        headers=headers,
    )
    assert stale.status_code == 409 and stale.json()["error"] == "conflict"
    refused = client.post(
        f"{base}/charges/1/remove",
        json={"version": fixed.json()["version"], "reason": "changed my mind"},
        headers=headers,
    )
    assert refused.status_code == 422 and "reason" in refused.text
    gone = client.post(
        f"{base}/milestones/0/remove",
        json={"version": fixed.json()["version"], "reason": "duplicate"},
        headers=headers,
    )
    assert gone.status_code == 200 and len(gone.json()["milestones"]) == 1
    missing = client.patch(
        f"{base}/milestones/9", json={"version": gone.json()["version"]}, headers=headers
    )
    assert missing.status_code == 404


def test_api_resolves_a_c6_alert_only_with_a_release(
    db: Session, world: World, client: TestClient, api_as: ApiAs, make_case: CaseMaker
) -> None:
    case = make_case(custody_status="police_cell")
    (alert,) = repository.open_alerts(db, [case.id])
    headers = api_as.headers(world["caseworker_a"])
    url = f"/api/v1/cases/{case.id}/alerts/{alert.id}/resolve"
    body = {"version": case.version, "custody_status": "prison", "note": "Moved"}
    refused = client.post(url, json=body, headers=headers)
    assert refused.status_code == 422 and "custody_status" in refused.text
    body |= {"custody_status": "not_in_custody", "note": "Released without charge"}
    done = client.post(url, json=body, headers=headers)
    assert done.status_code == 200, done.text
    assert done.json()["resolved_at"] and "Released without charge" in done.json()["resolution"]
    assert client.get("/api/v1/cases/alerts", headers=headers).json() == []
    other = api_as.headers(world["caseworker_b"])
    assert client.post(url, json=body, headers=other).status_code == 404


def test_api_return_plans_list_what_blocks_ready_and_origin_notices(
    world: World, client: TestClient, api_as: ApiAs, make_case: CaseMaker
) -> None:
    case = make_case(citizenships=["MM"], objects_to_origin_notification=False)
    headers = api_as.headers(world["caseworker_a"])
    base = f"/api/v1/cases/{case.id}"
    created = client.post(
        f"{base}/return-plans", json={"person_wish": "undecided"}, headers=headers
    )
    assert created.status_code == 201
    fields = [b["field"] for b in created.json()["blockers"]]
    assert fields == ["risk_assessment", "proceedings"]
    listed = client.get(f"{base}/return-plans", headers=headers).json()
    assert listed[0]["blockers"] == created.json()["blockers"]
    assert client.get(f"{base}/origin-notices", headers=headers).json() == []
    sent = client.post(
        f"{base}/origin-notices", json={"receiver": "consulate", "country": "MM"}, headers=headers
    )
    assert sent.status_code == 201
    notices = client.get(f"{base}/origin-notices", headers=headers).json()
    assert [n["country"] for n in notices] == ["MM"]
