"""The notifications page and its dashboard panel."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from titian.auth.policies import Principal
from titian.gateway.db import DB
from titian.i18n import N_, nN_
from titian.notifications import service
from titian.web.deps import WebUser
from titian.web.panels import Line, Panel, panel
from titian.web.templating import render

router = APIRouter(prefix="/notifications")
NAV = [(N_("Notifications"), "/notifications", None)]
NAV_ORDER = 800


@router.get("", response_class=HTMLResponse, include_in_schema=False)
def notification_list(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    rows = service.list_for(db, principal)
    return render(request, "notifications/list.html", {"notifications": rows})


@router.post("/{notification_id}/read", include_in_schema=False)
def notification_read(notification_id: uuid.UUID, principal: WebUser, db: DB) -> RedirectResponse:
    service.mark_read(db, principal, notification_id)
    return RedirectResponse("/notifications", status_code=303)


@panel
def notifications_panel(session: Session, principal: Principal) -> Panel | None:
    count = service.unread_count(session, principal)
    if not count:
        return None
    latest = service.list_for(session, principal, unread_only=True, limit=3)
    # A notification's message is written by its domain and stored: shown as it is.
    lines: list[Line | tuple[str, str]] = [
        Line(n.message, n.link or "/notifications", literal=True) for n in latest
    ]
    one, many = nN_("%(count)s unread notification", "%(count)s unread notifications")
    lines.append(Line(one, "/notifications", {"count": count}, plural=many))
    return Panel(N_("Notifications"), lines, urgency=0)
