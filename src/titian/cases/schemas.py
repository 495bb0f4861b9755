"""Input and output models of the cases area (``XCreate``, ``XUpdate``, ``XRead``).

The profile itself is :class:`titian.cases.profile.CaseProfile`; identifying values travel in
:class:`CaseIdentity`, which is stored encrypted field by field and never logged (C11).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from titian.cases.consent import BestInterestsDecision, ChildAssent, GuardianConsent
from titian.cases.models import (
    AccessReason,
    CaseStatus,
    InterviewPurpose,
    NoticeReceiver,
    RecordStatus,
    ReturnStatus,
)
from titian.cases.profile import CaseProfile, Charge, MilestoneEntry, normalize_language
from titian.cases.vocab import (
    DETENTION_STATUSES,
    ChargeOutcome,
    ChecklistStatus,
    ConsentPurpose,
    CustodyStatus,
    DataCategory,
    InformedTopic,
    InterviewerGender,
    JusticeEntryRemoval,
    Milestone,
    OffenceType,
    ProceedingsState,
    ReceiverClass,
    ReturnWish,
    RiskLevel,
    ServiceType,
    StaffGender,
)

_FORBID = ConfigDict(extra="forbid")
_TEXT = 200


class CaseIdentity(BaseModel):
    """Identifying values of the person. Every one is encrypted at rest (C11). The date of birth
    is part of the profile (``CaseProfile.date_of_birth``) and is stored encrypted too."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    given_name: str | None = Field(default=None, max_length=_TEXT)
    family_name: str | None = Field(default=None, max_length=_TEXT)
    aliases: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    identity_documents: tuple[str, ...] = Field(
        default=(), description="Document type and number, e.g. 'passport X1234567'"
    )
    addresses: tuple[str, ...] = ()

    @field_validator("aliases", "phones", "emails", "identity_documents", "addresses")
    @classmethod
    def _clean(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))
        if any(len(v) > 500 for v in cleaned):
            raise ValueError("each value is at most 500 characters")
        return cleaned


class CaseCreate(BaseModel):
    model_config = _FORBID

    profile: CaseProfile = Field(default_factory=CaseProfile)
    identity: CaseIdentity = Field(default_factory=CaseIdentity)
    identified_on: date | None = None
    justice_agency_id: uuid.UUID | None = Field(
        default=None, description="The state justice agency that is the case's justice focal point"
    )


class CaseUpdate(BaseModel):
    """A save of the case; ``version`` is the one the editor read (409 when it moved on)."""

    model_config = _FORBID

    version: int
    profile: CaseProfile | None = None
    identity: CaseIdentity | None = None
    identified_on: date | None = None
    justice_agency_id: uuid.UUID | None = None
    status: CaseStatus | None = None


class AlertRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    kind: str
    rule: str
    message: str
    created_at: datetime
    resolved_at: datetime | None
    resolution: str | None = None


class ChecklistItemRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    item_id: str
    rules: str
    mode: str
    group: str
    title: str
    status: str
    due_on: date | None
    applies: bool
    recorded_status: str | None
    recorded_on: date | None
    recorded_by: str | None
    note: str | None


class ChecklistRecord(BaseModel):
    """What was done about one item: done, declined (a valid outcome, C3) or unavailable."""

    model_config = _FORBID

    status: ChecklistStatus
    on: date | None = None
    note: str | None = Field(default=None, max_length=1000)


AccessView = Literal["owner", "shared", "justice"]


class CaseSummary(BaseModel):
    id: uuid.UUID
    number: str
    country: str
    status: CaseStatus
    owner_agency_id: uuid.UUID
    identified_on: date | None
    gender: str | None
    minor: bool
    identification_status: str
    custody_status: str
    non_punishment: bool
    open_alerts: int
    overdue_items: int
    version: int


class CaseRead(BaseModel):
    id: uuid.UUID
    number: str
    country: str
    status: CaseStatus
    owner_agency_id: uuid.UUID
    case_manager_id: uuid.UUID | None
    justice_agency_id: uuid.UUID | None
    identified_on: date | None
    closed_on: date | None
    version: int
    view: AccessView
    profile: dict[str, Any]
    identity: CaseIdentity | None
    special_category_hidden: bool
    alerts: list[AlertRead]
    created_at: datetime
    updated_at: datetime


