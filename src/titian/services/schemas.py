"""Pydantic schemas of the service directory: search, read, edit, import report."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from titian.services.vocab import (
    AccessibilityFeature,
    CitizenshipAccepted,
    CostType,
    GenderAccepted,
    ServiceStatus,
    ServiceType,
    WgDomain,
)

ACCEPTS_CHOICES: tuple[str, ...] = (
    *(g.value for g in GenderAccepted),
    *(c.value for c in CitizenshipAccepted),
    "unaccompanied_children",
    "lgbtqi_affirming",
)
"""Values of the "who is accepted" filter: a gender group, a citizenship group, unaccompanied
children, or LGBTQI-affirming services."""

ISO_3166_2 = r"^[A-Z]{2}-[A-Z0-9]{1,3}$"


class ServiceSearch(BaseModel):
    """Directory filters. ``accessibility`` is a feature or a WG-SS domain (any of its features);
    ``accepts`` keeps services that declare the group or declare no restriction on it (not
    declared is not "no": docs/hsds-profile.md)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    q: str | None = Field(default=None, max_length=200, description="words in name or description")
    country: str | None = Field(default=None, pattern=r"^[A-Za-z]{2}$")
    area: str | None = Field(default=None, description="ISO 3166-2 code")
    service_type: ServiceType | None = None
    language: str | None = Field(default=None, max_length=35, description="BCP-47 tag")
    accessibility: AccessibilityFeature | WgDomain | None = None
    accepts: str | None = None
    mine: bool = Field(default=False, description="only my agency's services")
    include_inactive: bool = False
    page: int = Field(default=1, ge=1)
    per_page: int = Field(default=25, ge=1, le=200)

    @field_validator("area")
    @classmethod
    def _area(cls, value: str | None) -> str | None:
        if value is None:
            return None
        code = value.upper()
        if "-" not in code:
            raise ValueError("an ISO 3166-2 code such as TH-10")
        return code

    @field_validator("accepts")
    @classmethod
    def _accepts(cls, value: str | None) -> str | None:
        if value is not None and value not in ACCEPTS_CHOICES:
            raise ValueError(f"one of {', '.join(ACCEPTS_CHOICES)}")
        return value

    @model_validator(mode="after")
    def _area_in_country(self) -> ServiceSearch:
        if self.area and self.country and not self.area.startswith(f"{self.country.upper()}-"):
            raise ValueError(f"area {self.area} is not in country {self.country.upper()}")
        return self


class ServiceSummary(BaseModel):
    """One service in a directory list: who it accepts, how it accommodates them, capacity."""

    id: uuid.UUID
    name: str
    organization_id: uuid.UUID
    organization_name: str
    agency_id: uuid.UUID | None
    status: str
    country: str | None
    country_wide: bool
    areas: list[str]
    service_types: list[ServiceType]
    genders_accepted: list[GenderAccepted] = Field(description="empty = not declared")
    citizenship_accepted: list[CitizenshipAccepted] = Field(description="empty = not declared")
    accepts_unaccompanied_children: bool
    minimum_age: int | None
    maximum_age: int | None
    accessibility: list[AccessibilityFeature]
    wg_domains: list[WgDomain]
    lgbtqi_affirming: bool
    cost: CostType | None
    languages: list[str]
    interpretation_languages: list[str]
    interpretation_any_language: bool
    capacity_available: int | None
    capacity_maximum: int | None
    capacity_unit: str | None
    capacity_updated: datetime | None
    version: int
    can_edit: bool = False


class LocationRead(BaseModel):
    id: uuid.UUID
    name: str | None
    address: str
    accessibility: list[str]


class ServiceRead(ServiceSummary):
    """One service in full (the detail page and its JSON twin)."""

    alternate_name: str | None
    description: str | None
    eligibility_description: str | None
    application_process: str | None
    fees_description: str | None
    interpretation_services: str | None
    url: str | None
    email: str | None
    phones: list[str]
    schedules: list[str]
    area_names: list[str]
    locations: list[LocationRead]


class ServicePage(BaseModel):
    items: list[ServiceSummary]
    total: int
    page: int
    per_page: int


def _normal_areas(value: list[str] | None) -> list[str] | None:
    if value is None:
        return None
    return sorted({a.strip().upper() for a in value if a.strip()})


