"""Referral use cases: find services for a case's need, record the person's choice, read and
list (issue 4, item 6). Sending and the later moves are in :mod:`titian.referrals.service_moves`.

- **Find services** (C10, C3): matching over the directory for one need of the case; the ranked
  matches become the referral's offer list and the excluded services are kept with their
  reasons. When no eligible service remains, the gap (group dimensions only, never identity) is
  recorded with :func:`titian.referrals.gaps_store.record_gaps`, source ``referral``, and shown
  plainly: never an empty list.
- **Emergency** (C16): the interview's shortcut when the person is in danger now: the same
  matching for a safe place (or medical or psychosocial care), marked as an emergency started
  from that interview, listed first, and audited as ``referral.emergency``.
- **Choice** (C3): the person chooses among the offered services, or refuses (a valid outcome,
  :func:`titian.referrals.service_moves.move` with ``person_decline``).

Services never commit; every change and every read of a referral is audited.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.cases import repository as cases
from titian.cases.models import Case
from titian.cases.service import load_profile, today
from titian.countries.registry import get_country
from titian.errors import FieldError, Forbidden, Invalid
from titian.kit.clock import utcnow
from titian.kit.locking import ensure_version
from titian.referrals import gaps_store, repository
from titian.referrals.case_need import need_profile
from titian.referrals.matching import MatchResult
from titian.referrals.matching_inputs import MatchingInputError
from titian.referrals.models import Referral, ReferralEvent
from titian.referrals.schemas import (
    ChoiceCounts,
    EmergencyReferralCreate,
    EventRead,
    ExclusionRead,
    OfferRead,
    ReferralChoose,
    ReferralCreate,
    ReferralRead,
    ReferralSummary,
)
from titian.referrals.tracking import (
    Party,
    ReferralState,
    allowed_actions,
    is_active,
    parties,
)
from titian.services.models import Service
from titian.services.repository import RETIRED_STATUSES
from titian.services.service_matching import match_need

CREATE_ACTION = "create"
CHOOSE_ACTION = "choose"
EMERGENCY_ACTION = "emergency"


def require_sender(principal: Principal) -> None:
    if not policies.has(principal, Permission.CASES_WRITE):
        raise Forbidden("your role does not allow making referrals")


def add_event(
    session: Session,
    principal: Principal,
    referral: Referral,
    action: str,
    before: ReferralState | None,
    note: str | None = None,
) -> ReferralEvent:
    event = ReferralEvent(
        referral_id=referral.id,
        action=action,
        from_state=before.value if before else None,
        to_state=referral.state.value,
        actor_id=principal.user_id,
        agency_id=principal.agency_id,
        note=note,
        at=utcnow(),
    )
    session.add(event)
    return event


def _offers(result: MatchResult) -> list[dict[str, Any]]:
    return [
        {
            "service_id": e.service_id,
            "agency_id": e.agency_id,
            "name": e.name,
            "score": e.score,
            "reasons": [r.text for r in e.reasons],
            "caveats": [c.text for c in e.caveats],
            "lgbtqi_affirming": e.lgbtqi_affirming,
        }
        for e in result.eligible
    ]


def _exclusions(result: MatchResult) -> list[dict[str, Any]]:
    return [
        {
            "service_id": x.service_id,
            "name": x.name,
            "reasons": [{"code": r.code.value, "text": r.text} for r in x.reasons],
        }
        for x in result.excluded
    ]


def match_for_case(session: Session, case: Case, data: ReferralCreate) -> MatchResult:
    """Matching for one need of the case, from its profile (``case_need.need_profile``)."""
    profile = load_profile(session, case)
    try:
        need = need_profile(profile, get_country(case.country), data.need, data.area, today())
    except MatchingInputError as exc:
        raise Invalid("the need cannot be matched", [FieldError("area", str(exc))]) from exc
    return match_need(session, need)


def create_referral(session: Session, principal: Principal, data: ReferralCreate) -> Referral:
    """Find services for the need: a draft referral holding the offer list, the exclusions with
    reasons and the gap; a gap is also recorded for the gap report (C10)."""
    case = cases.get_owned_case(session, principal, data.case_id)
    require_sender(principal)
    result = match_for_case(session, case, data)
    gap = gaps_store.gap_read(result.gap).model_dump() if result.gap else None
    referral = Referral(
        case_id=case.id,
        need=data.need.value,
        country=case.country,
        area=data.area.upper(),
        from_agency_id=principal.agency_id,
        created_by_id=principal.user_id,
        state=ReferralState.DRAFT,
        offered=_offers(result),
        excluded=_exclusions(result),
        gap=gap,
        data_categories=[],
    )
    session.add(referral)
    session.flush()
    if result.gap is not None:
        gaps_store.record_gaps(session, [result.gap])
    add_event(session, principal, referral, CREATE_ACTION, None)
    audit.record(
        session,
        principal,
        "referral.create",
        "referral",
        referral.id,
        {
            "case_id": str(case.id),
            "need": referral.need,
            "offered": len(referral.offered),
            "excluded": len(referral.excluded),
            "gap": gap["kind"] if gap else "",
        },
    )
    return referral


def create_emergency_referral(
    session: Session, principal: Principal, data: EmergencyReferralCreate
) -> Referral:
    """C16's shortcut: from an interview of an owned case, find services for an emergency need
    now. The referral is an ordinary one (matching, exclusions, gap, the person's choice, consent
    or a supervisor's override to send) marked ``emergency`` and tied to the interview."""
    case = cases.get_owned_case(session, principal, data.case_id)
    interview = cases.get_interview(session, case.id, data.interview_id)
    create = ReferralCreate(case_id=case.id, need=data.need, area=data.area)
    referral = create_referral(session, principal, create)
    referral.emergency = True
    referral.from_interview_id = interview.id
    note = f"emergency from the {interview.purpose.value} interview of {interview.held_on}"
    add_event(session, principal, referral, EMERGENCY_ACTION, None, note)
    audit.record(
        session,
        principal,
        "referral.emergency",
        "referral",
        referral.id,
        {"case_id": str(case.id), "interview_id": str(interview.id), "need": referral.need},
    )
    session.flush()
    return referral


def choose_service(
    session: Session, principal: Principal, referral_id: uuid.UUID, data: ReferralChoose
) -> Referral:
    """Record the person's choice among the offered services (C3). A provider without a Titian
    account makes the referral off-platform: it is recorded, and no case access is opened."""
    referral, view = repository.get(session, principal, referral_id)
    if view != "sender":
        raise Forbidden("only the referring agency records the person's choice")
    require_sender(principal)
    ensure_version(referral, data.version, ["to_service_id"], {"to_service_id": data.service_id})
    if referral.state != ReferralState.DRAFT:
        raise Invalid("refused", [FieldError("state", "the choice is made before sending")])
    offer = next((o for o in referral.offered if o["service_id"] == str(data.service_id)), None)
    if offer is None:
        raise Invalid("refused", [FieldError("service_id", "choose one of the offered services")])
    chosen = session.get(Service, data.service_id)
    if chosen is None or chosen.status in RETIRED_STATUSES:
        message = "this service has left the directory since the offer: find services again"
        raise Invalid("refused", [FieldError("service_id", message)])
    referral.to_service_id = data.service_id
    referral.to_service_name = str(offer["name"])[:300]
    agency = offer.get("agency_id") or ""
    referral.to_agency_id = uuid.UUID(agency) if agency else None
    referral.off_platform = referral.to_agency_id is None
    session.flush()
    add_event(session, principal, referral, CHOOSE_ACTION, referral.state, referral.to_service_name)
    audit.record(
        session,
        principal,
        "referral.choose",
        "referral",
        referral.id,
        {"service_id": str(data.service_id), "off_platform": referral.off_platform},
    )
    return referral


def acting_as(principal: Principal, referral: Referral, view: str) -> frozenset[Party]:
    may_write = policies.has(principal, Permission.CASES_WRITE)
    may_answer = may_write or policies.has(principal, Permission.REFERRALS_RECEIVE)
    return parties(
        is_sender=view == "sender" and may_write,
        is_receiver=view == "receiver" and may_answer,
        off_platform=referral.off_platform,
    )


def _access_open(session: Session, referral: Referral) -> bool:
    if referral.to_agency_id is None or not is_active(referral.state):
        return False
    return any(
        g.active and g.source_id == referral.id and g.agency_id == referral.to_agency_id
        for g in cases.grants_of(session, referral.case_id)
    )


def to_read(session: Session, principal: Principal, referral: Referral, view: str) -> ReferralRead:
    """The referral as ``view`` sees it (the receiver does not see the offer list, the
    exclusions or the gap: they describe the person's groups)."""
    sender = view == "sender"
    case = cases.get_case_row(session, referral.case_id)
    return ReferralRead(
        id=referral.id,
        view=view,
        case_id=referral.case_id,
        case_number=case.number,
        need=referral.need,
        country=referral.country,
        area=referral.area,
        state=referral.state,
        from_agency_id=referral.from_agency_id,
        to_agency_id=referral.to_agency_id,
        to_service_id=referral.to_service_id,
        to_service_name=referral.to_service_name,
        off_platform=referral.off_platform,
        offered=[OfferRead.model_validate(o) for o in referral.offered] if sender else [],
        excluded=[ExclusionRead.model_validate(x) for x in referral.excluded] if sender else [],
        gap=referral.gap if sender else None,
        person_declined_reason=referral.person_declined_reason if sender else None,
        data_categories=list(referral.data_categories),
        identifying=referral.identifying,
        consent_id=referral.consent_id if sender else None,
        emergency_override=referral.emergency_override,
        emergency=referral.emergency,
        from_interview_id=referral.from_interview_id if sender else None,
        override_reason=referral.override_reason if sender else None,
        decline_reason=referral.decline_reason,
        withdraw_reason=referral.withdraw_reason,
        created_at=referral.created_at,
        sent_at=referral.sent_at,
        accepted_at=referral.accepted_at,
        closed_at=referral.closed_at,
        seconds_to_acceptance=referral.seconds_to_acceptance,
        case_access_open=_access_open(session, referral),
        actions=list(allowed_actions(referral.state, acting_as(principal, referral, view))),
        events=[EventRead.model_validate(e) for e in repository.events_of(session, referral.id)],
        version=referral.version,
    )


def read_referral(session: Session, principal: Principal, referral_id: uuid.UUID) -> ReferralRead:
    """One referral, audited as a read."""
    referral, view = repository.get(session, principal, referral_id)
    audit.record(session, principal, "referral.read", "referral", referral.id, {"view": view})
    return to_read(session, principal, referral, view)


def list_referrals(
    session: Session,
    principal: Principal,
    *,
    state: ReferralState | None = None,
    case_id: uuid.UUID | None = None,
    incoming: bool | None = None,
) -> list[ReferralSummary]:
    rows = repository.list_visible(
        session, principal, state=state, case_id=case_id, incoming=incoming
    )
    numbers = {c.id: c.number for c in (cases.get_case_row(session, r.case_id) for r in rows)}
    return [
        ReferralSummary(
            id=r.id,
            case_id=r.case_id,
            case_number=numbers[r.case_id],
            need=r.need,
            state=r.state,
            direction="outgoing" if r.from_agency_id == principal.agency_id else "incoming",
            to_service_name=r.to_service_name,
            emergency_override=r.emergency_override,
            emergency=r.emergency,
            created_at=r.created_at,
            sent_at=r.sent_at,
            seconds_to_acceptance=r.seconds_to_acceptance,
        )
        for r in rows
    ]


def choice_counts(session: Session, principal: Principal) -> ChoiceCounts:
    """C3 over the principal's agency's referrals: "declined" apart from "not offered"."""
    if not repository.may_send(principal):
        raise Forbidden("your role does not allow reading referral counts")
    counts = repository.sender_counts(session, principal.agency_id)
    not_offered = counts.get("_not_offered", 0)
    declined = counts.get(ReferralState.PERSON_DECLINED.value, 0)
    drafts = counts.get(ReferralState.DRAFT.value, 0)
    total = sum(v for k, v in counts.items() if not k.startswith("_"))
    return ChoiceCounts(
        chosen=max(0, total - declined - drafts - _withdrawn_unsent(session, principal)),
        declined_by_person=declined,
        not_offered=not_offered,
        awaiting_choice=drafts,
    )


def _withdrawn_unsent(session: Session, principal: Principal) -> int:
    rows = repository.list_visible(
        session, principal, state=ReferralState.WITHDRAWN, incoming=False, limit=100000
    )
    return sum(1 for r in rows if r.sent_at is None)
