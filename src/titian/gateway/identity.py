"""Who is asking: a bearer token (API) or a session cookie (web)."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy.orm import Session

from titian.auth import sessions
from titian.auth.models import WebSession
from titian.auth.policies import Principal
from titian.auth.service import principal_for
from titian.settings import Settings


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def principal_from_bearer(request: Request, session: Session) -> Principal | None:
    token = bearer_token(request)
    if token is None:
        return None
    user = sessions.resolve_api_token(session, token)
    return principal_for(user, client_address(request)) if user else None


def web_identity(
    request: Request, session: Session, settings: Settings
) -> tuple[Principal, WebSession] | None:
    token = request.cookies.get(settings.session_cookie_name)
    if not token:
        return None
    found = sessions.resolve_web_session(session, token)
    if found is None:
        return None
    user, row = found
    return principal_for(user, client_address(request)), row
