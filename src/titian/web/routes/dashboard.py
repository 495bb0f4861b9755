"""The dashboard: what needs the user's attention, by role."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from titian.auth.models import Agency
from titian.gateway.db import DB
from titian.web.deps import WebUser
from titian.web.panels import dashboard_panels
from titian.web.templating import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def dashboard(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    agency = db.get(Agency, principal.agency_id)
    panels = dashboard_panels(db, principal)
    return render(request, "dashboard.html", {"agency": agency, "panels": panels})
