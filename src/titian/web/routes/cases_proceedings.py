"""The justice record of a case (charges with the C7 flag, milestones): correct and remove
entries; and the C6 release that resolves a detention alert by hand. Same services as the JSON
twin (``/api/v1/cases/{id}/proceedings``, ``/charges/{index}``, ``/milestones/{index}``,
``/alerts/{alert_id}/resolve``). Positions in the addresses count from 0; the pages show them
from 1."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from titian.auth.policies import Principal
from titian.cases import repository, service, service_proceedings
from titian.cases.models import Case
from titian.cases.schemas import (
    ChargeCorrection,
    DetentionRelease,
    JusticeEntryRemove,
    MilestoneCorrection,
)
from titian.cases.vocab import (
    ChargeOutcome,
    JusticeEntryRemoval,
    Milestone,
    OffenceType,
)
from titian.errors import Conflict, Invalid
from titian.gateway.db import DB
from titian.web.deps import WebUser
from titian.web.forms import form_data, invalid_errors
from titian.web.routes import cases_forms as forms
from titian.web.templating import render

router = APIRouter(prefix="/cases")


def _errors(exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for e in exc.errors():
        name = ".".join(str(p) for p in e["loc"]) or "form"
        errors.setdefault(name, str(e["msg"]).removeprefix("Value error, "))
    return errors


# ---------------------------------------------------------------------------------------------
# The justice record
# ---------------------------------------------------------------------------------------------


def _page(
    request: Request,
    db: Session,
    principal: Principal,
    case: Case,
    *,
    row: str = "",
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    conflict: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """``row`` names the entry a failed form was for (``charge-0``), so its form opens again
    with what the person typed and the errors next to the fields."""
    return render(
        request,
        "cases/proceedings.html",
        {
            "case": case,
            "record": service_proceedings.proceedings(db, principal, case.id),
            "row": row,
            "values": values or {},
            "errors": errors or {},
            "conflict": conflict or {},
            "offences": forms.choices(OffenceType),
            "outcomes": forms.choices(ChargeOutcome),
            "milestone_kinds": forms.choices(Milestone),
            "reasons": forms.choices(JusticeEntryRemoval),
            "tristate": forms.TRISTATE,
        },
        status_code=status_code,
    )


@router.get("/{case_id}/proceedings", response_class=HTMLResponse, include_in_schema=False)
def case_proceedings(
    request: Request, case_id: uuid.UUID, principal: WebUser, db: DB
) -> HTMLResponse:
    case = repository.get_owned_case(db, principal, case_id)
    return _page(request, db, principal, case)


def _charge_body(form: dict[str, Any]) -> dict[str, Any]:
    flag = {"yes": True, "no": False}.get(str(form.get("non_punishment_applicable") or ""))
    return {
        "version": form.get("version"),
        "offence_type": form.get("offence_type"),
        "description": form.get("description"),
        "non_punishment_applicable": flag,
        "outcome": form.get("outcome"),
    }


def _milestone_body(form: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": form.get("version"),
        "milestone": form.get("milestone"),
        "on": form.get("on"),
    }


async def _change(
    request: Request,
    db: Session,
    principal: Principal,
    case_id: uuid.UUID,
    row: str,
    model: type[BaseModel],
    body: Any,
    apply: Any,
) -> Response:
    """Validate the form into ``model``, call ``apply(data)``; errors and 409 re-render the page
    with the person's values in the row's form."""
    case = repository.get_owned_case(db, principal, case_id)
    form = await form_data(request)
    try:
        apply(model.model_validate(body(form)))
    except ValidationError as exc:
        return _page(
            request, db, principal, case, row=row, values=form, errors=_errors(exc), status_code=422
        )
    except Invalid as exc:
        errors = invalid_errors(exc) or {"form": exc.message}
        return _page(
            request, db, principal, case, row=row, values=form, errors=errors, status_code=422
        )
    except Conflict as exc:
        return _page(
            request,
            db,
            principal,
            case,
            row=row,
            values=form,
            errors={"version": exc.message},
            conflict=exc.details,
            status_code=409,
        )
    return RedirectResponse(f"/cases/{case_id}/proceedings#{row.rsplit('-', 1)[0]}s", 303)


@router.post("/{case_id}/charges/{index}", include_in_schema=False)
async def charge_correct(
    request: Request, case_id: uuid.UUID, index: int, principal: WebUser, db: DB
) -> Response:
    def apply(data: ChargeCorrection) -> None:
        service_proceedings.correct_charge(db, principal, case_id, index, data)

    return await _change(
        request, db, principal, case_id, f"charge-{index}", ChargeCorrection, _charge_body, apply
    )


@router.post("/{case_id}/charges/{index}/remove", include_in_schema=False)
async def charge_remove(
    request: Request, case_id: uuid.UUID, index: int, principal: WebUser, db: DB
) -> Response:
    def apply(data: JusticeEntryRemove) -> None:
        service_proceedings.remove_charge(db, principal, case_id, index, data)

    return await _change(
        request, db, principal, case_id, f"charge-{index}", JusticeEntryRemove, _removal, apply
    )


@router.post("/{case_id}/milestones/{index}", include_in_schema=False)
async def milestone_correct(
    request: Request, case_id: uuid.UUID, index: int, principal: WebUser, db: DB
) -> Response:
    def apply(data: MilestoneCorrection) -> None:
        service_proceedings.correct_milestone(db, principal, case_id, index, data)

    return await _change(
        request,
        db,
        principal,
        case_id,
        f"milestone-{index}",
        MilestoneCorrection,
        _milestone_body,
        apply,
    )


@router.post("/{case_id}/milestones/{index}/remove", include_in_schema=False)
async def milestone_remove(
    request: Request, case_id: uuid.UUID, index: int, principal: WebUser, db: DB
) -> Response:
    def apply(data: JusticeEntryRemove) -> None:
        service_proceedings.remove_milestone(db, principal, case_id, index, data)

    return await _change(
        request, db, principal, case_id, f"milestone-{index}", JusticeEntryRemove, _removal, apply
    )


def _removal(form: dict[str, Any]) -> dict[str, Any]:
    return {"version": form.get("version"), "reason": form.get("reason")}


# ---------------------------------------------------------------------------------------------
# C6: record the release (resolves the detention alert)
# ---------------------------------------------------------------------------------------------


def _case_page_again(
    request: Request,
    db: Session,
    principal: Principal,
    case: Case,
    alert_id: uuid.UUID,
    values: dict[str, Any],
    errors: dict[str, str],
    conflict: dict[str, Any] | None,
    status_code: int,
) -> HTMLResponse:
    from titian.web.routes.cases import steps_for

    read = service.case_read(db, principal, case, "owner", audit_read=False)
    return render(
        request,
        "cases/show.html",
        {
            "case": read,
            "steps": steps_for(principal, case.country),
            "released_to": forms.RELEASED_TO,
            "release": {"alert_id": str(alert_id), "values": values, "errors": errors},
            "conflict": conflict or {},
        },
        status_code=status_code,
    )


@router.post("/{case_id}/alerts/{alert_id}/resolve", include_in_schema=False)
async def alert_resolve(
    request: Request, case_id: uuid.UUID, alert_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    case = repository.get_owned_case(db, principal, case_id)
    repository.get_alert(db, case.id, alert_id)
    form = await form_data(request)
    body = {
        "version": form.get("version"),
        "custody_status": form.get("custody_status"),
        "released_on": form.get("released_on"),
        "note": form.get("note") or "",
    }
    errors: dict[str, str] = {}
    conflict: dict[str, Any] | None = None
    try:
        service_proceedings.record_release(
            db, principal, case_id, alert_id, DetentionRelease.model_validate(body)
        )
    except ValidationError as exc:
        errors = _errors(exc)
    except Invalid as exc:
        errors = invalid_errors(exc) or {"form": exc.message}
    except Conflict as exc:
        errors, conflict = {"version": exc.message}, exc.details
    if not errors:
        return RedirectResponse(f"/cases/{case_id}", status_code=303)
    code = 409 if conflict else 422
    return _case_page_again(request, db, principal, case, alert_id, form, errors, conflict, code)