class ServiceUpdate(BaseModel):
    """What a service provider edits. Lists replace the stored list; ``areas`` empty = the whole
    country. Capacity is in the service's unit (beds for a shelter, HSDS 3.1)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: int = Field(ge=1, description="The version you read; a stale one answers 409")
    name: str | None = Field(default=None, min_length=2, max_length=300)
    status: ServiceStatus | None = None
    description: str | None = Field(default=None, max_length=4000)
    eligibility_description: str | None = Field(default=None, max_length=4000)
    service_types: list[ServiceType] | None = Field(default=None, min_length=1)
    areas: list[str] | None = None
    genders_accepted: list[GenderAccepted] | None = None
    citizenship_accepted: list[CitizenshipAccepted] | None = None
    accepts_unaccompanied_children: bool | None = None
    minimum_age: int | None = Field(default=None, ge=0, le=130)
    maximum_age: int | None = Field(default=None, ge=0, le=130)
    accessibility: list[AccessibilityFeature] | None = None
    lgbtqi_affirming: bool | None = None
    cost: CostType | None = None
    languages: list[str] | None = None
    interpretation_languages: list[str] | None = None
    interpretation_any_language: bool | None = None
    capacity_available: int | None = Field(default=None, ge=0)
    capacity_maximum: int | None = Field(default=None, ge=0)

    @field_validator("areas")
    @classmethod
    def _areas(cls, value: list[str] | None) -> list[str] | None:
        return _normal_areas(value)

    @model_validator(mode="after")
    def _ranges(self) -> ServiceUpdate:
        lo, hi = self.minimum_age, self.maximum_age
        if lo is not None and hi is not None and lo > hi:
            raise ValueError("minimum_age is above maximum_age")
        free, top = self.capacity_available, self.capacity_maximum
        if free is not None and top is not None and free > top:
            raise ValueError("capacity_available is more than capacity_maximum")
        return self


class LocationCreate(BaseModel):
    """A new HSDS ``location`` with one physical address (HSDS 3.0 requires address line, city,
    state or province, postal code and country; the postal code may be blank)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str | None = Field(default=None, max_length=300)
    address_1: str = Field(min_length=1, max_length=300)
    city: str = Field(min_length=1, max_length=200)
    state_province: str = Field(min_length=1, max_length=200)
    postal_code: str = Field(default="", max_length=20)
    country: str = Field(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2")
    accessibility: str | None = Field(
        default=None, max_length=500, description="the way in, in words (e.g. ramp at side door)"
    )


class ServiceCreate(BaseModel):
    """A new service with its GESI profile (docs/hsds-profile.md). ``agency_id`` empty = the
    caller's agency (only an administrator of the operator may name another);
    ``organization_id`` empty = the agency's only directory organization (created from the
    agency when it has none). Lists empty = not declared; ``areas`` empty = the whole
    ``country`` (default: the areas' country, else the agency's). A location is either an
    existing one (``location_id``) or a new one (``location``)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    agency_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    name: str = Field(min_length=2, max_length=300)
    status: ServiceStatus = ServiceStatus.ACTIVE
    description: str | None = Field(default=None, max_length=4000)
    eligibility_description: str | None = Field(default=None, max_length=4000)
    country: str | None = Field(default=None, pattern=r"^[A-Za-z]{2}$")
    service_types: list[ServiceType] = Field(min_length=1)
    areas: list[str] = Field(default_factory=list, description="ISO 3166-2; empty = whole country")
    genders_accepted: list[GenderAccepted] = Field(default_factory=list)
    citizenship_accepted: list[CitizenshipAccepted] = Field(default_factory=list)
    accepts_unaccompanied_children: bool = False
    minimum_age: int | None = Field(default=None, ge=0, le=130)
    maximum_age: int | None = Field(default=None, ge=0, le=130)
    accessibility: list[AccessibilityFeature] = Field(default_factory=list)
    lgbtqi_affirming: bool = False
    cost: CostType | None = None
    languages: list[str] = Field(default_factory=list, description="BCP-47 tags")
    interpretation_languages: list[str] = Field(default_factory=list, description="BCP-47 tags")
    interpretation_any_language: bool = False
    capacity_maximum: int | None = Field(default=None, ge=0)
    capacity_available: int | None = Field(default=None, ge=0, description="free now (beds)")
    location_id: uuid.UUID | None = None
    location: LocationCreate | None = None

    @field_validator("areas")
    @classmethod
    def _areas(cls, value: list[str]) -> list[str]:
        return _normal_areas(value) or []

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        return value.upper() if value else None

    @field_validator("maximum_age")
    @classmethod
    def _max_age(cls, value: int | None, info: ValidationInfo) -> int | None:
        low = info.data.get("minimum_age")
        if value is not None and low is not None and value < low:
            raise ValueError("below minimum_age")
        return value

    @field_validator("capacity_available")
    @classmethod
    def _free(cls, value: int | None, info: ValidationInfo) -> int | None:
        top = info.data.get("capacity_maximum")
        if value is not None and top is not None and value > top:
            raise ValueError("more than capacity_maximum")
        return value

    @field_validator("location")
    @classmethod
    def _one_location(cls, value: LocationCreate | None, info: ValidationInfo) -> Any:
        if value is not None and info.data.get("location_id") is not None:
            raise ValueError("give either location_id or a new location, not both")
        return value


class ServiceRetire(BaseModel):
    """Retire a service: HSDS status ``inactive``. The record stays, so referrals that name it
    keep their history; it leaves searches and matching."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="The version you read; a stale one answers 409")


class ImportReport(BaseModel):
    """What an HSDS import wrote (all of it, in one transaction) and its warnings."""

    sources: list[str]
    created: dict[str, int]
    updated: dict[str, int]
    warnings: list[dict[str, Any]]


class GapRowRead(BaseModel):
    """One cell of the gap report (``titian.referrals.coverage.GapReportRow``). ``detail`` is the
    language for the language group; ``special_category`` rows are internal only (C11)."""

    model_config = ConfigDict(from_attributes=True)

    country: str
    area: str
    service_type: str
    group: str
    detail: str
    kind: str
    source: str
    count: int
    special_category: bool


class HeatCell(BaseModel):
    service_type: str
    group: str
    areas_with_gap: int
    areas_total: int


class GapReportRead(BaseModel):
    """The gap report of a country: its rows and the heat map (areas with a gap per service
    type x group)."""

    country: str
    last_scan: datetime | None
    include_special: bool
    areas_total: int
    heatmap: list[HeatCell]
    rows: list[GapRowRead]


class GapRead(BaseModel):
    """One gap with its sentence ("no shelter service for men in TH-63")."""

    country: str
    area: str
    service_type: str
    kind: str
    groups: list[str]
    language: str | None
    blocking_reasons: list[str]
    candidates: int
    source: str
    text: str


class ScanRead(BaseModel):
    scan_id: uuid.UUID
    country: str
    areas: int
    services: int
    gaps: int
    recorded_at: datetime
