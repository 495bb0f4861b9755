"""Directory pages: search with filters, a phone-friendly list (no map), service detail, a
provider's edit of its own agency's services, and the HSDS import page for administrators.
Every page has its JSON twin under /api/v1/services."""

from __future__ import annotations

import io
import json
import tempfile
import uuid
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.countries.registry import all_countries, subdivisions
from titian.errors import Conflict, Invalid
from titian.gateway.db import DB
from titian.i18n import N_
from titian.i18n.terms import find as vocabulary_term
from titian.services import repository, service, service_import, service_lifecycle
from titian.services.hsds import (
    HsdsError,
    HsdsImportError,
    HsdsSource,
    hsds_source_from_json,
    read_hsds_csv_package,
)
from titian.services.schemas import (
    ACCEPTS_CHOICES,
    ServiceCreate,
    ServiceRetire,
    ServiceSearch,
    ServiceUpdate,
)
from titian.services.vocab import (
    AcceptsOther,
    AccessibilityFeature,
    CitizenshipAccepted,
    CostType,
    GenderAccepted,
    ServiceStatus,
    ServiceType,
    WgDomain,
)
from titian.web.deps import WebUser
from titian.web.forms import form_data, invalid_errors
from titian.web.panels import Line, Panel, panel
from titian.web.templating import render

router = APIRouter(prefix="/services")
NAV = [(N_("Services"), "/services", None)]
NAV_ORDER = 300
MULTI = ("genders_accepted", "citizenship_accepted", "accessibility", "service_types", "areas")
BOOLS = ("accepts_unaccompanied_children", "lgbtqi_affirming", "interpretation_any_language")
NULLABLE = ("minimum_age", "maximum_age", "capacity_available", "capacity_maximum", "cost")
LOCATION_FIELDS = ("name", "address_1", "city", "state_province", "postal_code", "country",
                   "accessibility")  # fmt: skip
RETIRED = repository.RETIRED_STATUSES


def _accepts_choices() -> list[tuple[str, str]]:
    """The ``accepts`` filter's values with their terms: a gender, a citizenship or another."""
    vocabularies = (GenderAccepted, CitizenshipAccepted, AcceptsOther)
    return [
        (a, next((t for v in vocabularies if (t := vocabulary_term(a, v))), a))
        for a in ACCEPTS_CHOICES
    ]


def _choices() -> dict[str, object]:
    return {
        "countries": all_countries(),
        "service_types": list(ServiceType),
        "genders": list(GenderAccepted),
        "citizenship": list(CitizenshipAccepted),
        "features": list(AccessibilityFeature),
        "domains": list(WgDomain),
        "accepts_choices": _accepts_choices(),
        "statuses": list(ServiceStatus),
        "costs": list(CostType),
        "features_of_domain": service.features_of_domain(),
    }


def _errors(exc: ValidationError) -> dict[str, str]:
    out: dict[str, str] = {}
    for err in exc.errors():
        out.setdefault(".".join(str(p) for p in err["loc"]) or "form", str(err["msg"]))
    return out


def _search(request: Request) -> tuple[ServiceSearch, dict[str, str], dict[str, Any]]:
    values = {k: v for k, v in request.query_params.items() if v != ""}
    for flag in ("mine", "include_inactive"):
        if flag in values:
            values[flag] = "true"
    try:
        return ServiceSearch.model_validate(values), {}, values
    except ValidationError as exc:
        return ServiceSearch(), _errors(exc), values


