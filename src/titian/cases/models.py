"""Victim cases in the database (issue 3).

- :class:`Case`: a pseudonymous number, the owning agency, the GESI profile as JSON *without* the
  date of birth, and a few columns copied from the profile for lists, filters and alerts;
- :class:`CaseIdentifier`: each identifying value (name, alias, date of birth, contact, identity
  document, address) in its own row, encrypted at field level (C11; ``titian.kit.crypto``);
- :class:`CaseConsent`: every version of every consent record, append-only (C2);
- :class:`CaseAccess`: grants that open a case to another agency (a consented referral);
- :class:`CaseChecklistItem`: the stored rights and accommodations checklist;
- :class:`CaseInterview`, :class:`ReturnPlan`, :class:`OriginNotice`: the records that the E rules
  C4/C5, C12 and C13 guard;
- :class:`CaseAlert`: C6 detention alerts, open until resolved.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from titian.db.base import Entity, Versioned
from titian.db.types import str_enum as _enum


class CaseStatus(StrEnum):
    """HTCDS v2.0 ``cas_Status``, plus ``anonymised`` after the retention period (C14)."""

    ACTIVE = "active"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"
    CLOSED_REFERRED = "closed_referred"
    ANONYMISED = "anonymised"


CLOSED_STATUSES = frozenset({CaseStatus.CLOSED, CaseStatus.CLOSED_REFERRED})


class IdentifierField(StrEnum):
    """Identifying fields, each encrypted on its own (C11)."""

    GIVEN_NAME = "given_name"
    FAMILY_NAME = "family_name"
    ALIAS = "alias"
    DATE_OF_BIRTH = "date_of_birth"
    PHONE = "phone"
    EMAIL = "email"
    IDENTITY_DOCUMENT = "identity_document"
    ADDRESS = "address"


class AccessReason(StrEnum):
    REFERRAL = "referral"
    EMERGENCY_REFERRAL = "emergency_referral"
    JUSTICE_COOPERATION = "justice_cooperation"


class InterviewPurpose(StrEnum):
    SCREENING = "screening"
    STATEMENT = "statement"
    FOLLOW_UP = "follow_up"
    OTHER = "other"


class RecordStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ReturnStatus(StrEnum):
    """A return or repatriation step (C12): only ``ready`` is guarded."""

    DRAFT = "draft"
    READY = "ready"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class NoticeReceiver(StrEnum):
    CONSULATE = "consulate"
    SENDING_STATE = "sending_state"


class AlertKind(StrEnum):
    DETENTION = "detention"


class Case(Versioned):
    """A victim case. ``number`` is pseudonymous: random, never derived from the person."""

    __tablename__ = "victim_case"

    number: Mapped[str] = mapped_column(String(24), unique=True)
    owner_agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency.id"), index=True)
    country: Mapped[str] = mapped_column(String(2), index=True)
    status: Mapped[CaseStatus] = mapped_column(
        _enum(CaseStatus, "case_status"), default=CaseStatus.ACTIVE
    )
    case_manager_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), default=None
    )
    justice_agency_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("agency.id"), default=None, index=True
    )
    identified_on: Mapped[date | None] = mapped_column(Date, default=None)
    closed_on: Mapped[date | None] = mapped_column(Date, default=None)
    anonymised_at: Mapped[datetime | None] = mapped_column(default=None)
    profile: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Copied from the profile for lists, filters and alerts (never identifying).
    gender: Mapped[str | None] = mapped_column(String(30), default=None)
    minor: Mapped[bool] = mapped_column(Boolean, default=False)
    identification_status: Mapped[str] = mapped_column(String(30), default="possible")
    custody_status: Mapped[str] = mapped_column(String(30), default="unknown")
    non_punishment: Mapped[bool] = mapped_column(Boolean, default=False)


class CaseIdentifier(Entity):
    """One identifying value, encrypted (``token`` from ``FieldCipher.encrypt``)."""

    __tablename__ = "case_identifier"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("victim_case.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[IdentifierField] = mapped_column(_enum(IdentifierField, "identifier_field"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    token: Mapped[str] = mapped_column(Text)


class CaseConsent(Entity):
    """One version of one consent (``titian.cases.consent.ConsentRecord``); rows are never
    updated: a change or a withdrawal is a new version (C2)."""

    __tablename__ = "case_consent"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("victim_case.id", ondelete="CASCADE"), index=True
    )
    consent_id: Mapped[uuid.UUID] = mapped_column(index=True)
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20))
    purpose: Mapped[str] = mapped_column(String(40))
    receiver_agency_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("agency.id"), default=None
    )
    receiver_class: Mapped[str | None] = mapped_column(String(40), default=None)
    recorded_at: Mapped[datetime] = mapped_column()
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), default=None
    )
    record: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (UniqueConstraint("consent_id", "version"),)


class CaseAccess(Entity):
    """A grant that opens a case to another agency, resting on a consent (a referral)."""

    __tablename__ = "case_access"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("victim_case.id", ondelete="CASCADE"), index=True
    )
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency.id"), index=True)
    consent_id: Mapped[uuid.UUID | None] = mapped_column(default=None, index=True)
    reason: Mapped[AccessReason] = mapped_column(_enum(AccessReason, "access_reason"))
    source_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    opened_at: Mapped[datetime] = mapped_column()
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    close_reason: Mapped[str | None] = mapped_column(String(200), default=None)


class CaseChecklistItem(Entity):
    """One item of the stored checklist: derived status and due date, and what was recorded."""

    __tablename__ = "case_checklist_item"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("victim_case.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[str] = mapped_column(String(80))
    rules: Mapped[str] = mapped_column(String(80))
    mode: Mapped[str] = mapped_column(String(4))
    group: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    due_on: Mapped[date | None] = mapped_column(Date, default=None)
    applies: Mapped[bool] = mapped_column(Boolean, default=True)
    recorded_status: Mapped[str | None] = mapped_column(String(20), default=None)
    recorded_on: Mapped[date | None] = mapped_column(Date, default=None)
    recorded_by: Mapped[str | None] = mapped_column(String(80), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)

    __table_args__ = (
        UniqueConstraint("case_id", "item_id"),
        Index("ix_case_checklist_item_due", "due_on"),
    )


class CaseInterview(Versioned):
    """An interview with the person (C4, C5, C16). Closing it is guarded by C4/C5."""

    __tablename__ = "case_interview"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("victim_case.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[InterviewPurpose] = mapped_column(_enum(InterviewPurpose, "interview_purpose"))
    held_on: Mapped[date] = mapped_column(Date)
    language: Mapped[str | None] = mapped_column(String(35), default=None)
    interviewer_languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    interviewer_gender: Mapped[str | None] = mapped_column(String(20), default=None)
    interpreter_present: Mapped[bool] = mapped_column(Boolean, default=False)
    interpreter_language: Mapped[str | None] = mapped_column(String(35), default=None)
    interpreter_gender: Mapped[str | None] = mapped_column(String(20), default=None)
    interpreter_screening_passed: Mapped[bool | None] = mapped_column(Boolean, default=None)
    gender_preference: Mapped[str | None] = mapped_column(String(20), default=None)
    preference_honoured: Mapped[bool | None] = mapped_column(Boolean, default=None)
    gender_mismatch_reason: Mapped[str | None] = mapped_column(Text, default=None)
    safe_location_checked: Mapped[bool | None] = mapped_column(Boolean, default=None)
    risk_assessed: Mapped[bool | None] = mapped_column(Boolean, default=None)
    emergency_plan: Mapped[str | None] = mapped_column(Text, default=None)
    stopped_by_person: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[RecordStatus] = mapped_column(
        _enum(RecordStatus, "record_status"), default=RecordStatus.OPEN
    )
    closed_at: Mapped[datetime | None] = mapped_column(default=None)


class ReturnPlan(Versioned):
    """A return or repatriation step (C12; ACTIP 15)."""

    __tablename__ = "case_return_plan"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("victim_case.id", ondelete="CASCADE"), index=True
    )
    destination_country: Mapped[str | None] = mapped_column(String(2), default=None)
    risk_level: Mapped[str | None] = mapped_column(String(10), default=None)
    risk_assessed_on: Mapped[date | None] = mapped_column(Date, default=None)
    risk_assessed_by: Mapped[str | None] = mapped_column(String(200), default=None)
    person_wish: Mapped[str | None] = mapped_column(String(30), default=None)
    proceedings: Mapped[str | None] = mapped_column(String(40), default=None)
    destination_right_of_residence: Mapped[bool | None] = mapped_column(Boolean, default=None)
    status: Mapped[ReturnStatus] = mapped_column(
        _enum(ReturnStatus, "return_status"), default=ReturnStatus.DRAFT
    )


class OriginNotice(Entity):
    """A notice of the identification to a consulate or the sending state, sent only when C13
    allows it."""

    __tablename__ = "case_origin_notice"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("victim_case.id", ondelete="CASCADE"), index=True
    )
    receiver: Mapped[NoticeReceiver] = mapped_column(_enum(NoticeReceiver, "notice_receiver"))
    country: Mapped[str] = mapped_column(String(2))
    sent_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), default=None
    )


class CaseAlert(Entity):
    """A red alert (C6): open from ``created_at`` until ``resolved_at``."""

    __tablename__ = "case_alert"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("victim_case.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[AlertKind] = mapped_column(_enum(AlertKind, "alert_kind"))
    rule: Mapped[str] = mapped_column(String(4))
    message: Mapped[str] = mapped_column(String(300))
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    resolution: Mapped[str | None] = mapped_column(String(300), default=None)
