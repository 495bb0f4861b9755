"""API dependencies: the acting principal from a bearer token."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from titian.auth.policies import Principal
from titian.errors import Unauthorized
from titian.gateway.db import get_db
from titian.gateway.identity import principal_from_bearer


def current_principal(
    request: Request, session: Annotated[Session, Depends(get_db, scope="function")]
) -> Principal:
    principal = principal_from_bearer(request, session)
    if principal is None:
        raise Unauthorized(
            "a valid bearer token is required",
            {"hint": "POST /api/v1/auth/token with username and password"},
        )
    return principal


Actor = Annotated[Principal, Depends(current_principal)]
