"""The JSON API of cases: E rules refused with clear messages, 409 on concurrent edits, 404 for
other agencies on every case route, grants open and withdrawal closes."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.cases.conftest import SECRETS, CaseMaker
from tests.support.fixtures import ApiAs, World
from tests.support.routes import all_routes
from titian.auth.service import principal_for
from titian.cases import service_consent
from titian.cases.schemas import ConsentCreate


def _profile(**changes: Any) -> dict[str, Any]:
    return {
        "gender": "woman",
        "preferred_language": "th",
        "citizenship_status": "known",
        "citizenships": ["MM"],
        "identification_status": "presumed",
        "custody_status": "shelter_open",
    } | changes


def _create(client: TestClient, headers: dict[str, str], **changes: Any) -> dict[str, Any]:
    body = {"profile": _profile(**changes), "identity": {"given_name": "Zephyrine"}}
    response = client.post("/api/v1/cases", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_create_read_and_concurrent_edit(world: World, client: TestClient, api_as: ApiAs) -> None:
    headers = api_as.headers(world["caseworker_a"])
    case = _create(client, headers)
    assert case["identity"]["given_name"] == "Zephyrine" and case["view"] == "owner"
    url = f"/api/v1/cases/{case['id']}"
    first = client.patch(
        url, json={"version": case["version"], "profile": _profile(pronouns="she")}, headers=headers
    )
    assert first.status_code == 200 and first.json()["version"] == case["version"] + 1
    second = client.patch(
        url,
        json={
            "version": case["version"],
            "profile": _profile(preferred_language="my"),
            "identity": {"given_name": "Other"},
        },
        headers=headers,
    )
    assert second.status_code == 409
    body = second.json()
    assert body["error"] == "conflict"
    assert body["changed"]["profile.pronouns"] == {"current": "she", "yours": None}
    assert body["changed"]["identity.given_name"]["current"] == "(protected)"
    assert not any(secret in second.text for secret in SECRETS)
    stored = client.get(url, headers=headers).json()
    assert stored["profile"]["pronouns"] == "she"


def _rule(response: Any, rule: str, field: str) -> str:
    assert response.status_code == 422, response.text
    body = response.json()
    assert (body["error"], body["rule"], body["field"]) == ("rule_violation", rule, field)
    return str(body["message"])


def test_e_rules_are_refused_through_the_api(
    world: World, client: TestClient, api_as: ApiAs
) -> None:
    headers = api_as.headers(world["caseworker_a"])
    case = _create(client, headers, objects_to_origin_notification=True)
    base = f"/api/v1/cases/{case['id']}"
    interview = client.post(f"{base}/interviews", json={"language": "my"}, headers=headers).json()
    closing = client.post(
        f"{base}/interviews/{interview['id']}/close",
        json={"version": interview["version"]},
        headers=headers,
    )
    assert "interpreter" in _rule(closing, "C4", "interpreter")
    plan = client.post(f"{base}/return-plans", json={"risk_level": "high"}, headers=headers).json()
    ready = client.post(
        f"{base}/return-plans/{plan['id']}/status",
        json={"version": plan["version"], "status": "ready"},
        headers=headers,
    )
    assert "risk assessment" in _rule(ready, "C12", "risk_assessment")
    notice = client.post(
        f"{base}/origin-notices", json={"receiver": "consulate", "country": "MM"}, headers=headers
    )
    assert "objects" in _rule(notice, "C13", "objects_to_origin_notification")
    child = _create(client, headers, date_of_birth="2014-02-02")
    consent = client.post(
        f"/api/v1/cases/{child['id']}/consents",
        json={
            "purpose": "referral",
            "receiver_agency_id": str(world.agency_b.id),
            "service_types": ["shelter"],
            "data_categories": ["profile"],
            "language": "th",
            "interpreter_present": False,
        },
        headers=headers,
    )
    assert "assent" in _rule(consent, "C2", "child_assent")


def test_other_agency_gets_404_on_every_case_route_until_a_grant(
    db: Session, world: World, client: TestClient, api_as: ApiAs, make_case: CaseMaker, app: object
) -> None:
    case = make_case()
    outsider = api_as.headers(world["caseworker_b"])
    routes = [(m, p) for m, p in all_routes(app) if p.startswith("/api/v1/cases/{case_id}")]
    assert len(routes) >= 15
    for method, template in routes:
        path = template.format(
            case_id=case.id,
            item_id="C8.rights_information",
            consent_id=case.id,
            interview_id=case.id,
            plan_id=case.id,
            alert_id=case.id,
            index=0,
        )
        body = _body_for(method, template) if method != "GET" else None
        response = client.request(method, path, json=body, headers=outsider)
        assert response.status_code == 404, f"{method} {template}: {response.text}"
    owner = principal_for(world["caseworker_a"])
    row = service_consent.record_consent(
        db,
        owner,
        case.id,
        ConsentCreate(
            purpose="referral",
            receiver_agency_id=world.agency_b.id,
            service_types=("shelter",),
            data_categories=("profile",),
            language="th",
            interpreter_present=False,
        ),
    )
    service_consent.grant_access(db, owner, case.id, world.agency_b.id, row.consent_id)
    db.flush()
    opened = client.get(f"/api/v1/cases/{case.id}", headers=outsider)
    assert opened.status_code == 200 and opened.json()["view"] == "shared"
    assert opened.json()["identity"] is None  # identity not covered by the consent
    withdrawn = client.post(
        f"/api/v1/cases/{case.id}/consents/{row.consent_id}/withdraw",
        json={"reason": "changed mind"},
        headers=api_as.headers(world["caseworker_a"]),
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["state"] == "withdrawn"
    assert client.get(f"/api/v1/cases/{case.id}", headers=outsider).status_code == 404
    notes = client.get("/api/v1/notifications", headers=outsider).json()
    assert any("Consent withdrawn" in n["message"] for n in notes)


def _body_for(method: str, template: str) -> dict[str, Any]:
    """A valid body for each route, so that only the case lookup can refuse it."""
    if method == "POST" and template.endswith(("/interviews", "/return-plans")):
        return {}
    if template.endswith("/checklist/{item_id}"):
        return {"status": "done"}
    if template.endswith("/consents"):
        return {
            "purpose": "interview",
            "receiver_class": "social_welfare",
            "data_categories": ["profile"],
            "language": "th",
            "interpreter_present": False,
        }
    if template.endswith("/origin-notices"):
        return {"receiver": "consulate", "country": "MM"}
    if template.endswith("/status"):
        return {"version": 1, "status": "ready"}
    if template.endswith("/withdraw"):
        return {"reason": "no"}
    if template.endswith("/remove"):
        return {"version": 1, "reason": "duplicate"}
    if template.endswith("/resolve"):
        return {"version": 1, "custody_status": "shelter_open", "note": "Released"}
    return {"version": 1}


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_requires_the_permission(
    world: World, client: TestClient, api_as: ApiAs, make_case: CaseMaker, fmt: str
) -> None:
    make_case()
    body = {"purpose": "HTCDS pooling", "format": fmt}
    refused = client.post(
        "/api/v1/cases/export", json=body, headers=api_as.headers(world["caseworker_a"])
    )
    assert refused.status_code == 403


def test_alerts_route_lists_detention(
    world: World, client: TestClient, api_as: ApiAs, make_case: CaseMaker
) -> None:
    case = make_case(custody_status="police_cell", justice=True)
    for persona in ("caseworker_a", "prosecutor"):
        alerts = client.get("/api/v1/cases/alerts", headers=api_as.headers(world[persona])).json()
        assert [a["case_id"] for a in alerts] == [str(case.id)]
    justice = client.get(
        f"/api/v1/cases/{case.id}/justice", headers=api_as.headers(world["prosecutor"])
    )
    assert justice.status_code == 200 and justice.json()["alerts"][0]["rule"] == "C6"
    full = client.get(f"/api/v1/cases/{case.id}", headers=api_as.headers(world["prosecutor"]))
    assert full.status_code == 403


@pytest.mark.parametrize(
    ("changes", "rule", "field"),
    [
        ({"gender_preference": None}, "C5", "gender_preference"),
        ({"interviewer_gender": "male"}, "C5", "gender_mismatch_reason"),
        ({"interpreter_screening_passed": None}, "C4", "interpreter.screening_passed"),
    ],
)
def test_interview_close_rules_through_the_api(
    world: World, client: TestClient, api_as: ApiAs, changes: dict[str, Any], rule: str, field: str
) -> None:
    headers = api_as.headers(world["caseworker_a"])
    case = _create(client, headers)
    body = {
        "language": "my",
        "interviewer_languages": ["th"],
        "interviewer_gender": "female",
        "interpreter_present": True,
        "interpreter_language": "my",
        "interpreter_gender": "female",
        "interpreter_screening_passed": True,
        "gender_preference": "female",
    } | changes
    base = f"/api/v1/cases/{case['id']}/interviews"
    interview = client.post(base, json=body, headers=headers).json()
    closing = client.post(
        f"{base}/{interview['id']}/close", json={"version": interview["version"]}, headers=headers
    )
    assert _rule(closing, rule, field).startswith(rule)


def test_return_never_ready_while_risk_is_high_through_the_api(
    world: World, client: TestClient, api_as: ApiAs
) -> None:
    headers = api_as.headers(world["caseworker_a"])
    case = _create(client, headers)
    plan = {
        "risk_level": "high",
        "risk_assessed_on": "2026-03-10",
        "risk_assessed_by": "Case conference",
        "person_wish": "wishes_to_return",
        "proceedings": "none",
    }
    base = f"/api/v1/cases/{case['id']}/return-plans"
    created = client.post(base, json=plan, headers=headers).json()
    ready = client.post(
        f"{base}/{created['id']}/status",
        json={"version": created["version"], "status": "ready"},
        headers=headers,
    )
    assert "high" in _rule(ready, "C12", "risk_assessment.level")


def test_special_category_rules_through_the_api(
    db: Session, world: World, client: TestClient, api_as: ApiAs
) -> None:
    from tests.support.factories import create_user
    from titian.auth.policies import Role

    plain = create_user(db, world.agency_a, [Role.CASE_WORKER], "plain_api_worker")
    sogiesc = {"sogiesc_consent": True, "sogiesc": {"lgbtqi": True}}
    body = {"profile": _profile(**sogiesc)}
    refused = client.post("/api/v1/cases", json=body, headers=api_as.headers(plain))
    assert refused.status_code == 403 and "special-category" in refused.json()["message"]
    headers = api_as.headers(world["caseworker_a"])
    case = _create(client, headers, date_of_birth="1990-01-01")
    consent = client.post(
        f"/api/v1/cases/{case['id']}/consents",
        json={
            "purpose": "referral",
            "receiver_agency_id": str(world.agency_b.id),
            "service_types": ["shelter"],
            "data_categories": ["sogiesc"],
            "language": "th",
            "interpreter_present": False,
        },
        headers=headers,
    )
    assert "SOGIESC" in _rule(consent, "C11", "data_categories")
