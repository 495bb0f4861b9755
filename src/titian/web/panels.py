"""Dashboard panels. Each area adds a function that returns a panel (or None) for a principal;
the dashboard shows the ones that apply, most urgent first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from titian.auth import policies
from titian.auth.models import User
from titian.auth.policies import Permission, Principal


@dataclass(frozen=True)
class Panel:
    title: str
    lines: list[tuple[str, str]] = field(default_factory=list)  # (text, link)
    urgency: int = 0  # 2 = red alert, 1 = attention, 0 = information
    empty_text: str = ""


PanelFn = Callable[[Session, Principal], Panel | None]
PANELS: list[PanelFn] = []


def panel(fn: PanelFn) -> PanelFn:
    PANELS.append(fn)
    return fn


def dashboard_panels(session: Session, principal: Principal) -> list[Panel]:
    found = [p for fn in PANELS if (p := fn(session, principal)) is not None]
    return sorted(found, key=lambda p: -p.urgency)


@panel
def administration(session: Session, principal: Principal) -> Panel | None:
    if not policies.has(principal, Permission.MANAGE_USERS):
        return None
    count = session.scalar(select(func.count(User.id)).where(User.agency_id == principal.agency_id))
    lines = [(f"{count} user accounts in your agency", "/admin/users")]
    if policies.can_manage_agencies(principal):
        lines.append(("Agencies", "/admin/agencies"))
    return Panel("Administration", lines)


@panel
def audit_panel(session: Session, principal: Principal) -> Panel | None:
    if not policies.can_view_audit(principal):
        return None
    return Panel("Audit", [("Audit log and chain verification", "/audit")])
