"""Logging in: throttled password checks, web sessions and API bearer tokens.

Secrets (cookie values, tokens) are random 256-bit values; only their SHA-256 is stored, so a copy
of the database does not let anyone log in. A wrong password and an unknown user get the same
answer, in the same time (OWASP Authentication Cheat Sheet)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth import repository
from titian.auth.models import ApiToken, LoginAttempt, User, WebSession
from titian.auth.passwords import hash_password, needs_rehash, verify_password
from titian.auth.service import principal_for
from titian.kit.clock import as_utc, utcnow


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class Throttle:
    max_failures: int
    window_minutes: int


@dataclass(frozen=True)
class LoginOutcome:
    """``user`` when the password was right; ``throttled`` when too many failures came first.
    The door commits in every case (so failures are counted) before it answers."""

    user: User | None
    throttled: bool = False


def login(
    session: Session, username: str, password: str, client: str, throttle: Throttle
) -> LoginOutcome:
    name = username.strip().lower()
    since = utcnow() - timedelta(minutes=throttle.window_minutes)
    if repository.recent_failures(session, name, client, since) >= throttle.max_failures:
        audit.record(
            session,
            None,
            "auth.throttled",
            "user",
            "",
            {"username": name[:80]},
            actor_label="anonymous",
        )
        return LoginOutcome(None, throttled=True)
    user = repository.user_by_username(session, name)
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.is_active or not user.agency.is_active:
        session.add(LoginAttempt(username=name[:80], client=client[:64]))
        audit.record(
            session,
            None,
            "auth.login_failed",
            "user",
            "",
            {"username": name[:80]},
            actor_label="anonymous",
        )
        return LoginOutcome(None)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    audit.record(session, principal_for(user, client), "auth.login", "user", user.id)
    return LoginOutcome(user)


def start_web_session(session: Session, user: User, hours: int) -> tuple[str, WebSession]:
    """A new browser session; returns the cookie value (shown once) and the row."""
    token = secrets.token_urlsafe(32)
    row = WebSession(
        token_hash=_digest(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        expires_at=utcnow() + timedelta(hours=hours),
    )
    session.add(row)
    session.flush()
    return token, row


def resolve_web_session(session: Session, token: str) -> tuple[User, WebSession] | None:
    row = repository.web_session_by_hash(session, _digest(token))
    if row is None or row.revoked or as_utc(row.expires_at) <= utcnow():
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.is_active or not user.agency.is_active:
        return None
    return user, row


def end_web_session(session: Session, token: str) -> None:
    row = repository.web_session_by_hash(session, _digest(token))
    if row is not None:
        row.revoked = True


def issue_api_token(session: Session, user: User, name: str, days: int) -> tuple[str, ApiToken]:
    """A bearer token for the API; the value is returned once and never stored."""
    token = "tt_" + secrets.token_urlsafe(32)
    row = ApiToken(
        token_hash=_digest(token),
        user_id=user.id,
        name=name,
        expires_at=utcnow() + timedelta(days=days),
    )
    session.add(row)
    session.flush()
    return token, row


def resolve_api_token(session: Session, token: str) -> User | None:
    row = repository.api_token_by_hash(session, _digest(token))
    if row is None or row.revoked or as_utc(row.expires_at) <= utcnow():
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.is_active or not user.agency.is_active:
        return None
    return user


def revoke_api_token(session: Session, token: str) -> bool:
    row = repository.api_token_by_hash(session, _digest(token))
    if row is None:
        return False
    row.revoked = True
    return True
