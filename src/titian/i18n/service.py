"""Use cases of the interface language. Services never commit; the door does."""

from __future__ import annotations

from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth import repository
from titian.auth.policies import Principal
from titian.errors import FieldError, Invalid
from titian.i18n.locales import available_locales, offered


def offered_locale(value: str) -> str:
    """The offered locale a submitted value names, or ``Invalid`` naming the field."""
    chosen = offered(value)
    if chosen is None:
        raise Invalid(
            "this language is not offered",
            [FieldError("locale", f"choose one of: {', '.join(available_locales())}")],
        )
    return chosen


#: The switcher's value for "no choice": the browser's ``Accept-Language`` decides.
BROWSER = "auto"


def set_own_locale(session: Session, principal: Principal, value: str) -> str | None:
    """Store the interface language on the principal's own account; every user may choose
    their own language (no role needed). :data:`BROWSER` clears the choice (None: the browser
    decides). Returns the stored locale."""
    locale = None if value == BROWSER else offered_locale(value)
    user = repository.get_user(session, principal, principal.user_id)
    if user.locale != locale:
        user.locale = locale
        session.flush()
        audit.record(session, principal, "user.locale", "user", user.id, {"fields": ["locale"]})
    return locale
