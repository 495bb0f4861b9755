"""The network page: an accessible table first, an interactive map (Cytoscape.js) as an
enhancement, the gaps and suggested connections of a country, exports and a relationship form.

Filters: ``country`` (default: the user's agency's country), ``type`` (relationship type: the
graph, the tables, the map and the analysis use only that type) and ``group`` (the gap analysis
covers only that group; the tables and the map keep the organisations serving it and the
relationships touching them).
"""

from __future__ import annotations

import io
import uuid
from typing import Any

import networkx as nx
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ValidationError

from titian.actors import repository as actors_repository
from titian.actors.repository import require_edit
from titian.auth.policies import Permission, Principal
from titian.countries.registry import ASEAN_CODES, all_countries
from titian.errors import Conflict, FieldError, Invalid
from titian.gateway.db import DB
from titian.i18n import N_
from titian.network import repository, service
from titian.network.gaps import serves
from titian.network.report import graph_read
from titian.network.schemas import (
    GraphRead,
    RelationshipCreate,
    RelationshipEnd,
    RelationshipUpdate,
)
from titian.network.vocab import Direction, Group, RelationshipType
from titian.web.deps import WebUser
from titian.web.forms import form_data, invalid_errors, validate
from titian.web.panels import Line, Panel, panel
from titian.web.templating import render

router = APIRouter(prefix="/network")
NAV = [(N_("Network"), "/network", Permission.NETWORK_READ)]
NAV_ORDER = 310
FORMATS = {
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "nodes_csv": ("text/csv; charset=utf-8", "nodes.csv"),
    "edges_csv": ("text/csv; charset=utf-8", "edges.csv"),
}


def _filter_group(graph: nx.MultiDiGraph, group: Group | None) -> GraphRead:
    full = graph_read(graph)
    if group is None:
        return full
    serving = {n for n in graph.nodes if group in serves(graph, n)}
    edges = [e for e in full.edges if e.source in serving or e.target in serving]
    keep = serving | {e.source for e in edges} | {e.target for e in edges}
    return GraphRead(nodes=[n for n in full.nodes if n.id in keep], edges=edges)


def _country(principal: Principal, country: str) -> str:
    code = (country or principal.agency_country).upper()
    if code not in ASEAN_CODES:
        raise Invalid(N_("unknown country"), [FieldError("country", f"{code!r} is not a country")])
    return code


@router.get("", response_class=HTMLResponse, include_in_schema=False)
def network_page(
    request: Request,
    principal: WebUser,
    db: DB,
    country: str = "",
    group: str = "",
    type: str = "",
) -> HTMLResponse:
    code = _country(principal, country)
    chosen_group = Group(group) if group in set(Group) else None
    types = [RelationshipType(type)] if type in set(RelationshipType) else None
    analysis = service.analyse(
        db, principal, code, groups=[chosen_group] if chosen_group else None, types=types
    )
    graph = analysis.graph.subgraph(
        [n for n, d in analysis.graph.nodes(data=True) if d["country"] == code]
    )
    shown = _filter_group(graph, chosen_group)
    names = {n.id: n.name for n in shown.nodes}
    context: dict[str, Any] = {
        "country": code,
        "filters": {"country": code, "group": group, "type": type},
        "countries": all_countries(),
        "groups": list(Group),
        "types": list(RelationshipType),
        "graph": shown,
        "names": names,
        "degree": {n.id: 0 for n in shown.nodes}
        | {n: int(d) for n, d in nx.Graph(graph).degree() if n in names},
        "analysis": analysis.read(),
        "map_data": shown.model_dump(mode="json"),
    }
    return render(request, "network/page.html", context)


