"""Web dependencies: the signed-in user (or a redirect to the login page) and CSRF checks."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from titian.auth.policies import Principal
from titian.gateway.db import get_db
from titian.gateway.identity import web_identity
from titian.i18n.locales import negotiate
from titian.settings import Settings
from titian.web.templating import LANGUAGE_COOKIE, PageContext

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
LOGIN_CSRF_COOKIE = "titian_csrf"


class LoginRequired(Exception):
    """Raised for a page that needs a signed-in user; answered with a redirect to /login."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class CsrfFailed(Exception):
    """A form or HTMX request without the session's CSRF token."""


async def _submitted_csrf(request: Request) -> str:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    form = await request.form()
    value = form.get(CSRF_FIELD)
    return value if isinstance(value, str) else ""


async def current_user(
    request: Request, session: Annotated[Session, Depends(get_db, scope="function")]
) -> Principal:
    settings: Settings = request.app.state.settings
    found = web_identity(request, session, settings)
    if found is None:
        raise LoginRequired(request.url.path)
    principal, web_session = found
    if request.method not in {"GET", "HEAD", "OPTIONS"}:
        submitted = await _submitted_csrf(request)
        if not hmac.compare_digest(submitted, web_session.csrf_token):
            raise CsrfFailed()
    # The language chosen in this browser, else the account's, else the browser's (translations.md).
    chosen = [request.cookies.get(LANGUAGE_COOKIE), _user_locale(session, principal)]
    locale = negotiate(chosen, request.headers.get("accept-language", ""), settings.default_locale)
    request.state.page = PageContext(principal, web_session.csrf_token, locale)
    return principal


def _user_locale(session: Session, principal: Principal) -> str | None:
    from titian.auth.models import User

    user = session.get(User, principal.user_id)
    return user.locale if user else None


async def check_login_csrf(request: Request) -> None:
    """Before a session exists, the login form uses a double-submit cookie."""
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    submitted = await _submitted_csrf(request)
    if not cookie or not hmac.compare_digest(cookie, submitted):
        raise CsrfFailed()


WebUser = Annotated[Principal, Depends(current_user)]
