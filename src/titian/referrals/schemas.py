"""Referral schemas: what the doors send in and get back (issue 4, item 6)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from titian.cases.vocab import DataCategory
from titian.referrals.tracking import ReferralAction, ReferralState
from titian.referrals.vocab import ServiceType

_STRICT = ConfigDict(extra="forbid")


class ReferralCreate(BaseModel):
    """Find services for one need of a case: the matches become the referral's offer list."""

    model_config = _STRICT

    case_id: uuid.UUID
    need: ServiceType
    area: str = Field(min_length=2, max_length=10, description="ISO 3166-2 code of the area")


#: What an emergency can call for at once (C16): a safe place, medical care, psychosocial first aid.
EMERGENCY_NEEDS: tuple[ServiceType, ...] = (
    ServiceType.SHELTER,
    ServiceType.MEDICAL,
    ServiceType.PSYCHOSOCIAL,
)


class EmergencyReferralCreate(BaseModel):
    """C16: the person is in danger now. From the interview, find a safe place (or medical or
    psychosocial care) at once: an emergency referral, listed first until it is answered."""

    model_config = _STRICT

    case_id: uuid.UUID
    interview_id: uuid.UUID
    need: ServiceType = ServiceType.SHELTER
    area: str = Field(min_length=2, max_length=10, description="ISO 3166-2 code of the area")

    @field_validator("need")
    @classmethod
    def _emergency_need(cls, need: ServiceType) -> ServiceType:
        if need not in EMERGENCY_NEEDS:
            allowed = ", ".join(n.value for n in EMERGENCY_NEEDS)
            raise ValueError(f"an emergency referral is for {allowed}")
        return need


class ReferralChoose(BaseModel):
    """The person's choice among the offered services (C3)."""

    model_config = _STRICT

    service_id: uuid.UUID
    version: int


class ReferralSend(BaseModel):
    """Send the referral with these data categories. C1: identifying data needs a consent for
    that receiver and service type, or an emergency override (supervisor and written reason)."""

    model_config = _STRICT

    data_categories: list[DataCategory] = Field(min_length=1)
    consent_id: uuid.UUID | None = None
    emergency_override: bool = False
    override_reason: str | None = Field(default=None, max_length=2000)
    version: int


class ReferralMove(BaseModel):
    """Accept, decline, start, complete, withdraw or record the person's refusal; declining,
    withdrawing and a refusal state a reason."""

    model_config = _STRICT

    reason: str | None = Field(default=None, max_length=2000)
    version: int


class OfferRead(BaseModel):
    service_id: str
    agency_id: str
    name: str
    score: int
    reasons: list[str]
    caveats: list[str]
    lgbtqi_affirming: bool = False


class ExclusionRead(BaseModel):
    service_id: str
    name: str
    reasons: list[dict[str, str]]


class EventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    action: str
    from_state: str | None
    to_state: str
    agency_id: uuid.UUID | None
    note: str | None
    at: datetime


class ConsentCheck(BaseModel):
    """What C1 says about sending these categories to the chosen receiver, before sending."""

    receiver_agency_id: uuid.UUID | None
    receiver_class: str | None
    identifying: list[str]
    covered: bool
    missing: list[str]
    consent_ids: list[uuid.UUID]
    needs_consent: bool
    may_override: bool


class ReferralRead(BaseModel):
    """A referral. The receiver sees its own part only: the offer list, the exclusions and the
    gap describe the person's groups and stay with the sender (``view`` says which part)."""

    id: uuid.UUID
    view: str
    case_id: uuid.UUID
    case_number: str
    need: str
    country: str
    area: str
    state: ReferralState
    from_agency_id: uuid.UUID
    to_agency_id: uuid.UUID | None
    to_service_id: uuid.UUID | None
    to_service_name: str | None
    off_platform: bool
    offered: list[OfferRead]
    excluded: list[ExclusionRead]
    gap: dict[str, Any] | None
    person_declined_reason: str | None
    data_categories: list[str]
    identifying: bool
    consent_id: uuid.UUID | None
    emergency_override: bool
    emergency: bool
    from_interview_id: uuid.UUID | None
    override_reason: str | None
    decline_reason: str | None
    withdraw_reason: str | None
    created_at: datetime
    sent_at: datetime | None
    accepted_at: datetime | None
    closed_at: datetime | None
    seconds_to_acceptance: int | None
    case_access_open: bool
    actions: list[ReferralAction]
    events: list[EventRead]
    version: int


class ReferralSummary(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    case_number: str
    need: str
    state: ReferralState
    direction: str
    to_service_name: str | None
    emergency_override: bool
    emergency: bool
    created_at: datetime
    sent_at: datetime | None
    seconds_to_acceptance: int | None


class ChoiceCounts(BaseModel):
    """C3 counts over the sender's referrals: chosen and sent, declined by the person, and not
    offered (no eligible service: a gap). "Declined" is a valid outcome, counted apart."""

    chosen: int
    declined_by_person: int
    not_offered: int
    awaiting_choice: int
