"""User administration pages."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from titian.auth import policies, repository, service
from titian.auth.policies import GRANTABLE, Permission, Role
from titian.auth.schemas import UserCreate, UserUpdate
from titian.errors import Conflict, Forbidden, Invalid
from titian.gateway.db import DB
from titian.i18n import N_
from titian.web.deps import WebUser
from titian.web.forms import form_data, invalid_errors, validate
from titian.web.templating import render

router = APIRouter(prefix="/admin/users")
NAV = [(N_("Users"), "/admin/users", Permission.MANAGE_USERS)]
NAV_ORDER = 900
MULTI = ("roles", "grants")


def _choices(db: DB, principal: policies.Principal) -> dict[str, object]:
    agencies = [
        a for a in repository.list_agencies(db) if policies.can_manage_users_of(principal, a.id)
    ]
    return {"roles": list(Role), "grantable": sorted(GRANTABLE), "agencies": agencies}


def _require(principal: policies.Principal) -> None:
    if not policies.has(principal, Permission.MANAGE_USERS):
        raise Forbidden(N_("your role does not allow managing users"))


@router.get("", response_class=HTMLResponse, include_in_schema=False)
def user_list(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    users = service.list_users(db, principal)
    return render(request, "users/list.html", {"users": users})


@router.get("/new", response_class=HTMLResponse, include_in_schema=False)
def user_new(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    _require(principal)
    values = {"agency_id": str(principal.agency_id), "roles": [], "grants": []}
    return render(
        request,
        "users/form.html",
        {"user": None, "values": values, "errors": {}, **_choices(db, principal)},
    )


@router.post("", include_in_schema=False)
async def user_create(request: Request, principal: WebUser, db: DB) -> Response:
    _require(principal)
    values = await form_data(request, MULTI)
    data, errors = validate(UserCreate, values)
    if data is not None:
        try:
            user = service.create_user(db, principal, data)
            return RedirectResponse(f"/admin/users/{user.id}", status_code=303)
        except Conflict as exc:
            errors = {str(exc.details.get("field", "username")): exc.message}
        except Invalid as exc:
            errors = invalid_errors(exc)
    values.pop("password", None)
    return render(
        request,
        "users/form.html",
        {"user": None, "values": values, "errors": errors, **_choices(db, principal)},
        status_code=422,
    )


@router.get("/{user_id}", response_class=HTMLResponse, include_in_schema=False)
def user_show(request: Request, user_id: uuid.UUID, principal: WebUser, db: DB) -> HTMLResponse:
    user = service.get_user(db, principal, user_id)
    read = service.user_read(user)
    values = {**read.model_dump(mode="json")}
    return render(
        request,
        "users/form.html",
        {"user": read, "values": values, "errors": {}, **_choices(db, principal)},
    )


@router.post("/{user_id}", include_in_schema=False)
async def user_update(request: Request, user_id: uuid.UUID, principal: WebUser, db: DB) -> Response:
    user = repository.get_user(db, principal, user_id)
    values = await form_data(request, MULTI)
    values["is_active"] = values.get("is_active") == "on"
    data, errors = validate(UserUpdate, values)
    conflict: dict[str, object] = {}
    if data is not None:
        try:
            service.update_user(db, principal, user_id, data)
            return RedirectResponse(f"/admin/users/{user_id}", status_code=303)
        except Conflict as exc:
            conflict, errors = exc.details, {"version": exc.message}
        except Invalid as exc:
            errors = invalid_errors(exc)
    values.pop("password", None)
    return render(
        request,
        "users/form.html",
        {
            "user": service.user_read(user),
            "values": values,
            "errors": errors,
            "conflict": conflict,
            **_choices(db, principal),
        },
        status_code=409 if conflict else 422,
    )
