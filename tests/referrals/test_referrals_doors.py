"""The acceptance through the API and the pages: identifying data without consent is refused,
with consent it is sent, after withdrawal the receiver loses access; the find-services page shows
ranked matches, exclusions with reasons and a gap banner; the inbox and the dashboard panel."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.referrals.conftest import LEGAL_AID, Setup, consent
from tests.support.fixtures import ApiAs, WebAs


def _create(client: TestClient, h: dict[str, str], s: Setup, need: str = "legal_aid") -> Any:
    body = {"case_id": str(s.case.id), "need": need, "area": "TH-10"}
    response = client.post("/api/v1/referrals", json=body, headers=h)
    assert response.status_code == 201, response.text
    return response.json()


def test_api_acceptance(db: Session, setup: Setup, client: TestClient, api_as: ApiAs) -> None:
    a, b = api_as.headers(setup.world["caseworker_a"]), api_as.headers(setup.world["caseworker_b"])
    r = _create(client, a, setup)
    assert r["offered"][0]["name"] == LEGAL_AID and r["gap"] is None
    sid = r["offered"][0]["service_id"]
    r = client.post(
        f"/api/v1/referrals/{r['id']}/choose",
        json={"service_id": sid, "version": r["version"]},
        headers=a,
    ).json()
    send = {"data_categories": ["identity", "needs"], "version": r["version"]}
    refused = client.post(f"/api/v1/referrals/{r['id']}/send", json=send, headers=a)
    assert refused.status_code == 422 and refused.json()["rule"] == "C1"
    assert client.get(f"/api/v1/cases/{setup.case.id}", headers=b).status_code == 404
    consent(db, setup)
    check = client.get(
        f"/api/v1/referrals/{r['id']}/consent-check?data_categories=identity", headers=a
    ).json()
    assert check["covered"] and not check["needs_consent"]
    sent = client.post(f"/api/v1/referrals/{r['id']}/send", json=send, headers=a)
    assert sent.status_code == 200 and sent.json()["state"] == "sent"
    assert client.get(f"/api/v1/cases/{setup.case.id}", headers=b).status_code == 200
    inbox = client.get("/api/v1/referrals?incoming=true", headers=b).json()
    assert [x["id"] for x in inbox] == [r["id"]]
    v = sent.json()["version"]
    accepted = client.post(
        f"/api/v1/referrals/{r['id']}/actions/accept", json={"version": v}, headers=b
    )
    assert accepted.status_code == 200 and accepted.json()["seconds_to_acceptance"] is not None
    w = {"reason": "safety plan changed", "version": accepted.json()["version"]}
    assert (
        client.post(f"/api/v1/referrals/{r['id']}/actions/withdraw", json=w, headers=a).status_code
        == 200
    )
    assert client.get(f"/api/v1/cases/{setup.case.id}", headers=b).status_code == 404
    assert (
        client.get(
            f"/api/v1/referrals/{r['id']}", headers=api_as.headers(setup.world["prosecutor"])
        ).status_code
        == 404
    )


def test_api_gap_is_never_an_empty_list(setup: Setup, client: TestClient, api_as: ApiAs) -> None:
    r = _create(client, api_as.headers(setup.world["caseworker_a"]), setup, need="medical")
    assert r["offered"] == [] and r["gap"]["kind"] == "no_eligible_service" and r["gap"]["text"]
    counts = client.get(
        "/api/v1/referrals/counts", headers=api_as.headers(setup.world["caseworker_a"])
    ).json()
    assert counts["not_offered"] == 1


def test_pages_find_choose_send_accept(
    db: Session, setup: Setup, client: TestClient, web_as: WebAs
) -> None:
    csrf = web_as.login(setup.world["caseworker_a"])
    page = client.get(f"/referrals/new?case_id={setup.case.id}")
    assert page.status_code == 200 and "Find services" in page.text
    made = client.post(
        "/referrals",
        data={
            "csrf_token": csrf,
            "case_id": str(setup.case.id),
            "need": "shelter",
            "area": "TH-10",
        },
        follow_redirects=False,
    )
    assert made.status_code == 303
    shelter = client.get(made.headers["location"]).text
    assert "Rainbow house Bangkok" in shelter and "Women shelter Bangkok" in shelter
    assert "women and girls only" in shelter.lower() or "gender" in shelter.lower()
    gap = client.post(
        "/referrals",
        data={
            "csrf_token": csrf,
            "case_id": str(setup.case.id),
            "need": "medical",
            "area": "TH-10",
        },
    )
    assert 'id="gap-banner"' in gap.text and "No suitable service" in gap.text
    made = client.post(
        "/referrals",
        data={
            "csrf_token": csrf,
            "case_id": str(setup.case.id),
            "need": "legal_aid",
            "area": "TH-10",
        },
        follow_redirects=False,
    )
    url = made.headers["location"]
    rid = url.rsplit("/", 1)[1]
    sid = str(setup.services[LEGAL_AID])
    client.post(f"{url}/choose", data={"csrf_token": csrf, "service_id": sid, "version": "1"})
    refused = client.post(
        f"{url}/send",
        data={"csrf_token": csrf, "data_categories": ["identity", "needs"], "version": "2"},
    )
    assert refused.status_code == 422 and "Refused (C1)" in refused.text
    consent(db, setup)
    sent = client.post(
        f"{url}/send",
        data={"csrf_token": csrf, "data_categories": ["identity", "needs"], "version": "2"},
    )
    assert sent.status_code == 200 and "sent" in sent.text
    csrf_b = web_as.login(setup.world["caseworker_b"])
    dashboard = client.get("/")
    assert "Incoming referrals awaiting an answer" in dashboard.text
    inbox = client.get("/referrals")
    assert rid in inbox.text
    accepted = client.post(
        f"/referrals/{rid}/actions/accept", data={"csrf_token": csrf_b, "version": "3"}
    )
    assert accepted.status_code == 200 and 'id="time-to-acceptance"' in accepted.text
    assert "accepted" in accepted.text
    no_reason = client.post(
        f"/referrals/{rid}/actions/decline", data={"csrf_token": csrf_b, "version": "4"}
    )
    assert no_reason.status_code == 422
