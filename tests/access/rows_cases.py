"""Access-matrix rows of the cases and notifications areas.

Cases are created lazily, once per test world, through the services (owned by agency A, with the
Thai prosecution as justice focal point). Within the owner's agency, a user whose role gives no
case permission does not see the case at all (404): cases are scoped by permission, not only by
agency.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.orm import Session, object_session

from tests.access.matrix import Row
from tests.support.fixtures import World
from titian.auth.models import Membership
from titian.auth.service import principal_for
from titian.cases import (
    repository,
    service,
    service_consent,
    service_interviews,
    service_justice,
)
from titian.cases.models import Case
from titian.cases.profile import CaseProfile
from titian.cases.schemas import CaseCreate, ConsentCreate, InterviewCreate, ReturnPlanCreate
from titian.notifications import service as notifications

PROFILE: dict[str, Any] = {
    "gender": "woman",
    "date_of_birth": "1990-04-04",
    "preferred_language": "my",
    "citizenship_status": "known",
    "citizenships": ["MM"],
    "identification_status": "presumed",
    "custody_status": "shelter_open",
    "objects_to_origin_notification": False,
}
COMPLETE_INTERVIEW: dict[str, Any] = {
    "language": "my",
    "interviewer_languages": ["my"],
    "interviewer_gender": "female",
    "gender_preference": "female",
}
READY_PLAN: dict[str, Any] = {
    "risk_level": "low",
    "risk_assessed_on": "2026-03-10",
    "risk_assessed_by": "Case conference",
    "person_wish": "wishes_to_return",
    "proceedings": "concluded",
}


def _db(w: World) -> Session:
    session = object_session(w.agency_a)
    assert session is not None
    return session


def _cache(w: World, key: str, make: Any) -> Any:
    store: dict[str, Any] = w.__dict__.setdefault("_cases_rows", {})
    if key not in store:
        store[key] = make()
        _db(w).flush()
    return store[key]


def case(w: World) -> Case:
    def make() -> Case:
        data = CaseCreate(
            profile=CaseProfile.model_validate(PROFILE),
            identified_on=date(2026, 3, 2),
            justice_agency_id=w.justice.id,
        )
        return service.create_case(_db(w), principal_for(w["caseworker_a"]), data)

    found: Case = _cache(w, "case", make)
    return found


def _consent_id(w: World) -> uuid.UUID:
    def make() -> uuid.UUID:
        data = ConsentCreate(
            purpose="referral",
            receiver_agency_id=w.agency_b.id,
            service_types=("shelter",),
            data_categories=("profile",),
            language="my",
            interpreter_present=True,
        )
        owner = principal_for(w["caseworker_a"])
        return service_consent.record_consent(_db(w), owner, case(w).id, data).consent_id

    found: uuid.UUID = _cache(w, "consent", make)
    return found


def _interview(w: World) -> Any:
    data = InterviewCreate.model_validate(COMPLETE_INTERVIEW)
    owner = principal_for(w["caseworker_a"])
    return _cache(
        w, "interview", lambda: service_interviews.create_interview(_db(w), owner, case(w).id, data)
    )


def _plan(w: World) -> Any:
    data = ReturnPlanCreate.model_validate(READY_PLAN)
    owner = principal_for(w["caseworker_a"])
    return _cache(
        w, "plan", lambda: service_justice.create_return_plan(_db(w), owner, case(w).id, data)
    )


DETAINED: dict[str, Any] = PROFILE | {
    "custody_status": "police_cell",
    "charges": [{"offence_type": "immigration", "non_punishment_applicable": True}],
    "milestones": [{"milestone": "report", "on": "2026-03-01"}],
}


def detained(w: World) -> Case:
    """A second case of agency A: a presumed victim in a police cell (an open C6 alert), with a
    charge and a milestone to correct or remove."""

    def make() -> Case:
        data = CaseCreate(
            profile=CaseProfile.model_validate(DETAINED), identified_on=date(2026, 3, 2)
        )
        return service.create_case(_db(w), principal_for(w["caseworker_a"]), data)

    found: Case = _cache(w, "detained", make)
    return found


def _alert_id(w: World) -> uuid.UUID:
    return repository.open_alerts(_db(w), [detained(w).id])[0].id


def _d(suffix: str, api: bool = True) -> Any:
    root = "/api/v1/cases" if api else "/cases"
    return lambda w: f"{root}/{detained(w).id}{suffix}"


def _detained_version(w: World) -> dict[str, Any]:
    return {"version": detained(w).version}


def _notification(w: World) -> uuid.UUID:
    return _cache(
        w,
        "notification",
        lambda: notifications.notify_agency(_db(w), w.agency_a.id, "test", "A test notice").id,
    )


def _with_export_grant(w: World) -> dict[str, Any]:
    """The export needs a grant no persona holds by default: give it to caseworker_a."""
    for membership in w["caseworker_a"].memberships:
        membership.grants = "cases.export,cases.special_category"
    _db(w).flush()
    assert isinstance(w["caseworker_a"].memberships[0], Membership)
    return {"purpose": "HTCDS pooling test", "format": "csv"}


def _c(suffix: str = "") -> Any:
    return lambda w: f"/api/v1/cases/{case(w).id}{suffix}"


def _w(suffix: str = "") -> Any:
    return lambda w: f"/cases/{case(w).id}{suffix}"


def _version(w: World) -> dict[str, Any]:
    return {"version": case(w).version}


CASE_BODY: dict[str, Any] = {"profile": PROFILE, "identity": {"given_name": "Matrix Demo"}}
CONSENT_BODY: dict[str, Any] = {
    "purpose": "interview",
    "receiver_class": "social_welfare",
    "data_categories": ["profile"],
    "language": "my",
    "interpreter_present": True,
}
SCOPED = "the list is scoped to the cases the caller may see"
OWNER = ("caseworker_b", "norole_a", "caseworker_a")

API: list[Row] = [
    Row(
        "GET",
        "/api/v1/cases",
        lambda w: "/api/v1/cases",
        401,
        None,
        None,
        200,
        personas=OWNER,
        why=SCOPED,
    ),
    Row(
        "POST",
        "/api/v1/cases",
        lambda w: "/api/v1/cases",
        401,
        None,
        403,
        201,
        body=lambda w: CASE_BODY,
        personas=OWNER,
        why="a case is always opened in the caller's own agency",
    ),
    Row(
        "GET",
        "/api/v1/cases/alerts",
        lambda w: "/api/v1/cases/alerts",
        401,
        None,
        None,
        200,
        personas=OWNER,
        why=SCOPED,
    ),
    Row(
        "POST",
        "/api/v1/cases/export",
        lambda w: "/api/v1/cases/export",
        401,
        None,
        403,
        200,
        body=_with_export_grant,
        personas=OWNER,
        why="only the caller's own agency's cases are exported",
    ),
    Row("GET", "/api/v1/cases/{case_id}", _c(), 401, 404, 404, 200, personas=OWNER),
    Row(
        "PATCH", "/api/v1/cases/{case_id}", _c(), 401, 404, 404, 200, personas=OWNER, body=_version
    ),
    Row(
        "GET",
        "/api/v1/cases/{case_id}/justice",
        _c("/justice"),
        401,
        404,
        404,
        200,
        personas=("caseworker_b", "norole_a", "prosecutor"),
    ),
    Row(
        "GET",
        "/api/v1/cases/{case_id}/checklist",
        _c("/checklist"),
        401,
        404,
        404,
        200,
        personas=OWNER,
    ),
    Row(
        "POST",
        "/api/v1/cases/{case_id}/checklist/{item_id}",
        _c("/checklist/C8.rights_information"),
        401,
        404,
        404,
        200,
        personas=OWNER,
        body=lambda w: {"status": "done"},
    ),
    Row(
        "GET",
        "/api/v1/cases/{case_id}/consents",
        _c("/consents"),
        401,
        404,
        404,
        200,
        personas=OWNER,
    ),
    Row(
        "POST",
        "/api/v1/cases/{case_id}/consents",
        _c("/consents"),
        401,
        404,
        404,
        201,
        personas=OWNER,
        body=lambda w: CONSENT_BODY,
    ),
    Row(
        "POST",
        "/api/v1/cases/{case_id}/consents/{consent_id}/withdraw",
        lambda w: f"/api/v1/cases/{case(w).id}/consents/{_consent_id(w)}/withdraw",
        401,
        404,
        404,
        200,
        personas=OWNER,
        body=lambda w: {"reason": "changed mind"},
    ),
    Row(
        "GET",
        "/api/v1/cases/{case_id}/interviews",
        _c("/interviews"),
        401,
        404,
        404,
        200,
        personas=OWNER,
    ),
    Row(
        "POST",
        "/api/v1/cases/{case_id}/interviews",
        _c("/interviews"),
        401,
        404,
        404,
        201,
        personas=OWNER,
        body=lambda w: COMPLETE_INTERVIEW,
    ),
    Row(
        "PATCH",
        "/api/v1/cases/{case_id}/interviews/{interview_id}",
        lambda w: f"/api/v1/cases/{case(w).id}/interviews/{_interview(w).id}",
        401,
        404,
        404,
        200,
        personas=OWNER,
        body=lambda w: {"version": _interview(w).version, **COMPLETE_INTERVIEW},
    ),
    Row(
        "POST",
        "/api/v1/cases/{case_id}/interviews/{interview_id}/close",
        lambda w: f"/api/v1/cases/{case(w).id}/interviews/{_interview(w).id}/close",
        401,
        404,
        404,
        200,
        personas=OWNER,
        body=lambda w: {"version": _interview(w).version},
    ),
    Row(
        "GET",
        "/api/v1/cases/{case_id}/return-plans",
        _c("/return-plans"),
        401,
        404,
        404,
        200,
        personas=OWNER,
    ),
    Row(
        "POST",
        "/api/v1/cases/{case_id}/return-plans",
        _c("/return-plans"),
        401,
        404,
        404,
        201,
        personas=OWNER,
        body=lambda w: READY_PLAN,
    ),
    Row(
        "PATCH",
        "/api/v1/cases/{case_id}/return-plans/{plan_id}",
        lambda w: f"/api/v1/cases/{case(w).id}/return-plans/{_plan(w).id}",
        401,
        404,
        404,
        200,
        personas=OWNER,
        body=lambda w: {"version": _plan(w).version, "destination_country": "MM"},
    ),
    Row(
        "POST",
        "/api/v1/cases/{case_id}/return-plans/{plan_id}/status",
        lambda w: f"/api/v1/cases/{case(w).id}/return-plans/{_plan(w).id}/status",
        401,
        404,
        404,
        200,
        personas=OWNER,
        body=lambda w: {"version": _plan(w).version, "status": "ready"},
    ),
    Row(
        "POST",
        "/api/v1/cases/{case_id}/origin-notices",
        _c("/origin-notices"),
        401,
        404,
        404,
        201,
        personas=OWNER,
        body=lambda w: {"receiver": "consulate", "country": "MM"},
    ),
    Row(
        "GET",
        "/api/v1/cases/{case_id}/origin-notices",
        _c("/origin-notices"),
        401,
        404,
        404,
        200,
        personas=OWNER,
    ),
    Row(
        "GET",
        "/api/v1/cases/{case_id}/proceedings",
        _d("/proceedings"),
        401,
        404,
        404,
        200,
        personas=OWNER,
    ),
    Row(
        "PATCH",
        "/api/v1/cases/{case_id}/charges/{index}",
        _d("/charges/0"),
        401,
        404,
        404,
        200,
        personas=OWNER,
        body=lambda w: _detained_version(w) | {"outcome": "dropped"},
    ),
    Row(
        "POST",
        "/api/v1/cases/{case_id}/charges/{index}/remove",
        _d("/charges/0/remove"),
        401,
        404,
        404,
        200,
        personas=OWNER,
        body=lambda w: _detained_version(w) | {"reason": "entered_in_error"},
    ),
    Row(
        "PATCH",
        "/api/v1/cases/{case_id}/milestones/{index}",
        _d("/milestones/0"),
        401,
        404,
        404,
        200,
        personas=OWNER,
        body=lambda w: _detained_version(w) | {"on": "2026-03-02"},
    ),
    Row(
        "POST",
        "/api/v1/cases/{case_id}/milestones/{index}/remove",
        _d("/milestones/0/remove"),
        401,
        404,
        404,
        200,
        personas=OWNER,
        body=lambda w: _detained_version(w) | {"reason": "duplicate"},
    ),
    Row(
        "POST",
        "/api/v1/cases/{case_id}/alerts/{alert_id}/resolve",
        lambda w: f"/api/v1/cases/{detained(w).id}/alerts/{_alert_id(w)}/resolve",
        401,
        404,
        404,
        200,
        personas=OWNER,
        body=lambda w: (
            _detained_version(w)
            | {"custody_status": "shelter_open", "note": "Released to the shelter"}
        ),
    ),
    Row(
        "GET",
        "/api/v1/notifications",
        lambda w: "/api/v1/notifications",
        401,
        None,
        None,
        200,
        personas=OWNER,
        why="the caller's own agency's and own notifications",
    ),
    Row(
        "POST",
        "/api/v1/notifications/{notification_id}/read",
        lambda w: f"/api/v1/notifications/{_notification(w)}/read",
        401,
        404,
        None,
        200,
        personas=OWNER,
        why="any member of the agency may mark its notices read",
    ),
]

NO_CASE_ROLE = ("caseworker_b", "admin_a", "caseworker_a")

WEB: list[Row] = [
    Row(
        "GET", "/cases", lambda w: "/cases", 303, None, 403, 200, personas=NO_CASE_ROLE, why=SCOPED
    ),
    Row(
        "GET",
        "/cases/new",
        lambda w: "/cases/new",
        303,
        None,
        403,
        200,
        personas=NO_CASE_ROLE,
        why="opened in the caller's own agency",
    ),
    Row(
        "POST",
        "/cases",
        lambda w: "/cases",
        303,
        None,
        403,
        303,
        personas=NO_CASE_ROLE,
        form=lambda w: {"identity.given_name": "Matrix Demo"},
        why="opened in the caller's own agency",
    ),
    Row("GET", "/cases/{case_id}", _w(), 303, 404, 404, 200, personas=OWNER),
    Row(
        "GET",
        "/cases/{case_id}/edit/{step_key}",
        _w("/edit/person"),
        303,
        404,
        404,
        200,
        personas=OWNER,
    ),
    Row(
        "POST",
        "/cases/{case_id}/edit/{step_key}",
        _w("/edit/person"),
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {"version": str(case(w).version), "preferred_language": "my"},
    ),
    Row(
        "GET",
        "/cases/{case_id}/justice",
        _w("/justice"),
        303,
        404,
        404,
        200,
        personas=("caseworker_b", "norole_a", "prosecutor"),
    ),
    Row("GET", "/cases/{case_id}/checklist", _w("/checklist"), 303, 404, 404, 200, personas=OWNER),
    Row(
        "POST",
        "/cases/{case_id}/checklist",
        _w("/checklist"),
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {"item_id": "C8.rights_information", "status": "done"},
    ),
    Row("GET", "/cases/{case_id}/consents", _w("/consents"), 303, 404, 404, 200, personas=OWNER),
    Row(
        "POST",
        "/cases/{case_id}/consents",
        _w("/consents"),
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {
            "purpose": "interview",
            "receiver_class": "social_welfare",
            "data_categories": "profile",
            "language": "my",
        },
    ),
    Row(
        "POST",
        "/cases/{case_id}/consents/{consent_id}/withdraw",
        lambda w: f"/cases/{case(w).id}/consents/{_consent_id(w)}/withdraw",
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {"reason": "changed mind"},
    ),
    Row(
        "GET",
        "/cases/{case_id}/interviews",
        _w("/interviews"),
        303,
        404,
        404,
        200,
        personas=OWNER,
    ),
    Row(
        "POST",
        "/cases/{case_id}/interviews",
        _w("/interviews"),
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {"language": "my", "interviewer_languages": "my"},
    ),
    Row(
        "POST",
        "/cases/{case_id}/interviews/{interview_id}/close",
        lambda w: f"/cases/{case(w).id}/interviews/{_interview(w).id}/close",
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {"version": str(_interview(w).version)},
    ),
    Row(
        "GET",
        "/cases/{case_id}/return-plans",
        _w("/return-plans"),
        303,
        404,
        404,
        200,
        personas=OWNER,
    ),
    Row(
        "POST",
        "/cases/{case_id}/return-plans",
        _w("/return-plans"),
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {"destination_country": "MM"},
    ),
    Row(
        "GET",
        "/cases/{case_id}/return-plans/{plan_id}",
        lambda w: f"/cases/{case(w).id}/return-plans/{_plan(w).id}",
        303,
        404,
        404,
        200,
        personas=OWNER,
    ),
    Row(
        "POST",
        "/cases/{case_id}/return-plans/{plan_id}",
        lambda w: f"/cases/{case(w).id}/return-plans/{_plan(w).id}",
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {"version": str(_plan(w).version), **READY_PLAN},
    ),
    Row(
        "POST",
        "/cases/{case_id}/return-plans/{plan_id}/status",
        lambda w: f"/cases/{case(w).id}/return-plans/{_plan(w).id}/status",
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {"version": str(_plan(w).version), "status": "ready"},
    ),
    Row(
        "POST",
        "/cases/{case_id}/origin-notices",
        _w("/origin-notices"),
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {"receiver": "consulate", "country": "MM"},
    ),
    Row(
        "GET",
        "/cases/{case_id}/proceedings",
        _d("/proceedings", api=False),
        303,
        404,
        404,
        200,
        personas=OWNER,
    ),
    Row(
        "POST",
        "/cases/{case_id}/charges/{index}",
        _d("/charges/0", api=False),
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {
            "version": str(detained(w).version),
            "offence_type": "immigration",
            "outcome": "dropped",
        },
    ),
    Row(
        "POST",
        "/cases/{case_id}/charges/{index}/remove",
        _d("/charges/0/remove", api=False),
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {"version": str(detained(w).version), "reason": "duplicate"},
    ),
    Row(
        "POST",
        "/cases/{case_id}/milestones/{index}",
        _d("/milestones/0", api=False),
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {
            "version": str(detained(w).version),
            "milestone": "report",
            "on": "2026-03-02",
        },
    ),
    Row(
        "POST",
        "/cases/{case_id}/milestones/{index}/remove",
        _d("/milestones/0/remove", api=False),
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {"version": str(detained(w).version), "reason": "entered_in_error"},
    ),
    Row(
        "POST",
        "/cases/{case_id}/alerts/{alert_id}/resolve",
        lambda w: f"/cases/{detained(w).id}/alerts/{_alert_id(w)}/resolve",
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {
            "version": str(detained(w).version),
            "custody_status": "shelter_open",
            "note": "Released to the shelter",
        },
    ),
    Row(
        "GET",
        "/notifications",
        lambda w: "/notifications",
        303,
        None,
        None,
        200,
        why="the caller's own notifications",
    ),
    Row(
        "POST",
        "/notifications/{notification_id}/read",
        lambda w: f"/notifications/{_notification(w)}/read",
        303,
        404,
        None,
        303,
        personas=OWNER,
        why="any member of the agency may mark its notices read",
    ),
]
