"""Access rows of the actor register (API and pages).

The register is programme data shared across agencies: "other agency" reads it like anyone
with NETWORK_READ (200); edits have no other-agency case (any NETWORK_EDIT principal edits).
"""

from __future__ import annotations

from typing import Any

from tests.access.matrix import Row
from tests.network.records import records
from tests.support.fixtures import World

READ = ("caseworker_b", "norole_a", "caseworker_a")
EDIT = ("caseworker_b", "caseworker_a", "programme")
SHARED = "the register is shared programme data: no agency owns an organisation"


def _actor(w: World) -> str:
    return f"/actors/{records(w).shelter.id}"


def _contact(w: World) -> str:
    r = records(w)
    return f"/actors/{r.shelter.id}/contacts/{r.contact.id}"


def _new_actor(w: World) -> dict[str, Any]:
    return {"name": "Matrix New Legal Aid", "country": "TH", "kind": "legal_aid"}


def _contact_body(w: World) -> dict[str, Any]:
    return {"name": "Test Person", "role": "coordinator", "gender": "woman"}


API: list[Row] = [
    Row("GET", "/api/v1/actors", lambda w: "/api/v1/actors", 401, 200, 403, 200, personas=READ),
    Row(
        "POST",
        "/api/v1/actors",
        lambda w: "/api/v1/actors",
        401,
        None,
        403,
        201,
        personas=EDIT,
        body=_new_actor,
        why=SHARED,
    ),
    Row(
        "POST",
        "/api/v1/actors/import",
        lambda w: "/api/v1/actors/import",
        401,
        None,
        403,
        200,
        personas=EDIT,
        body=lambda w: {"csv": "name,country,kind\nMatrix Import NGO,TH,ngo\n"},
        why=SHARED,
    ),
    Row(
        "GET",
        "/api/v1/actors/{actor_id}",
        lambda w: f"/api/v1{_actor(w)}",
        401,
        200,
        403,
        200,
        personas=READ,
    ),
    Row(
        "PATCH",
        "/api/v1/actors/{actor_id}",
        lambda w: f"/api/v1{_actor(w)}",
        401,
        None,
        403,
        200,
        personas=EDIT,
        body=lambda w: {"version": records(w).shelter.version, "description": "updated"},
        why=SHARED,
    ),
    Row(
        "POST",
        "/api/v1/actors/{actor_id}/contacts",
        lambda w: f"/api/v1{_actor(w)}/contacts",
        401,
        None,
        403,
        201,
        personas=EDIT,
        body=_contact_body,
        why=SHARED,
    ),
    Row(
        "DELETE",
        "/api/v1/actors/{actor_id}/contacts/{contact_id}",
        lambda w: f"/api/v1{_contact(w)}",
        401,
        None,
        403,
        204,
        personas=EDIT,
        why=SHARED,
    ),
]

WEB: list[Row] = [
    Row("GET", "/actors", lambda w: "/actors", 303, 200, 403, 200, personas=READ),
    Row(
        "GET",
        "/actors/new",
        lambda w: "/actors/new",
        303,
        None,
        403,
        200,
        personas=EDIT,
        why=SHARED,
    ),
    Row(
        "POST",
        "/actors",
        lambda w: "/actors",
        303,
        None,
        403,
        303,
        personas=EDIT,
        form=_new_actor,
        why=SHARED,
    ),
    Row(
        "GET",
        "/actors/import",
        lambda w: "/actors/import",
        303,
        None,
        403,
        200,
        personas=EDIT,
        why=SHARED,
    ),
    Row(
        "POST",
        "/actors/import",
        lambda w: "/actors/import",
        303,
        None,
        403,
        200,
        personas=EDIT,
        form=lambda w: {"text": "name,country,kind\nMatrix Import NGO,TH,ngo\n"},
        why=SHARED,
    ),
    Row("GET", "/actors/{actor_id}", _actor, 303, 200, 403, 200, personas=READ),
    Row(
        "POST",
        "/actors/{actor_id}",
        _actor,
        303,
        None,
        403,
        303,
        personas=EDIT,
        form=lambda w: {
            "version": str(records(w).shelter.version),
            "name": "Matrix Shelter",
            "kind": "shelter",
            "groups": "women",
            "is_active": "on",
        },
        why=SHARED,
    ),
    Row(
        "POST",
        "/actors/{actor_id}/contacts",
        lambda w: f"{_actor(w)}/contacts",
        303,
        None,
        403,
        303,
        personas=EDIT,
        form=_contact_body,
        why=SHARED,
    ),
    Row(
        "POST",
        "/actors/{actor_id}/contacts/{contact_id}/delete",
        lambda w: f"{_contact(w)}/delete",
        303,
        None,
        403,
        303,
        personas=EDIT,
        why=SHARED,
    ),
]
