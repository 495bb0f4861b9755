"""Consent records and the access grants that rest on them (C1, C2; IOM DP 4 and 5).

Every consent version is a row that is never changed. Withdrawal is a new version: from then on
the consent covers nothing, every grant that relied on it is closed, and every agency that
received the case under it is notified (C2). Withdrawing a SOGIESC consent erases the SOGIESC
fields (data-standards.md (e) rule 6), audited.

The referrals area calls :func:`grant_access` when a consented referral is sent and
:func:`revoke_access` when it ends.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from pydantic import ValidationError
from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth.models import Agency
from titian.auth.policies import Permission, Principal
from titian.cases import repository
from titian.cases.consent import (
    ConsentRecord,
    Share,
    consent_violations,
    current_versions,
    receivers_to_notify,
    withdraw,
)
from titian.cases.models import AccessReason, Case, CaseAccess, CaseConsent
from titian.cases.profile import erase_sogiesc
from titian.cases.schemas import ConsentCreate, ConsentRead, ConsentWithdraw
from titian.cases.vocab import ConsentPurpose, ConsentState
from titian.errors import Conflict, FieldError, Invalid, NotFound, RuleViolation
from titian.kit.clock import utcnow
from titian.notifications.service import notify_agency

WITHDRAWN_KIND = "case.consent_withdrawn"
SHARED_KIND = "case.shared"


def _require_write(principal: Principal) -> None:
    from titian.cases.service import require

    require(principal, Permission.CASES_WRITE, "recording consent")


def records_of(session: Session, case_id: uuid.UUID) -> list[ConsentRecord]:
    return [
        ConsentRecord.model_validate(r.record) for r in repository.consents_of(session, case_id)
    ]


def _row(case: Case, record: ConsentRecord, principal: Principal) -> CaseConsent:
    return CaseConsent(
        case_id=case.id,
        consent_id=record.consent_id,
        version=record.version,
        state=record.state.value,
        purpose=record.purpose.value,
        receiver_agency_id=record.receiver_agency_id,
        receiver_class=record.receiver_class.value if record.receiver_class else None,
        recorded_at=record.recorded_at,
        recorded_by_id=principal.user_id,
        record=record.model_dump(mode="json"),
    )


def record_consent(
    session: Session, principal: Principal, case_id: uuid.UUID, data: ConsentCreate
) -> CaseConsent:
    """Record a consent (or a refusal). C2: a child's consent needs the child's assent and a
    guardian's consent or a best-interests decision; C11: SOGIESC only with SOGIESC consent."""
    from titian.cases.service import load_profile, profile_errors

    case = repository.get_owned_case(session, principal, case_id)
    _require_write(principal)
    if data.receiver_agency_id is not None and session.get(Agency, data.receiver_agency_id) is None:
        raise Invalid("unknown receiver", [FieldError("receiver_agency_id", "no such agency")])
    fields = data.model_dump(exclude={"refused"})
    try:
        record = ConsentRecord.model_validate(
            {
                **fields,
                "consent_id": uuid.uuid4(),
                "version": 1,
                "state": ConsentState.REFUSED if data.refused else ConsentState.GIVEN,
                "recorded_at": utcnow(),
                "recorded_by": principal.username,
            }
        )
    except ValidationError as exc:
        raise Invalid("consent refused", profile_errors(exc, "consent")) from exc
    found = consent_violations(record, load_profile(session, case))
    if found:
        raise RuleViolation(found[0].rule_id, found[0].field, found[0].message)
    row = _row(case, record, principal)
    session.add(row)
    session.flush()
    audit.record(
        session,
        principal,
        "consent.record",
        "case",
        case.id,
        {
            "consent_id": str(record.consent_id),
            "state": record.state.value,
            "purpose": record.purpose.value,
            "receiver_agency_id": str(record.receiver_agency_id or ""),
            "receiver_class": record.receiver_class.value if record.receiver_class else "",
            "categories": sorted(c.value for c in record.data_categories),
        },
    )
    return row


def withdraw_consent(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    consent_id: uuid.UUID,
    data: ConsentWithdraw,
) -> CaseConsent:
    """Withdraw a consent: a new version; grants resting on it close; receivers are told."""
    case = repository.get_owned_case(session, principal, case_id)
    _require_write(principal)
    records = records_of(session, case.id)
    chain = sorted((r for r in records if r.consent_id == consent_id), key=lambda r: r.version)
    if not chain:
        raise NotFound("no such consent on this case")
    try:
        record = withdraw(chain[-1], utcnow(), principal.username, data.reason)
    except ValueError as exc:
        raise Conflict("this consent is already withdrawn", {"field": "state"}) from exc
    row = _row(case, record, principal)
    session.add(row)
    session.flush()
    closed = _close_grants(session, principal, case, consent_id)
    notified = _notify_receivers(session, case, [*records, record], consent_id)
    if record.purpose == ConsentPurpose.SOGIESC_COLLECTION:
        _erase_sogiesc(session, principal, case)
    audit.record(
        session,
        principal,
        "consent.withdraw",
        "case",
        case.id,
        {"consent_id": str(consent_id), "grants_closed": closed, "agencies_notified": notified},
    )
    return row


def _close_grants(session: Session, principal: Principal, case: Case, consent_id: uuid.UUID) -> int:
    closed = 0
    for grant in repository.grants_for_consent(session, consent_id):
        if grant.active and grant.case_id == case.id:
            grant.active = False
            grant.closed_at = utcnow()
            grant.close_reason = "consent withdrawn"
            closed += 1
    session.flush()
    return closed


