"""Interview pages of a case (C4, C5, C16): list, record, close (refused with the rule)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from titian.auth.policies import Principal
from titian.cases import repository, service_interviews
from titian.cases.models import Case, InterviewPurpose
from titian.cases.schemas import InterviewClose, InterviewCreate
from titian.cases.vocab import InterviewerGender, StaffGender
from titian.errors import RuleViolation
from titian.gateway.db import DB
from titian.web.deps import WebUser
from titian.web.forms import form_data
from titian.web.routes import cases_forms as forms
from titian.web.routes.referrals import emergency_context
from titian.web.templating import render

router = APIRouter(prefix="/cases")


def _interviews_page(
    request: Request,
    db: Session,
    principal: Principal,
    case: Case,
    errors: dict[str, str],
    values: dict[str, Any],
    status_code: int = 200,
) -> HTMLResponse:
    rows = service_interviews.list_interviews(db, principal, case.id)
    emergencies = {
        i.id: emergency_context(db, principal, case, i) for i in rows if i.status.value == "open"
    }
    return render(
        request,
        "cases/interviews.html",
        {
            "case": case,
            "interviews": rows,
            "emergencies": emergencies,
            "errors": errors,
            "values": values,
            "purposes": forms.choices(InterviewPurpose),
            "staff": forms.choices(StaffGender),
            "preferences": forms.choices(InterviewerGender),
        },
        status_code=status_code,
    )


@router.get("/{case_id}/interviews", response_class=HTMLResponse, include_in_schema=False)
def case_interviews(
    request: Request, case_id: uuid.UUID, principal: WebUser, db: DB
) -> HTMLResponse:
    case = repository.get_owned_case(db, principal, case_id)
    return _interviews_page(request, db, principal, case, {}, {})


def _interview_body(form: dict[str, Any]) -> dict[str, Any]:
    body = {k: v for k, v in form.items() if v not in (None, "") and k in INTERVIEW_TEXT}
    body["interviewer_languages"] = [
        t.strip() for t in str(form.get("interviewer_languages") or "").split(",") if t.strip()
    ]
    for name in INTERVIEW_CHECKS:
        body[name] = form.get(name) == "on"
    for name in INTERVIEW_TRISTATE:
        body[name] = {"yes": True, "no": False}.get(str(form.get(name) or ""))
    return body


INTERVIEW_TEXT = (
    "purpose", "held_on", "language", "interviewer_gender", "interpreter_language",
    "interpreter_gender", "gender_preference", "gender_mismatch_reason", "emergency_plan",
)  # fmt: skip
INTERVIEW_CHECKS = ("interpreter_present", "stopped_by_person")
INTERVIEW_TRISTATE = (
    "interpreter_screening_passed", "preference_honoured", "safe_location_checked",
    "risk_assessed",
)  # fmt: skip


@router.post("/{case_id}/interviews", include_in_schema=False)
async def case_interview_create(
    request: Request, case_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    case = repository.get_owned_case(db, principal, case_id)
    form = await form_data(request)
    try:
        data = InterviewCreate.model_validate(_interview_body(form))
        service_interviews.create_interview(db, principal, case_id, data)
    except ValidationError as exc:
        errors = {".".join(str(p) for p in e["loc"]) or "form": str(e["msg"]) for e in exc.errors()}
        return _interviews_page(request, db, principal, case, errors, form, status_code=422)
    return RedirectResponse(f"/cases/{case_id}/interviews", status_code=303)


@router.post("/{case_id}/interviews/{interview_id}/close", include_in_schema=False)
async def case_interview_close(
    request: Request, case_id: uuid.UUID, interview_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    case = repository.get_owned_case(db, principal, case_id)
    form = await form_data(request)
    try:
        data = InterviewClose(version=int(form.get("version") or 0))
        service_interviews.close_interview(db, principal, case_id, interview_id, data)
    except RuleViolation as exc:
        errors = {f"{interview_id}": exc.message}
        return _interviews_page(request, db, principal, case, errors, {}, status_code=422)
    return RedirectResponse(f"/cases/{case_id}/interviews", status_code=303)
