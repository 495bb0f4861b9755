"""Consent records, not checkboxes (rights-checklist.md C1 and C2; IOM DP 4 and 5; WHO 6).

A consent names its purpose, its receiver (one agency or a class of receivers), the service types
and the data categories it covers. It records when, who recorded it, the language used and
whether an interpreter was present. For a child it holds the child's assent and either a
guardian's consent or a best-interests decision.

Every change is a new version with the same ``consent_id``; nothing is overwritten. Withdrawal is
a new version in state ``withdrawn``: from then on :func:`consent_covers` is false for it, and
:func:`receivers_to_notify` lists the agencies that already received the case under it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import pairwise
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from titian.cases.enforcement import RuleViolation
from titian.cases.profile import CaseProfile, is_minor, normalize_language
from titian.cases.vocab import (
    ConsentPurpose,
    ConsentState,
    DataCategory,
    InformedTopic,
    ReceiverClass,
    ServiceType,
)

_FROZEN = ConfigDict(extra="forbid", frozen=True)


class ChildAssent(BaseModel):
    """The child's own assent, recorded next to the adult decision (C2; ACWC-R child measures)."""

    model_config = _FROZEN

    assent_given: bool
    able_to_assent: bool = Field(
        default=True, description="False for a child too young to form a view; the note says why"
    )
    note: str | None = Field(default=None, max_length=1000)


class GuardianConsent(BaseModel):
    """Consent of a parent or appointed guardian for a child."""

    model_config = _FROZEN

    guardian_role: str = Field(min_length=1, max_length=100, description="e.g. appointed guardian")
    consent_given: bool


class BestInterestsDecision(BaseModel):
    """A best-interests decision that stands in for a guardian's consent."""

    model_config = _FROZEN

    decided_by: str = Field(min_length=1, max_length=200)
    decided_on: date
    reference: str | None = Field(default=None, max_length=200)


class ConsentRecord(BaseModel):
    """One version of one consent. ``consent_id`` is stable across versions."""

    model_config = _FROZEN

    consent_id: UUID
    version: int = Field(ge=1)
    state: ConsentState = ConsentState.GIVEN
    purpose: ConsentPurpose
    purpose_detail: str | None = Field(default=None, max_length=500)
    receiver_agency_id: UUID | None = None
    receiver_class: ReceiverClass | None = None
    service_types: tuple[ServiceType, ...] = ()
    data_categories: tuple[DataCategory, ...] = Field(min_length=1)
    recorded_at: datetime
    recorded_by: str = Field(min_length=1, description="The user who recorded it")
    language: str = Field(description="Language the consent was explained in, BCP-47")
    interpreter_present: bool
    valid_until: datetime | None = None
    informed_of: tuple[InformedTopic, ...] = ()
    child_assent: ChildAssent | None = None
    guardian_consent: GuardianConsent | None = None
    best_interests_decision: BestInterestsDecision | None = None
    withdrawal_reason: str | None = Field(default=None, max_length=1000)

    @field_validator("language", mode="after")
    @classmethod
    def _language(cls, value: str) -> str:
        return normalize_language(value)

    @field_validator("recorded_at", "valid_until", mode="after")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.utcoffset() is None:
            raise ValueError("give a timezone-aware time (UTC)")
        return value

    @model_validator(mode="after")
    def _receiver_and_scope(self) -> ConsentRecord:
        if (self.receiver_agency_id is None) == (self.receiver_class is None):
            raise ValueError("name exactly one receiver: receiver_agency_id or receiver_class")
        if self.purpose == ConsentPurpose.REFERRAL and not self.service_types:
            raise ValueError("service_types: a referral consent names the service types (C1)")
        if self.state == ConsentState.WITHDRAWN and self.version == 1:
            raise ValueError("state: a withdrawal is a new version of an existing consent")
        return self

    def is_active(self, at: datetime) -> bool:
        """Given, not withdrawn, recorded by ``at`` and not expired."""
        expired = self.valid_until is not None and at >= self.valid_until
        return self.state == ConsentState.GIVEN and self.recorded_at <= at and not expired


