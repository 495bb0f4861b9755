"""The access matrix: for every route, what four callers get.

Each route answers for: an anonymous caller, a user of *another agency*, a user of the right
agency *without the role*, and an *allowed* user. ``test_every_route_is_covered`` fails when a
route is added without a row here. ``None`` marks a caller that does not apply to the route, with
the reason in ``why``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.support.fixtures import World

PathFn = Callable[[World], str]
BodyFn = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Row:
    method: str
    route: str  # the route's path template, as FastAPI knows it
    path: PathFn
    anonymous: int
    other_agency: int | None
    no_role: int | None
    allowed: int
    personas: tuple[str, str, str] = ("caseworker_b", "norole_a", "admin_a")  # other, no role, ok
    body: BodyFn | None = None
    form: BodyFn | None = None
    why: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)


def _fixed(path: str) -> PathFn:
    return lambda w: path


def _agency_body(w: World) -> dict[str, Any]:
    return {"name": "New Legal Aid", "country": "TH", "sector": "non_state", "kind": "legal_aid"}


def _user_body(w: World) -> dict[str, Any]:
    return {
        "username": "newperson",
        "display_name": "New Person",
        "password": "long enough pw",
        "agency_id": str(w.agency_a.id),
        "roles": ["case_worker"],
    }


API: list[Row] = [
    Row(
        "POST",
        "/api/v1/auth/token",
        _fixed("/api/v1/auth/token"),
        401,
        None,
        None,
        201,
        body=lambda w: {"username": "caseworker_a", "password": "correct horse battery"},
        why="logging in needs no prior identity; anonymous means wrong password here",
    ),
    Row(
        "POST",
        "/api/v1/auth/revoke",
        _fixed("/api/v1/auth/revoke"),
        401,
        None,
        None,
        204,
        why="acts on the caller's own token",
    ),
    Row(
        "GET",
        "/api/v1/auth/me",
        _fixed("/api/v1/auth/me"),
        401,
        None,
        None,
        200,
        why="the caller's own account",
    ),
    Row(
        "GET",
        "/api/v1/agencies",
        _fixed("/api/v1/agencies"),
        401,
        None,
        None,
        200,
        why="agency names are shared with every signed-in user",
    ),
    Row(
        "POST",
        "/api/v1/agencies",
        _fixed("/api/v1/agencies"),
        401,
        None,
        403,
        201,
        personas=("caseworker_b", "admin_a", "operator_admin"),
        body=_agency_body,
        why="only the operator registers agencies; other agencies have no say either",
    ),
    Row(
        "GET",
        "/api/v1/agencies/{agency_id}",
        lambda w: f"/api/v1/agencies/{w.agency_a.id}",
        401,
        404,
        None,
        200,
        personas=("caseworker_b", "norole_a", "norole_a"),
        why="any member sees their own agency",
    ),
    Row(
        "PATCH",
        "/api/v1/agencies/{agency_id}",
        lambda w: f"/api/v1/agencies/{w.agency_a.id}",
        401,
        404,
        403,
        200,
        personas=("caseworker_b", "admin_a", "operator_admin"),
        body=lambda w: {"version": w.agency_a.version, "short_name": "AA"},
    ),
    Row(
        "GET",
        "/api/v1/users",
        _fixed("/api/v1/users"),
        401,
        None,
        403,
        200,
        why="the list is always scoped to the caller's agency",
    ),
    Row(
        "POST",
        "/api/v1/users",
        _fixed("/api/v1/users"),
        401,
        404,
        403,
        201,
        personas=("admin_b", "norole_a", "admin_a"),
        body=_user_body,
    ),
    Row(
        "GET",
        "/api/v1/users/{user_id}",
        lambda w: f"/api/v1/users/{w['caseworker_a'].id}",
        401,
        404,
        403,
        200,
        personas=("admin_b", "norole_a", "admin_a"),
    ),
    Row(
        "PATCH",
        "/api/v1/users/{user_id}",
        lambda w: f"/api/v1/users/{w['caseworker_a'].id}",
        401,
        404,
        403,
        200,
        personas=("admin_b", "norole_a", "admin_a"),
        body=lambda w: {"version": w["caseworker_a"].version, "display_name": "Renamed"},
    ),
    Row(
        "GET",
        "/api/v1/audit/events",
        _fixed("/api/v1/audit/events"),
        401,
        None,
        403,
        200,
        personas=("caseworker_b", "caseworker_a", "auditor"),
        why="events are scoped to the caller's agency",
    ),
    Row(
        "GET",
        "/api/v1/audit/verify",
        _fixed("/api/v1/audit/verify"),
        401,
        None,
        403,
        200,
        personas=("caseworker_b", "admin_a", "auditor"),
        why="the whole chain, operator only",
    ),
    Row(
        "GET",
        "/api/v1/countries",
        _fixed("/api/v1/countries"),
        401,
        None,
        None,
        200,
        why="country settings are public configuration",
    ),
    Row(
        "GET",
        "/api/v1/countries/{code}",
        _fixed("/api/v1/countries/TH"),
        401,
        None,
        None,
        200,
        why="country settings are public configuration",
    ),
]

WEB: list[Row] = [
    Row("GET", "/login", _fixed("/login"), 200, None, None, 200, why="the sign-in page"),
    Row(
        "POST",
        "/login",
        _fixed("/login"),
        403,
        None,
        None,
        303,
        why="anonymous = without the login CSRF cookie; tested in full in tests/web",
    ),
    Row("POST", "/logout", _fixed("/logout"), 303, None, None, 303, why="own session"),
    Row("POST", "/quick-exit", _fixed("/quick-exit"), 303, None, None, 204, why="own session"),
    Row("GET", "/", _fixed("/"), 303, None, None, 200, why="everyone's own dashboard"),
    Row(
        "GET",
        "/admin/agencies",
        _fixed("/admin/agencies"),
        303,
        None,
        403,
        200,
        personas=("caseworker_b", "admin_a", "operator_admin"),
        why="operator only",
    ),
    Row(
        "GET",
        "/admin/agencies/new",
        _fixed("/admin/agencies/new"),
        303,
        None,
        403,
        200,
        personas=("caseworker_b", "admin_a", "operator_admin"),
        why="operator only",
    ),
    Row(
        "POST",
        "/admin/agencies",
        _fixed("/admin/agencies"),
        303,
        None,
        403,
        303,
        personas=("caseworker_b", "admin_a", "operator_admin"),
        form=_agency_body,
        why="operator only",
    ),
    Row(
        "GET",
        "/admin/agencies/{agency_id}",
        lambda w: f"/admin/agencies/{w.agency_a.id}",
        303,
        404,
        None,
        200,
        personas=("caseworker_b", "norole_a", "norole_a"),
        why="any member sees their own agency",
    ),
    Row(
        "POST",
        "/admin/agencies/{agency_id}",
        lambda w: f"/admin/agencies/{w.agency_a.id}",
        303,
        404,
        403,
        303,
        personas=("caseworker_b", "admin_a", "operator_admin"),
        form=lambda w: {
            "version": str(w.agency_a.version),
            "name": "Agency A shelter",
            "kind": "shelter",
            "is_active": "on",
        },
    ),
    Row(
        "GET",
        "/admin/users",
        _fixed("/admin/users"),
        303,
        None,
        403,
        200,
        why="scoped to the caller's agency",
    ),
    Row(
        "GET",
        "/admin/users/new",
        _fixed("/admin/users/new"),
        303,
        None,
        403,
        200,
        why="scoped to the caller's agency",
    ),
    Row(
        "POST",
        "/admin/users",
        _fixed("/admin/users"),
        303,
        404,
        403,
        303,
        personas=("admin_b", "norole_a", "admin_a"),
        form=_user_body,
    ),
    Row(
        "GET",
        "/admin/users/{user_id}",
        lambda w: f"/admin/users/{w['caseworker_a'].id}",
        303,
        404,
        403,
        200,
        personas=("admin_b", "norole_a", "admin_a"),
    ),
    Row(
        "POST",
        "/admin/users/{user_id}",
        lambda w: f"/admin/users/{w['caseworker_a'].id}",
        303,
        404,
        403,
        303,
        personas=("admin_b", "norole_a", "admin_a"),
        form=lambda w: {
            "version": str(w["caseworker_a"].version),
            "display_name": "Renamed",
            "roles": "case_worker",
            "is_active": "on",
        },
    ),
    Row(
        "GET",
        "/audit",
        _fixed("/audit"),
        303,
        None,
        403,
        200,
        personas=("caseworker_b", "caseworker_a", "auditor"),
        why="scoped to the agency",
    ),
]

#: Routes outside the matrix, with the reason.
EXEMPT: dict[tuple[str, str], str] = {
    ("GET", "/healthz"): "liveness probe, no data",
    ("GET", "/api/v1/openapi.json"): "public API description",
}
