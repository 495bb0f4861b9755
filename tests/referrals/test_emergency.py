"""C16's shortcut: from an interview, an emergency referral for a safe place or care now —
marked, tied to the interview, listed first until answered, audited; only for the case's owner
and only for the emergency needs (service, API and pages, on both databases)."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.referrals.conftest import Draft, Setup
from tests.support.fixtures import ApiAs, WebAs
from titian.audit.models import AuditEvent
from titian.cases import service_interviews
from titian.cases.schemas import InterviewCreate
from titian.errors import NotFound
from titian.referrals import repository, service
from titian.referrals.models import ReferralEvent
from titian.referrals.schemas import EmergencyReferralCreate
from titian.screening import service as screening
from titian.screening.schemas import ScreeningStart


def _interview(db: Session, s: Setup, plan: str | None = None) -> uuid.UUID:
    data = InterviewCreate(emergency_plan=plan)
    return service_interviews.create_interview(db, s.p("caseworker_a"), s.case.id, data).id


def _emergency(s: Setup, interview_id: uuid.UUID, need: str = "shelter") -> EmergencyReferralCreate:
    return EmergencyReferralCreate.model_validate(
        {"case_id": s.case.id, "interview_id": interview_id, "need": need, "area": "TH-10"}
    )


def test_an_emergency_referral_is_marked_tied_to_its_interview_and_audited(
    db: Session, setup: Setup
) -> None:
    interview = _interview(db, setup)
    referral = service.create_emergency_referral(
        db, setup.p("caseworker_a"), _emergency(setup, interview)
    )
    assert referral.emergency and referral.from_interview_id == interview
    assert referral.need == "shelter" and referral.state.value == "draft"
    # the ordinary matching ran: a man is offered the adult shelter, not the women's one
    assert [o["name"] for o in referral.offered] == ["Rainbow house Bangkok"]
    assert any("Women shelter" in x["name"] for x in referral.excluded)
    events = db.scalars(select(ReferralEvent).where(ReferralEvent.referral_id == referral.id))
    assert [e.action for e in events] == ["create", "emergency"]
    actions = db.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == str(referral.id)))
    assert "referral.emergency" in set(actions)


@pytest.mark.parametrize(
    ("need", "allowed"),
    [("shelter", True), ("medical", True), ("psychosocial", True), ("legal_aid", False),
     ("livelihood", False)],
)  # fmt: skip
def test_only_the_emergency_needs(need: str, allowed: bool) -> None:
    body = {"case_id": uuid.uuid4(), "interview_id": uuid.uuid4(), "need": need, "area": "TH-10"}
    if allowed:
        assert EmergencyReferralCreate.model_validate(body).need.value == need
    else:
        with pytest.raises(ValueError, match="an emergency referral is for shelter"):
            EmergencyReferralCreate.model_validate(body)


def test_the_interview_must_be_of_that_case(db: Session, setup: Setup, make_case) -> None:  # type: ignore[no-untyped-def]
    other = make_case(gender="woman")
    stray = service_interviews.create_interview(
        db, setup.p("caseworker_a"), other.id, InterviewCreate()
    ).id
    with pytest.raises(NotFound):
        service.create_emergency_referral(db, setup.p("caseworker_a"), _emergency(setup, stray))


def test_an_unanswered_emergency_comes_first(db: Session, setup: Setup, draft: Draft) -> None:
    older = draft()
    urgent = service.create_emergency_referral(
        db, setup.p("caseworker_a"), _emergency(setup, _interview(db, setup), "medical")
    )
    newer = draft()
    listed = [r.id for r in repository.list_visible(db, setup.p("caseworker_a"))]
    assert listed == [urgent.id, newer.id, older.id]


def test_the_api_twin(db: Session, setup: Setup, client: TestClient, api_as: ApiAs) -> None:
    headers = api_as.headers(setup.world["caseworker_a"])
    body = {
        "case_id": str(setup.case.id),
        "interview_id": str(_interview(db, setup)),
        "need": "legal_aid",
        "area": "TH-10",
    }
    refused = client.post("/api/v1/referrals/emergency", json=body, headers=headers)
    assert refused.status_code == 422 and "need" in refused.text
    made = client.post(
        "/api/v1/referrals/emergency", json=body | {"need": "shelter"}, headers=headers
    )
    assert made.status_code == 201, made.text
    read = made.json()
    assert read["emergency"] is True and read["from_interview_id"] == body["interview_id"]
    listed = client.get("/api/v1/referrals", headers=headers).json()
    assert listed[0]["id"] == read["id"] and listed[0]["emergency"] is True
    other = api_as.headers(setup.world["caseworker_b"])
    assert client.post("/api/v1/referrals/emergency", json=body | {"need": "shelter"},
                       headers=other).status_code == 404  # fmt: skip


def test_the_shortcut_on_the_screening_pages(
    db: Session, setup: Setup, client: TestClient, web_as: WebAs
) -> None:
    worker = setup.p("caseworker_a")
    row = screening.start_screening(db, worker, ScreeningStart(case_id=setup.case.id))
    db.flush()
    csrf = web_as.login(setup.world["caseworker_a"])
    page = client.get(f"/screening/{row.id}/step/safety")
    assert page.status_code == 200
    assert (
        "The person is in danger now" in page.text and 'action="/referrals/emergency"' in page.text
    )
    assert f'name="interview_id" value="{row.interview_id}"' in page.text
    made = client.post(
        "/referrals/emergency",
        data={
            "csrf_token": csrf,
            "case_id": str(setup.case.id),
            "interview_id": str(row.interview_id),
            "need": "shelter",
            "area": "TH-10",
        },
        follow_redirects=False,
    )
    assert made.status_code == 303
    shown = client.get(made.headers["location"])
    assert shown.status_code == 200 and "Emergency referral" in shown.text
    assert "Rainbow house Bangkok" in shown.text
    listing = client.get("/referrals")
    assert "emergency" in listing.text.lower()


def test_the_shortcut_on_each_open_interview_of_the_case(
    db: Session, setup: Setup, client: TestClient, web_as: WebAs
) -> None:
    first = _interview(db, setup, plan="call the shelter hotline")
    second = _interview(db, setup)
    web_as.login(setup.world["caseworker_a"])
    page = client.get(f"/cases/{setup.case.id}/interviews")
    assert page.status_code == 200
    assert page.text.count('action="/referrals/emergency"') == 2
    for interview in (first, second):
        assert f'name="interview_id" value="{interview}"' in page.text
        assert f'id="emergency-need-{interview}"' in page.text  # ids stay unique
    assert "call the shelter hotline" in page.text


def test_the_area_is_the_agency_s_own_or_left_to_the_worker(
    db: Session, setup: Setup, client: TestClient, web_as: WebAs
) -> None:
    """No guess: without an area of its own in the case's country, the worker says where the
    person is now (the first area of the list could be across the country)."""
    interview = _interview(db, setup)
    web_as.login(setup.world["caseworker_a"])
    setup.world.agency_a.area = None
    db.flush()
    page = client.get(f"/cases/{setup.case.id}/interviews").text
    select = page.split(f'id="emergency-area-{interview}"', 1)[1].split("</select>", 1)[0]
    assert 'name="area" required><option value="" selected disabled>Choose the area' in select
    assert select.count(" selected") == 1
    setup.world.agency_a.area = "TH-50"
    db.flush()
    page = client.get(f"/cases/{setup.case.id}/interviews").text
    select = page.split(f'id="emergency-area-{interview}"', 1)[1].split("</select>", 1)[0]
    assert 'value=""' not in select and '<option value="TH-50" selected>' in select
