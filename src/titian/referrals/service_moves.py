"""Sending a referral (C1) and its later moves (issue 4, item 6).

C1 (IOM DP 4 and 5; GBVIMS ISP; WHO 6): identifying data leaves the agency only when an active
*referral* consent of the case names the receiving agency (or its class of receivers) and the
service type and covers every identifying category sent. Otherwise sending is refused, unless a
supervisor (``referrals.emergency_override``, a grantable permission) overrides with a written
reason: the override is stored on the referral and audited as ``referral.emergency_override``.
Under an override without consent Titian does not open the case file to the receiver (the cases
area opens a case only on a consent): the referral is sent and recorded, the hand-over happens
by the supervisor's decision.

On a consented send to an agency with an account, the case opens to it through
:func:`titian.cases.service_consent.grant_access` (source: the referral), and it is notified.
When the referral ends (declined, completed, withdrawn) the grant closes: the receiver sees the
case only while the referral is active.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.cases import repository as cases
from titian.cases import service_consent
from titian.cases.consent import ConsentRecord, consent_covers, current_versions
from titian.cases.models import AccessReason, Case
from titian.cases.vocab import ConsentPurpose, DataCategory, ReceiverClass, ServiceType
from titian.errors import FieldError, Forbidden, Invalid, RuleViolation
from titian.kit.clock import utcnow
from titian.kit.locking import ensure_version
from titian.notifications.service import notify_agency
from titian.referrals import repository
from titian.referrals.models import Referral
from titian.referrals.schemas import ConsentCheck, ReferralMove, ReferralSend
from titian.referrals.service import acting_as, add_event, require_sender
from titian.referrals.sharing import identifying_categories, receiver_class_for
from titian.referrals.tracking import (
    END_STATES,
    ReferralAction,
    ReferralState,
    TransitionError,
    is_active,
    next_state,
    seconds_between,
)

RECEIVED_KIND = "referral.received"
ANSWERED_KIND = "referral.answered"
ENDED_KIND = "referral.ended"


def _receiver_class(referral: Referral) -> ReceiverClass | None:
    found = receiver_class_for(referral.need)
    return ReceiverClass(found) if found else None


def _covers(
    records: Sequence[ConsentRecord], referral: Referral, categories: Sequence[str], at: datetime
) -> bool:
    return consent_covers(
        records,
        referral.to_agency_id,
        _receiver_class(referral),
        ServiceType(referral.need),
        [DataCategory(c) for c in categories],
        at,
        purpose=ConsentPurpose.REFERRAL,
    )


def _covering_consents(
    records: Sequence[ConsentRecord], referral: Referral, at: datetime
) -> list[uuid.UUID]:
    """Active referral consents for this receiver and service type, any categories."""
    return [
        r.consent_id
        for r in current_versions(records, at)
        if r.is_active(at) and _covers([r], referral, [r.data_categories[0].value], at)
    ]


def check_consent(
    session: Session, principal: Principal, referral: Referral, categories: Sequence[str]
) -> ConsentCheck:
    """What C1 says about sending ``categories`` to the chosen receiver (shown before sending)."""
    case = cases.get_owned_case(session, principal, referral.case_id)
    records = service_consent.records_of(session, case.id)
    now = utcnow()
    wanted = [c.value if isinstance(c, DataCategory) else str(c) for c in categories]
    sensitive = list(identifying_categories(wanted))
    missing = [c for c in wanted if not _covers(records, referral, [c], now)]
    klass = _receiver_class(referral)
    return ConsentCheck(
        receiver_agency_id=referral.to_agency_id,
        receiver_class=klass.value if klass else None,
        identifying=sensitive,
        covered=bool(wanted) and not missing,
        missing=missing,
        consent_ids=_covering_consents(records, referral, now),
        needs_consent=bool(set(sensitive) & set(missing)),
        may_override=policies.has(principal, Permission.CONSENT_OVERRIDE),
    )


def _load(
    session: Session, principal: Principal, referral_id: uuid.UUID, version: int
) -> tuple[Referral, str]:
    referral, view = repository.get(session, principal, referral_id)
    ensure_version(referral, version, [], {})
    return referral, view


def _move_state(
    referral: Referral,
    principal: Principal,
    view: str,
    action: ReferralAction,
    reason: str | None = None,
) -> ReferralState:
    try:
        return next_state(
            referral.state, action, acting_as(principal, referral, view), {"reason": reason}
        )
    except TransitionError as exc:
        if exc.code == "party":
            raise Forbidden(exc.message) from exc
        raise Invalid("refused", [FieldError(exc.field, exc.message)]) from exc


def _check_override(principal: Principal, data: ReferralSend) -> None:
    if not policies.has(principal, Permission.CONSENT_OVERRIDE):
        raise Forbidden("an emergency override needs a supervisor (referrals.emergency_override)")
    if not (data.override_reason or "").strip():
        raise Invalid(
            "refused", [FieldError("override_reason", "an emergency override needs a reason")]
        )


def send_referral(
    session: Session, principal: Principal, referral_id: uuid.UUID, data: ReferralSend
) -> Referral:
    """Send: C1 checked in the domain (module docstring); on success the case opens to the
    receiver on the consent, and the receiver is notified."""
    referral, view = _load(session, principal, referral_id, data.version)
    target = _move_state(referral, principal, view, ReferralAction.SEND)
    require_sender(principal)
    if referral.to_service_id is None:
        raise Invalid("refused", [FieldError("service_id", "record the person's choice first")])
    categories = [c.value for c in dict.fromkeys(data.data_categories)]
    check = check_consent(session, principal, referral, categories)
    internal = referral.to_agency_id == referral.from_agency_id
    override = False
    if check.needs_consent and not internal:
        if not data.emergency_override:
            raise RuleViolation(
                "C1",
                "consent",
                "no active referral consent for this receiver and service type covers: "
                + ", ".join(c for c in check.missing if c in check.identifying),
            )
        _check_override(principal, data)
        override = True
    consent_id = _pick_consent(check, data.consent_id, check.covered)
    before = referral.state
    referral.state = target
    referral.data_categories = categories
    referral.identifying = bool(check.identifying)
    referral.consent_id = consent_id
    referral.sent_at = utcnow()
    if override:
        referral.emergency_override = True
        referral.override_by_id = principal.user_id
        referral.override_reason = (data.override_reason or "").strip()
    session.flush()
    add_event(session, principal, referral, ReferralAction.SEND.value, before)
    _after_send(session, principal, referral, internal)
    return referral


def _pick_consent(check: ConsentCheck, wanted: uuid.UUID | None, covered: bool) -> uuid.UUID | None:
    if not covered:
        return None
    if wanted is not None:
        if wanted not in check.consent_ids:
            raise Invalid("refused", [FieldError("consent_id", "not a covering consent")])
        return wanted
    return check.consent_ids[0] if check.consent_ids else None


def _after_send(session: Session, principal: Principal, referral: Referral, internal: bool) -> None:
    case = cases.get_case_row(session, referral.case_id)
    opened = False
    if referral.to_agency_id is not None and not internal and referral.consent_id is not None:
        service_consent.grant_access(
            session,
            principal,
            case.id,
            referral.to_agency_id,
            referral.consent_id,
            source_id=referral.id,
            reason=AccessReason.REFERRAL,
        )
        opened = True
    if referral.to_agency_id is not None and not internal:
        notify_agency(
            session,
            referral.to_agency_id,
            RECEIVED_KIND,
            f"New referral for case {case.number} ({referral.need.replace('_', ' ')}).",
            f"/referrals/{referral.id}",
        )
    details = {
        "case_id": str(case.id),
        "to_agency_id": str(referral.to_agency_id or ""),
        "off_platform": referral.off_platform,
        "categories": list(referral.data_categories),
        "consent_id": str(referral.consent_id or ""),
        "case_opened": opened,
    }
    audit.record(session, principal, "referral.send", "referral", referral.id, details)
    if referral.emergency_override:
        audit.record(
            session,
            principal,
            "referral.emergency_override",
            "referral",
            referral.id,
            {"rule": "C1", "supervisor_id": str(principal.user_id), "case_id": str(case.id)},
        )


def move(
    session: Session,
    principal: Principal,
    referral_id: uuid.UUID,
    action: ReferralAction,
    data: ReferralMove,
) -> Referral:
    """Accept, decline, start, complete, withdraw, or record the person's refusal (C3). Ending
    an active referral closes the receiver's access to the case."""
    if action == ReferralAction.SEND:
        raise Invalid("refused", [FieldError("action", "use send")])
    referral, view = _load(session, principal, referral_id, data.version)
    target = _move_state(referral, principal, view, action, data.reason)
    before, now, reason = referral.state, utcnow(), (data.reason or "").strip() or None
    referral.state = target
    if action == ReferralAction.ACCEPT:
        referral.accepted_at = now
        referral.seconds_to_acceptance = seconds_between(referral.sent_at, now)
    elif action == ReferralAction.DECLINE:
        referral.decline_reason = reason
    elif action == ReferralAction.WITHDRAW:
        referral.withdraw_reason = reason
    elif action == ReferralAction.PERSON_DECLINE:
        referral.person_declined_reason = reason
    if target in END_STATES:
        referral.closed_at = now
    session.flush()
    add_event(session, principal, referral, action.value, before, reason)
    if is_active(before) and not is_active(target):
        _close_access(session, principal, referral, view)
    _tell_other_side(session, referral, view, action)
    audit.record(
        session,
        principal,
        f"referral.{action.value}",
        "referral",
        referral.id,
        {"from": before.value, "to": target.value, "reason_given": reason is not None},
    )
    return referral


def _close_access(session: Session, principal: Principal, referral: Referral, view: str) -> None:
    """The receiver loses the case when the referral ends, whichever side ends it: the sender
    closes the receiver's grant, the receiver gives up its own (``revoke_access`` allows both)."""
    if referral.to_agency_id is None:
        return
    service_consent.revoke_access(
        session,
        principal,
        referral.case_id,
        referral.to_agency_id,
        source_id=referral.id,
        reason=f"referral {referral.state.value}",
    )


def _tell_other_side(
    session: Session, referral: Referral, view: str, action: ReferralAction
) -> None:
    case: Case = cases.get_case_row(session, referral.case_id)
    text = f"Referral for case {case.number}: {action.value.replace('_', ' ')}."
    link = f"/referrals/{referral.id}"
    if view == "receiver":
        notify_agency(session, referral.from_agency_id, ANSWERED_KIND, text, link)
    elif referral.to_agency_id not in (None, referral.from_agency_id) and referral.sent_at:
        assert referral.to_agency_id is not None
        notify_agency(session, referral.to_agency_id, ENDED_KIND, text, link)
