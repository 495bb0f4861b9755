"""The actor register pages: list with filters, register, edit, contact people, CSV import."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from titian.actors import importing, service
from titian.actors.importing import ImportRejected
from titian.actors.repository import require_edit
from titian.actors.schemas import ActorCreate, ActorUpdate, ContactCreate
from titian.actors.vocab import Gender
from titian.auth import policies
from titian.auth.policies import Permission
from titian.countries.registry import all_countries
from titian.errors import Conflict, Invalid
from titian.gateway.db import DB
from titian.i18n import N_
from titian.network import repository as network_repository
from titian.network import service as network_service
from titian.network.vocab import ActorKind, Group
from titian.web.deps import WebUser
from titian.web.forms import form_data, invalid_errors, validate
from titian.web.templating import render

router = APIRouter(prefix="/actors")
NAV = [(N_("Organisations"), "/actors", Permission.NETWORK_READ)]
NAV_ORDER = 300
MULTI = ("groups",)


def _choices() -> dict[str, object]:
    return {
        "countries": all_countries(),
        "kinds": list(ActorKind),
        "groups": list(Group),
        "genders": list(Gender),
    }


def _lists(values: dict[str, Any]) -> dict[str, Any]:
    """Comma- or space-separated codes typed in a text field become lists."""
    for name in ("areas", "languages"):
        raw = values.get(name) or ""
        values[name] = [v for v in str(raw).replace(",", " ").replace(";", " ").split() if v]
    return values


@router.get("", response_class=HTMLResponse, include_in_schema=False)
def actor_list(
    request: Request,
    principal: WebUser,
    db: DB,
    country: str = "",
    kind: str = "",
    group: str = "",
    q: str = "",
) -> HTMLResponse:
    actors = service.list_actors(
        db,
        principal,
        country=country or None,
        kind=ActorKind(kind) if kind in set(ActorKind) else None,
        group=Group(group) if group in set(Group) else None,
        query=q or None,
    )
    filters = {"country": country, "kind": kind, "group": group, "q": q}
    return render(
        request,
        "actors/list.html",
        {"actors": actors, "filters": filters, "split": service.split, **_choices()},
    )


@router.get("/new", response_class=HTMLResponse, include_in_schema=False)
def actor_new(request: Request, principal: WebUser) -> HTMLResponse:
    require_edit(principal)
    values = {"country": principal.agency_country, "groups": []}
    return render(
        request, "actors/form.html", {"actor": None, "values": values, "errors": {}, **_choices()}
    )


@router.post("", include_in_schema=False)
async def actor_create(request: Request, principal: WebUser, db: DB) -> Response:
    require_edit(principal)
    values = _lists(await form_data(request, MULTI))
    data, errors = validate(ActorCreate, values)
    if data is not None:
        try:
            actor = service.create_actor(db, principal, data)
            return RedirectResponse(f"/actors/{actor.id}", status_code=303)
        except Conflict as exc:
            errors = {"name": exc.message}
        except Invalid as exc:
            errors = invalid_errors(exc)
    return render(
        request,
        "actors/form.html",
        {"actor": None, "values": values, "errors": errors, **_choices()},
        status_code=422,
    )


@router.get("/import", response_class=HTMLResponse, include_in_schema=False)
def import_form(request: Request, principal: WebUser) -> HTMLResponse:
    require_edit(principal)
    return render(request, "actors/import.html", {"report": None, "columns": _columns()})


def _columns() -> list[str]:
    return list(importing.REQUIRED + importing.OPTIONAL)


@router.post("/import", include_in_schema=False)
async def import_run(request: Request, principal: WebUser, db: DB) -> Response:
    require_edit(principal)
    form = await request.form()
    upload, pasted = form.get("file"), form.get("text")
    text = ""
    if isinstance(upload, UploadFile) and upload.filename:
        text = (await upload.read()).decode("utf-8-sig", errors="replace")
    elif isinstance(pasted, str):
        text = pasted
    try:
        report = importing.import_csv(db, principal, text)
        status = 200
    except ImportRejected as exc:
        report, status = exc.report, 422
    return render(
        request,
        "actors/import.html",
        {"report": report, "columns": _columns()},
        status_code=status,
    )


def _show(
    request: Request,
    principal: policies.Principal,
    db: DB,
    actor_id: uuid.UUID,
    extra: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    actor = service.get_actor(db, principal, actor_id)
    read = service.actor_read(actor, principal)
    rels = network_repository.list_relationships(db, principal, actor_id=actor.id)
    values = read.model_dump(mode="json")
    values["areas"] = " ".join(read.areas)
    values["languages"] = " ".join(read.languages)
    context: dict[str, Any] = {
        "actor": read,
        "relationships": network_service.read_relationships(db, rels),
        "values": values,
        "errors": {},
        "contact_errors": {},
        "can_edit": policies.has(principal, Permission.NETWORK_EDIT),
        **_choices(),
    }
    context.update(extra or {})
    return render(request, "actors/show.html", context, status_code=status_code)


@router.get("/{actor_id}", response_class=HTMLResponse, include_in_schema=False)
def actor_show(request: Request, actor_id: uuid.UUID, principal: WebUser, db: DB) -> HTMLResponse:
    return _show(request, principal, db, actor_id)


@router.post("/{actor_id}", include_in_schema=False)
async def actor_update(
    request: Request, actor_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    service.get_actor(db, principal, actor_id)
    require_edit(principal)
    values = _lists(await form_data(request, MULTI))
    values["is_active"] = values.get("is_active") == "on"
    data, errors = validate(ActorUpdate, values)
    conflict: dict[str, object] = {}
    if data is not None:
        try:
            service.update_actor(db, principal, actor_id, data)
            return RedirectResponse(f"/actors/{actor_id}", status_code=303)
        except Conflict as exc:
            conflict, errors = exc.details, {"name": exc.message}
        except Invalid as exc:
            errors = invalid_errors(exc)
    display = dict(values)
    display["areas"] = " ".join(values.get("areas") or [])
    display["languages"] = " ".join(values.get("languages") or [])
    extra = {"values": display, "errors": errors, "conflict": conflict}
    return _show(request, principal, db, actor_id, extra, 409 if conflict else 422)


@router.post("/{actor_id}/contacts", include_in_schema=False)
async def contact_add(
    request: Request, actor_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    service.get_actor(db, principal, actor_id)
    require_edit(principal)
    values = await form_data(request)
    data, errors = validate(ContactCreate, values)
    if data is not None:
        service.add_contact(db, principal, actor_id, data)
        return RedirectResponse(f"/actors/{actor_id}#contacts", status_code=303)
    extra = {"contact_errors": errors, "contact_values": values}
    return _show(request, principal, db, actor_id, extra, 422)


@router.post("/{actor_id}/contacts/{contact_id}/delete", include_in_schema=False)
def contact_remove(
    actor_id: uuid.UUID, contact_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    service.remove_contact(db, principal, actor_id, contact_id)
    return RedirectResponse(f"/actors/{actor_id}#contacts", status_code=303)
