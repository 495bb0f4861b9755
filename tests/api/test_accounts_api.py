"""Agencies and users through the API: validation, uniqueness, optimistic locking."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.support.fixtures import ApiAs, World


def test_create_user_validates_each_field(client: TestClient, world: World, api_as: ApiAs) -> None:
    body = {
        "username": "X",
        "display_name": "",
        "password": "short",
        "agency_id": str(world.agency_a.id),
        "roles": ["wizard"],
    }
    response = client.post("/api/v1/users", json=body, headers=api_as.headers(world["admin_a"]))
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"username", "display_name", "password", "roles.0"} <= fields


def test_weak_password_is_refused_by_name(client: TestClient, world: World, api_as: ApiAs) -> None:
    body = {
        "username": "weakling",
        "display_name": "W",
        "password": "aaaaaaaaaaaa",
        "agency_id": str(world.agency_a.id),
        "roles": ["case_worker"],
    }
    response = client.post("/api/v1/users", json=body, headers=api_as.headers(world["admin_a"]))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "password"


def test_duplicate_username_conflicts(client: TestClient, world: World, api_as: ApiAs) -> None:
    body = {
        "username": "caseworker_a",
        "display_name": "Dup",
        "password": "long enough pw",
        "agency_id": str(world.agency_a.id),
        "roles": ["case_worker"],
    }
    response = client.post("/api/v1/users", json=body, headers=api_as.headers(world["admin_a"]))
    assert response.status_code == 409
    assert response.json()["field"] == "username"


def test_second_save_on_stale_version_gets_409_with_changes(
    client: TestClient, world: World, api_as: ApiAs
) -> None:
    user = world["caseworker_a"]
    headers = api_as.headers(world["admin_a"])
    url = f"/api/v1/users/{user.id}"
    version = client.get(url, headers=headers).json()["version"]
    first = client.patch(
        url, json={"version": version, "display_name": "First editor"}, headers=headers
    )
    assert first.status_code == 200
    second = client.patch(
        url, json={"version": version, "display_name": "Second editor"}, headers=headers
    )
    assert second.status_code == 409
    body = second.json()
    assert body["changed"]["display_name"] == {"current": "First editor", "yours": "Second editor"}
    assert body["current_version"] == version + 1
    assert client.get(url, headers=headers).json()["display_name"] == "First editor"


def test_agency_admin_cannot_reach_other_agency_users(
    client: TestClient, world: World, api_as: ApiAs
) -> None:
    headers = api_as.headers(world["admin_b"])
    listed = client.get("/api/v1/users", headers=headers).json()
    assert {u["agency_id"] for u in listed} == {str(world.agency_b.id)}
    assert (
        client.get(f"/api/v1/users/{world['caseworker_a'].id}", headers=headers).status_code == 404
    )


def test_operator_admin_creates_agency_and_country_is_checked(
    client: TestClient, world: World, api_as: ApiAs
) -> None:
    headers = api_as.headers(world["operator_admin"])
    bad = client.post(
        "/api/v1/agencies",
        headers=headers,
        json={"name": "Somewhere", "country": "FR", "sector": "state", "kind": "police"},
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "country"
    good = client.post(
        "/api/v1/agencies",
        headers=headers,
        json={"name": "Border Police", "country": "la", "sector": "state", "kind": "police"},
    )
    assert good.status_code == 201 and good.json()["country"] == "LA"


def test_an_account_s_language_is_a_shipped_locale_or_none(
    client: TestClient, world: World, api_as: ApiAs
) -> None:
    """None by default (the browser decides), a shipped locale normalised, anything else 422
    naming ``locale``; an empty string clears the choice."""
    headers = api_as.headers(world["admin_a"])
    body = {
        "username": "nalin", "display_name": "N", "password": "a long enough passphrase 7",
        "agency_id": str(world.agency_a.id), "roles": ["case_worker"],
    }  # fmt: skip
    for bad in ("xx", "de", "<script>"):
        refused = client.post("/api/v1/users", json=body | {"locale": bad}, headers=headers)
        assert refused.status_code == 422, bad
        assert [e["field"] for e in refused.json()["errors"]] == ["locale"]
    made = client.post("/api/v1/users", json=body, headers=headers)
    assert made.status_code == 201, made.text
    assert made.json()["locale"] is None
    url = f"/api/v1/users/{made.json()['id']}"
    thai = client.patch(url, json={"version": 1, "locale": "th-TH"}, headers=headers).json()
    assert thai["locale"] == "th"
    cleared = client.patch(url, json={"version": thai["version"], "locale": ""}, headers=headers)
    assert cleared.status_code == 200 and cleared.json()["locale"] is None
