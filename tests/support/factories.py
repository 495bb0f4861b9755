"""Typed ``create_*`` functions for test data. All of it synthetic."""

from __future__ import annotations

import itertools

from sqlalchemy.orm import Session

from titian.auth import service
from titian.auth.models import Agency, AgencyKind, AgencySector, User
from titian.auth.policies import Permission, Role
from titian.auth.schemas import AgencyCreate, UserCreate

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


def create_agency(
    db: Session,
    name: str | None = None,
    country: str = "TH",
    kind: AgencyKind = AgencyKind.SHELTER,
    sector: AgencySector = AgencySector.NON_STATE,
    is_operator: bool = False,
) -> Agency:
    n = next(_counter)
    return service.create_agency(
        db,
        None,
        AgencyCreate(
            name=name or f"Test agency {n}",
            short_name=f"T{n}",
            country=country,
            kind=kind,
            sector=sector,
            is_operator=is_operator,
        ),
    )


def create_user(
    db: Session,
    agency: Agency,
    roles: list[Role],
    username: str | None = None,
    grants: list[Permission] | None = None,
    password: str = PASSWORD,
) -> User:
    name = username or f"user{next(_counter)}"
    return service.create_user(
        db,
        None,
        UserCreate(
            username=name,
            display_name=name.replace("_", " ").title(),
            password=password,
            agency_id=agency.id,
            roles=roles,
            grants=grants or [],
        ),
    )
