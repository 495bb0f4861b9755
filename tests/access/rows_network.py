"""Access rows of the network (relationships, analysis, graph, exports): shared programme data,
read by every NETWORK_READ principal, edited by NETWORK_EDIT principals."""

from __future__ import annotations

from typing import Any

from tests.access.matrix import Row
from tests.network.records import records
from tests.support.fixtures import World

READ = ("caseworker_b", "norole_a", "caseworker_a")
EDIT = ("caseworker_b", "caseworker_a", "programme")
SHARED = "relationships are shared programme data: no agency owns one"


def _rel(w: World) -> str:
    return f"/api/v1/network/relationships/{records(w).relationship.id}"


def _new_rel(w: World) -> dict[str, Any]:
    r = records(w)
    return {
        "source_id": str(r.shelter.id),
        "target_id": str(r.police.id),
        "type": "training",
        "direction": "one_way",
        "evidence": "training log",
    }


def _page(w: World) -> str:
    return f"/network/relationships/{records(w).relationship.id}"


def _edit_form(w: World) -> dict[str, Any]:
    rel = records(w).relationship
    return {"version": str(rel.version), "type": "mou_sop", "direction": "mutual",
            "start_date": "2025-01-01", "end_date": "", "evidence": "signed MoU",
            "is_active": "on"}  # fmt: skip


def _fixed(path: str) -> Any:
    return lambda w: (records(w), path)[1]


API: list[Row] = [
    Row(
        "GET",
        "/api/v1/network/relationships",
        _fixed("/api/v1/network/relationships?country=TH"),
        401,
        200,
        403,
        200,
        personas=READ,
    ),
    Row(
        "POST",
        "/api/v1/network/relationships",
        _fixed("/api/v1/network/relationships"),
        401,
        None,
        403,
        201,
        personas=EDIT,
        body=_new_rel,
        why=SHARED,
    ),
    Row(
        "GET",
        "/api/v1/network/relationships/{relationship_id}",
        _rel,
        401,
        200,
        403,
        200,
        personas=READ,
    ),
    Row(
        "POST",
        "/api/v1/network/relationships/{relationship_id}/end",
        lambda w: f"{_rel(w)}/end",
        401,
        None,
        403,
        200,
        personas=EDIT,
        body=lambda w: {"version": records(w).relationship.version},
        why=SHARED,
    ),
    Row(
        "PATCH",
        "/api/v1/network/relationships/{relationship_id}",
        _rel,
        401,
        None,
        403,
        200,
        personas=EDIT,
        body=lambda w: {"version": records(w).relationship.version, "evidence": "signed MoU"},
        why=SHARED,
    ),
    Row(
        "DELETE",
        "/api/v1/network/relationships/{relationship_id}",
        _rel,
        401,
        None,
        403,
        204,
        personas=EDIT,
        why=SHARED,
    ),
    Row(
        "GET",
        "/api/v1/network/analysis",
        _fixed("/api/v1/network/analysis?country=TH"),
        401,
        200,
        403,
        200,
        personas=READ,
    ),
    Row(
        "GET",
        "/api/v1/network/graph",
        _fixed("/api/v1/network/graph?country=TH"),
        401,
        200,
        403,
        200,
        personas=READ,
    ),
    Row(
        "GET",
        "/api/v1/network/export",
        _fixed("/api/v1/network/export?format=graphml"),
        401,
        200,
        403,
        200,
        personas=READ,
    ),
]

WEB: list[Row] = [
    Row("GET", "/network", _fixed("/network?country=TH"), 303, 200, 403, 200, personas=READ),
    Row(
        "GET",
        "/network/export",
        _fixed("/network/export?format=edges_csv&country=TH"),
        303,
        200,
        403,
        200,
        personas=READ,
    ),
    Row(
        "GET",
        "/network/relationships/new",
        _fixed("/network/relationships/new"),
        303,
        None,
        403,
        200,
        personas=EDIT,
        why=SHARED,
    ),
    Row(
        "POST",
        "/network/relationships",
        _fixed("/network/relationships"),
        303,
        None,
        403,
        303,
        personas=EDIT,
        form=_new_rel,
        why=SHARED,
    ),
    Row(
        "GET",
        "/network/relationships/{relationship_id}/edit",
        lambda w: f"{_page(w)}/edit",
        303,
        None,
        403,
        200,
        personas=EDIT,
        why=SHARED,
    ),
    Row(
        "POST",
        "/network/relationships/{relationship_id}",
        _page,
        303,
        None,
        403,
        303,
        personas=EDIT,
        form=_edit_form,
        why=SHARED,
    ),
    Row(
        "POST",
        "/network/relationships/{relationship_id}/end",
        lambda w: f"{_page(w)}/end",
        303,
        None,
        403,
        303,
        personas=EDIT,
        form=lambda w: {"version": str(records(w).relationship.version), "end_date": ""},
        why=SHARED,
    ),
    Row(
        "GET",
        "/network/relationships/{relationship_id}/delete",
        lambda w: f"{_page(w)}/delete",
        303,
        None,
        403,
        200,
        personas=EDIT,
        why=SHARED,
    ),
    Row(
        "POST",
        "/network/relationships/{relationship_id}/delete",
        lambda w: f"{_page(w)}/delete",
        303,
        None,
        403,
        303,
        personas=EDIT,
        why=SHARED,
    ),
]
