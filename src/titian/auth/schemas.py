"""Pydantic schemas for agencies, users, sessions and tokens."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from titian.auth.models import AgencyKind, AgencySector
from titian.auth.policies import GRANTABLE, Permission, Role
from titian.countries.registry import ASEAN_CODES
from titian.i18n.locales import available_locales, offered

USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{2,79}$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def _country(value: str) -> str:
    code = value.upper()
    if code not in ASEAN_CODES:
        raise ValueError(f"must be one of {', '.join(ASEAN_CODES)}")
    return code


def chosen_locale(value: str | None) -> str | None:
    """An account's interface language: a shipped locale (``th-TH`` is stored as ``th``), or None
    when none is chosen (an empty string clears the choice): the browser then decides
    (docs/translations.md, "Choosing the language")."""
    if value is None or value == "":
        return None
    chosen = offered(value)
    if chosen is None:
        choices = ", ".join(available_locales())
        raise ValueError(f"this language is not offered; choose one of: {choices}")
    return chosen


class AgencyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=2, max_length=200)
    short_name: str = Field(default="", max_length=40)
    country: str
    sector: AgencySector
    kind: AgencyKind
    area: str | None = Field(default=None, max_length=12, description="ISO 3166-2 code")
    is_operator: bool = False

    _country = field_validator("country")(_country)


class AgencyUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: int = Field(ge=1, description="The version you read; a stale one answers 409")
    name: str | None = Field(default=None, min_length=2, max_length=200)
    short_name: str | None = Field(default=None, max_length=40)
    kind: AgencyKind | None = None
    area: str | None = None
    is_active: bool | None = None


class AgencyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    short_name: str
    country: str
    sector: AgencySector
    kind: AgencyKind
    area: str | None
    is_operator: bool
    is_active: bool
    version: int


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    username: str = Field(pattern=USERNAME_PATTERN, description="lower case, 3–80 characters")
    display_name: str = Field(min_length=1, max_length=200)
    email: str | None = Field(default=None, pattern=EMAIL_PATTERN, max_length=254)
    password: str = Field(min_length=10, max_length=200)
    agency_id: uuid.UUID
    roles: list[Role] = Field(min_length=1)
    grants: list[Permission] = Field(default_factory=list)
    locale: str | None = Field(
        default=None,
        description="Interface language (a shipped locale, e.g. th); none: the browser decides",
    )

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str | None) -> str | None:
        return chosen_locale(value)

    @field_validator("grants")
    @classmethod
    def _grantable(cls, grants: list[Permission]) -> list[Permission]:
        bad = [g.value for g in grants if g not in GRANTABLE]
        if bad:
            raise ValueError(f"not grantable one by one: {', '.join(bad)}")
        return grants


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: int = Field(ge=1, description="The version you read; a stale one answers 409")
    display_name: str | None = Field(default=None, min_length=1, max_length=200)
    email: str | None = Field(default=None, pattern=EMAIL_PATTERN, max_length=254)
    roles: list[Role] | None = Field(default=None, min_length=1)
    grants: list[Permission] | None = None
    is_active: bool | None = None
    locale: str | None = Field(
        default=None, description="A shipped locale; an empty string: none, the browser decides"
    )
    password: str | None = Field(default=None, min_length=10, max_length=200)

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str | None) -> str | None:
        return chosen_locale(value)


class UserRead(BaseModel):
    id: uuid.UUID
    username: str
    display_name: str
    email: str | None
    agency_id: uuid.UUID
    agency_name: str
    roles: list[Role]
    grants: list[Permission]
    is_active: bool
    locale: str | None = Field(description="None: no choice made, the browser decides")
    version: int
    created_at: datetime


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=200)
    token_name: str = Field(default="api", max_length=100)


class TokenRead(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105
    expires_at: datetime


class MeRead(BaseModel):
    user: UserRead
    agency: AgencyRead
    permissions: list[Permission]
