"""Access-matrix rows of the screening area.

A screening belongs to a case of agency A (created lazily through the services, once per test
world). Only users with the screening permission in the case's owning agency see it; anyone
else gets 404 (other agencies, and members of A whose role does not screen).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session, object_session

from tests.access.matrix import Row
from tests.support.fixtures import World
from titian.auth.service import principal_for
from titian.cases import repository as case_repository
from titian.cases import service as case_service
from titian.cases.models import Case
from titian.cases.schemas import CaseCreate
from titian.screening import service
from titian.screening.models import ScreeningSession
from titian.screening.schemas import ScreeningStart

OWNER = ("caseworker_b", "norole_a", "caseworker_a")
OPEN = "the caller's own agency; the list is scoped"
SAFE = {
    "language": "th",
    "interviewer_languages": ["th"],
    "interviewer_gender": "female",
    "gender_preference": "female",
}


def _db(w: World) -> Session:
    session = object_session(w.agency_a)
    assert session is not None
    return session


def _case(w: World) -> Case:
    store: dict[str, Any] = w.__dict__.setdefault("_screening_rows", {})
    if "case" not in store:
        owner = principal_for(w["caseworker_a"])
        store["case"] = case_service.create_case(_db(w), owner, CaseCreate())
        _db(w).flush()
    found: Case = store["case"]
    return found


def _screening(w: World) -> ScreeningSession:
    store: dict[str, Any] = w.__dict__.setdefault("_screening_rows", {})
    if "screening" not in store:
        owner = principal_for(w["caseworker_a"])
        row = service.start_screening(_db(w), owner, ScreeningStart(case_id=_case(w).id, age=30))
        interview = case_repository.get_interview(_db(w), row.case_id, row.interview_id)
        for name, value in SAFE.items():
            setattr(interview, name, value)
        _db(w).flush()
        store["screening"] = row
    found: ScreeningSession = store["screening"]
    return found


def _s(suffix: str = "", api: bool = True) -> Any:
    base = "/api/v1/screening" if api else "/screening"
    return lambda w: f"{base}/{_screening(w).id}{suffix}"


def _version(w: World) -> dict[str, Any]:
    return {"version": _screening(w).version}


def _interview_body(w: World) -> dict[str, Any]:
    row = _screening(w)
    interview = case_repository.get_interview(_db(w), row.case_id, row.interview_id)
    return {**SAFE, "version": interview.version, "safe_location_checked": True}


API: list[Row] = [
    Row(
        "GET",
        "/api/v1/screening/catalogues",
        lambda w: "/api/v1/screening/catalogues",
        401,
        None,
        None,
        200,
        why="the shipped lists are public configuration",
    ),
    Row(
        "POST",
        "/api/v1/screening/score",
        lambda w: "/api/v1/screening/score",
        401,
        None,
        403,
        200,
        personas=OWNER,
        body=lambda w: {"exploitation_kind": "labour", "age": 30, "observed": ["d4.hazardous"]},
        why="nothing stored: scores the body only",
    ),
    Row(
        "GET",
        "/api/v1/screening",
        lambda w: "/api/v1/screening",
        401,
        None,
        403,
        200,
        personas=OWNER,
        why=OPEN,
    ),
    Row(
        "POST",
        "/api/v1/screening",
        lambda w: "/api/v1/screening",
        401,
        404,
        404,
        201,
        personas=OWNER,
        body=lambda w: {"case_id": str(_case(w).id)},
    ),
    Row(
        "GET",
        "/api/v1/screening/compare",
        lambda w: f"/api/v1/screening/compare?case_id={_screening(w).case_id}",
        401,
        404,
        404,
        200,
        personas=OWNER,
    ),
    Row("GET", "/api/v1/screening/{screening_id}", _s(), 401, 404, 404, 200, personas=OWNER),
    Row(
        "PATCH",
        "/api/v1/screening/{screening_id}",
        _s(),
        401,
        404,
        404,
        200,
        personas=OWNER,
        body=lambda w: {**_version(w), "answers": {"d4.hazardous": "yes"}},
    ),
    Row(
        "PATCH",
        "/api/v1/screening/{screening_id}/interview",
        _s("/interview"),
        401,
        404,
        404,
        200,
        personas=OWNER,
        body=_interview_body,
    ),
    Row(
        "GET",
        "/api/v1/screening/{screening_id}/preview",
        _s("/preview"),
        401,
        404,
        404,
        200,
        personas=OWNER,
    ),
    Row(
        "POST",
        "/api/v1/screening/{screening_id}/finish",
        _s("/finish"),
        401,
        404,
        404,
        200,
        personas=OWNER,
        body=_version,
    ),
    Row(
        "POST",
        "/api/v1/screening/{screening_id}/stop",
        _s("/stop"),
        401,
        404,
        404,
        200,
        personas=OWNER,
        body=_version,
    ),
]

WEB: list[Row] = [
    Row("GET", "/screening", lambda w: "/screening", 303, None, 403, 200, personas=OWNER, why=OPEN),
    Row(
        "POST",
        "/screening",
        lambda w: "/screening",
        303,
        404,
        403,
        303,
        personas=OWNER,
        form=lambda w: {"case_id": str(_case(w).id)},
    ),
    Row(
        "GET",
        "/screening/compare",
        lambda w: f"/screening/compare?case_id={_screening(w).case_id}",
        303,
        404,
        404,
        200,
        personas=OWNER,
    ),
    Row(
        "POST",
        "/screening/{screening_id}/also",
        _s("/also", False),
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {"exploitation_kind": "sexual"},
    ),
    Row("GET", "/screening/{screening_id}", _s("", False), 303, 404, 404, 303, personas=OWNER),
    Row(
        "GET",
        "/screening/{screening_id}/step/{step}",
        _s("/step/D4", False),
        303,
        404,
        404,
        200,
        personas=OWNER,
    ),
    Row(
        "POST",
        "/screening/{screening_id}/step/{step}",
        _s("/step/D4", False),
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {
            **{k: str(v) for k, v in _version(w).items()},
            "answer.d4.hazardous": "yes",
        },
    ),
    Row(
        "POST",
        "/screening/{screening_id}/finish",
        _s("/finish", False),
        303,
        404,
        404,
        303,
        personas=OWNER,
        form=lambda w: {k: str(v) for k, v in _version(w).items()},
    ),
    Row(
        "POST",
        "/screening/{screening_id}/stop",
        _s("/stop", False),
        303,
        404,
        404,
        303,
        personas=OWNER,
    ),
    Row(
        "GET",
        "/screening/{screening_id}/result",
        _s("/result", False),
        303,
        404,
        404,
        303,
        personas=OWNER,
        why="an open screening redirects to its current step",
    ),
]
