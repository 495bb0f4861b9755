"""Alerts of a case (issue 3 item 4).

C6: a presumed or confirmed victim held in immigration detention, a police cell or prison
raises a red alert at once (ACTIP 14(8); OHCHR P7). The case manager and the justice focal point
are notified; the alert stays on the dashboard until the condition ends, when it is resolved and
the resolution audited. Notices name the pseudonymous case number only.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth.policies import Principal
from titian.cases import repository
from titian.cases.enforcement import requires_detention_alert
from titian.cases.models import AlertKind, Case, CaseAlert
from titian.cases.profile import CaseProfile
from titian.kit.clock import utcnow
from titian.notifications.service import notify_agency

DETENTION_KIND = "case.detention_alert"


def _open_detention(session: Session, case: Case) -> Sequence[CaseAlert]:
    return [a for a in repository.open_alerts(session, [case.id]) if a.kind == AlertKind.DETENTION]


def sync_alerts(
    session: Session,
    principal: Principal | None,
    case: Case,
    profile: CaseProfile,
    *,
    new_focal_point: bool = False,
) -> None:
    """Open the C6 alert when the profile requires it, resolve it when it no longer does. A
    justice focal point named while an alert is open is told at once too."""
    open_alerts = _open_detention(session, case)
    needed = requires_detention_alert(profile)
    if needed and not open_alerts:
        _open(session, principal, case, profile)
    elif needed and new_focal_point and case.justice_agency_id is not None:
        for alert in open_alerts:
            notify_agency(
                session,
                case.justice_agency_id,
                DETENTION_KIND,
                alert.message,
                f"/cases/{case.id}/justice",
            )
    elif not needed:
        for alert in open_alerts:
            alert.resolved_at = utcnow()
            alert.resolution = "no longer a presumed or identified victim in detention"
            audit.record(session, principal, "case.alert.resolve", "case", case.id, {"rule": "C6"})
        session.flush()


def _open(session: Session, principal: Principal | None, case: Case, profile: CaseProfile) -> None:
    message = (
        f"C6: case {case.number}: a presumed or identified victim is held in detention "
        f"({profile.custody_status.value.replace('_', ' ')}). Act now."
    )
    alert = CaseAlert(case_id=case.id, kind=AlertKind.DETENTION, rule="C6", message=message)
    session.add(alert)
    session.flush()
    link = f"/cases/{case.id}"
    notify_agency(
        session, case.owner_agency_id, DETENTION_KIND, message, link, user_id=case.case_manager_id
    )
    if case.justice_agency_id is not None:
        notify_agency(session, case.justice_agency_id, DETENTION_KIND, message, f"{link}/justice")
    audit.record(
        session,
        principal,
        "case.alert.open",
        "case",
        case.id,
        {"rule": "C6", "custody_status": profile.custody_status.value},
    )
