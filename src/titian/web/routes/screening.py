"""Guided screening pages (issue 5, item 4): one step per screen, made for a phone.

Safety first (the interview record, C4, C5, C16), then the person and the purpose, then one
ILO/EC dimension per step in plain language, then a review and the result. Every change is saved
at once with HTMX (``hx-post`` on change; the new version comes back out of band), and "Next"
saves too, so a refresh or a later visit resumes at the saved step. The result page explains the
outcome, what happens next, and says plainly when a list is incomplete or still to verify.
JSON twin: ``titian.api.routes.screening``.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from titian.auth.policies import Permission, Principal
from titian.cases import repository as case_repository
from titian.cases import service as case_service
from titian.cases.models import Case
from titian.cases.schemas import CaseCreate, InterviewUpdate
from titian.cases.vocab import InterviewerGender, StaffGender
from titian.errors import Conflict, FieldError, Invalid, NotFound, RuleViolation
from titian.gateway.db import DB
from titian.i18n import N_, terms
from titian.screening import repository, service
from titian.screening.answers import ExploitationKind, MigrationStatus, OtherForm, TraffickingAct
from titian.screening.catalogue import CatalogueStatus, Dimension, Indicator
from titian.screening.indicators import scoring_input, select_lists
from titian.screening.models import ScreeningSession, SessionStatus
from titian.screening.schemas import STEPS, ScreeningFinish, ScreeningSave, ScreeningStart
from titian.web.deps import WebUser
from titian.web.forms import form_data, invalid_errors
from titian.web.routes.referrals import emergency_context
from titian.web.templating import render

router = APIRouter(prefix="/screening")
NAV = [(N_("Screening"), "/screening", Permission.SCREENING)]
NAV_ORDER = 25

#: Plain-language introductions, one per dimension (ILO/EC 2009 dimensions, reworded).
INTROS: dict[str, str] = {
    "D1": N_("Was the person lied to when they were recruited or moved?"),
    "D2": N_("Was the person forced or threatened when they were recruited?"),
    "D3": N_("Did someone take advantage of a hard situation to recruit the person?"),
    "D4": N_("What were the work or living conditions like?"),
    "D5": N_("Was the person forced or threatened to keep them there?"),
    "D6": N_("Did someone take advantage of a hard situation to keep them there?"),
}
STEP_TITLES: dict[str, str] = {
    "safety": N_("Safety and language"),
    "about": N_("About the person"),
    **{d.value: d.label for d in Dimension},
    "review": N_("Review"),
}
NEXT_STEPS: dict[str, str] = {
    "presumed_victim": N_(
        "The case is now marked presumed victim. Protection applies at once: see the rights "
        "checklist (release from detention, non-punishment). Refer the person for formal "
        "identification by the competent authority."
    ),
    "presumed_child_victim": N_(
        "The case is now marked presumed victim. Child protection applies at once: see the rights "
        "checklist (guardian or best-interests decision). Refer for formal identification."
    ),
    "recruitment_means_and_exploitation": N_(
        "Refer for further assessment. Offer labour-rights and protection services."
    ),
    "exploited_migrant": N_(
        "Refer to labour and legal services. Ask about recruitment when it is safe: it may "
        "still be unknown."
    ),
    "not_indicated": N_(
        "Nothing is indicated on what was recorded so far. Unknown is not 'no': screen again "
        "when the person is ready or more is known."
    ),
}
SAFETY_TEXT = (
    "language", "interviewer_gender", "interpreter_language", "interpreter_gender",
    "gender_preference", "gender_mismatch_reason", "emergency_plan",
)  # fmt: skip
SAFETY_TRISTATE = (
    "interpreter_screening_passed", "preference_honoured", "safe_location_checked",
    "risk_assessed",
)  # fmt: skip


def _choices(kind: type[StrEnum]) -> list[tuple[str, str]]:
    return list(terms.choices(kind))


def _own_cases(db: Session, principal: Principal) -> list[Case]:
    return list(case_repository.open_cases_of_agency(db, principal))


@router.get("", response_class=HTMLResponse, include_in_schema=False)
def screening_list(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    rows = service.list_screenings(db, principal)
    context = {"rows": rows, "cases": _own_cases(db, principal), "case_id": ""}
    context["case_id"] = request.query_params.get("case_id", "")
    return render(request, "screening/list.html", context)


@router.post("", include_in_schema=False)
async def screening_start(request: Request, principal: WebUser, db: DB) -> Response:
    form = await form_data(request)
    service.require(principal)
    raw = str(form.get("case_id") or "")
    if raw == "new":
        case_id = case_service.create_case(db, principal, CaseCreate()).id
    else:
        try:
            case_id = uuid.UUID(raw)
        except ValueError as exc:
            raise NotFound(N_("no such case")) from exc
    row = service.start_screening(db, principal, ScreeningStart(case_id=case_id))
    return RedirectResponse(f"/screening/{row.id}", status_code=303)


@router.get("/compare", response_class=HTMLResponse, include_in_schema=False)
def screening_compare(
    request: Request, case_id: uuid.UUID, principal: WebUser, db: DB
) -> HTMLResponse:
    """The case's screenings side by side (JSON twin: /api/v1/screening/compare)."""
    comparison = service.compare(db, principal, case_id)
    case = case_repository.get_case_row(db, case_id)
    latest = comparison.columns[-1].screening_id if comparison.columns else None
    context = {"comparison": comparison, "case": case, "latest": latest}
    return render(request, "screening/compare.html", context)