@router.get("", response_class=HTMLResponse, include_in_schema=False)
def service_list(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    filters, errors, values = _search(request)
    page = service.search(db, principal, filters)
    query = urlencode({k: v for k, v in values.items() if k != "page"})
    areas = subdivisions(filters.country) if filters.country else []
    return render(
        request,
        "services/list.html",
        {"page": page, "values": values, "errors": errors, "query": query, "areas": areas,
         "filters": filters, "can_create": repository.may_manage(principal, principal.agency_id),
         "retired": RETIRED, **_choices()},
    )  # fmt: skip


def _require_import(principal: Principal) -> None:
    service_import.require_import(principal)


@router.get("/import", response_class=HTMLResponse, include_in_schema=False)
def import_form(request: Request, principal: WebUser) -> HTMLResponse:
    _require_import(principal)
    return render(request, "services/import.html", {"report": None, "errors": []})


def _source(name: str, content: bytes, folder: Path) -> HsdsSource:
    """A .zip holds a CSV data package; anything else is read as one HSDS JSON document."""
    if name.lower().endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for member in archive.namelist():
                if member.lower().endswith((".csv", ".json")) and ".." not in member:
                    target = folder / Path(member).name
                    target.write_bytes(archive.read(member))
        return read_hsds_csv_package(folder)
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HsdsImportError([_unreadable(name, str(exc))]) from exc
    return hsds_source_from_json(data, name)


def _unreadable(name: str, message: str) -> HsdsError:
    return HsdsError(name, None, "", f"not JSON: {message}")


@router.post("/import", response_class=HTMLResponse, include_in_schema=False)
async def import_upload(request: Request, principal: WebUser, db: DB) -> HTMLResponse:
    _require_import(principal)
    form = await request.form()
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return render(request, "services/import.html",
                      {"report": None, "errors": [], "missing": True}, status_code=422)  # fmt: skip
    content = await upload.read()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            source = _source(upload.filename, content, Path(tmp))
            report = service_import.import_sources(db, principal, [source])
    except HsdsImportError as exc:
        return render(request, "services/import.html",
                      {"report": None, "errors": sorted(exc.errors, key=lambda e: e.sort_key())},
                      status_code=422)  # fmt: skip
    return render(request, "services/import.html", {"report": report, "errors": []})


def _new_context(
    db: DB, principal: Principal, agency_id: uuid.UUID | None, country: str | None
) -> dict[str, Any]:
    """What the new-service form offers: the agencies the caller may add a service for, the
    chosen agency's directory organizations and locations, the areas of the chosen country."""
    agency = repository.agency_for_new_service(db, principal, agency_id)
    code = (country or agency.country).upper()
    return {
        "agency": agency,
        "agencies": repository.agencies_for_new_service(db, principal),
        "organizations": repository.organizations_of_agency(db, agency.id),
        "locations": repository.locations_of_agency(db, agency.id),
        "country": code,
        "areas_all": subdivisions(code) if code in all_countries() else [],
        **_choices(),
    }


def _uuid_or_none(text: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None


@router.get("/new", response_class=HTMLResponse, include_in_schema=False)
def service_new(
    request: Request, principal: WebUser, db: DB, agency_id: str = "", country: str = ""
) -> HTMLResponse:
    ctx = _new_context(db, principal, _uuid_or_none(agency_id), country or None)
    values: dict[str, Any] = {"location_country": ctx["country"], "location_mode": "none"}
    return render(request, "services/new.html", {**ctx, "values": values, "errors": {}})


def _create_values(values: dict[str, Any]) -> dict[str, Any]:
    """The submitted form as a ``ServiceCreate`` dict: location fields nested, blanks left out."""
    data = _update_values({k: v for k, v in values.items() if not k.startswith("location")})
    for name in ("agency_id", "organization_id", "country", "description",
                 "eligibility_description", "name"):  # fmt: skip
        if data.get(name) is None:
            data.pop(name, None)
    mode = values.get("location_mode") or "none"
    typed = any(values.get(f"location_{f}") for f in LOCATION_FIELDS if f != "country")
    if mode == "existing" and values.get("location_id"):
        data["location_id"] = values["location_id"]
    elif mode == "new" or (mode == "none" and typed):  # an address typed is never dropped
        place = {f: values.get(f"location_{f}") for f in LOCATION_FIELDS}
        data["location"] = {k: v for k, v in place.items() if v is not None}
    return data


@router.post("", include_in_schema=False)
async def service_create(request: Request, principal: WebUser, db: DB) -> Response:
    values = await form_data(request, MULTI)
    ctx = _new_context(db, principal, _uuid_or_none(values.get("agency_id")), values.get("country"))
    data, errors = _validate(ServiceCreate, _create_values(values))
    if data is not None:
        try:
            row = service_lifecycle.create_service(db, principal, data)
            return RedirectResponse(f"/services/{row.id}", status_code=303)
        except Invalid as exc:
            errors = invalid_errors(exc)
    text = {k: values.get(k) or "" for k in ("languages", "interpretation_languages")}
    shown = _form_values({**values, **text})
    context = {**ctx, "values": shown, "errors": errors}
    return render(request, "services/new.html", context, status_code=422)


@router.get("/{service_id}", response_class=HTMLResponse, include_in_schema=False)
def service_detail(
    request: Request, service_id: uuid.UUID, principal: WebUser, db: DB
) -> HTMLResponse:
    item = service.get_service(db, principal, service_id)
    return render(request, "services/detail.html", {"item": item, "retired": RETIRED})


def _edit_context(db: DB, principal: Principal, service_id: uuid.UUID) -> dict[str, Any]:
    row = repository.get_service_for_edit(db, principal, service_id)
    item = service.read(db, row, principal)
    return {"item": item, "areas_all": subdivisions(item.country) if item.country else [],
            **_choices()}  # fmt: skip


@router.get("/{service_id}/edit", response_class=HTMLResponse, include_in_schema=False)
def service_edit(
    request: Request, service_id: uuid.UUID, principal: WebUser, db: DB
) -> HTMLResponse:
    ctx = _edit_context(db, principal, service_id)
    values = ctx["item"].model_dump(mode="json")
    return render(request, "services/edit.html", {**ctx, "values": values, "errors": {}})


def _update_values(values: dict[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in values.items() if k not in BOOLS}
    for name in BOOLS:
        data[name] = values.get(name) == "on"
    for name in ("languages", "interpretation_languages"):
        text = values.get(name) or ""
        data[name] = [t.strip() for t in text.split(",") if t.strip()]
    for name in NULLABLE:
        data.setdefault(name, None)
    return data


def _validate(model: type[BaseModel], data: dict[str, Any]) -> tuple[Any, dict[str, str]]:
    try:
        return model.model_validate(data), {}
    except ValidationError as exc:
        return None, _errors(exc)


@router.post("/{service_id}", include_in_schema=False)
async def service_update(
    request: Request, service_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    ctx = _edit_context(db, principal, service_id)
    values = await form_data(request, MULTI)
    data, errors = _validate(ServiceUpdate, _update_values(values))
    conflict: dict[str, object] = {}
    if data is not None:
        try:
            service.update_service(db, principal, service_id, data)
            return RedirectResponse(f"/services/{service_id}", status_code=303)
        except Conflict as exc:
            conflict, errors = exc.details, {"version": exc.message}
        except Invalid as exc:
            errors = invalid_errors(exc)
    shown = {**values, "languages": values.get("languages") or "",
             "interpretation_languages": values.get("interpretation_languages") or ""}  # fmt: skip
    return render(
        request,
        "services/edit.html",
        {**ctx, "values": _form_values(shown), "errors": errors, "conflict": conflict},
        status_code=409 if conflict else 422,
    )


@router.get("/{service_id}/retire", response_class=HTMLResponse, include_in_schema=False)
def service_retire_confirm(
    request: Request, service_id: uuid.UUID, principal: WebUser, db: DB
) -> HTMLResponse:
    """Ask before retiring: say what happens to searches, matching and past referrals."""
    row = repository.get_service_for_edit(db, principal, service_id)
    item = service.read(db, row, principal)
    return render(request, "services/retire.html", {"item": item, "errors": {}, "retired": RETIRED})


@router.post("/{service_id}/retire", include_in_schema=False)
async def service_retire(
    request: Request, service_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    row = repository.get_service_for_edit(db, principal, service_id)
    values = await form_data(request)
    data, errors = _validate(ServiceRetire, {"version": values.get("version")})
    status_code = 422
    if data is not None:
        try:
            service_lifecycle.retire_service(db, principal, service_id, data)
            return RedirectResponse(f"/services/{service_id}", status_code=303)
        except Conflict as exc:
            errors, status_code = {"version": exc.message}, 409
        except Invalid as exc:
            errors = invalid_errors(exc)
    item = service.read(db, row, principal)
    context = {"item": item, "errors": errors, "retired": RETIRED}
    return render(request, "services/retire.html", context, status_code=status_code)


def _form_values(values: dict[str, Any]) -> dict[str, Any]:
    """Submitted values in the shape the edit template reads (lists for languages)."""
    out = dict(values)
    for name in ("languages", "interpretation_languages"):
        text = out.get(name) or ""
        out[name] = [t.strip() for t in str(text).split(",") if t.strip()]
    for name in BOOLS:
        out[name] = values.get(name) == "on"
    return out


@panel
def my_services(session: Session, principal: Principal) -> Panel | None:
    """Service providers see their agency's services with free places, to keep them current."""
    if not policies.has(principal, Permission.SERVICES_EDIT):
        return None
    page = service.search(session, principal, ServiceSearch(mine=True, include_inactive=True))
    lines: list[Line | tuple[str, str]] = [_free(s) for s in page.items[:8]]
    if page.total > len(lines):
        lines.append(
            Line(
                N_("All %(count)s services of your agency"),
                "/services?mine=true",
                {"count": page.total},
            )
        )
    add = N_("Add a service") if page.total else N_("No service of your agency yet: add one")
    lines.append((add, "/services/new"))
    return Panel(
        N_("Your services"), lines, 0, N_("Your agency has no service in the directory yet.")
    )


def _free(item: Any) -> Line:
    """A service of the agency with its free places, one whole sentence per case."""
    link = f"/services/{item.id}/edit"
    if item.status in RETIRED:
        return Line(N_("%(name)s: retired"), link, {"name": item.name})
    if item.capacity_available is None:
        return Line(N_("%(name)s: capacity not declared"), link, {"name": item.name})
    values = {"name": item.name, "count": item.capacity_available}
    return Line(N_("%(name)s: %(count)s free"), link, values)
