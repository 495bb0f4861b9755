"""One error hierarchy. Each error carries its HTTP status; the API answers it as JSON and the web
as a page (``titian.api.errors`` and ``titian.web.errors``). Domains raise these, never HTTP types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field: where it is and why it was refused."""

    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class TitianError(Exception):
    """Base of every expected error."""

    status_code = 400
    code = "bad_request"

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = details or {}

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"error": self.code, "message": self.message}
        body.update(self.details)
        return body


class Unauthorized(TitianError):
    """No valid credentials. Says nothing about which part was wrong."""

    status_code = 401
    code = "unauthorized"


class Forbidden(TitianError):
    """Authenticated, but the role does not allow the action on a record the user may see."""

    status_code = 403
    code = "forbidden"


class NotFound(TitianError):
    """No such record *for this user*: records of other agencies answer this too, never 403."""

    status_code = 404
    code = "not_found"


class Conflict(TitianError):
    """The record changed since it was read (optimistic locking) or a unique value is taken."""

    status_code = 409
    code = "conflict"


class Invalid(TitianError):
    """Input refused; ``errors`` names each field and the reason."""

    status_code = 422
    code = "invalid"

    def __init__(self, message: str, errors: list[FieldError] | None = None) -> None:
        super().__init__(message, {"errors": [e.as_dict() for e in errors or []]})


class RuleViolation(TitianError):
    """An enforced (E) rule of the rights checklist refuses the action."""

    status_code = 422
    code = "rule_violation"

    def __init__(self, rule: str, field_name: str, message: str) -> None:
        super().__init__(message, {"rule": rule, "field": field_name})


class TooManyRequests(TitianError):
    """Throttled (login attempts)."""

    status_code = 429
    code = "too_many_requests"
