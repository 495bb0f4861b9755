"""Pages through the test client: sign-in with CSRF, errors as pages, 409 on stale edits."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.support.fixtures import WebAs, World


def _login(client: TestClient, username: str, password: str) -> object:
    page = client.get("/login")
    assert page.status_code == 200
    token = client.cookies.get("titian_csrf")
    return client.post(
        "/login",
        data={"username": username, "password": password, "next": "/", "csrf_token": token},
        follow_redirects=False,
    )


def test_sign_in_and_out(client: TestClient, world: World) -> None:
    response = _login(client, "caseworker_a", "correct horse battery")
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    dashboard = client.get("/")
    assert dashboard.status_code == 200 and "Agency A shelter" in dashboard.text
    assert 'id="quick-exit"' in dashboard.text and 'href="#main"' in dashboard.text
    csrf = dashboard.text.split('name="csrf_token" value="')[1].split('"')[0]
    out = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


def test_wrong_password_page_does_not_say_which(client: TestClient, world: World) -> None:
    response = _login(client, "caseworker_a", "nope nope nope")
    assert response.status_code == 401
    assert "The username or password is not right." in response.text
    unknown = _login(client, "ghost", "nope nope nope")
    assert unknown.status_code == 401 and "The username or password is not right." in unknown.text


def test_login_without_csrf_is_refused(client: TestClient, world: World) -> None:
    response = client.post(
        "/login", data={"username": "caseworker_a", "password": "correct horse battery"}
    )
    assert response.status_code == 403


def test_form_post_without_session_csrf_is_refused(
    client: TestClient, world: World, web_as: WebAs
) -> None:
    web_as.login(world["admin_a"])
    response = client.post(
        f"/admin/users/{world['caseworker_a'].id}",
        data={"version": "1", "display_name": "X", "roles": "case_worker"},
    )
    assert response.status_code == 403
    assert "expired" in response.text


def test_stale_edit_shows_what_changed(client: TestClient, world: World, web_as: WebAs) -> None:
    csrf = web_as.login(world["admin_a"])
    user = world["caseworker_a"]
    url = f"/admin/users/{user.id}"
    version = str(user.version)
    first = client.post(
        url,
        data={
            "csrf_token": csrf,
            "version": version,
            "display_name": "Saved first",
            "roles": "case_worker",
            "is_active": "on",
        },
        follow_redirects=False,
    )
    assert first.status_code == 303
    second = client.post(
        url,
        data={
            "csrf_token": csrf,
            "version": version,
            "display_name": "Saved second",
            "roles": "case_worker",
            "is_active": "on",
        },
        follow_redirects=False,
    )
    assert second.status_code == 409
    assert "Someone else saved this record" in second.text
    assert "Saved first" in second.text and "Saved second" in second.text


def test_invalid_form_names_the_field(client: TestClient, world: World, web_as: WebAs) -> None:
    csrf = web_as.login(world["admin_a"])
    response = client.post(
        "/admin/users",
        data={
            "csrf_token": csrf,
            "username": "ok_name",
            "display_name": "Someone",
            "password": "short",
            "agency_id": str(world.agency_a.id),
            "roles": "case_worker",
        },
    )
    assert response.status_code == 422
    assert 'id="password-error"' in response.text
    assert 'aria-invalid="true"' in response.text


def test_another_agencys_user_page_is_404(client: TestClient, world: World, web_as: WebAs) -> None:
    web_as.login(world["admin_b"])
    response = client.get(f"/admin/users/{world['caseworker_a'].id}")
    assert response.status_code == 404 and "Page not found" in response.text
