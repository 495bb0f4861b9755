"""Access rows of policy dialogues. The matrix dialogue is in Thailand, organised by the operator:
``caseworker_b`` (Cambodia) is outside its scope (404); ``admin_a`` (Thailand, no dialogue
permission) and ``caseworker_a`` (Thailand, read only) are in scope without the role (403)."""

from __future__ import annotations

from typing import Any

from tests.access.matrix import Row
from tests.network.records import records
from tests.support.fixtures import World

READ = ("caseworker_b", "admin_a", "caseworker_a")
EDIT = ("caseworker_b", "caseworker_a", "programme")
SCOPED = "the list is scoped to the caller's agency and country"


def _d(w: World) -> str:
    return f"/dialogues/{records(w).dialogue.id}"


def _c(w: World) -> str:
    return f"/dialogues/commitments/{records(w).commitment.id}"


def _new_dialogue(w: World) -> dict[str, Any]:
    return {"title": "Matrix planning", "country": "TH", "held_on": "2026-12-01"}


def _participant(w: World) -> dict[str, Any]:
    return {"actor_id": str(records(w).shelter.id), "gender": "woman", "role": "support"}


def _commitment(w: World) -> dict[str, Any]:
    return {"description": "Share the list", "due_on": "2026-12-20"}


def _fixed(path: str) -> Any:
    return lambda w: (records(w), path)[1]


API: list[Row] = [
    Row(
        "GET",
        "/api/v1/dialogues",
        _fixed("/api/v1/dialogues"),
        401,
        None,
        403,
        200,
        personas=READ,
        why=SCOPED,
    ),
    Row(
        "POST",
        "/api/v1/dialogues",
        _fixed("/api/v1/dialogues"),
        401,
        None,
        403,
        201,
        personas=EDIT,
        body=_new_dialogue,
        why="a new dialogue belongs to the caller's agency",
    ),
    Row(
        "GET",
        "/api/v1/dialogues/commitments",
        _fixed("/api/v1/dialogues/commitments?overdue=true"),
        401,
        None,
        403,
        200,
        personas=READ,
        why=SCOPED,
    ),
    Row(
        "GET",
        "/api/v1/dialogues/figures",
        _fixed("/api/v1/dialogues/figures?country=TH"),
        401,
        None,
        403,
        200,
        personas=READ,
        why=SCOPED,
    ),
    Row(
        "PATCH",
        "/api/v1/dialogues/commitments/{commitment_id}",
        lambda w: f"/api/v1{_c(w)}",
        401,
        404,
        403,
        200,
        personas=EDIT,
        body=lambda w: {"version": records(w).commitment.version, "status": "done"},
    ),
    Row(
        "GET",
        "/api/v1/dialogues/{dialogue_id}",
        lambda w: f"/api/v1{_d(w)}",
        401,
        404,
        403,
        200,
        personas=READ,
    ),
    Row(
        "PATCH",
        "/api/v1/dialogues/{dialogue_id}",
        lambda w: f"/api/v1{_d(w)}",
        401,
        404,
        403,
        200,
        personas=EDIT,
        body=lambda w: {"version": records(w).dialogue.version, "outcomes": "agreed"},
    ),
    Row(
        "POST",
        "/api/v1/dialogues/{dialogue_id}/hold",
        lambda w: f"/api/v1{_d(w)}/hold",
        401,
        404,
        403,
        200,
        personas=EDIT,
    ),
    Row(
        "POST",
        "/api/v1/dialogues/{dialogue_id}/sessions",
        lambda w: f"/api/v1{_d(w)}/sessions",
        401,
        404,
        403,
        201,
        personas=EDIT,
        body=lambda w: {"title": "Afternoon session"},
    ),
    Row(
        "POST",
        "/api/v1/dialogues/{dialogue_id}/participants",
        lambda w: f"/api/v1{_d(w)}/participants",
        401,
        404,
        403,
        201,
        personas=EDIT,
        body=_participant,
    ),
    Row(
        "DELETE",
        "/api/v1/dialogues/{dialogue_id}/participants/{participant_id}",
        lambda w: f"/api/v1{_d(w)}/participants/{records(w).participant.id}",
        401,
        404,
        403,
        204,
        personas=EDIT,
    ),
    Row(
        "POST",
        "/api/v1/dialogues/{dialogue_id}/commitments",
        lambda w: f"/api/v1{_d(w)}/commitments",
        401,
        404,
        403,
        201,
        personas=EDIT,
        body=_commitment,
    ),
]

WEB: list[Row] = [
    Row(
        "GET",
        "/dialogues",
        _fixed("/dialogues?country=TH"),
        303,
        None,
        403,
        200,
        personas=READ,
        why=SCOPED,
    ),
    Row(
        "GET",
        "/dialogues/commitments",
        _fixed("/dialogues/commitments?overdue=true"),
        303,
        None,
        403,
        200,
        personas=READ,
        why=SCOPED,
    ),
    Row(
        "POST",
        "/dialogues/commitments/{commitment_id}",
        _c,
        303,
        404,
        403,
        303,
        personas=EDIT,
        form=lambda w: {"version": str(records(w).commitment.version), "status": "in_progress"},
    ),
    Row(
        "GET",
        "/dialogues/new",
        _fixed("/dialogues/new"),
        303,
        None,
        403,
        200,
        personas=EDIT,
        why=SCOPED,
    ),
    Row(
        "POST",
        "/dialogues",
        _fixed("/dialogues"),
        303,
        None,
        403,
        303,
        personas=EDIT,
        form=_new_dialogue,
        why="a new dialogue belongs to the caller's agency",
    ),
    Row("GET", "/dialogues/{dialogue_id}", _d, 303, 404, 403, 200, personas=READ),
    Row(
        "POST",
        "/dialogues/{dialogue_id}",
        _d,
        303,
        404,
        403,
        303,
        personas=EDIT,
        form=lambda w: {"version": str(records(w).dialogue.version), "outcomes": "agreed"},
    ),
    Row(
        "POST",
        "/dialogues/{dialogue_id}/sessions",
        lambda w: f"{_d(w)}/sessions",
        303,
        404,
        403,
        303,
        personas=EDIT,
        form=lambda w: {"title": "Afternoon"},
    ),
    Row(
        "POST",
        "/dialogues/{dialogue_id}/participants",
        lambda w: f"{_d(w)}/participants",
        303,
        404,
        403,
        303,
        personas=EDIT,
        form=_participant,
    ),
    Row(
        "POST",
        "/dialogues/{dialogue_id}/participants/{participant_id}/delete",
        lambda w: f"{_d(w)}/participants/{records(w).participant.id}/delete",
        303,
        404,
        403,
        303,
        personas=EDIT,
    ),
    Row(
        "POST",
        "/dialogues/{dialogue_id}/commitments",
        lambda w: f"{_d(w)}/commitments",
        303,
        404,
        403,
        303,
        personas=EDIT,
        form=_commitment,
    ),
    Row(
        "POST",
        "/dialogues/{dialogue_id}/hold",
        lambda w: f"{_d(w)}/hold",
        303,
        404,
        403,
        303,
        personas=EDIT,
    ),
]
