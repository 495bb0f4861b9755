"""Pydantic schemas of the actor register. Lists travel as lists of codes."""

from __future__ import annotations

import uuid
from datetime import datetime

import langcodes
from pydantic import BaseModel, ConfigDict, Field, field_validator

from titian.actors.vocab import Gender
from titian.countries.registry import ASEAN_CODES
from titian.network.vocab import ActorKind, Group, Sector

AREA_PATTERN = r"^[A-Z]{2}-[A-Z0-9]{1,3}$"


def check_country(value: str) -> str:
    code = value.strip().upper()
    if code not in ASEAN_CODES:
        raise ValueError(f"must be one of {', '.join(ASEAN_CODES)}")
    return code


def check_areas(values: list[str]) -> list[str]:
    import re

    out = sorted({v.strip().upper() for v in values if v.strip()})
    bad = [v for v in out if not re.match(AREA_PATTERN, v)]
    if bad:
        raise ValueError(f"not an ISO 3166-2 code: {', '.join(bad)}")
    return out


def check_languages(values: list[str]) -> list[str]:
    out = sorted({v.strip() for v in values if v.strip()})
    bad = [v for v in out if not langcodes.tag_is_valid(v)]
    if bad:
        raise ValueError(f"not a BCP-47 language tag: {', '.join(bad)}")
    return out


class ActorFields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    areas: list[str] = Field(default_factory=list, description="ISO 3166-2; empty = nationwide")
    groups: list[Group] = Field(default_factory=list, description="groups it serves")
    languages: list[str] = Field(default_factory=list, description="BCP-47 tags")
    description: str = Field(default="", max_length=4000)
    website: str = Field(default="", max_length=300)

    _areas = field_validator("areas")(check_areas)
    _languages = field_validator("languages")(check_languages)


class ActorCreate(ActorFields):
    name: str = Field(min_length=2, max_length=200)
    country: str
    kind: ActorKind
    agency_id: uuid.UUID | None = Field(default=None, description="the agency with accounts")

    _country = field_validator("country")(check_country)


class ActorUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: int = Field(ge=1, description="The version you read; a stale one answers 409")
    name: str | None = Field(default=None, min_length=2, max_length=200)
    kind: ActorKind | None = None
    areas: list[str] | None = None
    groups: list[Group] | None = None
    languages: list[str] | None = None
    description: str | None = Field(default=None, max_length=4000)
    website: str | None = Field(default=None, max_length=300)
    agency_id: uuid.UUID | None = None
    is_active: bool | None = None

    @field_validator("areas")
    @classmethod
    def _areas(cls, v: list[str] | None) -> list[str] | None:
        return None if v is None else check_areas(v)

    @field_validator("languages")
    @classmethod
    def _languages(cls, v: list[str] | None) -> list[str] | None:
        return None if v is None else check_languages(v)


class ContactCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=200)
    role: str = Field(default="", max_length=120)
    gender: Gender = Gender.UNDISCLOSED
    phone: str = Field(default="", max_length=60)
    email: str = Field(default="", max_length=254)


class ContactRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    role: str
    gender: Gender
    phone: str
    email: str


class ActorRead(BaseModel):
    """An organisation. ``contacts`` is present only for NETWORK_EDIT principals."""

    id: uuid.UUID
    name: str
    country: str
    kind: ActorKind
    sector: Sector
    areas: list[str]
    groups: list[Group]
    languages: list[str]
    description: str
    website: str
    agency_id: uuid.UUID | None
    is_active: bool
    version: int
    created_at: datetime
    contacts: list[ContactRead] | None = None


class RowProblem(BaseModel):
    """One rejected row of an import: line (header = 1), field and reason."""

    line: int
    field: str
    message: str


class DuplicateRead(BaseModel):
    line: int
    name_key: str
    merged_into_line: int | None = None
    merged_into_actor: str | None = None


class ImportReport(BaseModel):
    """The outcome of an import. ``rejected`` empty means everything was written."""

    rows: int
    created: int = 0
    merged: int = 0
    duplicates: list[DuplicateRead] = Field(default_factory=list)
    rejected: list[RowProblem] = Field(default_factory=list)
