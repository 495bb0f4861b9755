"""Every route, four callers: anonymous, another agency, no role, allowed (see matrix.py)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from fastapi.testclient import TestClient

import tests.access
from tests.access.matrix import Row
from tests.support.fixtures import ApiAs, WebAs, World
from tests.support.routes import all_routes

CALLERS = ("anonymous", "other_agency", "no_role", "allowed")


def _collect() -> tuple[list[Row], list[Row], dict[tuple[str, str], str]]:
    """Rows from matrix.py and from every ``rows_<area>.py`` beside it (one file per area)."""
    api: list[Row] = []
    web: list[Row] = []
    exempt: dict[tuple[str, str], str] = {}
    found = pkgutil.iter_modules(tests.access.__path__)
    names = ["matrix", *sorted(i.name for i in found if i.name.startswith("rows_"))]
    for name in names:
        module = importlib.import_module(f"tests.access.{name}")
        api += getattr(module, "API", [])
        web += getattr(module, "WEB", [])
        exempt.update(getattr(module, "EXEMPT", {}))
    return api, web, exempt


API, WEB, EXEMPT = _collect()


def _cases(rows: list[Row]) -> list[tuple[Row, str]]:
    return [(row, caller) for row in rows for caller in CALLERS if getattr(row, caller) is not None]


def _id(case: tuple[Row, str]) -> str:
    row, caller = case
    return f"{row.method} {row.route} [{caller}]"


def _persona(row: Row, caller: str, world: World) -> object:
    if caller == "anonymous":
        return None
    index = {"other_agency": 0, "no_role": 1, "allowed": 2}[caller]
    return world[row.personas[index]]


@pytest.mark.parametrize("case", _cases(API), ids=_id)
def test_api_route(case: tuple[Row, str], world: World, api_as: ApiAs, client: TestClient) -> None:
    row, caller = case
    user = _persona(row, caller, world)
    headers = api_as.headers(user)  # type: ignore[arg-type]
    body = row.body(world) if row.body else None
    if row.route == "/api/v1/auth/token" and caller == "anonymous":
        body = {"username": "caseworker_a", "password": "wrong password!"}
    response = client.request(row.method, row.path(world), json=body, headers=headers)
    expected = getattr(row, caller)
    assert response.status_code == expected, response.text
    if expected >= 400:
        assert response.headers["content-type"].startswith("application/json")
        assert response.json()["error"]


@pytest.mark.parametrize("case", _cases(WEB), ids=_id)
def test_web_route(case: tuple[Row, str], world: World, web_as: WebAs, client: TestClient) -> None:
    row, caller = case
    user = _persona(row, caller, world)
    csrf = web_as.login(user)  # type: ignore[arg-type]
    data = dict(row.form(world)) if row.form else {}
    if row.method == "POST" and row.route == "/login":
        data = {"username": "caseworker_a", "password": "correct horse battery", "next": "/"}
        if caller == "allowed":
            page = client.get("/login")
            data["csrf_token"] = page.cookies.get("titian_csrf") or client.cookies.get(
                "titian_csrf"
            )
    elif row.method == "POST":
        data["csrf_token"] = csrf
    response = client.request(
        row.method, row.path(world), data=data or None, follow_redirects=False
    )
    expected = getattr(row, caller)
    assert response.status_code == expected, response.text[:2000]
    if caller == "anonymous" and expected == 303 and row.route != "/logout":
        assert response.headers["location"].startswith("/login")
    if expected in {403, 404}:
        assert response.headers["content-type"].startswith("text/html")


def test_every_route_is_covered(app: object) -> None:
    """Fails when a route has no row in the access matrix (or an exemption with a reason)."""
    covered = {(r.method, r.route) for r in API + WEB} | set(EXEMPT)
    routes = all_routes(app)
    assert len(routes) > 20, "route discovery found too few routes"
    missing = [f"{m} {p}" for m, p in routes if (m, p) not in covered]
    assert not missing, f"routes without access-matrix rows: {missing}"


def test_matrix_has_no_stale_rows(app: object) -> None:
    known = set(all_routes(app))
    stale = [f"{r.method} {r.route}" for r in API + WEB if (r.method, r.route) not in known]
    assert not stale, f"matrix rows for routes that do not exist: {stale}"
