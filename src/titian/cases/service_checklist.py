"""The stored rights and accommodations checklist (rights-checklist.md C1-C17, issue 3 item 3).

The pure :func:`titian.cases.rights.derive_checklist` decides which items apply, their status
and due date; this module keeps its result in ``case_checklist_item`` after every change of the
profile, so lists, alerts and reports can query it. What people recorded (done, declined,
unavailable) is kept on the row and fed back into the derivation. An item that stops applying
(the profile changed) is kept with ``applies = false``: its history is not lost.
"""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import ValidationError
from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth.policies import Permission, Principal
from titian.cases import repository
from titian.cases.models import Case, CaseChecklistItem
from titian.cases.profile import CaseProfile
from titian.cases.rights import ItemState, derive_checklist, load_catalogue
from titian.cases.schemas import ChecklistItemRead, ChecklistRecord
from titian.countries.registry import get_country
from titian.errors import FieldError, Forbidden, Invalid, NotFound
from titian.kit.clock import utcnow


def _today() -> date:
    return utcnow().date()


def identified_on(case: Case) -> date:
    """Due dates count from identification; before it is recorded, from the case's opening."""
    return case.identified_on or case.created_at.date()


def _recorded(rows: dict[str, CaseChecklistItem]) -> dict[str, ItemState]:
    known = {item.id for item in load_catalogue().items}
    return {
        item_id: ItemState(
            status=row.recorded_status,
            on=row.recorded_on or _today(),
            by=row.recorded_by,
            note=row.note,
        )
        for item_id, row in rows.items()
        if row.recorded_status and item_id in known
    }


def refresh_checklist(
    session: Session, case: Case, profile: CaseProfile, today: date | None = None
) -> list[CaseChecklistItem]:
    """Re-derive the checklist from the profile and store it; returns the applying items."""
    rows = {r.item_id: r for r in repository.checklist_of(session, case.id)}
    items = derive_checklist(
        profile, get_country(case.country), identified_on(case), today or _today(), _recorded(rows)
    )
    applying: list[CaseChecklistItem] = []
    for item in items:
        row = rows.pop(item.item_id, None)
        if row is None:
            row = CaseChecklistItem(case_id=case.id, item_id=item.item_id)
            session.add(row)
        row.rules = ",".join(item.rules)
        row.mode = item.mode.value
        row.group = item.group
        row.title = item.title[:200]
        row.status = item.status.value
        row.due_on = item.due_on
        row.applies = True
        applying.append(row)
    for row in rows.values():
        row.applies = False
    session.flush()
    return applying


def checklist(
    session: Session, principal: Principal, case_id: uuid.UUID
) -> list[ChecklistItemRead]:
    """The case's checklist (owner agency only), refreshed for today; the read is audited."""
    case = repository.get_owned_case(session, principal, case_id)
    from titian.cases.service import load_profile

    refresh_checklist(session, case, load_profile(session, case))
    rows = [r for r in repository.checklist_of(session, case.id) if r.applies]
    audit.record(session, principal, "case.checklist.read", "case", case.id, {"items": len(rows)})
    return [ChecklistItemRead.model_validate(r) for r in rows]


def record_item(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    item_id: str,
    data: ChecklistRecord,
) -> ChecklistItemRead:
    """Record that an item was done, declined (a valid outcome, C3) or unavailable (feeds the
    service-gap report, C9)."""
    case = repository.get_owned_case(session, principal, case_id)
    if Permission.CASES_WRITE not in principal.permissions:
        raise Forbidden("your role does not allow editing cases")
    rows = {r.item_id: r for r in repository.checklist_of(session, case.id) if r.applies}
    row = rows.get(item_id)
    if row is None:
        raise NotFound("no such checklist item on this case")
    try:
        state = ItemState(status=data.status, on=data.on or _today(), by=principal.username)
    except ValidationError as exc:
        raise Invalid(
            "status refused", [FieldError("status", str(e["msg"])) for e in exc.errors()]
        ) from exc
    row.recorded_status = state.status.value
    row.recorded_on = state.on
    row.recorded_by = principal.username
    row.note = data.note
    from titian.cases.service import load_profile

    refresh_checklist(session, case, load_profile(session, case))
    audit.record(
        session,
        principal,
        "case.checklist.record",
        "case",
        case.id,
        {"item": item_id, "status": state.status.value},
    )
    return ChecklistItemRead.model_validate(row)
