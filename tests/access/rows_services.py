# ruff: noqa: E501 (one access row per entry)
"""Access rows of the service directory and the gap report (issue 4). The directory is open to
every signed-in user; a service provider creates, edits and retires only its own agency's
services (another agency's service, or creating for another agency, is 404); import and export
are for ``services.import``; gap reports for readers of the network or analytics, scans for
programme officers and administrators."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy.orm import object_session

from tests.access.matrix import Row
from tests.support.fixtures import World
from titian.services.models import Organization, Service

HSDS = Path(__file__).resolve().parents[1] / "fixtures" / "hsds" / "json"


def _service(w: World) -> Service:
    """The small test directory, written once into the world's session; org A belongs to
    agency A (whose service provider is ``norole_a``)."""
    from tests.services.conftest import small_directory, uid
    from titian.services.service_import import write_directory

    session = object_session(w.agency_a)
    assert session is not None
    found = session.get(Service, uuid.UUID(uid("National legal aid")))
    if found is None:
        write_directory(session, None, small_directory(), ["matrix"])
        session.get_one(Organization, uuid.UUID(uid("org-a"))).agency_id = w.agency_a.id
        session.flush()
        found = session.get_one(Service, uuid.UUID(uid("National legal aid")))
    return found


def _sid(w: World) -> str:
    return str(_service(w).id)


def _patch(w: World) -> dict[str, Any]:
    return {"version": _service(w).version, "capacity_available": 2}


def _form(w: World) -> dict[str, Any]:
    s = _service(w)
    return {"version": str(s.version), "name": s.name, "status": "active",
            "service_types": "legal_aid", "languages": "th, en"}  # fmt: skip


def _new_service(w: World) -> dict[str, Any]:
    """A new service for agency A (``caseworker_b`` of agency B gets 404 for it)."""
    _service(w)
    return {"agency_id": str(w.agency_a.id), "name": "Matrix legal clinic",
            "service_types": ["legal_aid"], "areas": ["TH-10"], "languages": ["th"]}  # fmt: skip


def _retire(w: World) -> dict[str, Any]:
    return {"version": _service(w).version}


def _profile(w: World) -> dict[str, Any]:
    return {"need": "legal_aid", "country": "TH", "area": "TH-10", "gender": "man", "age": 40}


def _hsds(w: World) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HSDS / "service_list.json").read_text("utf-8"))
    return data


READERS = ("caseworker_b", "norole_a", "caseworker_a")
EDITORS = ("caseworker_b", "caseworker_a", "norole_a")
ADMINS = ("caseworker_b", "caseworker_a", "admin_a")
SCANNERS = ("caseworker_b", "caseworker_a", "programme")

API: list[Row] = [
    Row("GET", "/api/v1/services", lambda w: "/api/v1/services?country=TH", 401, None, None, 200,
        why="the directory is open to every signed-in user"),
    Row("POST", "/api/v1/services/match", lambda w: "/api/v1/services/match", 401, None, None, 200,
        body=_profile, why="matching a profile over the open directory stores nothing"),
    Row("POST", "/api/v1/services/import", lambda w: "/api/v1/services/import?name=service_list.json",
        401, None, 403, 200, personas=ADMINS, body=_hsds,
        why="one shared directory: no other-agency case"),
    Row("GET", "/api/v1/services/export", lambda w: "/api/v1/services/export", 401, None, 403, 200,
        personas=ADMINS, why="one shared directory: no other-agency case"),
    Row("GET", "/api/v1/services/{service_id}", lambda w: f"/api/v1/services/{_sid(w)}",
        401, None, None, 200, why="the directory is open to every signed-in user"),
    Row("PATCH", "/api/v1/services/{service_id}", lambda w: f"/api/v1/services/{_sid(w)}",
        401, 404, 403, 200, personas=EDITORS, body=_patch),
    Row("POST", "/api/v1/services", lambda w: "/api/v1/services", 401, 404, 403, 201,
        personas=EDITORS, body=_new_service,
        why="other agency = a user of agency B creating for agency A"),
    Row("POST", "/api/v1/services/{service_id}/retire",
        lambda w: f"/api/v1/services/{_sid(w)}/retire", 401, 404, 403, 200, personas=EDITORS,
        body=_retire),
    Row("GET", "/api/v1/gaps", lambda w: "/api/v1/gaps?country=BN", 401, None, 403, 200,
        personas=READERS, why="aggregates of the shared directory, not agency records"),
    Row("GET", "/api/v1/gaps/csv", lambda w: "/api/v1/gaps/csv?country=BN", 401, None, 403, 200,
        personas=READERS, why="aggregates of the shared directory, not agency records"),
    Row("GET", "/api/v1/gaps/details", lambda w: "/api/v1/gaps/details?country=BN", 401, None,
        403, 200, personas=READERS, why="aggregates of the shared directory, not agency records"),
    Row("POST", "/api/v1/gaps/scan", lambda w: "/api/v1/gaps/scan?country=BN", 401, None, 403,
        200, personas=SCANNERS, why="a scan covers the shared directory"),
]  # fmt: skip

WEB: list[Row] = [
    Row("GET", "/services", lambda w: "/services?country=TH", 303, None, None, 200,
        why="the directory is open to every signed-in user"),
    Row("GET", "/services/import", lambda w: "/services/import", 303, None, 403, 200,
        personas=ADMINS, why="one shared directory: no other-agency case"),
    Row("POST", "/services/import", lambda w: "/services/import", 303, None, 403, 422,
        personas=ADMINS, why="the matrix posts no file (422 asks for one); uploads are tested "
        "in tests/services/test_pages_services.py"),
    Row("GET", "/services/{service_id}", lambda w: f"/services/{_sid(w)}", 303, None, None, 200,
        why="the directory is open to every signed-in user"),
    Row("GET", "/services/{service_id}/edit", lambda w: f"/services/{_sid(w)}/edit", 303, 404,
        403, 200, personas=EDITORS),
    Row("POST", "/services/{service_id}", lambda w: f"/services/{_sid(w)}", 303, 404, 403, 303,
        personas=EDITORS, form=_form),
    Row("GET", "/services/new", lambda w: f"/services/new?agency_id={w.agency_a.id}", 303, 404,
        403, 200, personas=EDITORS, why="other agency = a user of agency B asking for agency A"),
    Row("POST", "/services", lambda w: "/services", 303, 404, 403, 303, personas=EDITORS,
        form=lambda w: {**_new_service(w), "service_types": "legal_aid", "areas": "TH-10",
                        "languages": "th"},
        why="other agency = a user of agency B creating for agency A"),
    Row("GET", "/services/{service_id}/retire", lambda w: f"/services/{_sid(w)}/retire", 303,
        404, 403, 200, personas=EDITORS),
    Row("POST", "/services/{service_id}/retire", lambda w: f"/services/{_sid(w)}/retire", 303,
        404, 403, 303, personas=EDITORS, form=lambda w: {"version": str(_service(w).version)}),
    Row("GET", "/gaps", lambda w: "/gaps?country=BN", 303, None, 403, 200, personas=READERS,
        why="aggregates of the shared directory, not agency records"),
    Row("GET", "/gaps.csv", lambda w: "/gaps.csv?country=BN", 303, None, 403, 200,
        personas=READERS, why="aggregates of the shared directory, not agency records"),
    Row("POST", "/gaps/scan", lambda w: "/gaps/scan", 303, None, 403, 303, personas=SCANNERS,
        form=lambda w: {"country": "BN"}, why="a scan covers the shared directory"),
]  # fmt: skip
