"""Return and repatriation pages of a case (C12) and notices to the country of origin (C13).

The same services as the JSON twin (``/api/v1/cases/{id}/return-plans`` and ``/origin-notices``):
a plan cannot be set ready without a risk assessment, the person's informed wish and the state of
proceedings, never while the risk is high, and for a stateless person never without a destination
with a right of residence; each plan shows what still blocks it. A notice to the country of
origin is refused unless the person said they do not object.
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from titian.auth.policies import Permission, Principal
from titian.cases import repository, service, service_justice
from titian.cases.models import Case, NoticeReceiver, ReturnStatus
from titian.cases.schemas import (
    OriginNoticeCreate,
    ReturnPlanCreate,
    ReturnPlanStatusChange,
    ReturnPlanUpdate,
)
from titian.cases.vocab import ProceedingsState, ReturnWish, RiskLevel
from titian.errors import Conflict, RuleViolation
from titian.gateway.db import DB
from titian.i18n import N_
from titian.web.deps import WebUser
from titian.web.forms import form_data
from titian.web.routes import cases_forms as forms
from titian.web.templating import render

router = APIRouter(prefix="/cases")

PLAN_TEXT = ("destination_country", "risk_level", "risk_assessed_on", "risk_assessed_by")
PLAN_CHOICES = ("person_wish", "proceedings")
#: Status buttons, in the order shown: (status, label).
MOVES: tuple[tuple[str, str], ...] = (
    (ReturnStatus.READY.value, N_("Set ready")),
    (ReturnStatus.COMPLETED.value, N_("Mark completed")),
    (ReturnStatus.DRAFT.value, N_("Back to draft")),
    (ReturnStatus.CANCELLED.value, N_("Cancel the plan")),
)


def _choices() -> dict[str, forms.Choices]:
    return {
        "risk_levels": forms.choices(RiskLevel),
        "wishes": forms.choices(ReturnWish),
        "proceedings": forms.choices(ProceedingsState),
        "receivers": forms.choices(NoticeReceiver),
        "tristate": forms.TRISTATE,
        "moves": MOVES,
    }


def _errors(exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for e in exc.errors():
        name = ".".join(str(p) for p in e["loc"]) or "form"
        errors.setdefault(name, str(e["msg"]).removeprefix("Value error, "))
    return errors


def _plan_body(form: dict[str, Any]) -> dict[str, Any]:
    """The plan form as the schema wants it: blanks are None, the country in capitals."""
    body: dict[str, Any] = {k: form.get(k) for k in (*PLAN_TEXT, *PLAN_CHOICES)}
    if body["destination_country"]:
        body["destination_country"] = str(body["destination_country"]).strip().upper()
    right = form.get("destination_right_of_residence")
    body["destination_right_of_residence"] = {"yes": True, "no": False}.get(str(right or ""))
    return body


def _plan_values(plan: Any) -> dict[str, Any]:
    values = {k: getattr(plan, k) for k in (*PLAN_TEXT, *PLAN_CHOICES)}
    values = {k: "" if v is None else str(v) for k, v in values.items()}
    right = plan.destination_right_of_residence
    values["destination_right_of_residence"] = "" if right is None else ("yes" if right else "no")
    return values


def _list_page(
    request: Request,
    db: Session,
    principal: Principal,
    case: Case,
    *,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    conflict: dict[str, Any] | None = None,
    failed: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    profile = service.load_profile(db, case, with_birth=False)
    origin = profile.citizenships[0] if profile.citizenships else ""
    defaults = {"destination_country": origin, "country": origin}
    return render(
        request,
        "cases/return_plans.html",
        {
            "case": case,
            "plans": service_justice.return_plan_reads(db, principal, case.id),
            "notices": service_justice.list_origin_notices(db, principal, case.id),
            "notice_blocker": service_justice.origin_notice_blocker(db, principal, case.id),
            "values": defaults | (values or {}),
            "errors": errors or {},
            "conflict": conflict or {},
            "failed": failed,
            **_choices(),
        },
        status_code=status_code,
    )


@router.get("/{case_id}/return-plans", response_class=HTMLResponse, include_in_schema=False)
def return_plans(request: Request, case_id: uuid.UUID, principal: WebUser, db: DB) -> HTMLResponse:
    case = repository.get_owned_case(db, principal, case_id)
    return _list_page(request, db, principal, case)


@router.post("/{case_id}/return-plans", include_in_schema=False)
async def return_plan_create(
    request: Request, case_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    case = repository.get_owned_case(db, principal, case_id)
    form = await form_data(request)
    try:
        data = ReturnPlanCreate.model_validate(_plan_body(form))
    except ValidationError as exc:
        errors = _errors(exc)
        return _list_page(
            request, db, principal, case, values=form, errors=errors, failed="plan", status_code=422
        )
    plan = service_justice.create_return_plan(db, principal, case_id, data)
    return RedirectResponse(f"/cases/{case_id}/return-plans#plan-{plan.id}", status_code=303)


def _edit_page(
    request: Request,
    case: Case,
    plan_id: uuid.UUID,
    values: dict[str, Any],
    version: int,
    errors: dict[str, str] | None = None,
    conflict: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "cases/return_plan_edit.html",
        {
            "case": case,
            "plan_id": plan_id,
            "values": values,
            "version": version,
            "errors": errors or {},
            "conflict": conflict or {},
            **_choices(),
        },
        status_code=status_code,
    )


@router.get(
    "/{case_id}/return-plans/{plan_id}", response_class=HTMLResponse, include_in_schema=False
)
def return_plan_edit(
    request: Request, case_id: uuid.UUID, plan_id: uuid.UUID, principal: WebUser, db: DB
) -> HTMLResponse:
    case = repository.get_owned_case(db, principal, case_id)
    service.require(principal, Permission.CASES_WRITE, "editing cases")
    plan = repository.get_return_plan(db, case.id, plan_id)
    return _edit_page(request, case, plan.id, _plan_values(plan), plan.version)


@router.post("/{case_id}/return-plans/{plan_id}", include_in_schema=False)
async def return_plan_save(
    request: Request, case_id: uuid.UUID, plan_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    case = repository.get_owned_case(db, principal, case_id)
    repository.get_return_plan(db, case.id, plan_id)
    form = await form_data(request)
    raw = str(form.get("version") or "")
    version = int(raw) if raw.isdigit() else 0
    try:
        data = ReturnPlanUpdate.model_validate({"version": version, **_plan_body(form)})
        service_justice.update_return_plan(db, principal, case_id, plan_id, data)
    except ValidationError as exc:
        return _edit_page(request, case, plan_id, form, version, _errors(exc), status_code=422)
    except Conflict as exc:
        current = int(exc.details.get("current_version") or version)
        errors = {"version": exc.message}
        return _edit_page(request, case, plan_id, form, current, errors, exc.details, 409)
    return RedirectResponse(f"/cases/{case_id}/return-plans#plan-{plan_id}", status_code=303)


@router.post("/{case_id}/return-plans/{plan_id}/status", include_in_schema=False)
async def return_plan_status(
    request: Request, case_id: uuid.UUID, plan_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    case = repository.get_owned_case(db, principal, case_id)
    form = await form_data(request)
    key = f"plan-{plan_id}"
    try:
        data = ReturnPlanStatusChange.model_validate(
            {"version": form.get("version"), "status": form.get("status")}
        )
        service_justice.set_return_status(db, principal, case_id, plan_id, data)
    except ValidationError as exc:
        errors = {key: "; ".join(_errors(exc).values())}
        return _list_page(request, db, principal, case, errors=errors, status_code=422)
    except RuleViolation as exc:
        field = str(exc.details.get("field", ""))
        errors = {key: exc.message, f"{key}-field": field}
        return _list_page(request, db, principal, case, errors=errors, status_code=422)
    except Conflict as exc:
        errors = {key: exc.message}
        return _list_page(
            request, db, principal, case, errors=errors, conflict=exc.details, status_code=409
        )
    return RedirectResponse(f"/cases/{case_id}/return-plans#{key}", status_code=303)


@router.post("/{case_id}/origin-notices", include_in_schema=False)
async def origin_notice_send(
    request: Request, case_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    case = repository.get_owned_case(db, principal, case_id)
    form = await form_data(request)
    body = {"receiver": form.get("receiver"), "country": str(form.get("country") or "").upper()}
    try:
        data = OriginNoticeCreate.model_validate(body)
        service_justice.send_origin_notice(db, principal, case_id, data)
    except ValidationError as exc:
        errors = {f"notice.{k}": m for k, m in _errors(exc).items()}
        return _list_page(request, db, principal, case, values=form, errors=errors, status_code=422)
    except RuleViolation as exc:
        errors = {"notice": exc.message}
        return _list_page(request, db, principal, case, values=form, errors=errors, status_code=422)
    return RedirectResponse(f"/cases/{case_id}/return-plans#notices", status_code=303)
