"""Pydantic schemas of the privacy doors: sharing protocols, releases, DP budgets and counts."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from titian.analytics.catalogue import Source
from titian.analytics.schemas import RoundingChoice, check_country
from titian.privacy.dp import BudgetPeriod, NoiseMechanism
from titian.privacy.models import ReleaseAction, ReleaseStatus


class ProtocolCreate(BaseModel):
    """An information-sharing protocol record (C15): parties, signed date, scope."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=3, max_length=200)
    scope: str = Field(min_length=10, description="Purposes, data categories, what may be shared")
    signed_on: date
    valid_until: date | None = None
    party_ids: list[uuid.UUID] = Field(
        default_factory=list, description="Agencies that signed (yours is always added)"
    )

    @model_validator(mode="after")
    def _dates(self) -> ProtocolCreate:
        if self.valid_until is not None and self.valid_until < self.signed_on:
            raise ValueError("valid_until: must not be before signed_on")
        return self


class ProtocolRead(BaseModel):
    id: uuid.UUID
    title: str
    scope: str
    signed_on: date
    valid_until: date | None
    owner_agency_id: uuid.UUID
    party_ids: list[uuid.UUID]
    party_names: list[str]
    active: bool
    version: int


class ReleaseCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=3, max_length=200)
    purpose: str = Field(min_length=10, description="Why the figures are released, and to whom")
    source: Source = Source.TITIAN
    country: str | None = None
    indicators: list[str] = Field(min_length=1)
    protocol_id: uuid.UUID
    rounding: RoundingChoice = RoundingChoice.BASE5

    _country = field_validator("country")(check_country)


class ReleaseDecision(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: int = Field(ge=1, description="The version you read; a stale one answers 409")
    reason: str = Field(default="", max_length=2000)


class ReleaseFileRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str
    sha256: str
    size: int


class ReleaseLogRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    action: ReleaseAction
    actor_username: str
    at: datetime
    reason: str
    details: dict[str, Any]


class PartyApprovalRead(BaseModel):
    """Whether one party to the protocol has approved the release (all must, before publication)."""

    agency_id: uuid.UUID
    agency_name: str
    approved: bool
    approved_by: str | None = None
    approved_at: datetime | None = None


class ReleaseRead(BaseModel):
    id: uuid.UUID
    title: str
    purpose: str
    source: Source
    country: str | None
    indicators: list[str]
    parameters: dict[str, Any]
    dataset_sha256: str
    status: ReleaseStatus
    agency_id: uuid.UUID
    protocol_id: uuid.UUID
    protocol_title: str
    requested_by: uuid.UUID
    approved_by: uuid.UUID | None
    published_at: datetime | None
    version: int
    files: list[ReleaseFileRead]
    log: list[ReleaseLogRead]
    approvals: list[PartyApprovalRead] = Field(
        default_factory=list, description="Every party to the protocol: approved, or awaited"
    )


DATASET_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


class BudgetCreate(BaseModel):
    """A privacy budget for the data of one source (one budget per source)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    dataset_id: str = Field(
        min_length=1, max_length=200, pattern=DATASET_ID,
        description="Name of the budget: letters, digits, '.', '_' or '-'",
    )  # fmt: skip
    source: Source = Field(default=Source.TITIAN, description="The data the budget protects")
    total_epsilon: float = Field(gt=0, default=4.0)
    total_delta: float = Field(ge=0, lt=1, default=0.0)
    period: BudgetPeriod = BudgetPeriod.CALENDAR_YEAR
    max_epsilon_per_spend: float | None = Field(default=1.0, gt=0)


class BudgetRead(BaseModel):
    dataset_id: str
    source: Source
    total_epsilon: str
    total_delta: str
    period: BudgetPeriod
    max_epsilon_per_spend: str | None = None
    spent_epsilon: str = Field(description="Spent in the current period")
    spent_delta: str
    remaining_epsilon: str = Field(description="Left in the current period")
    remaining_delta: str = "0"
    lifetime_epsilon: str = Field(default="0", description="Spent over every period")
    spends: int


class SpendRead(BaseModel):
    """One spend of a budget: who spent what, when and why, and what it released."""

    id: uuid.UUID
    dataset_id: str
    epsilon: str
    delta: str
    purpose: str
    spent_at: datetime
    spent_by: str
    mechanism: str
    queries: list[str]
    dataset_version: str
    result: dict[str, Any] | None = Field(
        default=None, description="The noisy counts released (none for spends made elsewhere)"
    )


class BudgetLedgerRead(BudgetRead):
    """A budget with every spend, oldest first."""

    history: list[SpendRead]


class DpCountRequest(BaseModel):
    """A DP release of one indicator's interior counts (each person in one cell: sensitivity 1)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    dataset_id: str = Field(min_length=1, max_length=200, description="The budget to spend from")
    source: Source | None = Field(default=None, description="Default: the budget's source")
    country: str | None = None
    indicator: str = Field(min_length=1, description="An indicator without slices")
    epsilon: float = Field(gt=0, le=10)
    purpose: str = Field(min_length=5, max_length=2000)
    mechanism: NoiseMechanism = NoiseMechanism.LAPLACE

    _country = field_validator("country")(check_country)


class DpCountRead(BaseModel):
    spend_id: uuid.UUID
    dataset_id: str
    dataset_version: str
    source: Source
    country: str | None
    indicator: str
    epsilon: float
    delta: float = 0.0
    mechanism: NoiseMechanism
    noise_scale: float
    accuracy_95: float
    dimensions: list[str]
    counts: list[dict[str, Any]]
    purpose: str
    spent_by: str
    spent_at: datetime
    remaining_epsilon: str
