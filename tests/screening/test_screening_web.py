"""The guided pages through the test client: autosave (HTMX), resume, finish, result page."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.screening.conftest import PRESUMED, CaseMaker
from tests.support.fixtures import WebAs, World
from titian.screening.models import ScreeningSession


def _start(client: TestClient, csrf: str, case_id: str) -> str:
    response = client.post(
        "/screening", data={"csrf_token": csrf, "case_id": case_id}, follow_redirects=False
    )
    assert response.status_code == 303
    return str(response.headers["location"])


def test_autosave_resume_and_a_presumed_result(
    client: TestClient, web_as: WebAs, world: World, db: Session, make_case: CaseMaker
) -> None:
    case = make_case()
    csrf = web_as.login(world["caseworker_a"])
    url = _start(client, csrf, str(case.id))
    first = client.get(url, follow_redirects=False)
    assert first.headers["location"].endswith("/step/safety")
    step = first.headers["location"]
    page = client.get(step)
    assert "Safety and language" in page.text and 'hx-post="' in page.text
    safety = {
        "csrf_token": csrf,
        "version": "1",
        "interview_version": "1",
        "language": "th",
        "interviewer_languages": "th",
        "interviewer_gender": "female",
        "gender_preference": "female",
        "safe_location_checked": "yes",
        "risk_assessed": "yes",
    }
    saved = client.post(step, data=safety, headers={"HX-Request": "true"})
    assert saved.status_code == 200 and "Saved" in saved.text
    assert 'hx-swap-oob="true"' in saved.text
    # "Next" with the page's old versions still saves (nothing submitted differs).
    moved = client.post(step, data={**safety, "next": "1"}, follow_redirects=False)
    assert moved.status_code == 303, moved.text[
        moved.text.find("alert-error") : moved.text.find("alert-error") + 600
    ]
    assert moved.headers["location"].endswith("/step/about")
    about = {"csrf_token": csrf, "version": "3", "exploitation_kind": "labour", "age": "30"}
    about |= {"migration_status": "irregular_migrant", "acts": "recruitment", "next": "1"}
    client.post(moved.headers["location"], data=about)
    base = url
    row = db.get(ScreeningSession, uuid.UUID(base.rsplit("/", 1)[1]))
    assert row is not None
    db.refresh(row)
    assert row.current_step == "D1" and row.age == 30
    for dim in ("D1", "D4", "D5"):
        db.refresh(row)
        answers = {f"answer.{k}": v for k, v in PRESUMED.items() if k.startswith(dim.lower())}
        r = client.post(
            f"{base}/step/{dim}",
            data={"csrf_token": csrf, "version": str(row.version), **answers},
            headers={"HX-Request": "true"},
        )
        assert "Saved" in r.text, r.text
    resumed = client.get(base, follow_redirects=False)
    assert resumed.headers["location"].endswith("/step/D5")  # a refresh resumes here
    d5 = client.get(f"{base}/step/D5")
    assert 'value="yes" checked' in d5.text
    db.refresh(row)
    review = client.get(f"{base}/step/review")
    assert "answered" in review.text
    done = client.post(
        f"{base}/finish",
        data={"csrf_token": csrf, "version": str(row.version)},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text[:500]
    result = client.get(f"{base}/result")
    assert "Presumed victim" in result.text
    assert "not a legal determination" in result.text
    assert "still to verify" in result.text
    assert "/checklist" in result.text


def test_finish_refused_shows_the_rule_and_an_incomplete_list_is_said_plainly(
    client: TestClient, web_as: WebAs, world: World, db: Session, make_case: CaseMaker
) -> None:
    csrf = web_as.login(world["caseworker_a"])
    url = _start(client, csrf, str(make_case().id))
    base = url
    sid = base.rsplit("/", 1)[1]
    row = db.get(ScreeningSession, uuid.UUID(sid))
    assert row is not None
    client.post(
        f"{base}/step/about",
        data={
            "csrf_token": csrf,
            "version": str(row.version),
            "exploitation_kind": "sexual",
            "age": "25",
        },
    )
    db.refresh(row)
    page = client.get(f"{base}/step/D5")
    assert "INCOMPLETE" in page.text
    refused = client.post(f"{base}/finish", data={"csrf_token": csrf, "version": str(row.version)})
    assert refused.status_code == 422
    assert "C4" in refused.text
    stopped = client.post(f"{base}/stop", data={"csrf_token": csrf}, follow_redirects=False)
    assert stopped.status_code == 303
    result = client.get(f"{base}/result")
    assert "stopped the interview" in result.text
    assert "INCOMPLETE" in result.text


def test_a_new_case_can_be_opened_for_a_screening(
    client: TestClient, web_as: WebAs, world: World
) -> None:
    csrf = web_as.login(world["caseworker_a"])
    url = _start(client, csrf, "new")
    assert client.get(url).status_code == 200
    listing = client.get("/screening")
    assert "Start the screening" in listing.text