def consent_violations(record: ConsentRecord, profile: CaseProfile) -> list[RuleViolation]:
    """Every reason a consent cannot be recorded for this person (C2, C11)."""
    found: list[RuleViolation] = []
    if record.state == ConsentState.GIVEN and is_minor(profile, record.recorded_at.date()):
        found.extend(_child_violations(record))
    if DataCategory.SOGIESC in record.data_categories and not profile.sogiesc_consent:
        found.append(
            RuleViolation(
                "C11",
                "data_categories",
                "SOGIESC can be shared only when the person gave the separate SOGIESC consent",
            )
        )
    return found


def validate_consent(record: ConsentRecord, profile: CaseProfile) -> None:
    """Raise the first :class:`RuleViolation` that forbids recording this consent.

    C2: a case marked as a child (or presumed a child) cannot record consent without the child's
    assent and a guardian's consent or a best-interests decision.
    """
    found = consent_violations(record, profile)
    if found:
        raise found[0]


def _child_violations(record: ConsentRecord) -> list[RuleViolation]:
    found: list[RuleViolation] = []
    assent = record.child_assent
    if assent is None:
        found.append(RuleViolation("C2", "child_assent", "record the child's assent"))
    elif not assent.able_to_assent:
        if not (assent.note or "").strip():
            found.append(
                RuleViolation("C2", "child_assent.note", "say why the child cannot give assent")
            )
    elif not assent.assent_given:
        found.append(
            RuleViolation("C2", "child_assent", "the child did not assent; consent is not given")
        )
    guardian = record.guardian_consent
    if (
        guardian is not None
        and not guardian.consent_given
        and record.best_interests_decision is None
    ):
        found.append(RuleViolation("C2", "guardian_consent", "the guardian did not consent"))
    if guardian is None and record.best_interests_decision is None:
        found.append(
            RuleViolation(
                "C2",
                "guardian_consent",
                "a child's consent needs a guardian's consent or a best-interests decision",
            )
        )
    return found


# ---------------------------------------------------------------------------------------------
# Versions and withdrawal
# ---------------------------------------------------------------------------------------------


def check_versions(records: Iterable[ConsentRecord]) -> None:
    """Versions of each consent run 1, 2, 3 ... in time order, and nothing follows a withdrawal.

    A new consent after a withdrawal is a new record (a new ``consent_id``): C2, each consent is
    specific.
    """
    for consent_id, chain in _chains(records).items():
        numbers = [r.version for r in chain]
        if numbers != list(range(1, len(chain) + 1)):
            raise ValueError(f"consent {consent_id}: versions {numbers} are not 1..{len(chain)}")
        for before, after in pairwise(chain):
            if after.recorded_at < before.recorded_at:
                raise ValueError(f"consent {consent_id}: version {after.version} predates the last")
            if before.state == ConsentState.WITHDRAWN:
                raise ValueError(
                    f"consent {consent_id}: version {after.version} follows withdrawal"
                )


def _chains(records: Iterable[ConsentRecord]) -> dict[UUID, list[ConsentRecord]]:
    chains: dict[UUID, list[ConsentRecord]] = {}
    for record in records:
        chains.setdefault(record.consent_id, []).append(record)
    return {k: sorted(v, key=lambda r: r.version) for k, v in chains.items()}


def current_versions(records: Iterable[ConsentRecord], at: datetime) -> list[ConsentRecord]:
    """For each consent, the latest version recorded at or before ``at``."""
    latest: dict[UUID, ConsentRecord] = {}
    for record in records:
        if record.recorded_at > at:
            continue
        known = latest.get(record.consent_id)
        if known is None or record.version > known.version:
            latest[record.consent_id] = record
    return list(latest.values())


