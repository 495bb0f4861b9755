"""Tokens and the caller's own account."""

from __future__ import annotations

from fastapi import APIRouter, Request, status

from titian.api.deps import Actor
from titian.auth import sessions
from titian.auth.models import Agency, User
from titian.auth.schemas import AgencyRead, LoginRequest, MeRead, TokenRead
from titian.auth.service import user_read
from titian.errors import NotFound, TooManyRequests, Unauthorized
from titian.gateway.db import DB, SettingsDep
from titian.gateway.identity import bearer_token, client_address

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/token", response_model=TokenRead, status_code=status.HTTP_201_CREATED)
def create_token(body: LoginRequest, request: Request, db: DB, settings: SettingsDep) -> TokenRead:
    """Exchange a username and password for a bearer token. Wrong credentials answer 401 without
    saying which part was wrong; repeated failures answer 429."""
    throttle = sessions.Throttle(settings.login_max_failures, settings.login_window_minutes)
    outcome = sessions.login(db, body.username, body.password, client_address(request), throttle)
    if outcome.throttled:
        db.commit()
        raise TooManyRequests("too many failed logins; wait a few minutes and try again")
    if outcome.user is None:
        db.commit()
        raise Unauthorized("the username or password is not right")
    token, row = sessions.issue_api_token(
        db, outcome.user, body.token_name, settings.api_token_days
    )
    return TokenRead(access_token=token, expires_at=row.expires_at)


@router.post("/revoke", status_code=status.HTTP_204_NO_CONTENT)
def revoke_token(request: Request, actor: Actor, db: DB) -> None:
    """Revoke the token used for this request."""
    token = bearer_token(request)
    if token is None or not sessions.revoke_api_token(db, token):
        raise NotFound("no such token")


@router.get("/me", response_model=MeRead)
def me(actor: Actor, db: DB) -> MeRead:
    """The caller's account, agency and effective permissions."""
    user = db.get(User, actor.user_id)
    agency = db.get(Agency, actor.agency_id)
    assert user is not None and agency is not None
    return MeRead(
        user=user_read(user),
        agency=AgencyRead.model_validate(agency),
        permissions=sorted(actor.permissions),
    )
