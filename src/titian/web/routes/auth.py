"""Sign in, sign out, and the quick exit."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from titian.auth import sessions
from titian.gateway.db import DB, SettingsDep
from titian.gateway.identity import client_address
from titian.i18n import N_
from titian.web.deps import LOGIN_CSRF_COOKIE, WebUser, check_login_csrf
from titian.web.templating import render

router = APIRouter()


def _safe_next(next_path: str) -> str:
    """Only same-site paths: never an open redirect."""
    return next_path if next_path.startswith("/") and not next_path.startswith("//") else "/"


def _login_page(
    request: Request, next_path: str, error: str = "", status: int = 200, username: str = ""
) -> HTMLResponse:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    response = render(
        request,
        "login.html",
        {"next": _safe_next(next_path), "error": error, "login_csrf": token, "username": username},
        status_code=status,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.app.state.settings.cookie_secure,
    )
    return response


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return _login_page(request, next)


@router.post("/login", include_in_schema=False, dependencies=[Depends(check_login_csrf)])
def login(
    request: Request,
    db: DB,
    settings: SettingsDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    throttle = sessions.Throttle(settings.login_max_failures, settings.login_window_minutes)
    outcome = sessions.login(db, username, password, client_address(request), throttle)
    if outcome.user is None:
        db.commit()
        message = (
            N_("Too many failed attempts. Wait a few minutes and try again.")
            if outcome.throttled
            else N_("The username or password is not right.")
        )
        return _login_page(request, next, message, 429 if outcome.throttled else 401, username)
    token, _row = sessions.start_web_session(db, outcome.user, settings.session_hours)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        settings.session_cookie_name,
        token,
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
        max_age=settings.session_hours * 3600,
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, principal: WebUser, db: DB, settings: SettingsDep) -> Response:
    token = request.cookies.get(settings.session_cookie_name, "")
    sessions.end_web_session(db, token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(settings.session_cookie_name)
    return response


@router.post("/quick-exit", include_in_schema=False)
def quick_exit(request: Request, principal: WebUser, db: DB, settings: SettingsDep) -> Response:
    """Sent by the quick-exit button as a beacon: ends the session so Back shows nothing."""
    sessions.end_web_session(db, request.cookies.get(settings.session_cookie_name, ""))
    response = Response(status_code=204)
    response.delete_cookie(settings.session_cookie_name)
    return response