def new_version(
    previous: ConsentRecord, at: datetime, recorded_by: str, **changes: object
) -> ConsentRecord:
    """The next version of a consent with ``changes`` applied; the previous one is kept."""
    data = previous.model_dump()
    data.update(changes, version=previous.version + 1, recorded_at=at, recorded_by=recorded_by)
    return ConsentRecord.model_validate(data)


def withdraw(
    previous: ConsentRecord, at: datetime, recorded_by: str, reason: str | None = None
) -> ConsentRecord:
    """The withdrawal version of a consent: it blocks further sharing from ``at`` (C2)."""
    if previous.state == ConsentState.WITHDRAWN:
        raise ValueError(f"consent {previous.consent_id} is already withdrawn")
    return new_version(
        previous, at, recorded_by, state=ConsentState.WITHDRAWN, withdrawal_reason=reason
    )


# ---------------------------------------------------------------------------------------------
# Sharing
# ---------------------------------------------------------------------------------------------


def _receiver_matches(
    record: ConsentRecord, agency_id: UUID | None, receiver_class: ReceiverClass | None
) -> bool:
    if record.receiver_agency_id is not None:
        return record.receiver_agency_id == agency_id
    return receiver_class is not None and record.receiver_class == receiver_class


def consent_covers(
    records: Iterable[ConsentRecord],
    receiver_agency_id: UUID | None,
    receiver_class: ReceiverClass | None,
    service_type: ServiceType | None,
    data_categories: Iterable[DataCategory],
    at: datetime,
    *,
    purpose: ConsentPurpose | None = None,
) -> bool:
    """Whether the active consents at ``at`` cover sending these data categories to this receiver
    for this service type (C1: consent for that receiving organisation and that service type).

    A consent naming an agency covers only that agency; one naming a class covers agencies of that
    class. Special categories (SOGIESC, health, HIV) are covered only when named. The categories
    may be spread over several active consents for the same receiver and service type.
    """
    wanted = set(data_categories)
    covered: set[DataCategory] = set()
    for record in current_versions(records, at):
        if not record.is_active(at):
            continue
        if not _receiver_matches(record, receiver_agency_id, receiver_class):
            continue
        if service_type is not None and service_type not in record.service_types:
            continue
        if purpose is not None and record.purpose != purpose:
            continue
        covered |= set(record.data_categories)
    return bool(wanted) and wanted <= covered


def check_share_allowed(
    records: Sequence[ConsentRecord],
    receiver_agency_id: UUID | None,
    receiver_class: ReceiverClass | None,
    service_type: ServiceType | None,
    data_categories: Iterable[DataCategory],
    at: datetime,
) -> None:
    """C1: raise a :class:`RuleViolation` naming what is not covered, before anything is sent."""
    wanted = tuple(dict.fromkeys(data_categories))
    missing = [
        c
        for c in wanted
        if not consent_covers(records, receiver_agency_id, receiver_class, service_type, [c], at)
    ]
    if missing or not wanted:
        names = ", ".join(c.value for c in missing) or "no data categories named"
        raise RuleViolation(
            "C1",
            "consent",
            f"no active consent for this receiver and service type covers: {names}",
        )


class Share(BaseModel):
    """A past send of case data to an agency, and the consent it relied on."""

    model_config = _FROZEN

    receiver_agency_id: UUID
    consent_id: UUID | None
    shared_at: datetime


def receivers_to_notify(
    records: Iterable[ConsentRecord], consent_id: UUID, shares: Iterable[Share]
) -> tuple[UUID, ...]:
    """Agencies that received the case under a consent before it was withdrawn (C2).

    Raises ``ValueError`` when the consent has no withdrawal version.
    """
    chain = _chains(records).get(consent_id, [])
    withdrawn = [r for r in chain if r.state == ConsentState.WITHDRAWN]
    if not withdrawn:
        raise ValueError(f"consent {consent_id} is not withdrawn")
    cut = withdrawn[0].recorded_at
    agencies = (
        s.receiver_agency_id for s in shares if s.consent_id == consent_id and s.shared_at <= cut
    )
    return tuple(dict.fromkeys(agencies))
