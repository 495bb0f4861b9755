"""Logging in through the API: tokens, uniform 401s, throttling, malformed input."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.support.fixtures import World


def _token(client: TestClient, username: str, password: str) -> object:
    return client.post("/api/v1/auth/token", json={"username": username, "password": password})


def test_token_then_me(client: TestClient, world: World) -> None:
    response = _token(client, "caseworker_a", "correct horse battery")
    assert response.status_code == 201
    token = response.json()["access_token"]
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["user"]["username"] == "caseworker_a"
    assert "cases.read" in me.json()["permissions"]
    assert "password_hash" not in me.text


def test_wrong_password_and_unknown_user_answer_the_same(client: TestClient, world: World) -> None:
    wrong = _token(client, "caseworker_a", "not the password")
    unknown = _token(client, "nobody_here", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert "password" in wrong.json()["message"] and "username" in wrong.json()["message"]


def test_repeated_failures_are_throttled(client: TestClient, world: World) -> None:
    for _ in range(3):  # settings fixture: login_max_failures=3
        assert _token(client, "caseworker_a", "bad guess 123").status_code == 401
    throttled = _token(client, "caseworker_a", "correct horse battery")
    assert throttled.status_code == 429
    assert throttled.headers["retry-after"]


def test_revoked_token_stops_working(client: TestClient, world: World) -> None:
    token = _token(client, "caseworker_a", "correct horse battery").json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/v1/auth/revoke", headers=headers).status_code == 204
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401


def test_malformed_json_names_the_problem(client: TestClient) -> None:
    response = client.post(
        "/api/v1/auth/token", content=b'{"username": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "body"
    assert "malformed JSON" in error["message"]


def test_missing_field_is_named(client: TestClient) -> None:
    response = client.post("/api/v1/auth/token", json={"username": "x"})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "password", "message": "Field required"}]


def test_unknown_routes_answer_in_the_right_format(client: TestClient) -> None:
    api = client.get("/api/v1/no-such-thing")
    assert api.status_code == 404 and api.json()["error"] == "not_found"
    page = client.get("/no-such-page")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Page not found" in page.text


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["info"]["title"] == "Titian API"
    assert "/api/v1/users/{user_id}" in spec["paths"]
    assert not any(p.startswith("/admin") for p in spec["paths"])


def test_security_headers(client: TestClient) -> None:
    response = client.get("/login")
    assert response.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
