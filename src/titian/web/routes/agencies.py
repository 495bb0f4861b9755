"""Agency administration pages."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from titian.auth import policies, repository, service
from titian.auth.models import AgencyKind, AgencySector
from titian.auth.policies import Permission
from titian.auth.schemas import AgencyCreate, AgencyUpdate
from titian.countries.registry import all_countries
from titian.errors import Conflict, Forbidden, Invalid
from titian.gateway.db import DB
from titian.i18n import N_
from titian.web.deps import WebUser
from titian.web.forms import form_data, invalid_errors, validate
from titian.web.templating import render

router = APIRouter(prefix="/admin/agencies")
NAV = [(N_("Agencies"), "/admin/agencies", Permission.MANAGE_AGENCIES)]
NAV_ORDER = 910


def _choices() -> dict[str, object]:
    return {"countries": all_countries(), "kinds": list(AgencyKind), "sectors": list(AgencySector)}


def _require(principal: policies.Principal) -> None:
    if not policies.can_manage_agencies(principal):
        raise Forbidden(N_("only an administrator of the operator agency manages agencies"))


@router.get("", response_class=HTMLResponse, include_in_schema=False)
def agency_list(request: Request, principal: WebUser, db: DB, country: str = "") -> HTMLResponse:
    _require(principal)
    agencies = repository.list_agencies(db, country or None)
    return render(
        request, "agencies/list.html", {"agencies": agencies, "country": country, **_choices()}
    )


@router.get("/new", response_class=HTMLResponse, include_in_schema=False)
def agency_new(request: Request, principal: WebUser) -> HTMLResponse:
    _require(principal)
    return render(
        request, "agencies/form.html", {"agency": None, "values": {}, "errors": {}, **_choices()}
    )


@router.post("", include_in_schema=False)
async def agency_create(request: Request, principal: WebUser, db: DB) -> Response:
    _require(principal)
    values = await form_data(request)
    values["is_operator"] = values.get("is_operator") == "on"
    data, errors = validate(AgencyCreate, values)
    if data is not None:
        try:
            agency = service.create_agency(db, principal, data)
            return RedirectResponse(f"/admin/agencies/{agency.id}", status_code=303)
        except Conflict as exc:
            errors = {str(exc.details.get("field", "name")): exc.message}
    return render(
        request,
        "agencies/form.html",
        {"agency": None, "values": values, "errors": errors, **_choices()},
        status_code=422,
    )


@router.get("/{agency_id}", response_class=HTMLResponse, include_in_schema=False)
def agency_show(request: Request, agency_id: uuid.UUID, principal: WebUser, db: DB) -> HTMLResponse:
    agency = repository.get_agency(db, principal, agency_id)
    users = (
        service.list_users(db, principal, agency_id)
        if policies.can_manage_users_of(principal, agency_id)
        else []
    )
    return render(
        request,
        "agencies/show.html",
        {
            "agency": agency,
            "users": users,
            "can_edit": policies.can_manage_agencies(principal),
            **_choices(),
        },
    )


@router.post("/{agency_id}", include_in_schema=False)
async def agency_update(
    request: Request, agency_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    agency = repository.get_agency(db, principal, agency_id)
    _require(principal)
    values = await form_data(request)
    values["is_active"] = values.get("is_active") == "on"
    data, errors = validate(AgencyUpdate, values)
    conflict: dict[str, object] = {}
    if data is not None:
        try:
            service.update_agency(db, principal, agency_id, data)
            return RedirectResponse(f"/admin/agencies/{agency_id}", status_code=303)
        except Conflict as exc:
            conflict = exc.details
            errors = {"version": exc.message}
        except Invalid as exc:
            errors = invalid_errors(exc)
    return render(
        request,
        "agencies/form.html",
        {"agency": agency, "values": values, "errors": errors, "conflict": conflict, **_choices()},
        status_code=409 if conflict else 422,
    )
