"""Release pages: information-sharing protocols, release requests, approval and publication.

C15: without an information-sharing protocol in force that the user's agency signed, the request
action is disabled (the button is not offered and the service refuses it anyway).

Privacy budgets and DP counts (``/releases/budgets``, ``/releases/dp-count``): each budget with
what is spent and left, who spent what and why; a form that draws DP counts and redirects to the
stored result, so reloading the page never spends the budget twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from titian.analytics.catalogue import Source, load_catalogue
from titian.auth import policies
from titian.auth import repository as auth_repository
from titian.auth.policies import Permission, Principal
from titian.errors import Conflict, Forbidden, Invalid, RuleViolation, TitianError
from titian.gateway.db import DB
from titian.i18n import N_
from titian.privacy import dp_service, repository, service
from titian.privacy.dp import NoiseMechanism, plan_noise
from titian.privacy.schemas import (
    BudgetCreate,
    DpCountRequest,
    ProtocolCreate,
    ReleaseCreate,
    ReleaseDecision,
)
from titian.web.deps import WebUser
from titian.web.forms import form_data, invalid_errors, validate
from titian.web.panels import Line, Panel, panel
from titian.web.templating import render

router = APIRouter(prefix="/releases")
NAV = [(N_("Releases"), "/releases", Permission.ANALYTICS)]
NAV_ORDER = 610


def _protocols_in_force(db: Session, principal: Principal) -> list[object]:
    reads = [service.protocol_read(db, p) for p in repository.list_protocols(db, principal)]
    return [p for p in reads if p.active and principal.agency_id in p.party_ids]


COUNTRIES = ["TH", "KH", "LA", "MM", "ID", "PH", "VN", "MY", "BN", "SG", "TL"]


def _form_context(db: Session, principal: Principal) -> dict[str, object]:
    return {
        "protocols": _protocols_in_force(db, principal),
        "catalogues": {s.value: load_catalogue(s).indicators for s in Source},
        "countries": COUNTRIES,
    }


def _field_errors(exc: TitianError) -> dict[str, str]:
    """Per-field messages of a refusal (``errors`` of Invalid or Conflict, or RuleViolation's
    ``field``); the message under ``form`` when no field is named."""
    errors = {str(e["field"]): str(e["message"]) for e in exc.details.get("errors", [])}
    if "field" in exc.details:
        errors[str(exc.details["field"])] = exc.message
    return errors or {"form": exc.message}


@router.get("", response_class=HTMLResponse, include_in_schema=False)
def release_list(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    releases = [service.release_read(db, r) for r in repository.list_releases(db, principal)]
    can_request = policies.has(principal, Permission.RELEASE_REQUEST)
    return render(
        request,
        "releases/list.html",
        {
            "releases": releases,
            "can_request": can_request,
            "protocols": _protocols_in_force(db, principal),
        },
    )


@router.get("/protocols", response_class=HTMLResponse, include_in_schema=False)
def protocol_list(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    protocols = [service.protocol_read(db, p) for p in repository.list_protocols(db, principal)]
    return render(request, "releases/protocols.html", {"protocols": protocols})


def _protocol_form(
    request: Request, db: Session, values: dict[str, object], errors: dict[str, str], code: int
) -> HTMLResponse:
    agencies = auth_repository.list_agencies(db)
    context = {"values": values, "errors": errors, "agencies": agencies}
    return render(request, "releases/protocol_form.html", context, status_code=code)


@router.get("/protocols/new", response_class=HTMLResponse, include_in_schema=False)
def protocol_new(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    if not policies.has(principal, Permission.RELEASE_APPROVE):
        raise Forbidden(N_("recording a sharing protocol needs the release-approval permission"))
    return _protocol_form(request, db, {"party_ids": []}, {}, 200)


@router.post("/protocols", include_in_schema=False)
async def protocol_create(request: Request, principal: WebUser, db: DB) -> Response:
    values = await form_data(request, ("party_ids",))
    data, errors = validate(ProtocolCreate, values)
    if data is not None:
        try:
            service.create_protocol(db, principal, data)
            return RedirectResponse("/releases/protocols", status_code=303)
        except Invalid as exc:
            errors = invalid_errors(exc)
    return _protocol_form(request, db, values, errors, 422)


def _budgets_page(
    request: Request, db: Session, principal: Principal,
    values: Mapping[str, object], errors: dict[str, str], code: int,
) -> HTMLResponse:  # fmt: skip
    budgets = [
        dp_service.budget_ledger(db, principal, b.dataset_id)
        for b in dp_service.list_budgets(db, principal)
    ]
    context = {
        "budgets": budgets,
        "values": values,
        "errors": errors,
        "sources": [s.value for s in Source],
        "can_create": policies.has(principal, Permission.RELEASE_APPROVE),
    }
    return render(request, "releases/budgets.html", context, status_code=code)


@router.get("/budgets", response_class=HTMLResponse, include_in_schema=False)
def budget_list(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    values = {"source": "titian", "total_epsilon": "4", "period": "calendar_year",
              "max_epsilon_per_spend": "1"}  # fmt: skip
    return _budgets_page(request, db, principal, values, {}, 200)


@router.post("/budgets", include_in_schema=False)
async def budget_create(request: Request, principal: WebUser, db: DB) -> Response:
    values = await form_data(request)
    data, errors = validate(BudgetCreate, values)
    code = 422
    if data is not None:
        try:
            dp_service.create_budget(db, principal, data)
            return RedirectResponse("/releases/budgets", status_code=303)
        except (Invalid, Conflict) as exc:
            errors, code = _field_errors(exc), exc.status_code
    return _budgets_page(request, db, principal, values, errors, code)


def _plans() -> list[tuple[float, float]]:
    """The 95 % error of a Laplace count at a few epsilons, to choose before spending."""
    return [(e, plan_noise(e).accuracy) for e in (0.1, 0.25, 0.5, 1.0)]


def _dp_form(
    request: Request, db: Session, principal: Principal,
    values: Mapping[str, object], errors: dict[str, str], code: int,
) -> HTMLResponse:  # fmt: skip
    indicators = {
        s.value: [i for i in load_catalogue(s).indicators if i.slice is None] for s in Source
    }
    context = {
        "budgets": dp_service.list_budgets(db, principal),
        "indicators": indicators,
        "countries": COUNTRIES,
        "mechanisms": [m.value for m in NoiseMechanism],
        "plans": _plans(),
        "values": values,
        "errors": errors,
    }
    return render(request, "releases/dp_form.html", context, status_code=code)


@router.get("/dp-count", response_class=HTMLResponse, include_in_schema=False)
def dp_count_form(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    if not policies.has(principal, Permission.RELEASE_REQUEST):
        raise Forbidden(N_("your role does not allow releasing DP counts"))
    values = {"dataset_id": request.query_params.get("dataset"), "mechanism": "laplace"}
    return _dp_form(request, db, principal, values, {}, 200)


@router.post("/dp-count", include_in_schema=False)
async def dp_count_draw(request: Request, principal: WebUser, db: DB) -> Response:
    values = await form_data(request)
    data, errors = validate(DpCountRequest, values)
    code = 422
    if data is not None:
        try:
            drawn = dp_service.dp_count(db, principal, data)
            target = f"/releases/budgets/{quote(drawn.dataset_id)}/spends/{drawn.spend_id}"
            return RedirectResponse(target, status_code=303)
        except (Invalid, Conflict) as exc:
            errors, code = _field_errors(exc), exc.status_code
    return _dp_form(request, db, principal, values, errors, code)


@router.get(
    "/budgets/{dataset_id}/spends/{spend_id}", response_class=HTMLResponse,
    include_in_schema=False,
)  # fmt: skip
def spend_show(
    request: Request, dataset_id: str, spend_id: uuid.UUID, principal: WebUser, db: DB
) -> HTMLResponse:
    spend = dp_service.get_spend(db, principal, dataset_id, spend_id)
    return render(request, "releases/spend.html", {"spend": spend})


@router.get("/new", response_class=HTMLResponse, include_in_schema=False)
def release_new(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    if not policies.has(principal, Permission.RELEASE_REQUEST):
        raise Forbidden(N_("your role does not allow requesting a release"))
    values = {"source": "titian", "indicators": [], "rounding": "base5"}
    context = {"values": values, "errors": {}, **_form_context(db, principal)}
    return render(request, "releases/form.html", context)


@router.post("", include_in_schema=False)
async def release_create(request: Request, principal: WebUser, db: DB) -> Response:
    values = await form_data(request, ("indicators",))
    data, errors = validate(ReleaseCreate, values)
    if data is not None:
        try:
            release = service.request_release(db, principal, data)
            return RedirectResponse(f"/releases/{release.id}", status_code=303)
        except RuleViolation as exc:
            errors = {str(exc.details.get("field", "form")): exc.message}
        except Invalid as exc:
            errors = invalid_errors(exc) or {"form": exc.message}
    context = {"values": values, "errors": errors, **_form_context(db, principal)}
    return render(request, "releases/form.html", context, status_code=422)


def _show(
    request: Request, db: Session, principal: Principal, release_id: uuid.UUID,
    error: str = "", code: int = 200,
) -> HTMLResponse:  # fmt: skip
    release = service.release_read(db, repository.get_release(db, principal, release_id))
    mine = [a for a in release.approvals if a.agency_id == principal.agency_id]
    context = {
        "release": release,
        "error": error,
        "awaiting": [a.agency_name for a in release.approvals if not a.approved],
        "mine_approved": bool(mine) and mine[0].approved,
        "can_approve": policies.has(principal, Permission.RELEASE_APPROVE)
        and principal.user_id != release.requested_by
        and bool(mine)
        and not mine[0].approved,
        "can_publish": policies.has(principal, Permission.RELEASE_APPROVE)
        or principal.user_id == release.requested_by,
    }
    return render(request, "releases/show.html", context, status_code=code)


@router.get("/{release_id}", response_class=HTMLResponse, include_in_schema=False)
def release_show(
    request: Request, release_id: uuid.UUID, principal: WebUser, db: DB
) -> HTMLResponse:
    return _show(request, db, principal, release_id)


async def _act(
    request: Request, principal: Principal, db: Session, release_id: uuid.UUID, action: str
) -> Response:
    values = await form_data(request)
    data, errors = validate(ReleaseDecision, values)
    if data is None:
        return _show(request, db, principal, release_id, "; ".join(errors.values()), 422)
    try:
        if action == "publish":
            service.publish_release(db, principal, release_id, data)
        else:
            service.decide_release(db, principal, release_id, data, approve=action == "approve")
    except (Conflict, Invalid, RuleViolation) as exc:
        code = 409 if isinstance(exc, Conflict) else 422
        return _show(request, db, principal, release_id, exc.message, code)
    return RedirectResponse(f"/releases/{release_id}", status_code=303)


@router.post("/{release_id}/approve", include_in_schema=False)
async def release_approve(
    request: Request, release_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    return await _act(request, principal, db, release_id, "approve")


@router.post("/{release_id}/reject", include_in_schema=False)
async def release_reject(
    request: Request, release_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    return await _act(request, principal, db, release_id, "reject")


@router.post("/{release_id}/publish", include_in_schema=False)
async def release_publish(
    request: Request, release_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    return await _act(request, principal, db, release_id, "publish")


@panel
def releases_panel(session: Session, principal: Principal) -> Panel | None:
    pending = service.pending_for(session, principal)
    if not pending:
        return None
    lines: list[Line | tuple[str, str]] = [
        Line(N_("Awaiting your approval: %(title)s"), f"/releases/{r.id}", {"title": r.title})
        for r in pending[:5]
    ]
    return Panel(N_("Data releases"), lines, urgency=1)
