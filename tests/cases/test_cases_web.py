"""Case pages: create, edit a step, 409 with the user's values kept, consent, checklist, panels."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.cases.conftest import CaseMaker
from tests.support.fixtures import WebAs, World
from titian.cases import service
from titian.cases.models import Case


def test_create_then_edit_steps(
    db: Session, world: World, client: TestClient, web_as: WebAs
) -> None:
    csrf = web_as.login(world["caseworker_a"])
    assert client.get("/cases/new").status_code == 200
    created = client.post(
        "/cases",
        data={
            "csrf_token": csrf,
            "identity.given_name": "Zephyrine",
            "date_of_birth": "2010-01-02",
        },
        follow_redirects=False,
    )
    assert created.status_code == 303 and created.headers["location"].endswith("/edit/person")
    page = client.get(created.headers["location"])
    assert page.status_code == 200 and "Preferred language" in page.text
    case = db.query(Case).one()
    saved = client.post(
        created.headers["location"],
        data={
            "csrf_token": csrf,
            "version": str(case.version),
            "gender": "man",
            "preferred_language": "ksw",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"].endswith("/edit/functioning")
    db.expire_all()
    profile = service.load_profile(db, case)
    assert (profile.gender, profile.preferred_language) == ("man", "ksw")
    shown = client.get(f"/cases/{case.id}")
    assert "Zephyrine" in shown.text and case.number in shown.text
    listing = client.get("/cases?gender=man")
    assert case.number in listing.text


def test_bad_language_is_shown_next_to_the_field(
    world: World, client: TestClient, web_as: WebAs, make_case: CaseMaker
) -> None:
    case = make_case()
    csrf = web_as.login(world["caseworker_a"])
    response = client.post(
        f"/cases/{case.id}/edit/person",
        data={
            "csrf_token": csrf,
            "version": str(case.version),
            "preferred_language": "zz-notalang",
        },
    )
    assert response.status_code == 422
    assert 'id="preferred_language-error"' in response.text


def test_second_editor_sees_409_and_keeps_their_values(
    world: World, client: TestClient, web_as: WebAs, make_case: CaseMaker
) -> None:
    case = make_case()
    old = str(case.version)
    csrf = web_as.login(world["caseworker_a"])
    first = client.post(
        f"/cases/{case.id}/edit/person",
        data={"csrf_token": csrf, "version": old, "preferred_language": "th", "pronouns": "she"},
        follow_redirects=False,
    )
    assert first.status_code == 303
    second = client.post(
        f"/cases/{case.id}/edit/person",
        data={"csrf_token": csrf, "version": old, "preferred_language": "th", "pronouns": "they"},
    )
    assert second.status_code == 409
    assert "Someone else saved this record" in second.text
    assert 'value="they"' in second.text  # their own value is still in the form
    assert f'name="version" value="{int(old) + 1}"' in second.text


def test_consent_screen_and_checklist_page(
    world: World, client: TestClient, web_as: WebAs, make_case: CaseMaker
) -> None:
    case = make_case(date_of_birth="2012-05-05")
    csrf = web_as.login(world["caseworker_a"])
    page = client.get(f"/cases/{case.id}/consents")
    assert page.status_code == 200 and "assent and the adult decision" in page.text
    form = {
        "csrf_token": csrf,
        "purpose": "referral",
        "receiver_agency_id": str(world.agency_b.id),
        "service_types": "shelter",
        "data_categories": "profile",
        "language": "th",
    }
    refused = client.post(f"/cases/{case.id}/consents", data=form)
    assert refused.status_code == 422 and "assent" in refused.text
    form |= {"child_assent": "given", "best_interests_by": "Child protection panel"}
    recorded = client.post(f"/cases/{case.id}/consents", data=form, follow_redirects=False)
    assert recorded.status_code == 303
    assert "Withdraw" in client.get(f"/cases/{case.id}/consents").text
    checklist = client.get(f"/cases/{case.id}/checklist")
    assert checklist.status_code == 200 and "child" in checklist.text
    done = client.post(
        f"/cases/{case.id}/checklist",
        data={"csrf_token": csrf, "item_id": "child.guardian", "status": "done"},
        follow_redirects=False,
    )
    assert done.status_code == 303


def test_dashboard_shows_detention_alert_to_owner_and_justice(
    world: World, client: TestClient, web_as: WebAs, make_case: CaseMaker
) -> None:
    case = make_case(custody_status="prison", justice=True)
    for persona in ("caseworker_a", "prosecutor"):
        web_as.login(world[persona])
        page = client.get("/")
        assert "Victims in detention (C6)" in page.text and case.number in page.text
    assert "urgency-2" in page.text
    justice = client.get(f"/cases/{case.id}/justice")
    assert justice.status_code == 200 and "Justice view" in justice.text
    web_as.login(world["caseworker_b"])
    assert case.number not in client.get("/").text
    assert client.get(f"/cases/{case.id}").status_code == 404


def test_interview_page_refuses_closing_with_the_rule(
    db: Session, world: World, client: TestClient, web_as: WebAs, make_case: CaseMaker
) -> None:
    case = make_case()
    csrf = web_as.login(world["caseworker_a"])
    assert client.get(f"/cases/{case.id}/interviews").status_code == 200
    created = client.post(
        f"/cases/{case.id}/interviews",
        data={"csrf_token": csrf, "language": "my", "interviewer_languages": "th"},
        follow_redirects=False,
    )
    assert created.status_code == 303
    from titian.cases import repository

    interview = repository.interviews_of(db, case.id)[0]
    refused = client.post(
        f"/cases/{case.id}/interviews/{interview.id}/close",
        data={"csrf_token": csrf, "version": str(interview.version)},
    )
    assert refused.status_code == 422 and "C4: the interviewer does not speak my" in refused.text


def test_a_case_page_in_thai_shows_its_vocabulary_in_thai(
    world: World, client: TestClient, web_as: WebAs, make_case: CaseMaker
) -> None:
    """Values of the case vocabularies are terms, translated in their vocabulary's context
    (docs/translations.md, "Terms"), not system names with the underscores replaced."""
    case = make_case(custody_status="police_cell", identification_status="presumed")
    web_as.login(world["caseworker_a"])
    english = client.get(f"/cases/{case.id}").text
    assert "police cell" in english and "presumed victim" in english
    client.cookies.set("titian_locale", "th")
    page = client.get(f"/cases/{case.id}").text
    assert "<dd>ห้องขังของตำรวจ</dd>" in page  # cases.CustodyStatus "police cell"
    assert "<dd>ผู้ที่สันนิษฐานว่าเป็นผู้เสียหาย</dd>" in page  # "presumed victim"
    assert "<dd>police cell</dd>" not in page and "police_cell" not in page
    listed = client.get("/cases").text
    assert re.search(r'<option value="presumed"\s*>ผู้ที่สันนิษฐานว่าเป็นผู้เสียหาย</option>', listed)
    step = client.get(f"/cases/{case.id}/edit/justice")
    assert step.status_code == 200
    assert "การกักตัวของตรวจคนเข้าเมือง" in step.text  # an option: "immigration detention"
    assert 'value="immigration_detention"' in step.text  # the value posted stays the same
