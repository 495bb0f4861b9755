"""Pages in the reader's language: Accept-Language, the header's language switcher (a cookie
before sign-in, the account once signed in), ``<html lang dir>`` and the draft notice."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.support.browser import fits_the_screen, new_phone
from tests.support.browser import live_server as serve
from tests.support.factories import PASSWORD, create_agency, create_user
from tests.support.fixtures import WebAs, World
from titian.audit.models import AuditEvent
from titian.auth.models import AgencyKind, User
from titian.auth.policies import Role
from titian.i18n.locales import DRAFT_NOTICE
from titian.settings import Settings

THAI_DRAFT = "ฉบับแปลร่าง — อยู่ระหว่างการตรวจทานโดยเจ้าของภาษา"


def _html_tag(page: str) -> str:
    found = re.search(r"<html[^>]*>", page)
    assert found, "no <html> tag"
    return found.group(0)


def _switch(client: TestClient, locale: str, csrf: str, next_path: str = "/") -> object:
    return client.post(
        "/language",
        data={"locale": locale, "next": next_path, "csrf_token": csrf},
        follow_redirects=False,
    )


def test_the_sign_in_page_follows_accept_language(client: TestClient, world: World) -> None:
    page = client.get("/login", headers={"Accept-Language": "th-TH,th;q=0.9,en;q=0.8"})
    assert page.status_code == 200
    assert _html_tag(page.text) == '<html lang="th" dir="ltr">'
    assert "เข้าสู่ระบบ Titian" in page.text and "Sign in to Titian" not in page.text
    assert THAI_DRAFT in page.text and f'<span lang="en">({DRAFT_NOTICE})</span>' in page.text


def test_english_is_the_fallback_and_is_not_a_draft(client: TestClient, world: World) -> None:
    for header in ("", "de-DE,fr;q=0.5", "ms-MY"):  # ms is supported but has no catalogue yet
        page = client.get("/login", headers={"Accept-Language": header})
        assert _html_tag(page.text) == '<html lang="en" dir="ltr">'
        assert "Sign in to Titian" in page.text and DRAFT_NOTICE not in page.text


def test_the_switcher_lists_each_language_in_itself(client: TestClient, world: World) -> None:
    page = client.get("/login", headers={"Accept-Language": "vi"}).text
    assert '<option value="vi" lang="vi" selected>Tiếng Việt</option>' in page
    assert '<option value="th" lang="th">ไทย</option>' in page
    assert '<option value="en" lang="en">English</option>' in page
    assert 'action="/language"' in page


def test_before_sign_in_the_choice_is_a_cookie(client: TestClient, world: World) -> None:
    client.get("/login")
    token = client.cookies.get("titian_csrf")
    assert token
    response = _switch(client, "id", token, "/login?next=/cases")
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/cases"
    cookie = response.headers["set-cookie"].lower()
    assert "titian_locale=id" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    page = client.get("/login?next=/cases", headers={"Accept-Language": "th"})
    assert _html_tag(page.text) == '<html lang="id" dir="ltr">'  # the choice beats the browser
    assert "Masuk ke Titian" in page.text


def test_the_language_chosen_before_sign_in_stays_after_it(
    client: TestClient, world: World
) -> None:
    client.get("/login")
    _switch(client, "th", client.cookies.get("titian_csrf") or "", "/login")
    page = client.get("/login")
    assert "ชื่อผู้ใช้" in page.text  # "Username"
    signed_in = client.post(
        "/login",
        data={
            "username": "caseworker_a",
            "password": "correct horse battery",
            "next": "/",
            "csrf_token": client.cookies.get("titian_csrf"),
        },
        follow_redirects=False,
    )
    assert signed_in.status_code == 303
    dashboard = client.get("/", headers={"Accept-Language": "vi"})
    assert _html_tag(dashboard.text) == '<html lang="th" dir="ltr">'  # the account says "en"
    assert "แดชบอร์ด" in dashboard.text


def test_the_switcher_refuses_a_post_without_its_token(client: TestClient, world: World) -> None:
    client.get("/login")
    assert _switch(client, "th", "forged").status_code == 403
    assert _switch(client, "th", "").status_code == 403
    assert "titian_locale" not in client.cookies


def test_signed_in_the_choice_is_stored_on_the_account(
    client: TestClient, world: World, web_as: WebAs, db: Session
) -> None:
    user = world["caseworker_a"]
    csrf = web_as.login(user)
    response = _switch(client, "th", csrf)
    assert response.status_code == 303 and response.headers["location"] == "/"
    db.expire_all()
    assert db.get(User, user.id).locale == "th"  # type: ignore[union-attr]
    events = db.scalars(select(AuditEvent).where(AuditEvent.action == "user.locale")).all()
    assert [(e.entity_id, e.details) for e in events] == [(str(user.id), {"fields": ["locale"]})]
    assert "titian_locale=th" in response.headers["set-cookie"]
    client.cookies.delete("titian_locale")  # a new browser: the account's choice applies
    dashboard = client.get("/", headers={"Accept-Language": "vi"})
    assert _html_tag(dashboard.text) == '<html lang="th" dir="ltr">'
    assert "แดชบอร์ด" in dashboard.text and THAI_DRAFT in dashboard.text
    assert '<option value="th" lang="th" selected>ไทย</option>' in dashboard.text


def test_switching_back_to_english(
    client: TestClient, world: World, web_as: WebAs, db: Session
) -> None:
    user = world["caseworker_a"]
    csrf = web_as.login(user)
    _switch(client, "vi", csrf)
    assert "Bảng điều khiển" in client.get("/").text
    _switch(client, "en", csrf)
    page = client.get("/").text
    assert _html_tag(page) == '<html lang="en" dir="ltr">' and DRAFT_NOTICE not in page


def test_a_language_that_is_not_offered_is_refused(
    client: TestClient, world: World, web_as: WebAs, db: Session
) -> None:
    user = world["caseworker_a"]
    csrf = web_as.login(user)
    for value in ("xx", "de", "<script>", ""):
        response = _switch(client, value, csrf)
        assert response.status_code == 422, value
        assert "locale" in response.text
    db.expire_all()
    assert db.get(User, user.id).locale is None  # type: ignore[union-attr]


def test_a_new_account_follows_the_browser_after_sign_in(
    client: TestClient, world: World, web_as: WebAs
) -> None:
    """No language chosen on the account (the default): Accept-Language decides, signed in too."""
    web_as.login(world["caseworker_a"])
    page = client.get("/", headers={"Accept-Language": "vi-VN,vi;q=0.9"}).text
    assert _html_tag(page) == '<html lang="vi" dir="ltr">' and "Bảng điều khiển" in page


def test_as_my_browser_forgets_the_cookie_and_the_account_s_choice(
    client: TestClient, world: World, web_as: WebAs, db: Session
) -> None:
    user = world["caseworker_a"]
    csrf = web_as.login(user)
    _switch(client, "th", csrf)
    assert client.cookies.get("titian_locale") == "th"
    response = _switch(client, "auto", csrf)
    assert response.status_code == 303 and 'titian_locale=""' in response.headers["set-cookie"]
    assert "titian_locale" not in client.cookies
    db.expire_all()
    assert db.get(User, user.id).locale is None  # type: ignore[union-attr]
    page = client.get("/", headers={"Accept-Language": "id"}).text
    assert _html_tag(page) == '<html lang="id" dir="ltr">'
    assert '<option value="auto">Sesuai peramban saya</option>' in page
    client.cookies.clear()  # before sign-in too: the cookie is forgotten
    client.get("/login")
    login_csrf = client.cookies.get("titian_csrf") or ""
    _switch(client, "th", login_csrf)
    assert client.cookies.get("titian_locale") == "th"
    assert _switch(client, "auto", login_csrf).status_code == 303
    assert "titian_locale" not in client.cookies


def test_the_switcher_never_redirects_off_site(
    client: TestClient, world: World, web_as: WebAs
) -> None:
    csrf = web_as.login(world["caseworker_a"])
    for target in ("//evil.example/x", "https://evil.example", "/\\evil.example", "cases"):
        assert _switch(client, "th", csrf, target).headers["location"] == "/", target
    assert _switch(client, "th", csrf, "/cases?page=2").headers["location"] == "/cases?page=2"


def test_a_signed_in_page_in_thai_translates_the_menu_panels_and_error_pages(
    client: TestClient, world: World, web_as: WebAs
) -> None:
    """Strings built in Python (menu labels, dashboard panels, error titles and messages) are
    marked with N_() and translated by the templates, like the templates' own strings."""
    web_as.login(world["programme"])
    client.cookies.set("titian_locale", "th")
    page = client.get("/").text
    assert _html_tag(page) == '<html lang="th" dir="ltr">'
    assert re.search(r'<a href="/dialogues"[^>]*>การหารือ</a>', page)  # NAV "Dialogues"
    assert re.search(r'<a href="/releases"[^>]*>การเผยแพร่</a>', page)  # NAV "Releases"
    assert ">Dialogues</a>" not in page and ">Releases</a>" not in page
    assert "ข้อผูกพันจากการหารือที่ต้องติดตาม" in page  # panel "Dialogue commitments to follow up"
    assert "ไม่มีข้อผูกพันที่ครบกำหนดหรือเกินกำหนด" in page  # its empty text
    assert re.search(r">ช่องว่างและการเชื่อมต่อที่แนะนำใน [A-Z]{2}</a>", page)  # a filled line
    missing = client.get("/no-such-page")
    assert missing.status_code == 404
    assert '<h1 id="error-title">ไม่พบหน้า</h1>' in missing.text  # "Page not found"
    assert "ไม่มีหน้าที่ที่อยู่นี้" in missing.text  # "There is no page at this address."
    assert "Page not found" not in missing.text
    refused = client.get("/admin/users")  # raised by the web route, shown on the error page
    assert refused.status_code == 403
    assert '<h1 id="error-title">ไม่อนุญาต</h1>' in refused.text  # "Not allowed"
    assert "บทบาทของคุณไม่อนุญาตให้จัดการผู้ใช้" in refused.text