@router.get("/export", include_in_schema=False)
def network_export(
    principal: WebUser, db: DB, format: str = "graphml", country: str = ""
) -> Response:
    """The same files as ``GET /api/v1/network/export``."""
    if format not in FORMATS:
        raise Invalid(N_("unknown format"), [FieldError("format", f"{format!r} is not a format")])
    media, suffix = FORMATS[format]
    code = country.upper() or None
    if format.endswith("csv"):
        text = io.StringIO()
        service.export(db, principal, format, text, country=code)  # type: ignore[arg-type]
        content = text.getvalue().encode("utf-8")
    else:
        binary = io.BytesIO()
        service.export(db, principal, format, binary, country=code)  # type: ignore[arg-type]
        content = binary.getvalue()
    name = f"titian-network{'-' + code if code else ''}.{suffix}"
    return Response(
        content, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _form_context(db: DB, principal: Principal, values: dict[str, Any]) -> dict[str, Any]:
    return {
        "actors": actors_repository.list_actors(db, principal, active_only=True),
        "types": list(RelationshipType),
        "directions": list(Direction),
        "values": values,
    }


@router.get("/relationships/new", response_class=HTMLResponse, include_in_schema=False)
def relationship_new(
    request: Request, principal: WebUser, db: DB, source_id: str = ""
) -> HTMLResponse:
    require_edit(principal)
    context = _form_context(db, principal, {"source_id": source_id, "direction": "mutual"})
    return render(request, "network/relationship_form.html", {**context, "errors": {}})


@router.post("/relationships", include_in_schema=False)
async def relationship_create(request: Request, principal: WebUser, db: DB) -> Response:
    require_edit(principal)
    values = await form_data(request)
    values["is_active"] = values.get("is_active", "on") == "on"
    data, errors = validate(RelationshipCreate, values)
    if data is not None:
        try:
            rel = service.create_relationship(db, principal, data)
            return RedirectResponse(f"/actors/{rel.source_id}", status_code=303)
        except Invalid as exc:
            errors = invalid_errors(exc)
    if "form" in errors:  # the cross-field checks name their field in the message
        field, _, reason = errors.pop("form").removeprefix("Value error, ").partition(": ")
        errors[field] = reason
    context = _form_context(db, principal, values)
    return render(
        request,
        "network/relationship_form.html",
        {**context, "errors": errors},
        status_code=422,
    )


def _edit_context(db: DB, principal: Principal, relationship_id: uuid.UUID) -> dict[str, Any]:
    rel = repository.get_relationship(db, principal, relationship_id)
    require_edit(principal)
    return {
        "rel": service.read_relationships(db, [rel])[0],
        "types": list(RelationshipType),
        "directions": list(Direction),
        "today": service.today().isoformat(),
    }


def _check(model: type[BaseModel], data: dict[str, Any]) -> tuple[Any, dict[str, str]]:
    """Validate keeping explicit blanks (a cleared date is None, not "unchanged")."""
    try:
        return model.model_validate(data), {}
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for err in exc.errors():
            errors.setdefault(".".join(str(p) for p in err["loc"]) or "form", str(err["msg"]))
        return None, errors


def _edit_page(
    request: Request, ctx: dict[str, Any], status_code: int = 200, **extra: Any
) -> HTMLResponse:
    values = extra.pop("values", None) or ctx["rel"].model_dump(mode="json")
    context = {**ctx, "values": values, "errors": {}, "end_errors": {}, "conflict": {}, **extra}
    return render(request, "network/relationship_edit.html", context, status_code=status_code)


@router.get(
    "/relationships/{relationship_id}/edit", response_class=HTMLResponse, include_in_schema=False
)
def relationship_edit(
    request: Request, relationship_id: uuid.UUID, principal: WebUser, db: DB
) -> HTMLResponse:
    return _edit_page(request, _edit_context(db, principal, relationship_id))


def _update_values(values: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": values.get("version"),
        "start_date": values.get("start_date"),
        "end_date": values.get("end_date"),
        "evidence": values.get("evidence") or "",
        "is_active": values.get("is_active") == "on",
    }
    data.update({k: values[k] for k in ("type", "direction") if values.get(k)})
    return data


@router.post("/relationships/{relationship_id}", include_in_schema=False)
async def relationship_update(
    request: Request, relationship_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    """Edit type, direction, dates and evidence; a stale version answers 409 with what changed."""
    ctx = _edit_context(db, principal, relationship_id)
    values = await form_data(request)
    data, errors = _check(RelationshipUpdate, _update_values(values))
    conflict: dict[str, Any] = {}
    if data is not None:
        try:
            rel = service.update_relationship(db, principal, relationship_id, data)
            return RedirectResponse(f"/actors/{rel.source_id}", status_code=303)
        except Conflict as exc:
            conflict, errors = exc.details, {"version": exc.message}
        except Invalid as exc:
            errors = invalid_errors(exc)
    shown = {**values, "is_active": values.get("is_active") == "on"}
    return _edit_page(request, ctx, 409 if conflict else 422, values=shown, errors=errors,
                      conflict=conflict)  # fmt: skip


@router.post("/relationships/{relationship_id}/end", include_in_schema=False)
async def relationship_end(
    request: Request, relationship_id: uuid.UUID, principal: WebUser, db: DB
) -> Response:
    """End a relationship that existed: it stays as history, no longer a working link."""
    ctx = _edit_context(db, principal, relationship_id)
    values = await form_data(request)
    data, errors = _check(RelationshipEnd, {k: values.get(k) for k in ("version", "end_date")})
    status_code = 422
    if data is not None:
        try:
            rel = service.end_relationship(db, principal, relationship_id, data)
            return RedirectResponse(f"/actors/{rel.source_id}", status_code=303)
        except Conflict as exc:
            errors, status_code = {"version": exc.message}, 409
        except Invalid as exc:
            errors = invalid_errors(exc)
    return _edit_page(request, ctx, status_code, end_errors=errors)


@router.get(
    "/relationships/{relationship_id}/delete", response_class=HTMLResponse, include_in_schema=False
)
def relationship_delete_confirm(
    request: Request, relationship_id: uuid.UUID, principal: WebUser, db: DB
) -> HTMLResponse:
    """Ask before deleting: deleting is for an entry made by mistake; one that existed is ended."""
    ctx = _edit_context(db, principal, relationship_id)
    return render(request, "network/relationship_delete.html", ctx)


@router.post("/relationships/{relationship_id}/delete", include_in_schema=False)
def relationship_delete(relationship_id: uuid.UUID, principal: WebUser, db: DB) -> Response:
    rel = repository.get_relationship(db, principal, relationship_id)
    source_id = rel.source_id
    service.delete_relationship(db, principal, relationship_id)
    return RedirectResponse(f"/actors/{source_id}", status_code=303)


@panel
def network_panel(session: Any, principal: Principal) -> Panel | None:
    """Network editors get a pointer to the gaps of their country."""
    from titian.auth import policies

    if not policies.has(principal, Permission.NETWORK_EDIT):
        return None
    code = principal.agency_country
    return Panel(
        N_("Network"),
        [
            Line(
                N_("Gaps and suggested connections in %(country)s"),
                f"/network?country={code}",
                {"country": code},
            ),
            (N_("Organisations"), "/actors"),
        ],
    )
