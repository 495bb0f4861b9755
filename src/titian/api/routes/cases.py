"""Victim cases: the JSON twin of every case page (issue 3, item 8)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status
from fastapi.responses import Response

from titian.api.deps import Actor
from titian.cases import (
    repository,
    service,
    service_checklist,
    service_consent,
    service_interviews,
    service_justice,
    service_proceedings,
)
from titian.cases.export import export_cases
from titian.cases.models import CaseStatus
from titian.cases.repository import CaseFilters
from titian.cases.schemas import (
    AlertRead,
    CaseCreate,
    CaseRead,
    CaseSummary,
    CaseUpdate,
    ChargeCorrection,
    ChecklistItemRead,
    ChecklistRecord,
    ConsentCreate,
    ConsentRead,
    ConsentWithdraw,
    DetentionRelease,
    ExportRequest,
    InterviewClose,
    InterviewCreate,
    InterviewRead,
    InterviewUpdate,
    JusticeEntryRemove,
    JusticeView,
    MilestoneCorrection,
    OriginNoticeCreate,
    OriginNoticeRead,
    ProceedingsRead,
    ReturnPlanCreate,
    ReturnPlanRead,
    ReturnPlanStatusChange,
    ReturnPlanUpdate,
)
from titian.gateway.db import DB

router = APIRouter(prefix="/cases", tags=["cases"])


def _read(db: DB, actor: Actor, case_id: uuid.UUID) -> CaseRead:
    case, view = repository.get_case(db, actor, case_id)
    return service.case_read(db, actor, case, view, audit_read=False)


@router.get("", response_model=list[CaseSummary])
def list_cases(
    actor: Actor,
    db: DB,
    case_status: Annotated[CaseStatus | None, Query(alias="status")] = None,
    identification_status: str | None = None,
    gender: str | None = None,
    minor: bool | None = None,
    alert: bool | None = None,
    number: str | None = None,
) -> list[CaseSummary]:
    """Cases you may see (your agency's, shared with you, or your justice cases), filtered."""
    filters = CaseFilters(case_status, identification_status, gender, minor, alert, number)
    return service.list_cases(db, actor, filters)


@router.post("", response_model=CaseRead, status_code=status.HTTP_201_CREATED)
def create_case(body: CaseCreate, actor: Actor, db: DB) -> CaseRead:
    """Open a case; identifiers are encrypted field by field."""
    case = service.create_case(db, actor, body)
    return service.case_read(db, actor, case, "owner", audit_read=False)


@router.get("/alerts", response_model=list[AlertRead])
def list_alerts(actor: Actor, db: DB) -> list[AlertRead]:
    """Open alerts (C6 detention) of every case you may see."""
    return [AlertRead.model_validate(a) for a, _ in repository.alerts_in_scope(db, actor)]


@router.post("/export")
def export(body: ExportRequest, actor: Actor, db: DB) -> Response:
    """HTCDS v2.0 export (JSON or CSV) of your agency's cases; needs the export permission; the
    purpose is recorded in the audit log."""
    result = export_cases(db, actor, body)
    return Response(result.content, media_type=result.media_type)


@router.get("/{case_id}", response_model=CaseRead)
def get_case(case_id: uuid.UUID, actor: Actor, db: DB) -> CaseRead:
    """One case in your view (owner or shared); the read is audited."""
    return service.read_case(db, actor, case_id)


@router.patch("/{case_id}", response_model=CaseRead)
def update_case(case_id: uuid.UUID, body: CaseUpdate, actor: Actor, db: DB) -> CaseRead:
    """Save an edit; a stale ``version`` answers 409 with what changed."""
    service.update_case(db, actor, case_id, body)
    return _read(db, actor, case_id)


@router.get("/{case_id}/justice", response_model=JusticeView)
def justice_view(case_id: uuid.UUID, actor: Actor, db: DB) -> JusticeView:
    """The justice view: proceedings, charges with the non-punishment flag, alerts (C7, C17)."""
    return service_justice.justice_view(db, actor, case_id)


@router.get("/{case_id}/checklist", response_model=list[ChecklistItemRead])
def checklist(case_id: uuid.UUID, actor: Actor, db: DB) -> list[ChecklistItemRead]:
    """The rights and accommodations checklist with statuses and due dates."""
    return service_checklist.checklist(db, actor, case_id)


@router.post("/{case_id}/checklist/{item_id}", response_model=ChecklistItemRead)
def record_item(
    case_id: uuid.UUID, item_id: str, body: ChecklistRecord, actor: Actor, db: DB
) -> ChecklistItemRead:
    """Record an item done, declined (a valid outcome) or unavailable."""
    return service_checklist.record_item(db, actor, case_id, item_id, body)


@router.get("/{case_id}/consents", response_model=list[ConsentRead])
def list_consents(case_id: uuid.UUID, actor: Actor, db: DB) -> list[ConsentRead]:
    """Every version of every consent of the case."""
    return service_consent.list_consents(db, actor, case_id)


@router.post("/{case_id}/consents", response_model=ConsentRead, status_code=status.HTTP_201_CREATED)
def record_consent(case_id: uuid.UUID, body: ConsentCreate, actor: Actor, db: DB) -> ConsentRead:
    """Record a consent (or a refusal); a child needs assent and a guardian or best-interests
    decision (C2)."""
    row = service_consent.record_consent(db, actor, case_id, body)
    return _consent_read(db, actor, case_id, row.id)


@router.post("/{case_id}/consents/{consent_id}/withdraw", response_model=ConsentRead)
def withdraw_consent(
    case_id: uuid.UUID, consent_id: uuid.UUID, body: ConsentWithdraw, actor: Actor, db: DB
) -> ConsentRead:
    """Withdraw: sharing stops, grants close, earlier receivers are notified (C2)."""
    row = service_consent.withdraw_consent(db, actor, case_id, consent_id, body)
    return _consent_read(db, actor, case_id, row.id)


def _consent_read(db: DB, actor: Actor, case_id: uuid.UUID, row_id: uuid.UUID) -> ConsentRead:
    rows = service_consent.list_consents(db, actor, case_id)
    return next(r for r in rows if r.id == row_id)


@router.get("/{case_id}/interviews", response_model=list[InterviewRead])
def list_interviews(case_id: uuid.UUID, actor: Actor, db: DB) -> list[InterviewRead]:
    return service_interviews.list_interviews(db, actor, case_id)


@router.post(
    "/{case_id}/interviews", response_model=InterviewRead, status_code=status.HTTP_201_CREATED
)
def create_interview(
    case_id: uuid.UUID, body: InterviewCreate, actor: Actor, db: DB
) -> InterviewRead:
    interview = service_interviews.create_interview(db, actor, case_id, body)
    return service_interviews.interview_read(db, interview)


@router.patch("/{case_id}/interviews/{interview_id}", response_model=InterviewRead)
def update_interview(
    case_id: uuid.UUID, interview_id: uuid.UUID, body: InterviewUpdate, actor: Actor, db: DB
) -> InterviewRead:
    interview = service_interviews.update_interview(db, actor, case_id, interview_id, body)
    return service_interviews.interview_read(db, interview)


@router.post("/{case_id}/interviews/{interview_id}/close", response_model=InterviewRead)
def close_interview(
    case_id: uuid.UUID, interview_id: uuid.UUID, body: InterviewClose, actor: Actor, db: DB
) -> InterviewRead:
    """Close the record; refused (422, rule C4 or C5) until language, interpreter and gender
    preference are recorded."""
    interview = service_interviews.close_interview(db, actor, case_id, interview_id, body)
    return service_interviews.interview_read(db, interview)


@router.get("/{case_id}/return-plans", response_model=list[ReturnPlanRead])
def list_return_plans(case_id: uuid.UUID, actor: Actor, db: DB) -> list[ReturnPlanRead]:
    """Return and repatriation plans of the case, each with what still keeps it from being set
    ready (``blockers``, rule C12)."""
    return service_justice.return_plan_reads(db, actor, case_id)


@router.post(
    "/{case_id}/return-plans", response_model=ReturnPlanRead, status_code=status.HTTP_201_CREATED
)
def create_return_plan(
    case_id: uuid.UUID, body: ReturnPlanCreate, actor: Actor, db: DB
) -> ReturnPlanRead:
    plan = service_justice.create_return_plan(db, actor, case_id, body)
    return service_justice.plan_read(db, plan)


@router.patch("/{case_id}/return-plans/{plan_id}", response_model=ReturnPlanRead)
def update_return_plan(
    case_id: uuid.UUID, plan_id: uuid.UUID, body: ReturnPlanUpdate, actor: Actor, db: DB
) -> ReturnPlanRead:
    """Edit a plan; a stale ``version`` answers 409 with what changed. A ready plan whose risk
    becomes high goes back to draft (C12)."""
    plan = service_justice.update_return_plan(db, actor, case_id, plan_id, body)
    return service_justice.plan_read(db, plan)


@router.post("/{case_id}/return-plans/{plan_id}/status", response_model=ReturnPlanRead)
def set_return_status(
    case_id: uuid.UUID, plan_id: uuid.UUID, body: ReturnPlanStatusChange, actor: Actor, db: DB
) -> ReturnPlanRead:
    """Move a return plan on; ``ready`` is refused (422, rule C12) without a risk assessment,
    the person's wish and the state of proceedings, and while the risk is high."""
    plan = service_justice.set_return_status(db, actor, case_id, plan_id, body)
    return service_justice.plan_read(db, plan)


@router.get("/{case_id}/origin-notices", response_model=list[OriginNoticeRead])
def list_origin_notices(case_id: uuid.UUID, actor: Actor, db: DB) -> list[OriginNoticeRead]:
    """Notices sent to the country of origin (C13), oldest first."""
    notices = service_justice.list_origin_notices(db, actor, case_id)
    return [OriginNoticeRead.model_validate(n) for n in notices]


@router.post(
    "/{case_id}/origin-notices",
    response_model=OriginNoticeRead,
    status_code=status.HTTP_201_CREATED,
)
def send_origin_notice(
    case_id: uuid.UUID, body: OriginNoticeCreate, actor: Actor, db: DB
) -> OriginNoticeRead:
    """Record a notice to the country of origin; refused (422, rule C13) unless the person said
    they do not object."""
    notice = service_justice.send_origin_notice(db, actor, case_id, body)
    return OriginNoticeRead.model_validate(notice)


@router.get("/{case_id}/proceedings", response_model=ProceedingsRead)
def proceedings(case_id: uuid.UUID, actor: Actor, db: DB) -> ProceedingsRead:
    """The justice record as its owner edits it: charges and milestones by position (from 0)
    and the case's ``version``."""
    return service_proceedings.proceedings(db, actor, case_id)


@router.patch("/{case_id}/charges/{index}", response_model=ProceedingsRead)
def correct_charge(
    case_id: uuid.UUID, index: int, body: ChargeCorrection, actor: Actor, db: DB
) -> ProceedingsRead:
    """Correct charge ``index`` (from 0); only the fields sent change. A stale case ``version``
    answers 409 and nothing is saved."""
    return service_proceedings.correct_charge(db, actor, case_id, index, body)


@router.post("/{case_id}/charges/{index}/remove", response_model=ProceedingsRead)
def remove_charge(
    case_id: uuid.UUID, index: int, body: JusticeEntryRemove, actor: Actor, db: DB
) -> ProceedingsRead:
    """Remove a charge entered in error (the reason is audited). A dropped charge is not
    removed: correct its ``outcome`` to ``dropped``."""
    return service_proceedings.remove_charge(db, actor, case_id, index, body)


@router.patch("/{case_id}/milestones/{index}", response_model=ProceedingsRead)
def correct_milestone(
    case_id: uuid.UUID, index: int, body: MilestoneCorrection, actor: Actor, db: DB
) -> ProceedingsRead:
    """Correct milestone ``index`` (from 0); a stale case ``version`` answers 409."""
    return service_proceedings.correct_milestone(db, actor, case_id, index, body)


@router.post("/{case_id}/milestones/{index}/remove", response_model=ProceedingsRead)
def remove_milestone(
    case_id: uuid.UUID, index: int, body: JusticeEntryRemove, actor: Actor, db: DB
) -> ProceedingsRead:
    """Remove a milestone entered in error (the reason is audited)."""
    return service_proceedings.remove_milestone(db, actor, case_id, index, body)


@router.post("/{case_id}/alerts/{alert_id}/resolve", response_model=AlertRead)
def resolve_alert(
    case_id: uuid.UUID, alert_id: uuid.UUID, body: DetentionRelease, actor: Actor, db: DB
) -> AlertRead:
    """Resolve a C6 detention alert by recording the release: where the person is now, when,
    and a note. The case's custody status changes with it; a stale ``version`` answers 409. The
    alert can never be dismissed while the case still says the person is detained."""
    alert = service_proceedings.record_release(db, actor, case_id, alert_id, body)
    return AlertRead.model_validate(alert)
