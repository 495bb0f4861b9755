"""Every query for accounts, scoped to what the principal may see.

Out-of-scope records answer :class:`NotFound` (never 403): another agency's users simply do not
exist for you. In-scope records without the role answer :class:`Forbidden`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from titian.auth import policies
from titian.auth.models import Agency, ApiToken, LoginAttempt, User, WebSession
from titian.auth.policies import Principal
from titian.errors import Forbidden, NotFound


def list_agencies(session: Session, country: str | None = None) -> Sequence[Agency]:
    """Agency names, countries and kinds are shared with every signed-in user (needed to choose
    a referral receiver); member lists are not."""
    stmt = select(Agency).order_by(Agency.country, Agency.name)
    if country:
        stmt = stmt.where(Agency.country == country.upper())
    return session.scalars(stmt).all()


def get_agency(session: Session, principal: Principal, agency_id: uuid.UUID) -> Agency:
    agency = session.get(Agency, agency_id)
    if agency is None or not policies.can_view_agency(principal, agency_id):
        raise NotFound("no such agency")
    return agency


def list_users(
    session: Session, principal: Principal, agency_id: uuid.UUID | None = None
) -> Sequence[User]:
    """Users the principal may administer: its own agency's, or everyone's for an operator."""
    if not policies.has(principal, policies.Permission.MANAGE_USERS):
        raise Forbidden("your role does not allow managing users")
    stmt = select(User).join(User.agency).order_by(Agency.name, User.username)
    if not policies.can_manage_agencies(principal):
        stmt = stmt.where(User.agency_id == principal.agency_id)
    if agency_id is not None:
        stmt = stmt.where(User.agency_id == agency_id)
    return session.scalars(stmt).unique().all()


def get_user(session: Session, principal: Principal, user_id: uuid.UUID) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("no such user")
    if user.id == principal.user_id:
        return user
    if user.agency_id != principal.agency_id and not policies.can_manage_agencies(principal):
        raise NotFound("no such user")
    if not policies.can_manage_users_of(principal, user.agency_id):
        raise Forbidden("your role does not allow managing users")
    return user


def user_by_username(session: Session, username: str) -> User | None:
    return session.scalars(select(User).where(User.username == username.lower())).first()


def web_session_by_hash(session: Session, token_hash: str) -> WebSession | None:
    return session.scalars(select(WebSession).where(WebSession.token_hash == token_hash)).first()


def api_token_by_hash(session: Session, token_hash: str) -> ApiToken | None:
    return session.scalars(select(ApiToken).where(ApiToken.token_hash == token_hash)).first()


def recent_failures(session: Session, username: str, client: str, since: datetime) -> int:
    """Failed logins in the window for this username or from this client address."""
    stmt = select(func.count(LoginAttempt.id)).where(
        LoginAttempt.created_at >= since,
        or_(LoginAttempt.username == username.lower(), LoginAttempt.client == client),
    )
    return int(session.scalar(stmt) or 0)