def test_the_sign_in_error_is_translated(client: TestClient, world: World) -> None:
    client.get("/login", headers={"Accept-Language": "vi"})
    failed = client.post(
        "/login",
        data={
            "username": "caseworker_a",
            "password": "not the password",
            "next": "/",
            "csrf_token": client.cookies.get("titian_csrf"),
        },
        headers={"Accept-Language": "vi"},
    )
    assert failed.status_code == 401
    assert "Tên người dùng hoặc mật khẩu không đúng." in failed.text


def _seed(session: Session, settings: Settings) -> None:
    agency = create_agency(session, "Language Test Shelter", kind=AgencyKind.SHELTER)
    create_user(session, agency, [Role.CASE_WORKER], "language_worker")


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    with serve(tmp_path_factory.mktemp("i18n"), f"i18n_{worker_id}", _seed) as base:
        yield base


@pytest.mark.browser
def test_a_phone_user_switches_to_thai_and_signs_in(browser: Browser, live_server: str) -> None:
    phone = new_phone(browser)
    try:
        phone.goto(f"{live_server}/login")
        phone.get_by_label("Language").select_option("th")
        phone.get_by_role("button", name="Change language").click()
        expect(phone.locator("html")).to_have_attribute("lang", "th")
        expect(phone.get_by_role("note")).to_contain_text(THAI_DRAFT)
        assert fits_the_screen(phone)
        phone.get_by_label("ชื่อผู้ใช้").fill("language_worker")  # "Username"
        phone.get_by_label("รหัสผ่าน").fill(PASSWORD)  # "Password"
        phone.get_by_role("button", name="เข้าสู่ระบบ", exact=True).click()  # "Sign in"
        expect(phone.get_by_role("heading", name="แดชบอร์ด")).to_be_visible()  # "Dashboard"
        expect(phone.locator("html")).to_have_attribute("lang", "th")
        assert fits_the_screen(phone)
    finally:
        phone.context.close()