class JusticeView(BaseModel):
    """What justice officials see (C17): a sealed pseudonymous reference, the proceedings and
    alerts; no support records; identifiers only with a consent that covers them."""

    id: uuid.UUID
    number: str
    country: str
    status: CaseStatus
    identified_on: date | None
    identification_status: str
    deciding_body: str | None
    custody_status: str
    charges: list[dict[str, Any]]
    non_punishment_flagged: bool
    milestones: list[dict[str, Any]]
    alerts: list[AlertRead]
    identity: CaseIdentity | None
    support_record_linked: bool


class ConsentCreate(BaseModel):
    """A new consent. The server fills its id, version, time and who recorded it."""

    model_config = _FORBID

    purpose: ConsentPurpose
    purpose_detail: str | None = Field(default=None, max_length=500)
    receiver_agency_id: uuid.UUID | None = None
    receiver_class: ReceiverClass | None = None
    service_types: tuple[ServiceType, ...] = ()
    data_categories: tuple[DataCategory, ...] = Field(min_length=1)
    language: str
    interpreter_present: bool
    valid_until: datetime | None = None
    informed_of: tuple[InformedTopic, ...] = ()
    refused: bool = Field(default=False, description="Record a refusal instead of a consent")
    child_assent: ChildAssent | None = None
    guardian_consent: GuardianConsent | None = None
    best_interests_decision: BestInterestsDecision | None = None


class ConsentWithdraw(BaseModel):
    model_config = _FORBID

    reason: str | None = Field(default=None, max_length=1000)


class ConsentRead(BaseModel):
    """One version of a consent, as recorded."""

    id: uuid.UUID
    case_id: uuid.UUID
    consent_id: uuid.UUID
    version: int
    state: str
    purpose: str
    receiver_agency_id: uuid.UUID | None
    receiver_class: str | None
    record: dict[str, Any]
    recorded_at: datetime
    current: bool


class AccessGrantRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    agency_id: uuid.UUID
    consent_id: uuid.UUID | None
    reason: AccessReason
    source_id: uuid.UUID | None
    active: bool
    opened_at: datetime
    closed_at: datetime | None


