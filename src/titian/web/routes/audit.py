"""The audit log page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from titian.audit import repository
from titian.audit import service as audit
from titian.auth import policies
from titian.auth.policies import Permission
from titian.gateway.db import DB
from titian.i18n import N_
from titian.web.deps import WebUser
from titian.web.templating import render

router = APIRouter(prefix="/audit")
NAV = [(N_("Audit"), "/audit", Permission.VIEW_AUDIT)]
NAV_ORDER = 920


@router.get("", response_class=HTMLResponse, include_in_schema=False)
def audit_log(
    request: Request, principal: WebUser, db: DB, action: str = "", before: int | None = None
) -> HTMLResponse:
    events = repository.list_events(
        db, principal, action=action or None, limit=100, before_seq=before
    )
    verdict = audit.verify(db) if policies.can_see_all_audit(principal) else None
    return render(
        request, "audit/list.html", {"events": events, "verdict": verdict, "action": action}
    )