@router.post("/{screening_id}/also", include_in_schema=False)
async def screening_also(
    request: Request, screening_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    """Screen the same case against another list, starting from this screening's age and
    migration status."""
    form = await form_data(request)
    try:
        kind = ExploitationKind(str(form.get("exploitation_kind") or ""))
    except ValueError as exc:
        raise Invalid(
            N_("no such list"), [FieldError("exploitation_kind", "labour or sexual")]
        ) from exc
    row = service.start_like(db, principal, screening_id, kind)
    return RedirectResponse(f"/screening/{row.id}", status_code=303)


@router.get("/{screening_id}", include_in_schema=False)
def screening_resume(screening_id: uuid.UUID, principal: WebUser, db: DB) -> Response:
    row = repository.get_session(db, principal, screening_id)
    if row.status is not SessionStatus.OPEN:
        return RedirectResponse(f"/screening/{row.id}/result", status_code=303)
    return RedirectResponse(f"/screening/{row.id}/step/{row.current_step}", status_code=303)


def _questions(row: ScreeningSession) -> tuple[list[Any], dict[str, list[Indicator]]]:
    """The lists the session selects (the chosen list and its base) and their indicators by
    dimension; nothing is filtered by gender (anti-misidentification rule 4)."""
    chosen, base = select_lists(scoring_input(service.answers_of(row)))
    lists = [chosen.info] + ([base.info] if base else [])
    indicators = (base.indicators if base else ()) + chosen.indicators
    by_dim = {d.value: [i for i in indicators if i.dimension is d] for d in Dimension}
    return lists, by_dim


def _step_page(
    request: Request,
    db: Session,
    principal: Principal,
    row: ScreeningSession,
    step: str,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    lists, by_dim = _questions(row)
    interview = case_repository.get_interview(db, row.case_id, row.interview_id)
    case = case_repository.get_case_row(db, row.case_id)
    context: dict[str, Any] = {
        "row": row,
        "case": case,
        "interview": interview,
        "emergency": emergency_context(db, principal, case, interview),
        "step": step,
        "steps": STEPS,
        "titles": STEP_TITLES,
        "index": STEPS.index(step),
        "lists": lists,
        "incomplete": [i for i in lists if i.status is not CatalogueStatus.VERIFIED],
        "indicators": by_dim.get(step, []),
        "intro": INTROS.get(step, ""),
        "errors": errors or {},
        "kinds": _choices(ExploitationKind),
        "forms": _choices(OtherForm),
        "migration": _choices(MigrationStatus),
        "acts": _choices(TraffickingAct),
        "staff": _choices(StaffGender),
        "preferences": _choices(InterviewerGender),
        "preview": service.preview(row) if step == "review" else None,
    }
    return render(request, "screening/step.html", context, status_code=status_code)


def _known(step: str) -> str:
    if step not in STEPS:
        raise NotFound(N_("no such step"))
    return step


@router.get("/{screening_id}/step/{step}", response_class=HTMLResponse, include_in_schema=False)
def screening_step(
    request: Request, screening_id: uuid.UUID, step: str, principal: WebUser, db: DB
) -> Response:
    row = repository.get_session(db, principal, screening_id)
    if row.status is not SessionStatus.OPEN:
        return RedirectResponse(f"/screening/{row.id}/result", status_code=303)
    return _step_page(request, db, principal, row, _known(step))


def _safety_update(form: dict[str, Any], db: Session, row: ScreeningSession) -> InterviewUpdate:
    interview = case_repository.get_interview(db, row.case_id, row.interview_id)
    body: dict[str, Any] = {k: form.get(k) for k in SAFETY_TEXT}
    body["interviewer_languages"] = [
        t.strip() for t in str(form.get("interviewer_languages") or "").split(",") if t.strip()
    ]
    body["interpreter_present"] = form.get("interpreter_present") == "on"
    body["stopped_by_person"] = interview.stopped_by_person
    body["held_on"] = interview.held_on
    for name in SAFETY_TRISTATE:
        body[name] = {"yes": True, "no": False}.get(str(form.get(name) or ""))
    body["version"] = int(form.get("interview_version") or 0)
    return InterviewUpdate.model_validate(body)


def _save(form: dict[str, Any], step: str, go_to: str) -> ScreeningSave:
    data: dict[str, Any] = {"version": int(form.get("version") or 0), "current_step": go_to}
    if step == "about":
        data["exploitation_kind"] = form.get("exploitation_kind") or "labour"
        data["other_form"] = (
            form.get("other_form") if data["exploitation_kind"] == "other" else None
        )
        data["age"] = form.get("age")
        data["age_uncertain"] = form.get("age_uncertain") == "on"
        data["migration_status"] = form.get("migration_status") or "unknown"
        data["acts"] = form.get("acts") or []
    prefix = "answer."
    data["answers"] = {k[len(prefix) :]: v for k, v in form.items() if k.startswith(prefix) and v}
    return ScreeningSave.model_validate(data)


def _store(
    db: Session, principal: Principal, row: ScreeningSession, step: str, form: dict[str, Any]
) -> None:
    go_to = step
    if form.get("next"):
        go_to = STEPS[min(STEPS.index(step) + 1, len(STEPS) - 1)]
    elif form.get("back"):
        go_to = STEPS[max(STEPS.index(step) - 1, 0)]
    if step == "safety":
        safety = _safety_update(form, db, row)
        try:
            service.update_safety(db, principal, row.id, safety)
        except Conflict as exc:
            interview = case_repository.get_interview(db, row.case_id, row.interview_id)
            if exc.details.get("changed"):
                raise
            retry = safety.model_copy(update={"version": interview.version})
            service.update_safety(db, principal, row.id, retry)
    data = _save(form, step, go_to)
    try:
        service.save_step(db, principal, row.id, data)
    except Conflict as exc:
        # The page's own autosave may have moved the version on a moment before "Next": when
        # nothing submitted differs from what is stored, save again on the current version.
        if exc.details.get("changed"):
            raise
        service.save_step(db, principal, row.id, data.model_copy(update={"version": row.version}))


@router.post("/{screening_id}/step/{step}", include_in_schema=False)
async def screening_save(
    request: Request, screening_id: uuid.UUID, step: str, principal: WebUser, db: DB
) -> Response:
    row = repository.get_session(db, principal, screening_id)
    step = _known(step)
    form = await form_data(request, ("acts",))
    htmx = request.headers.get("hx-request") == "true"
    errors: dict[str, str] = {}
    try:
        _store(db, principal, row, step, form)
    except ValidationError as exc:
        errors = {".".join(str(p) for p in e["loc"]) or "form": str(e["msg"]) for e in exc.errors()}
    except Conflict as exc:
        errors = {"form": exc.message}
    except Invalid as exc:
        errors = invalid_errors(exc) or {"form": exc.message}
    if htmx and not errors and (form.get("next") or form.get("back")):
        # "Next" and "Back" go through the same HTMX queue as the autosaves (no two writes at
        # once); the browser then follows HX-Redirect. Without JavaScript: a plain 303.
        target = f"/screening/{row.id}/step/{row.current_step}"
        return Response(status_code=200, headers={"HX-Redirect": target})
    if htmx:
        db.refresh(row)
        interview = case_repository.get_interview(db, row.case_id, row.interview_id)
        context = {"row": row, "interview": interview, "errors": errors}
        return render(request, "screening/_saved.html", context)  # htmx swaps 2xx only
    if errors:
        db.refresh(row)
        return _step_page(request, db, principal, row, step, errors, status_code=422)
    return RedirectResponse(f"/screening/{row.id}/step/{row.current_step}", status_code=303)


@router.post("/{screening_id}/finish", include_in_schema=False)
async def screening_finish(
    request: Request, screening_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    row = repository.get_session(db, principal, screening_id)
    form = await form_data(request)
    try:
        service.finish_screening(
            db, principal, row.id, ScreeningFinish(version=int(form.get("version") or 0))
        )
    except (RuleViolation, Conflict) as exc:
        db.refresh(row)
        return _step_page(request, db, principal, row, "review", {"form": exc.message}, 422)
    return RedirectResponse(f"/screening/{row.id}/result", status_code=303)


@router.post("/{screening_id}/stop", include_in_schema=False)
async def screening_stop(
    request: Request, screening_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    row = repository.get_session(db, principal, screening_id)
    await form_data(request)
    # The person's wish to stop is never refused for a stale page: it applies to the session
    # as it stands now.
    service.stop_screening(db, principal, row.id, ScreeningFinish(version=row.version))
    return RedirectResponse(f"/screening/{row.id}/result", status_code=303)


@router.get("/{screening_id}/result", response_class=HTMLResponse, include_in_schema=False)
def screening_result(
    request: Request, screening_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    read = service.get_screening(db, principal, screening_id)
    if read.status is SessionStatus.OPEN or read.result is None:
        return RedirectResponse(f"/screening/{read.id}/step/{read.current_step}", status_code=303)
    result = read.result
    lists = [result["catalogue"]] + ([result["base_catalogue"]] if result["base_catalogue"] else [])
    interview = case_repository.get_interview(db, read.case_id, read.interview_id)
    case = case_repository.get_case_row(db, read.case_id)
    context = {
        "read": read,
        "emergency": emergency_context(db, principal, case, interview),
        "result": result,
        "lists": lists,
        "incomplete": [i for i in lists if i["status"] != "verified"],
        "next_step": NEXT_STEPS.get(result["outcome"], ""),
    }
    return render(request, "screening/result.html", context)
