# ruff: noqa: E501 (one access row per entry)
"""Access rows of referrals (issue 4, item 6). The referring agency (agency A, ``caseworker_a``)
sees its referrals; the receiving agency (agency B, ``caseworker_b``) sees referrals sent to it,
never drafts; anyone else gets 404. Within an agency, a role without case or referral
permissions does not see referrals at all (404), as for cases."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.orm import Session, object_session

from tests.access.matrix import Row
from tests.support.fixtures import World
from titian.auth.service import principal_for
from titian.referrals.models import Referral

PROFILE: dict[str, Any] = {
    "gender": "man",
    "date_of_birth": "1990-04-04",
    "preferred_language": "th",
    "citizenship_status": "known",
    "citizenships": ["TH"],
}
SENDER = ("caseworker_b", "norole_a", "caseworker_a")
RECEIVER = ("prosecutor", "admin_b", "caseworker_b")
SCOPED = "the list is scoped to the referrals the caller may see"


def _db(w: World) -> Session:
    session = object_session(w.agency_a)
    assert session is not None
    return session


def _cache(w: World, key: str, make: Any) -> Any:
    store: dict[str, Any] = w.__dict__.setdefault("_referral_rows", {})
    if key not in store:
        store[key] = make()
        _db(w).flush()
    return store[key]


def _case_id(w: World) -> uuid.UUID:
    from tests.referrals.conftest import write_test_directory
    from titian.cases import service
    from titian.cases.profile import CaseProfile
    from titian.cases.schemas import CaseCreate

    def make() -> uuid.UUID:
        write_test_directory(_db(w), w)
        profile = CaseProfile.model_validate(PROFILE)
        data = CaseCreate(profile=profile, identified_on=date(2026, 3, 2))
        return service.create_case(_db(w), principal_for(w["caseworker_a"]), data).id

    found: uuid.UUID = _cache(w, "case", make)
    return found


def _interview_id(w: World) -> uuid.UUID:
    from titian.cases import service_interviews
    from titian.cases.schemas import InterviewCreate

    def make() -> uuid.UUID:
        p = principal_for(w["caseworker_a"])
        return service_interviews.create_interview(_db(w), p, _case_id(w), InterviewCreate()).id

    found: uuid.UUID = _cache(w, "interview", make)
    return found


def _emergency(w: World) -> dict[str, Any]:
    return {
        "case_id": str(_case_id(w)),
        "interview_id": str(_interview_id(w)),
        "need": "shelter",
        "area": "TH-10",
    }


def _legal_aid_id(w: World) -> uuid.UUID:
    from tests.services.conftest import uid

    return uuid.UUID(uid("National legal aid"))


def _draft(w: World, key: str = "draft", chosen: bool = True) -> Referral:
    from titian.referrals import service
    from titian.referrals.schemas import ReferralChoose, ReferralCreate

    def make() -> Referral:
        p = principal_for(w["caseworker_a"])
        body = ReferralCreate(case_id=_case_id(w), need="legal_aid", area="TH-10")  # type: ignore[arg-type]
        r = service.create_referral(_db(w), p, body)
        if chosen:
            choice = ReferralChoose(service_id=_legal_aid_id(w), version=r.version)
            r = service.choose_service(_db(w), p, r.id, choice)
        return r

    found: Referral = _cache(w, key, make)
    return found


def _sent(w: World) -> Referral:
    from titian.referrals import service_moves
    from titian.referrals.schemas import ReferralSend

    def make() -> Referral:
        r = _draft(w, "to_send")
        body = ReferralSend(data_categories=["needs"], version=r.version)  # type: ignore[list-item]
        return service_moves.send_referral(_db(w), principal_for(w["caseworker_a"]), r.id, body)

    found: Referral = _cache(w, "sent", make)
    return found


def _r(suffix: str = "", web: bool = False, sent: bool = False) -> Any:
    prefix = "" if web else "/api/v1"
    return lambda w: f"{prefix}/referrals/{(_sent(w) if sent else _draft(w)).id}{suffix}"


def _create(w: World) -> dict[str, Any]:
    return {"case_id": str(_case_id(w)), "need": "legal_aid", "area": "TH-10"}


def _choose(w: World) -> dict[str, Any]:
    return {"service_id": str(_legal_aid_id(w)), "version": _draft(w).version}


def _send(w: World) -> dict[str, Any]:
    return {"data_categories": ["needs"], "version": _draft(w).version}


def _accept(w: World) -> dict[str, Any]:
    return {"version": _sent(w).version}


def _form(body: Any) -> Any:
    def make(w: World) -> dict[str, Any]:
        return {k: str(v) if not isinstance(v, list) else v for k, v in body(w).items()}

    return make


API: list[Row] = [
    Row("GET", "/api/v1/referrals", lambda w: "/api/v1/referrals", 401, None, None, 200, personas=SENDER, why=SCOPED),
    Row("POST", "/api/v1/referrals", lambda w: "/api/v1/referrals", 401, 404, 404, 201, personas=SENDER, body=_create),
    Row("POST", "/api/v1/referrals/emergency", lambda w: "/api/v1/referrals/emergency", 401, 404, 404, 201, personas=SENDER, body=_emergency),
    Row("GET", "/api/v1/referrals/counts", lambda w: "/api/v1/referrals/counts", 401, None, 403, 200, personas=SENDER,
        why="each agency counts its own referrals"),
    Row("GET", "/api/v1/referrals/{referral_id}", _r(), 401, 404, 404, 200, personas=SENDER),
    Row("POST", "/api/v1/referrals/{referral_id}/choose", _r("/choose"), 401, 404, 404, 200, personas=SENDER, body=_choose),
    Row("GET", "/api/v1/referrals/{referral_id}/consent-check", _r("/consent-check?data_categories=identity"), 401, 404, 404, 200, personas=SENDER),
    Row("POST", "/api/v1/referrals/{referral_id}/send", _r("/send"), 401, 404, 404, 200, personas=SENDER, body=_send),
    Row("POST", "/api/v1/referrals/{referral_id}/actions/{action}", _r("/actions/accept", sent=True), 401, 404, 404, 200,
        personas=RECEIVER, body=_accept),
]  # fmt: skip

WEB: list[Row] = [
    Row("GET", "/referrals", lambda w: "/referrals", 303, None, None, 200, personas=SENDER, why=SCOPED),
    Row("GET", "/referrals/new", lambda w: f"/referrals/new?case_id={_case_id(w)}", 303, 404, 404, 200, personas=SENDER),
    Row("POST", "/referrals", lambda w: "/referrals", 303, 404, 404, 303, personas=SENDER, form=_form(_create)),
    Row("POST", "/referrals/emergency", lambda w: "/referrals/emergency", 303, 404, 404, 303, personas=SENDER, form=_form(_emergency)),
    Row("GET", "/referrals/{referral_id}", _r(web=True), 303, 404, 404, 200, personas=SENDER),
    Row("POST", "/referrals/{referral_id}/choose", _r("/choose", web=True), 303, 404, 404, 303, personas=SENDER, form=_form(_choose)),
    Row("POST", "/referrals/{referral_id}/send", _r("/send", web=True), 303, 404, 404, 303, personas=SENDER, form=_form(_send)),
    Row("POST", "/referrals/{referral_id}/actions/{action}", _r("/actions/accept", web=True, sent=True), 303, 404, 404, 303,
        personas=RECEIVER, form=_form(_accept)),
]  # fmt: skip
