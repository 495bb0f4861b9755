"""Referral pages (issue 4, item 6): find services for a case's need (ranked list with reasons,
excluded services with reasons, a gap banner), record the person's choice or refusal, send with
the consent check shown plainly (C1), the receiving agency's inbox with accept and decline, and a
referral's page with its history and time to acceptance. JSON twins: /api/v1/referrals."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from titian.auth import policies
from titian.auth.models import Agency
from titian.auth.policies import Permission, Principal
from titian.cases import repository as cases
from titian.cases.models import Case, CaseInterview
from titian.cases.repository import CaseFilters
from titian.cases.schemas import InterviewRead
from titian.cases.vocab import DataCategory
from titian.countries.registry import subdivisions
from titian.errors import Forbidden, Invalid, RuleViolation
from titian.gateway.db import DB
from titian.i18n import N_
from titian.i18n.terms import find as vocabulary_term
from titian.referrals import repository, service, service_moves
from titian.referrals.schemas import (
    EMERGENCY_NEEDS,
    EmergencyReferralCreate,
    ReferralChoose,
    ReferralCreate,
    ReferralMove,
    ReferralSend,
)
from titian.referrals.sharing import identifying_categories
from titian.referrals.tracking import ReferralAction, ReferralState
from titian.referrals.vocab import ServiceType
from titian.web.deps import WebUser
from titian.web.forms import form_data, invalid_errors
from titian.web.panels import Line, Panel, panel
from titian.web.templating import render

router = APIRouter(prefix="/referrals")
NAV = [(N_("Referrals"), "/referrals", None)]
NAV_ORDER = 250


def _errors(exc: Exception) -> dict[str, str]:
    if isinstance(exc, ValidationError):
        return {".".join(str(p) for p in e["loc"]) or "form": str(e["msg"]) for e in exc.errors()}
    if isinstance(exc, Invalid):
        return invalid_errors(exc) or {"form": exc.message}
    if isinstance(exc, RuleViolation):
        rule = exc.details.get("rule", "")
        return {str(exc.details.get("field", "form")): f"Refused ({rule}): {exc.message}"}
    if isinstance(exc, Forbidden):
        return {"form": exc.message}
    raise exc


def duration(seconds: int | None) -> str:
    """Time to acceptance in words: days, hours and minutes."""
    if seconds is None:
        return "—"
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = [f"{days} d"] if days else []
    parts += [f"{hours} h"] if hours or days else []
    return " ".join([*parts, f"{minutes} min"])


@router.get("", response_class=HTMLResponse, include_in_schema=False)
def referral_list(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    incoming = service.list_referrals(db, principal, incoming=True)
    outgoing = (
        service.list_referrals(db, principal, incoming=False)
        if repository.may_send(principal)
        else []
    )
    counts = service.choice_counts(db, principal) if repository.may_send(principal) else None
    return render(
        request,
        "referrals/list.html",
        {"incoming": incoming, "outgoing": outgoing, "counts": counts, "duration": duration},
    )


def _find_page(
    request: Request,
    db: Session,
    principal: Principal,
    values: dict[str, Any],
    errors: dict[str, str],
    status_code: int = 200,
) -> HTMLResponse:
    service.require_sender(principal)
    owned = cases.list_cases(db, principal, CaseFilters())
    mine = [c for c in owned if c.owner_agency_id == principal.agency_id]
    return render(
        request,
        "referrals/new.html",
        {
            "cases": mine,
            "values": values,
            "errors": errors,
            "service_types": list(ServiceType),
            "areas": subdivisions(principal.agency_country),
        },
        status_code=status_code,
    )


@router.get("/new", response_class=HTMLResponse, include_in_schema=False)
def referral_new(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    values = {k: v for k, v in request.query_params.items() if v}
    if "case_id" in values:
        cases.get_owned_case(db, principal, uuid.UUID(values["case_id"]))
    return _find_page(request, db, principal, values, {})


@router.post("", include_in_schema=False)
async def referral_create(request: Request, principal: WebUser, db: DB) -> Response:
    form = await form_data(request)
    try:
        data = ReferralCreate.model_validate({k: v for k, v in form.items() if v is not None})
        referral = service.create_referral(db, principal, data)
    except (ValidationError, Invalid) as exc:
        return _find_page(request, db, principal, form, _errors(exc), status_code=422)
    return RedirectResponse(f"/referrals/{referral.id}", status_code=303)


def emergency_context(
    db: Session,
    principal: Principal,
    case: Case,
    interview: CaseInterview | InterviewRead,
    *,
    open_: bool = False,
) -> dict[str, Any]:
    """What the emergency shortcut (``referrals/_emergency.html``) needs: the case's areas with
    the worker's own area chosen (none when the agency has no area in the case's country: the
    worker must say where the person is, a guess could send them across the country), the
    emergency needs, and the interview's emergency plan."""
    agency = db.get(Agency, principal.agency_id)
    areas = subdivisions(case.country)
    own = agency.area if agency is not None and agency.country == case.country else None
    return {
        "case_id": case.id,
        "interview_id": interview.id,
        "needs": EMERGENCY_NEEDS,
        "areas": areas,
        "area": own or "",
        "plan": interview.emergency_plan,
        "open": open_,
    }


