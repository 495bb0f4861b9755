"""Policy dialogue pages: list and country figures, plan, the dialogue with its sessions,
participants, commitments and figures, follow-up of commitments, and the dashboard panel of
follow-up reminders."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from titian.actors import repository as actors_repository
from titian.actors.vocab import Gender
from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.countries.registry import all_countries
from titian.dialogues import repository, service
from titian.dialogues.schemas import (
    CommitmentCreate,
    CommitmentUpdate,
    DialogueCreate,
    DialogueUpdate,
    ParticipantCreate,
    SessionCreate,
)
from titian.dialogues.vocab import CommitmentStatus, DialogueFormat, ParticipantRole
from titian.errors import Conflict, Forbidden, Invalid
from titian.gateway.db import DB
from titian.i18n import N_
from titian.web.deps import WebUser
from titian.web.forms import form_data, invalid_errors, validate
from titian.web.panels import Line, Panel, panel
from titian.web.templating import render

router = APIRouter(prefix="/dialogues")
NAV = [(N_("Dialogues"), "/dialogues", Permission.DIALOGUES_READ)]
NAV_ORDER = 320


def _topics(values: dict[str, Any]) -> dict[str, Any]:
    raw = values.get("topics")
    if isinstance(raw, str):
        values["topics"] = [t.strip() for t in raw.split(",") if t.strip()]
    return values


def _require_edit(principal: Principal) -> None:
    if not policies.has(principal, Permission.DIALOGUES_EDIT):
        raise Forbidden(N_("your role does not allow organising policy dialogues"))


@router.get("", response_class=HTMLResponse, include_in_schema=False)
def dialogue_list(request: Request, principal: WebUser, db: DB, country: str = "") -> HTMLResponse:
    dialogues = service.list_dialogues(db, principal, country or None)
    figures = service.country_figures(db, principal, country) if country else None
    return render(
        request,
        "dialogues/list.html",
        {
            "dialogues": [service.dialogue_read(d) for d in dialogues],
            "country": country.upper(),
            "countries": all_countries(),
            "figures": figures,
        },
    )


@router.get("/commitments", response_class=HTMLResponse, include_in_schema=False)
def commitment_list(
    request: Request, principal: WebUser, db: DB, overdue: bool = False
) -> HTMLResponse:
    found = service.list_commitments(db, principal, overdue=overdue)
    return render(
        request,
        "dialogues/commitments.html",
        {"commitments": [service.commitment_read(c) for c in found], "overdue": overdue},
    )


@router.post("/commitments/{commitment_id}", include_in_schema=False)
async def commitment_update(
    request: Request, commitment_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    commitment = repository.get_commitment(db, principal, commitment_id)
    values = await form_data(request)
    data, errors = validate(CommitmentUpdate, values)
    status_code = 422
    if data is not None:
        try:
            service.update_commitment(db, principal, commitment_id, data)
            return RedirectResponse(
                f"/dialogues/{commitment.dialogue_id}#commitments", status_code=303
            )
        except Conflict as exc:
            errors, status_code = {f"commitment-{commitment_id}": exc.message}, 409
        except Invalid as exc:
            errors = invalid_errors(exc)
    return _show(request, db, principal, commitment.dialogue_id, errors, status_code)


@router.get("/new", response_class=HTMLResponse, include_in_schema=False)
def dialogue_new(request: Request, principal: WebUser) -> HTMLResponse:
    _require_edit(principal)
    values = {"country": principal.agency_country, "format": "in_person"}
    return render(request, "dialogues/form.html", _form(values, {}))


def _form(values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    return {
        "values": values,
        "errors": errors,
        "countries": all_countries(),
        "formats": list(DialogueFormat),
    }


@router.post("", include_in_schema=False)
async def dialogue_create(request: Request, principal: WebUser, db: DB) -> Response:
    _require_edit(principal)
    values = _topics(await form_data(request))
    data, errors = validate(DialogueCreate, values)
    if data is not None:
        try:
            dialogue = service.create_dialogue(db, principal, data)
            return RedirectResponse(f"/dialogues/{dialogue.id}", status_code=303)
        except Invalid as exc:
            errors = invalid_errors(exc)
    values["topics"] = ", ".join(values.get("topics") or [])
    return render(request, "dialogues/form.html", _form(values, errors), status_code=422)


def _show(
    request: Request,
    db: Session,
    principal: Principal,
    dialogue_id: uuid.UUID,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    dialogue = service.get_dialogue(db, principal, dialogue_id)
    editable = repository.can_edit(principal, dialogue)
    actors = [a for a in actors_repository.all_actors(db) if a.is_active] if editable else []
    context = {
        "d": service.dialogue_detail(dialogue, principal),
        "editable": editable,
        "actors": actors,
        "roles": list(ParticipantRole),
        "genders": list(Gender),
        "statuses": list(CommitmentStatus),
        "formats": list(DialogueFormat),
        "errors": errors or {},
    }
    return render(request, "dialogues/show.html", context, status_code=status_code)


@router.get("/{dialogue_id}", response_class=HTMLResponse, include_in_schema=False)
def dialogue_show(
    request: Request, dialogue_id: uuid.UUID, principal: WebUser, db: DB
) -> HTMLResponse:
    return _show(request, db, principal, dialogue_id)


async def _edit_action(
    request: Request,
    db: Session,
    principal: Principal,
    dialogue_id: uuid.UUID,
    model: type[Any],
    action: Any,
    anchor: str,
) -> Response:
    repository.get_for_edit(db, principal, dialogue_id)
    values = _topics(await form_data(request))
    data, errors = validate(model, values)
    if data is not None:
        try:
            action(db, principal, dialogue_id, data)
            return RedirectResponse(f"/dialogues/{dialogue_id}#{anchor}", status_code=303)
        except Invalid as exc:
            errors = invalid_errors(exc)
        except Conflict as exc:
            errors = {"version": exc.message}
    return _show(request, db, principal, dialogue_id, errors, 422)


@router.post("/{dialogue_id}", include_in_schema=False)
async def dialogue_update(
    request: Request, dialogue_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    return await _edit_action(
        request, db, principal, dialogue_id, DialogueUpdate, service.update_dialogue, "notes"
    )


@router.post("/{dialogue_id}/sessions", include_in_schema=False)
async def session_add(
    request: Request, dialogue_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    return await _edit_action(
        request, db, principal, dialogue_id, SessionCreate, service.add_session, "sessions"
    )


@router.post("/{dialogue_id}/participants", include_in_schema=False)
async def participant_add(
    request: Request, dialogue_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    return await _edit_action(
        request,
        db,
        principal,
        dialogue_id,
        ParticipantCreate,
        service.add_participant,
        "participants",
    )


@router.post("/{dialogue_id}/participants/{participant_id}/delete", include_in_schema=False)
def participant_remove(
    dialogue_id: uuid.UUID, participant_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    """Remove a participant recorded by mistake (and, once held, the dialogue links it added)."""
    service.remove_participant(db, principal, dialogue_id, participant_id)
    return RedirectResponse(f"/dialogues/{dialogue_id}#participants", status_code=303)


@router.post("/{dialogue_id}/commitments", include_in_schema=False)
async def commitment_add(
    request: Request, dialogue_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    return await _edit_action(
        request,
        db,
        principal,
        dialogue_id,
        CommitmentCreate,
        service.add_commitment,
        "commitments",
    )


@router.post("/{dialogue_id}/hold", include_in_schema=False)
def dialogue_hold(dialogue_id: uuid.UUID, principal: WebUser, db: DB) -> Response:
    service.hold_dialogue(db, principal, dialogue_id)
    return RedirectResponse(f"/dialogues/{dialogue_id}", status_code=303)


@panel
def commitments_panel(session: Session, principal: Principal) -> Panel | None:
    """Follow-up reminders of dialogue commitments for the editors who can act on them; an
    overdue commitment makes the panel urgent."""
    if not policies.has(principal, Permission.DIALOGUES_EDIT):
        return None
    due = service.reminders(session, principal)
    today = service.today()
    lines: list[Line | tuple[str, str]] = []
    for c in due[:10]:
        late = service.is_overdue(c, today)
        text = (
            N_("Overdue %(date)s: %(commitment)s (%(dialogue)s)")
            if late
            else N_("Due %(date)s: %(commitment)s (%(dialogue)s)")
        )
        values = {"date": c.due_on, "commitment": c.description[:80], "dialogue": c.dialogue.title}
        lines.append(Line(text, f"/dialogues/{c.dialogue_id}#commitments", values))
    if len(due) > 10:
        more = {"count": len(due) - 10}
        lines.append(Line(N_("%(count)s more"), "/dialogues/commitments?overdue=true", more))
    overdue = any(service.is_overdue(c, today) for c in due)
    return Panel(
        N_("Dialogue commitments to follow up"),
        lines,
        urgency=1 if overdue else 0,
        empty_text=N_("No commitment is due or overdue."),
    )
