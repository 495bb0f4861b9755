"""The language switcher in the page header (docs/translations.md).

The choice is kept in a cookie, which wins in this browser: a language picked on the sign-in page
stays after signing in. A signed-in user's choice is also stored on their account
(``user.locale``), so it follows them to a new device. "As my browser" (``auto``) forgets both:
the browser's ``Accept-Language`` decides again. Both forms carry a CSRF token: the
session's when signed in, the sign-in page's double-submit cookie before."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from titian.gateway.db import DB, SettingsDep
from titian.gateway.identity import web_identity
from titian.i18n import service
from titian.web.deps import LOGIN_CSRF_COOKIE, CsrfFailed
from titian.web.templating import LANGUAGE_COOKIE

router = APIRouter()

ONE_YEAR = 365 * 24 * 3600


def _safe_next(next_path: str) -> str:
    """Back to the page the form was on, and only to a page of this site (no open redirect)."""
    ok = next_path.startswith("/") and not next_path.startswith(("//", "/\\"))
    return next_path if ok else "/"


@router.post("/language", include_in_schema=False)
def choose_language(
    request: Request,
    db: DB,
    settings: SettingsDep,
    locale: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    found = web_identity(request, db, settings)
    expected = found[1].csrf_token if found else request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, csrf_token):
        raise CsrfFailed()
    if found:
        chosen = service.set_own_locale(db, found[0], locale)
    else:
        chosen = None if locale == service.BROWSER else service.offered_locale(locale)
    response = RedirectResponse(_safe_next(next), status_code=303)
    if chosen is None:  # "as my browser": no choice kept, Accept-Language decides
        response.delete_cookie(
            LANGUAGE_COOKIE, httponly=True, samesite="lax", secure=settings.cookie_secure
        )
        return response
    response.set_cookie(
        LANGUAGE_COOKIE,
        chosen,
        max_age=ONE_YEAR,
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
    )
    return response
