"""Case pages: scoped list with filters, create and edit one step at a time, the consent screen,
the checklist, the justice view; alert panels on the dashboard. Each page calls the same service
as its JSON twin in ``titian.api.routes.cases``."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.auth import policies
from titian.auth.models import Agency, AgencySector
from titian.auth.policies import Permission, Principal
from titian.cases import (
    repository,
    service,
    service_checklist,
    service_consent,
    service_justice,
)
from titian.cases.models import Case, CaseStatus
from titian.cases.profile import CaseProfile
from titian.cases.repository import CaseFilters
from titian.cases.schemas import (
    CaseCreate,
    CaseIdentity,
    CaseUpdate,
    ChecklistRecord,
    ConsentCreate,
    ConsentWithdraw,
)
from titian.cases.vocab import (
    ChecklistStatus,
    ConsentPurpose,
    DataCategory,
    Gender,
    IdentificationStatus,
    InformedTopic,
    ReceiverClass,
    ServiceType,
)
from titian.countries.registry import get_country
from titian.errors import Conflict, Forbidden, Invalid, NotFound, RuleViolation
from titian.gateway.db import DB
from titian.i18n import N_
from titian.web.deps import WebUser
from titian.web.forms import form_data, invalid_errors
from titian.web.panels import Line, Panel, panel
from titian.web.routes import cases_forms as forms
from titian.web.templating import render

router = APIRouter(prefix="/cases")
NAV = [
    (N_("Cases"), "/cases", Permission.CASES_READ),
    (N_("Justice cases"), "/cases", Permission.CASES_JUSTICE_VIEW),
]
NAV_ORDER = 20
MULTI = (
    *(f.name for s in forms.STEPS for f in s.fields if f.kind == "multi"),
    "service_types",
    "data_categories",
    "informed_of",
)


def steps_for(principal: Principal, country: str) -> list[forms.Step]:
    allowed = policies.has(principal, Permission.SPECIAL_CATEGORY) and (
        get_country(country).sogiesc.value == "allowed"
    )
    return [s for s in forms.STEPS if allowed or not s.special]


def _choices(db: Session, country: str) -> dict[str, forms.Choices]:
    settings = get_country(country)
    justice = db.scalars(
        select(Agency).where(
            Agency.country == country,
            Agency.sector == AgencySector.STATE,
            Agency.kind.in_(["police", "prosecution", "court"]),
        )
    ).all()
    return {
        "ethnicity_code": tuple((e.code, e.name) for e in settings.ethnicities),
        "case.justice_agency_id": tuple((str(a.id), a.name) for a in justice),
    }


# ---------------------------------------------------------------------------------------------
# List
# ---------------------------------------------------------------------------------------------


def _filters(request: Request) -> tuple[CaseFilters, dict[str, str]]:
    q = {k: v for k, v in request.query_params.items() if v}
    status = CaseStatus(q["status"]) if q.get("status") in set(CaseStatus) else None
    flags = {"yes": True, "no": False}
    filters = CaseFilters(
        status=status,
        identification_status=q.get("identification_status"),
        gender=q.get("gender"),
        minor=flags.get(q.get("minor", "")),
        alert=flags.get(q.get("alert", "")),
        number=q.get("number"),
    )
    return filters, q


@router.get("", response_class=HTMLResponse, include_in_schema=False)
def case_list(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    if not (
        policies.has(principal, Permission.CASES_READ)
        or policies.has(principal, Permission.CASES_JUSTICE_VIEW)
        or policies.has(principal, Permission.REFERRALS_RECEIVE)
    ):
        raise Forbidden(N_("your role does not allow reading cases"))
    filters, query = _filters(request)
    cases = service.list_cases(db, principal, filters)
    return render(
        request,
        "cases/list.html",
        {
            "cases": cases,
            "query": query,
            "statuses": forms.choices(CaseStatus),
            "genders": forms.choices(Gender),
            "identification": forms.choices(IdentificationStatus),
        },
    )


# ---------------------------------------------------------------------------------------------
# Create and edit, one step at a time
# ---------------------------------------------------------------------------------------------


def _step_page(
    request: Request,
    db: Session,
    principal: Principal,
    case: Case | None,
    the_step: forms.Step,
    values: dict[str, Any],
    errors: dict[str, str] | None = None,
    conflict: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    country = case.country if case else principal.agency_country
    version = (conflict or {}).get("current_version") or (case.version if case else None)
    return render(
        request,
        "cases/step.html",
        {
            "case": case,
            "step": the_step,
            "steps": steps_for(principal, country),
            "values": values,
            "errors": errors or {},
            "conflict": conflict or {},
            "version": version,
            "dynamic": _choices(db, country),
        },
        status_code=status_code,
    )


@router.get("/new", response_class=HTMLResponse, include_in_schema=False)
def case_new(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    service.require(principal, Permission.CASES_WRITE, "recording cases")
    the_step = forms.step("identity")
    values = forms.form_values(the_step, {}, {}, {})
    return _step_page(request, db, principal, None, the_step, values)


@router.post("", include_in_schema=False)
async def case_create(request: Request, principal: WebUser, db: DB) -> Response:
    service.require(principal, Permission.CASES_WRITE, "recording cases")
    the_step = forms.step("identity")
    form = await form_data(request, MULTI)
    values = forms.submitted_values(the_step, form)
    profile: dict[str, Any] = {}
    identity: dict[str, Any] = {}
    forms.apply_form(the_step, values, profile, identity, {})
    try:
        data = CaseCreate(
            profile=CaseProfile.model_validate(profile),
            identity=CaseIdentity.model_validate(identity),
        )
        case = service.create_case(db, principal, data)
    except ValidationError as exc:
        errors = forms.field_errors(the_step, exc)
        return _step_page(request, db, principal, None, the_step, values, errors, status_code=422)
    except Invalid as exc:
        errors = invalid_errors(exc)
        return _step_page(request, db, principal, None, the_step, values, errors, status_code=422)
    return RedirectResponse(f"/cases/{case.id}/edit/person", status_code=303)


def _stored_dicts(
    db: Session, principal: Principal, case: Case
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    read = service.case_read(db, principal, case, "owner", audit_read=False)
    identity = read.identity.model_dump(mode="json") if read.identity else {}
    state = {
        "identified_on": case.identified_on.isoformat() if case.identified_on else None,
        "justice_agency_id": str(case.justice_agency_id) if case.justice_agency_id else None,
        "status": case.status.value,
    }
    return read.profile, identity, state


@router.get("/{case_id}/edit/{step_key}", response_class=HTMLResponse, include_in_schema=False)
def case_edit(
    request: Request, case_id: uuid.UUID, step_key: str, principal: WebUser, db: DB
) -> HTMLResponse:
    case = repository.get_owned_case(db, principal, case_id)
    service.require(principal, Permission.CASES_WRITE, "editing cases")
    the_step = _known_step(principal, case, step_key)
    profile, identity, state = _stored_dicts(db, principal, case)
    values = forms.form_values(the_step, profile, identity, state)
    return _step_page(request, db, principal, case, the_step, values)


def _known_step(principal: Principal, case: Case, key: str) -> forms.Step:
    for the_step in steps_for(principal, case.country):
        if the_step.key == key:
            return the_step
    raise NotFound(N_("no such step"))


@router.post("/{case_id}/edit/{step_key}", include_in_schema=False)
async def case_save(
    request: Request, case_id: uuid.UUID, step_key: str, principal: WebUser, db: DB
) -> Response:
    case = repository.get_owned_case(db, principal, case_id)
    service.require(principal, Permission.CASES_WRITE, "editing cases")
    the_step = _known_step(principal, case, step_key)
    form = await form_data(request, MULTI)
    values = forms.submitted_values(the_step, form)
    profile, identity, state = _stored_dicts(db, principal, case)
    forms.apply_form(the_step, values, profile, identity, state)
    errors: dict[str, str] = {}
    conflict: dict[str, Any] = {}
    try:
        update = _update(form, profile, identity, state, the_step)
        service.update_case(db, principal, case_id, update)
    except ValidationError as exc:
        errors = forms.field_errors(the_step, exc)
    except Conflict as exc:
        conflict, errors = exc.details, {"version": exc.message}
    except Invalid as exc:
        errors = {k.removeprefix("profile."): m for k, m in invalid_errors(exc).items()}
    if not errors:
        return RedirectResponse(_next_url(principal, case, the_step), status_code=303)
    code = 409 if conflict else 422
    return _step_page(request, db, principal, case, the_step, values, errors, conflict, code)


def _update(
    form: dict[str, Any],
    profile: dict[str, Any],
    identity: dict[str, Any],
    state: dict[str, Any],
    the_step: forms.Step,
) -> CaseUpdate:
    data: dict[str, Any] = {"version": int(form.get("version") or 0)}
    data["profile"] = CaseProfile.model_validate(profile)
    if the_step.key == "identity":
        data["identity"] = CaseIdentity.model_validate(identity)
    if the_step.key == "justice":
        data |= {k: state.get(k) for k in ("identified_on", "justice_agency_id", "status")}
    return CaseUpdate.model_validate(data)


def _next_url(principal: Principal, case: Case, the_step: forms.Step) -> str:
    keys = [s.key for s in steps_for(principal, case.country)]
    index = keys.index(the_step.key)
    if index + 1 < len(keys):
        return f"/cases/{case.id}/edit/{keys[index + 1]}"
    return f"/cases/{case.id}"


# ---------------------------------------------------------------------------------------------
# One case, the justice view, the checklist
# ---------------------------------------------------------------------------------------------


@router.get("/{case_id}", response_class=HTMLResponse, include_in_schema=False)
def case_show(request: Request, case_id: uuid.UUID, principal: WebUser, db: DB) -> Response:
    case, view = repository.get_case(db, principal, case_id)
    if view == "justice":
        return RedirectResponse(f"/cases/{case_id}/justice", status_code=303)
    read = service.read_case(db, principal, case_id)
    steps = steps_for(principal, case.country) if view == "owner" else []
    return render(
        request,
        "cases/show.html",
        {"case": read, "steps": steps, "released_to": forms.RELEASED_TO, "release": {}},
    )


@router.get("/{case_id}/justice", response_class=HTMLResponse, include_in_schema=False)
def case_justice(request: Request, case_id: uuid.UUID, principal: WebUser, db: DB) -> HTMLResponse:
    view = service_justice.justice_view(db, principal, case_id)
    return render(request, "cases/justice.html", {"view": view})


@router.get("/{case_id}/checklist", response_class=HTMLResponse, include_in_schema=False)
def case_checklist(
    request: Request, case_id: uuid.UUID, principal: WebUser, db: DB
) -> HTMLResponse:
    case = repository.get_owned_case(db, principal, case_id)
    items = service_checklist.checklist(db, principal, case_id)
    return render(
        request,
        "cases/checklist.html",
        {"case": case, "items": items, "recordable": ("done", "declined", "unavailable")},
    )


@router.post("/{case_id}/checklist", include_in_schema=False)
async def case_checklist_record(
    request: Request, case_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    form = await form_data(request)
    item_id = str(form.get("item_id") or "")
    try:
        record = ChecklistRecord(
            status=ChecklistStatus(str(form.get("status"))), note=form.get("note")
        )
    except (ValueError, ValidationError) as exc:
        raise Invalid(N_("choose done, declined or unavailable")) from exc
    service_checklist.record_item(db, principal, case_id, item_id, record)
    return RedirectResponse(f"/cases/{case_id}/checklist", status_code=303)


# ---------------------------------------------------------------------------------------------
# The consent screen
# ---------------------------------------------------------------------------------------------


def _consent_page(
    request: Request,
    db: Session,
    principal: Principal,
    case: Case,
    values: dict[str, Any],
    errors: dict[str, str],
    status_code: int = 200,
) -> HTMLResponse:
    consents = service_consent.list_consents(db, principal, case.id)
    agencies = db.scalars(select(Agency).order_by(Agency.country, Agency.name)).all()
    minor = case.minor
    return render(
        request,
        "cases/consents.html",
        {
            "case": case,
            "consents": consents,
            "agencies": [a for a in agencies if a.id != case.owner_agency_id],
            "agency_names": {a.id: a.name for a in agencies},
            "values": values,
            "errors": errors,
            "minor": minor,
            "purposes": forms.choices(ConsentPurpose),
            "classes": forms.choices(ReceiverClass),
            "service_types": forms.choices(ServiceType),
            "categories": forms.choices(DataCategory),
            "topics": forms.choices(InformedTopic),
        },
        status_code=status_code,
    )


@router.get("/{case_id}/consents", response_class=HTMLResponse, include_in_schema=False)
def case_consents(request: Request, case_id: uuid.UUID, principal: WebUser, db: DB) -> HTMLResponse:
    case = repository.get_owned_case(db, principal, case_id)
    profile = service.load_profile(db, case, with_birth=False)
    values = {"language": profile.preferred_language or "", "data_categories": []}
    return _consent_page(request, db, principal, case, values, {})


def _consent_body(form: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {
        k: form.get(k)
        for k in ("purpose", "purpose_detail", "receiver_agency_id", "receiver_class", "language")
        if form.get(k)
    }
    body |= {k: form.get(k) or [] for k in ("service_types", "data_categories", "informed_of")}
    body["interpreter_present"] = form.get("interpreter_present") == "on"
    body["refused"] = form.get("refused") == "on"
    if form.get("child_assent"):
        body["child_assent"] = {
            "assent_given": form.get("child_assent") == "given",
            "able_to_assent": form.get("child_assent") != "unable",
            "note": form.get("child_assent_note"),
        }
    if form.get("guardian_role"):
        body["guardian_consent"] = {
            "guardian_role": form.get("guardian_role"),
            "consent_given": form.get("guardian_consent") == "on",
        }
    if form.get("best_interests_by"):
        body["best_interests_decision"] = {
            "decided_by": form.get("best_interests_by"),
            "decided_on": form.get("best_interests_on") or date.today().isoformat(),
        }
    return body


@router.post("/{case_id}/consents", include_in_schema=False)
async def case_consent_record(
    request: Request, case_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    case = repository.get_owned_case(db, principal, case_id)
    form = await form_data(request, MULTI)
    errors: dict[str, str] = {}
    try:
        data = ConsentCreate.model_validate(_consent_body(form))
        service_consent.record_consent(db, principal, case_id, data)
    except ValidationError as exc:
        errors = {".".join(str(p) for p in e["loc"]) or "form": str(e["msg"]) for e in exc.errors()}
    except Invalid as exc:
        errors = {k.removeprefix("consent."): m for k, m in invalid_errors(exc).items()}
    except RuleViolation as exc:
        errors = {str(exc.details.get("field", "form")).split(".")[0]: exc.message}
    if not errors:
        return RedirectResponse(f"/cases/{case_id}/consents", status_code=303)
    return _consent_page(request, db, principal, case, form, errors, status_code=422)


@router.post("/{case_id}/consents/{consent_id}/withdraw", include_in_schema=False)
async def case_consent_withdraw(
    request: Request, case_id: uuid.UUID, consent_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    form = await form_data(request)
    reason = form.get("reason")
    service_consent.withdraw_consent(
        db, principal, case_id, consent_id, ConsentWithdraw(reason=reason)
    )
    return RedirectResponse(f"/cases/{case_id}/consents", status_code=303)


# ---------------------------------------------------------------------------------------------
# Dashboard panels
# ---------------------------------------------------------------------------------------------


@panel
def detention_panel(session: Session, principal: Principal) -> Panel | None:
    """C6: red alerts for presumed or identified victims in detention, until resolved."""
    rows = repository.alerts_in_scope(session, principal)
    if not rows:
        return None
    justice_only = not policies.has(principal, Permission.CASES_READ)
    lines: list[Line | tuple[str, str]] = [
        # The alert's message is written by the cases domain and stored: shown as it is.
        Line(
            alert.message,
            f"/cases/{case.id}/justice" if justice_only else f"/cases/{case.id}",
            literal=True,
        )
        for alert, case in rows
    ]
    return Panel(N_("Victims in detention (C6)"), lines, urgency=2)


@panel
def overdue_panel(session: Session, principal: Principal) -> Panel | None:
    """Checklist items past their due date in the agency's open cases."""
    if not policies.has(principal, Permission.CASES_READ):
        return None
    rows = repository.overdue_in_scope(session, principal, service.today())
    if not rows:
        return None
    lines: list[Line | tuple[str, str]] = [
        Line(
            N_("%(case)s: %(count)s overdue"),
            f"/cases/{cid}/checklist",
            {"case": number, "count": n},
        )
        for cid, number, n in rows[:8]
    ]
    if len(rows) > 8:
        lines.append(Line(N_("%(count)s cases with overdue items"), "/cases", {"count": len(rows)}))
    return Panel(N_("Overdue rights and accommodations"), lines, urgency=1)