class InterviewFields(BaseModel):
    """Fields of an interview record (C4, C5, C16)."""

    model_config = _FORBID

    purpose: InterviewPurpose = InterviewPurpose.SCREENING
    held_on: date | None = None
    language: str | None = Field(default=None, description="Interview language, BCP-47")
    interviewer_languages: tuple[str, ...] = ()
    interviewer_gender: StaffGender | None = None
    interpreter_present: bool = False
    interpreter_language: str | None = None
    interpreter_gender: StaffGender | None = None
    interpreter_screening_passed: bool | None = None
    gender_preference: InterviewerGender | None = None
    preference_honoured: bool | None = None
    gender_mismatch_reason: str | None = Field(default=None, max_length=1000)
    safe_location_checked: bool | None = None
    risk_assessed: bool | None = None
    emergency_plan: str | None = Field(default=None, max_length=2000)
    stopped_by_person: bool = False

    @field_validator("language", "interpreter_language")
    @classmethod
    def _tag(cls, value: str | None) -> str | None:
        return None if value in (None, "") else normalize_language(value)

    @field_validator("interviewer_languages")
    @classmethod
    def _tags(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(normalize_language(v) for v in values)


class InterviewCreate(InterviewFields):
    pass


class InterviewUpdate(InterviewFields):
    version: int


class InterviewClose(BaseModel):
    model_config = _FORBID

    version: int


class InterviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    purpose: InterviewPurpose
    held_on: date
    language: str | None
    interviewer_languages: list[str]
    interviewer_gender: str | None
    interpreter_present: bool
    interpreter_language: str | None
    interpreter_gender: str | None
    interpreter_screening_passed: bool | None
    gender_preference: str | None
    preference_honoured: bool | None
    gender_mismatch_reason: str | None
    safe_location_checked: bool | None
    risk_assessed: bool | None
    emergency_plan: str | None
    stopped_by_person: bool
    status: RecordStatus
    version: int
    language_alert: str | None = None


class ReturnPlanFields(BaseModel):
    model_config = _FORBID

    destination_country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    risk_level: RiskLevel | None = None
    risk_assessed_on: date | None = None
    risk_assessed_by: str | None = Field(default=None, max_length=200)
    person_wish: ReturnWish | None = None
    proceedings: ProceedingsState | None = None
    destination_right_of_residence: bool | None = None


class ReturnPlanCreate(ReturnPlanFields):
    pass


class ReturnPlanUpdate(ReturnPlanFields):
    version: int


class ReturnPlanStatusChange(BaseModel):
    model_config = _FORBID

    version: int
    status: ReturnStatus


class ReadyBlocker(BaseModel):
    """One reason an action is refused for now (an E rule), naming the field to fix."""

    rule: str
    field: str
    message: str


class ReturnPlanRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    destination_country: str | None
    risk_level: str | None
    risk_assessed_on: date | None
    risk_assessed_by: str | None
    person_wish: str | None
    proceedings: str | None
    destination_right_of_residence: bool | None
    status: ReturnStatus
    version: int
    blockers: list[ReadyBlocker] = Field(
        default_factory=list,
        description="What still keeps the plan from being set ready (C12); empty when nothing",
    )


class OriginNoticeCreate(BaseModel):
    model_config = _FORBID

    receiver: NoticeReceiver
    country: str = Field(pattern=r"^[A-Z]{2}$")


class OriginNoticeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    receiver: NoticeReceiver
    country: str
    created_at: datetime


class ChargeCorrection(BaseModel):
    """A correction of one charge of the justice record; only the fields sent change."""

    model_config = _FORBID

    version: int
    offence_type: OffenceType | None = None
    description: str | None = Field(default=None, max_length=500)
    non_punishment_applicable: bool | None = None
    outcome: ChargeOutcome | None = None


class MilestoneCorrection(BaseModel):
    """A correction of one milestone of the proceedings; only the fields sent change."""

    model_config = _FORBID

    version: int
    milestone: Milestone | None = None
    on: date | None = None


class JusticeEntryRemove(BaseModel):
    """Removing a charge or milestone entered in error; the reason goes to the audit log."""

    model_config = _FORBID

    version: int
    reason: JusticeEntryRemoval

    @field_validator("reason", mode="before")
    @classmethod
    def _known(cls, value: object) -> object:
        if value not in {r.value for r in JusticeEntryRemoval}:
            reasons = ", ".join(r.value.replace("_", " ") for r in JusticeEntryRemoval)
            raise ValueError(f"choose why it is removed ({reasons})")
        return value


class ProceedingsRead(BaseModel):
    """The justice record of a case as its owner edits it: charges (with the C7 flag) and
    milestones, in order; ``index`` in the correction routes is the position here, from 0."""

    case_id: uuid.UUID
    version: int
    charges: list[Charge]
    milestones: list[MilestoneEntry]
    non_punishment_flagged: bool


class DetentionRelease(BaseModel):
    """C6 resolved by hand: the person has left detention. Records where they are now, when, and
    what happened; the custody status of the case changes with it."""

    model_config = _FORBID

    version: int
    custody_status: CustodyStatus
    released_on: date | None = None
    note: str = Field(max_length=240)

    @field_validator("custody_status", mode="before")
    @classmethod
    def _released(cls, value: object) -> object:
        allowed = [s.value for s in CustodyStatus if s not in DETENTION_STATUSES and s != "unknown"]
        if value not in allowed:
            where = ", ".join(a.replace("_", " ") for a in allowed)
            raise ValueError(f"choose where the person is now ({where})")
        return value

    @field_validator("note")
    @classmethod
    def _said(cls, value: str) -> str:
        if len(value.strip()) < 3:
            raise ValueError("say what happened (at least 3 characters)")
        return value.strip()


class ExportRequest(BaseModel):
    """An HTCDS export: its purpose is recorded in the audit log (C14)."""

    model_config = _FORBID

    purpose: str = Field(min_length=5, max_length=500)
    format: Literal["json", "csv"] = "json"
    include_special_category: bool = False
    status: CaseStatus | None = None