def _notify_receivers(
    session: Session, case: Case, records: Sequence[ConsentRecord], consent_id: uuid.UUID
) -> int:
    """C2: every agency that received the case under the consent is told it was withdrawn."""
    shares = [
        Share(receiver_agency_id=g.agency_id, consent_id=g.consent_id, shared_at=g.opened_at)
        for g in repository.grants_of(session, case.id)
    ]
    agencies = receivers_to_notify(records, consent_id, shares)
    message = (
        f"Consent withdrawn for case {case.number}: your access is closed. Do not use or share "
        "the data you received any further (C2)."
    )
    for agency_id in agencies:
        notify_agency(session, agency_id, WITHDRAWN_KIND, message, "/notifications")
    return len(agencies)


def _erase_sogiesc(session: Session, principal: Principal, case: Case) -> None:
    from titian.cases.service import _apply_profile, load_profile

    profile = erase_sogiesc(load_profile(session, case))
    _apply_profile(case, profile)
    case.updated_at = utcnow()
    session.flush()
    audit.record(session, principal, "case.sogiesc_erased", "case", case.id, {"rule": "C11"})


def list_consents(session: Session, principal: Principal, case_id: uuid.UUID) -> list[ConsentRead]:
    """Every version of every consent of the case (owner agency); the read is audited."""
    case = repository.get_owned_case(session, principal, case_id)
    rows = repository.consents_of(session, case.id)
    latest: dict[uuid.UUID, int] = {}
    for row in rows:
        latest[row.consent_id] = max(latest.get(row.consent_id, 0), row.version)
    audit.record(session, principal, "consent.list", "case", case.id, {"count": len(rows)})
    return [
        ConsentRead(
            id=r.id,
            case_id=r.case_id,
            consent_id=r.consent_id,
            version=r.version,
            state=r.state,
            purpose=r.purpose,
            receiver_agency_id=r.receiver_agency_id,
            receiver_class=r.receiver_class,
            record=r.record,
            recorded_at=r.recorded_at,
            current=latest[r.consent_id] == r.version,
        )
        for r in rows
    ]


def active_consent(session: Session, case: Case, consent_id: uuid.UUID) -> ConsentRecord | None:
    now = utcnow()
    for record in current_versions(records_of(session, case.id), now):
        if record.consent_id == consent_id and record.is_active(now):
            return record
    return None


def covered_categories(session: Session, case: Case, agency_id: uuid.UUID) -> set[str]:
    """Data categories covered by active consents behind the agency's active grants."""
    categories: set[str] = set()
    grants = [g for g in repository.grants_of(session, case.id) if g.active]
    for grant in grants:
        if grant.agency_id != agency_id or grant.consent_id is None:
            continue
        record = active_consent(session, case, grant.consent_id)
        if record is not None:
            categories |= {c.value for c in record.data_categories}
    return categories


def grant_access(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    agency_id: uuid.UUID,
    consent_id: uuid.UUID,
    source_id: uuid.UUID | None = None,
    reason: AccessReason = AccessReason.REFERRAL,
) -> CaseAccess:
    """Open the case to another agency on an active consent of this case (C1). The consent must
    name that agency, or a class of receivers (the referral checks the class and service type
    with :func:`titian.cases.consent.check_share_allowed` before it calls this)."""
    case = repository.get_owned_case(session, principal, case_id)
    _require_write(principal)
    if agency_id == case.owner_agency_id or session.get(Agency, agency_id) is None:
        raise Invalid("refused", [FieldError("agency_id", "another existing agency is needed")])
    record = active_consent(session, case, consent_id)
    if record is None or (
        record.receiver_agency_id is not None and record.receiver_agency_id != agency_id
    ):
        raise RuleViolation(
            "C1", "consent_id", "no active consent of this case names this receiving agency"
        )
    existing = repository.active_grant(session, case.id, agency_id)
    if existing is not None and existing.consent_id == consent_id:
        return existing
    grant = CaseAccess(
        case_id=case.id,
        agency_id=agency_id,
        consent_id=consent_id,
        reason=reason,
        source_id=source_id,
        active=True,
        opened_at=utcnow(),
    )
    session.add(grant)
    session.flush()
    notify_agency(
        session,
        agency_id,
        SHARED_KIND,
        f"Case {case.number} was shared with your agency.",
        f"/cases/{case.id}",
    )
    audit.record(
        session,
        principal,
        "case.access.grant",
        "case",
        case.id,
        {"agency_id": str(agency_id), "consent_id": str(consent_id), "reason": reason.value},
    )
    return grant


def revoke_access(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    agency_id: uuid.UUID,
    source_id: uuid.UUID | None = None,
    reason: str = "referral closed",
) -> int:
    """Close the agency's active grants on the case (only those of ``source_id`` when given);
    returns how many were closed. The owning agency may close any agency's grant; a receiving
    agency may give up its own (a referral it declined or completed)."""
    if agency_id == principal.agency_id and repository.active_grant(session, case_id, agency_id):
        case = repository.get_case(session, principal, case_id)[0]
    else:
        case = repository.get_owned_case(session, principal, case_id)
        _require_write(principal)
    closed = 0
    for grant in repository.grants_of(session, case.id):
        matches = source_id is None or grant.source_id == source_id
        if grant.active and grant.agency_id == agency_id and matches:
            grant.active = False
            grant.closed_at = utcnow()
            grant.close_reason = reason[:200]
            closed += 1
    session.flush()
    audit.record(
        session,
        principal,
        "case.access.revoke",
        "case",
        case.id,
        {"agency_id": str(agency_id), "closed": closed},
    )
    return closed
