"""Pages for return plans (C12), notices to the country of origin (C13), the justice record
(correct and remove charges and milestones) and the C6 release: the rules refused with a message
naming the field, 409 shown as a clear message with the person's values kept."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.cases.conftest import CaseMaker
from tests.support.fixtures import WebAs, World
from titian.cases import repository, service
from titian.cases.models import ReturnStatus

RISK = {
    "risk_level": "low",
    "risk_assessed_on": "2026-03-10",
    "risk_assessed_by": "Case conference",
    "proceedings": "concluded",
}


def test_case_page_links_the_new_pages(
    world: World, client: TestClient, web_as: WebAs, make_case: CaseMaker
) -> None:
    case = make_case()
    web_as.login(world["caseworker_a"])
    page = client.get(f"/cases/{case.id}").text
    assert f'href="/cases/{case.id}/return-plans"' in page
    assert f'href="/cases/{case.id}/proceedings"' in page


def test_a_plan_is_set_ready_only_with_the_c12_records(
    db: Session, world: World, client: TestClient, web_as: WebAs, make_case: CaseMaker
) -> None:
    case = make_case(citizenships=["MM"])
    csrf = web_as.login(world["caseworker_a"])
    url = f"/cases/{case.id}/return-plans"
    page = client.get(url)
    assert page.status_code == 200 and 'value="MM"' in page.text  # destination from citizenship
    created = client.post(
        url,
        data={"csrf_token": csrf, "destination_country": "mm", "person_wish": "wishes_to_return"},
        follow_redirects=False,
    )
    assert created.status_code == 303
    (plan,) = repository.return_plans_of(db, case.id)
    assert plan.destination_country == "MM"
    listing = client.get(url).text
    assert "Before it can be set ready:" in listing and "C12: document a risk assessment" in listing
    refused = client.post(
        f"{url}/{plan.id}/status",
        data={"csrf_token": csrf, "version": str(plan.version), "status": "ready"},
    )
    assert refused.status_code == 422
    assert f'id="plan-{plan.id}-error"' in refused.text
    assert "C12: document a risk assessment first" in refused.text
    edit = client.get(f"{url}/{plan.id}")
    assert edit.status_code == 200 and 'name="version"' in edit.text
    saved = client.post(
        f"{url}/{plan.id}",
        data={
            "csrf_token": csrf,
            "version": str(plan.version),
            "destination_country": "MM",
            "person_wish": "wishes_to_return",
            **RISK,
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    db.refresh(plan)
    ready = client.post(
        f"{url}/{plan.id}/status",
        data={"csrf_token": csrf, "version": str(plan.version), "status": "ready"},
        follow_redirects=False,
    )
    assert ready.status_code == 303
    db.refresh(plan)
    assert plan.status == ReturnStatus.READY


def test_high_risk_is_refused_on_the_page(
    db: Session, world: World, client: TestClient, web_as: WebAs, make_case: CaseMaker
) -> None:
    case = make_case(citizenships=["MM"])
    csrf = web_as.login(world["caseworker_a"])
    url = f"/cases/{case.id}/return-plans"
    body = {"csrf_token": csrf, "person_wish": "wishes_to_return", **RISK, "risk_level": "high"}
    assert client.post(url, data=body, follow_redirects=False).status_code == 303
    (plan,) = repository.return_plans_of(db, case.id)
    refused = client.post(
        f"{url}/{plan.id}/status",
        data={"csrf_token": csrf, "version": str(plan.version), "status": "ready"},
    )
    assert refused.status_code == 422 and "the assessed risk of return is high" in refused.text


def test_bad_plan_fields_are_named_and_the_values_kept(
    world: World, client: TestClient, web_as: WebAs, make_case: CaseMaker
) -> None:
    case = make_case()
    csrf = web_as.login(world["caseworker_a"])
    response = client.post(
        f"/cases/{case.id}/return-plans",
        data={"csrf_token": csrf, "destination_country": "Myanmar", "risk_assessed_by": "Panel"},
    )
    assert response.status_code == 422
    assert 'id="destination_country-error"' in response.text
    assert 'value="Panel"' in response.text


def test_two_editors_of_a_plan_the_second_gets_409_with_their_values(
    db: Session, world: World, client: TestClient, web_as: WebAs, make_case: CaseMaker
) -> None:
    case = make_case(citizenships=["MM"])
    csrf = web_as.login(world["caseworker_a"])
    url = f"/cases/{case.id}/return-plans"
    client.post(url, data={"csrf_token": csrf}, follow_redirects=False)
    (plan,) = repository.return_plans_of(db, case.id)
    old = str(plan.version)
    first = client.post(
        f"{url}/{plan.id}",
        data={"csrf_token": csrf, "version": old, "risk_assessed_by": "First editor"},
        follow_redirects=False,
    )
    assert first.status_code == 303
    second = client.post(
        f"{url}/{plan.id}",
        data={"csrf_token": csrf, "version": old, "risk_assessed_by": "Second editor"},
    )
    assert second.status_code == 409
    assert "Someone else saved this record" in second.text and "First editor" in second.text
    assert 'value="Second editor"' in second.text
    assert f'name="version" value="{int(old) + 1}"' in second.text
    stale_status = client.post(
        f"{url}/{plan.id}/status", data={"csrf_token": csrf, "version": old, "status": "cancelled"}
    )
    assert stale_status.status_code == 409 and "changed by someone else" in stale_status.text


def test_origin_notice_only_when_the_person_does_not_object(
    db: Session, world: World, client: TestClient, web_as: WebAs, make_case: CaseMaker
) -> None:
    csrf = web_as.login(world["caseworker_a"])
    unasked = make_case(citizenships=["MM"])
    page = client.get(f"/cases/{unasked.id}/return-plans").text
    assert "No notice can be sent now." in page and 'action="/cases/' not in page.split(
        "h-notices"
    )[1].split("</section>")[0].replace(f"/cases/{unasked.id}/edit/status", "")
    body = {"csrf_token": csrf, "receiver": "consulate", "country": "MM"}
    refused = client.post(f"/cases/{unasked.id}/origin-notices", data=body)
    assert refused.status_code == 422 and "C13: ask the person first" in refused.text
    agreed = make_case(citizenships=["MM"], objects_to_origin_notification=False)
    url = f"/cases/{agreed.id}/origin-notices"
    bad = client.post(url, data=body | {"country": "Burma"})
    assert bad.status_code == 422 and 'id="notice.country-error"' in bad.text
    sent = client.post(url, data=body | {"country": "mm"}, follow_redirects=False)
    assert sent.status_code == 303
    assert [n.country for n in repository.origin_notices_of(db, agreed.id)] == ["MM"]
    assert "consulate" in client.get(f"/cases/{agreed.id}/return-plans").text


def test_other_agency_sees_no_return_page(
    world: World, client: TestClient, web_as: WebAs, make_case: CaseMaker
) -> None:
    case = make_case()
    web_as.login(world["caseworker_b"])
    assert client.get(f"/cases/{case.id}/return-plans").status_code == 404
    assert client.get(f"/cases/{case.id}/proceedings").status_code == 404


# ---------------------------------------------------------------------------------------------
# The justice record
# ---------------------------------------------------------------------------------------------


def _charged(make_case: CaseMaker) -> Any:
    return make_case(
        charges=[{"offence_type": "immigration"}, {"offence_type": "document_fraud"}],
        milestones=[{"milestone": "report", "on": "2026-03-01"}],
    )


def test_correct_and_remove_a_charge_on_the_page(
    db: Session, world: World, client: TestClient, web_as: WebAs, make_case: CaseMaker
) -> None:
    case = _charged(make_case)
    csrf = web_as.login(world["caseworker_a"])
    url = f"/cases/{case.id}/proceedings"
    page = client.get(url)
    assert (
        page.status_code == 200
        and "Correct charge 2" in page.text
        and "Remove charge 2" in page.text
    )
    fixed = client.post(
        f"/cases/{case.id}/charges/0",
        data={
            "csrf_token": csrf,
            "version": str(case.version),
            "offence_type": "immigration",
            "non_punishment_applicable": "yes",
            "outcome": "dropped",
        },
        follow_redirects=False,
    )
    assert fixed.status_code == 303 and fixed.headers["location"].endswith("#charges")
    db.expire_all()
    assert service.load_profile(db, case).charges[0].outcome == "dropped" and case.non_punishment
    no_reason = client.post(
        f"/cases/{case.id}/charges/1/remove",
        data={"csrf_token": csrf, "version": str(case.version)},
    )
    assert no_reason.status_code == 422 and 'id="reason-error"' in no_reason.text
    removed = client.post(
        f"/cases/{case.id}/charges/1/remove",
        data={"csrf_token": csrf, "version": str(case.version), "reason": "duplicate"},
        follow_redirects=False,
    )
    assert removed.status_code == 303
    db.expire_all()
    assert [c.offence_type for c in service.load_profile(db, case).charges] == ["immigration"]


def test_a_stale_justice_edit_shows_409_and_saves_nothing(
    db: Session, world: World, client: TestClient, web_as: WebAs, make_case: CaseMaker
) -> None:
    case = _charged(make_case)
    old = str(case.version)
    csrf = web_as.login(world["caseworker_a"])
    first = client.post(
        f"/cases/{case.id}/milestones/0",
        data={"csrf_token": csrf, "version": old, "milestone": "report", "on": "2026-03-02"},
        follow_redirects=False,
    )
    assert first.status_code == 303
    second = client.post(
        f"/cases/{case.id}/milestones/0",
        data={"csrf_token": csrf, "version": old, "milestone": "investigation", "on": "2026-03-09"},
    )
    assert second.status_code == 409
    assert "Someone else saved this record" in second.text and "nothing was saved" in second.text
    assert 'value="2026-03-09"' in second.text  # their value is still in the form
    db.expire_all()
    (milestone,) = service.load_profile(db, case).milestones
    assert (milestone.milestone, milestone.on.isoformat()) == ("report", "2026-03-02")


# ---------------------------------------------------------------------------------------------
# C6: record the release on the case page
# ---------------------------------------------------------------------------------------------


def test_record_the_release_on_the_case_page(
    db: Session, world: World, client: TestClient, web_as: WebAs, make_case: CaseMaker
) -> None:
    case = make_case(custody_status="immigration_detention")
    (alert,) = repository.open_alerts(db, [case.id])
    csrf = web_as.login(world["caseworker_a"])
    page = client.get(f"/cases/{case.id}").text
    assert "Record the release (resolves this alert)" in page
    url = f"/cases/{case.id}/alerts/{alert.id}/resolve"
    body = {"csrf_token": csrf, "version": str(case.version), "custody_status": "shelter_open"}
    no_note = client.post(url, data=body)
    assert no_note.status_code == 422 and 'id="note-error"' in no_note.text
    assert (
        "Record the release" in no_note.text
        and '<details class="card release" open' in no_note.text
    )
    stale = client.post(url, data=body | {"note": "Released", "version": str(case.version - 1)})
    assert stale.status_code == 409 and 'id="version-error"' in stale.text
    done = client.post(url, data=body | {"note": "Released to the shelter"}, follow_redirects=False)
    assert done.status_code == 303
    after = client.get(f"/cases/{case.id}").text
    assert "Record the release (resolves this alert)" not in after
    assert repository.open_alerts(db, [case.id]) == []
    dashboard = client.get("/").text
    assert case.number not in dashboard or "Victims in detention (C6)" not in dashboard