@router.post("/emergency", include_in_schema=False)
async def referral_emergency(request: Request, principal: WebUser, db: DB) -> Response:
    """C16's shortcut from an interview (screening steps, screening result, interview record):
    an emergency referral, then its page with the services that will take the person now."""
    form = await form_data(request)
    fields = ("case_id", "interview_id", "need", "area")
    try:
        data = EmergencyReferralCreate.model_validate({k: form.get(k) for k in fields})
        referral = service.create_emergency_referral(db, principal, data)
    except (ValidationError, Invalid) as exc:
        return _find_page(request, db, principal, form, _errors(exc), status_code=422)
    return RedirectResponse(f"/referrals/{referral.id}", status_code=303)


def _agency_names(db: Session, ids: list[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    found = [db.get(Agency, i) for i in ids if i is not None]
    return {a.id: a.name for a in found if a is not None}


def _detail(
    request: Request,
    db: Session,
    principal: Principal,
    referral_id: uuid.UUID,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    item = service.read_referral(db, principal, referral_id)
    check = None
    if item.view == "sender" and item.state == ReferralState.DRAFT and item.to_service_id:
        referral, _ = repository.get(db, principal, referral_id)
        check = service_moves.check_consent(
            db, principal, referral, [c.value for c in DataCategory]
        )
    return render(
        request,
        "referrals/detail.html",
        {
            "item": item,
            "check": check,
            "categories": list(DataCategory),
            "identifying": set(identifying_categories(c.value for c in DataCategory)),
            "errors": errors or {},
            "values": values or {},
            "agency_names": _agency_names(db, [item.from_agency_id, item.to_agency_id]),
            "duration": duration,
            "may_override": policies.has(principal, Permission.CONSENT_OVERRIDE),
        },
        status_code=status_code,
    )


@router.get("/{referral_id}", response_class=HTMLResponse, include_in_schema=False)
def referral_show(
    request: Request, referral_id: uuid.UUID, principal: WebUser, db: DB
) -> HTMLResponse:
    return _detail(request, db, principal, referral_id)


@router.post("/{referral_id}/choose", include_in_schema=False)
async def referral_choose(
    request: Request, referral_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    form = await form_data(request)
    try:
        data = ReferralChoose.model_validate({k: form.get(k) for k in ("service_id", "version")})
        service.choose_service(db, principal, referral_id, data)
    except (ValidationError, Invalid, Forbidden) as exc:
        return _detail(request, db, principal, referral_id, _errors(exc), form, 422)
    return RedirectResponse(f"/referrals/{referral_id}", status_code=303)


@router.post("/{referral_id}/send", include_in_schema=False)
async def referral_send(
    request: Request, referral_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    form = await form_data(request, ("data_categories",))
    body = {
        "data_categories": form.get("data_categories") or [],
        "emergency_override": form.get("emergency_override") == "yes",
        "override_reason": form.get("override_reason"),
        "version": form.get("version"),
    }
    try:
        service_moves.send_referral(db, principal, referral_id, ReferralSend.model_validate(body))
    except (ValidationError, Invalid, RuleViolation, Forbidden) as exc:
        return _detail(request, db, principal, referral_id, _errors(exc), form, 422)
    return RedirectResponse(f"/referrals/{referral_id}", status_code=303)


@router.post("/{referral_id}/actions/{action}", include_in_schema=False)
async def referral_act(
    request: Request,
    referral_id: uuid.UUID,
    action: ReferralAction,
    principal: WebUser,
    db: DB,
) -> Response:
    form = await form_data(request)
    try:
        data = ReferralMove.model_validate({k: form.get(k) for k in ("reason", "version")})
        service_moves.move(db, principal, referral_id, action, data)
    except (ValidationError, Invalid) as exc:
        return _detail(request, db, principal, referral_id, _errors(exc), form, 422)
    back = form.get("next")
    target = back if back == "/referrals" else f"/referrals/{referral_id}"
    return RedirectResponse(target, status_code=303)


@panel
def incoming_panel(session: Session, principal: Principal) -> Panel | None:
    """Referrals sent to the agency and awaiting its answer."""
    rows = repository.awaiting_answer(session, principal)
    if not rows:
        return None
    numbers = {r.case_id: cases.get_case_row(session, r.case_id).number for r in rows}
    lines: list[Line | tuple[str, str]] = [
        Line(
            N_("%(case)s: %(need)s"),
            f"/referrals/{r.id}",
            {"case": numbers[r.case_id]},
            terms={"need": vocabulary_term(r.need, ServiceType) or r.need},
        )
        for r in rows[:8]
    ]
    if len(rows) > 8:
        lines.append(
            Line(N_("%(count)s referrals awaiting an answer"), "/referrals", {"count": len(rows)})
        )
    return Panel(N_("Incoming referrals awaiting an answer"), lines, urgency=1)
