"""Demo referrals (issue 4, item 6): from adult demo cases of every demo country, for a cycle of
needs, in every state — drafts, sent, accepted, in progress, completed, declined by the provider
with a reason, withdrawn with a reason, declined by the person (C3) — some sent under an
emergency override by a demo supervisor, and gaps recorded from the real referrals whose need no
service fits (C10). Synthetic only; idempotent: nothing is added once referrals exist.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from titian.auth import service as auth_service
from titian.auth.models import Agency, User
from titian.auth.policies import Permission, Principal, Role, has
from titian.auth.schemas import UserCreate
from titian.cases import service_consent
from titian.cases.models import Case
from titian.cases.schemas import ConsentCreate
from titian.countries.registry import subdivisions
from titian.demo.agencies import DEMO_COUNTRIES
from titian.demo.loader import DEMO_PASSWORD, DemoState, demo_password_hash
from titian.referrals import service, service_moves
from titian.referrals.models import Referral
from titian.referrals.schemas import ReferralChoose, ReferralCreate, ReferralMove, ReferralSend
from titian.referrals.sharing import receiver_class_for
from titian.referrals.tracking import ReferralAction as A
from titian.referrals.vocab import ServiceType

PER_COUNTRY = 10
NEEDS = (
    ServiceType.SHELTER, ServiceType.LEGAL_AID, ServiceType.PSYCHOSOCIAL, ServiceType.MEDICAL,
    ServiceType.LIVELIHOOD,
)  # fmt: skip
#: The path of the i-th referral of a country: the moves after sending ("" = stays a draft).
PLANS: tuple[tuple[str, ...], ...] = (
    ("draft",),
    ("send",),
    ("send", "accept"),
    ("send", "accept", "start"),
    ("send", "accept", "start", "complete"),
    ("send", "decline"),
    ("send", "withdraw"),
    ("person_decline",),
    ("override", "accept"),
    ("override",),
)
REASONS = {
    "decline": "No place until next month; please refer again after the 15th.",
    "withdraw": "The person moved to a relative's home and asked to stop.",
    "person_decline": "The person prefers the women's group run by her own community.",
    "override": "Imminent danger: the person was located by the exploiter tonight.",
}


def _user(
    session: Session, agency: Agency, name: str, roles: list[Role], grants: list[Permission]
) -> Principal:
    user = session.scalars(select(User).where(User.username == name)).first()
    if user is None:
        user = auth_service.create_user(
            session,
            None,
            UserCreate(
                username=name,
                display_name=f"Demo {name.split('_')[1]} ({agency.short_name or agency.name})",
                password=DEMO_PASSWORD,
                agency_id=agency.id,
                roles=roles,
                grants=grants,
            ),
            password_hash=demo_password_hash(),
        )
    return auth_service.principal_for(user)


def _worker(session: Session, agency: Agency, supervisor: bool = False) -> Principal:
    """A case worker of the agency (from earlier steps), or its demo supervisor."""
    key = (agency.short_name or str(agency.id)[:8]).lower().replace("-", "_")
    if supervisor:
        name = f"demo_supervisor_{key}"
        return _user(session, agency, name, [Role.CASE_WORKER], [Permission.CONSENT_OVERRIDE])
    for user in session.scalars(select(User).where(User.agency_id == agency.id)):
        principal = auth_service.principal_for(user)
        if has(principal, Permission.CASES_WRITE):
            return principal
    return _user(session, agency, f"demo_cw_{key}", [Role.CASE_WORKER], [])


def _receiver(session: Session, agency_id: uuid.UUID) -> Principal:
    agency = session.get_one(Agency, agency_id)
    for user in session.scalars(select(User).where(User.agency_id == agency_id)):
        principal = auth_service.principal_for(user)
        if has(principal, Permission.REFERRALS_RECEIVE) or has(principal, Permission.CASES_WRITE):
            return principal
    key = (agency.short_name or str(agency.id)[:8]).lower().replace("-", "_")
    return _user(session, agency, f"demo_provider_{key}", [Role.SERVICE_PROVIDER], [])


def _consent(session: Session, sender: Principal, case: Case, referral: Referral) -> bool:
    """A referral consent for this receiver (or its class) and service type; False when the
    receiver cannot be named (then only non-identifying data is sent)."""
    to_self = referral.to_agency_id in (None, case.owner_agency_id)
    klass = receiver_class_for(referral.need)
    if to_self and klass is None:
        return False
    data = ConsentCreate.model_validate(
        {
            "purpose": "referral",
            "receiver_agency_id": None if to_self else referral.to_agency_id,
            "receiver_class": klass if to_self else None,
            "service_types": [referral.need],
            "data_categories": ["identity", "contact", "needs"],
            "language": (case.profile or {}).get("preferred_language") or "en",
            "interpreter_present": False,
            "informed_of": [],
        }
    )
    service_consent.record_consent(session, sender, case.id, data)
    return True


def _send(session: Session, sender: Principal, case: Case, r: Referral, override: bool) -> None:
    supervisor = _worker(session, session.get_one(Agency, case.owner_agency_id), True)
    if override:
        body = ReferralSend.model_validate(
            {"data_categories": ["identity", "needs"], "emergency_override": True,
             "override_reason": REASONS["override"], "version": r.version}
        )  # fmt: skip
        service_moves.send_referral(session, supervisor, r.id, body)
        return
    categories = ["identity", "needs"] if _consent(session, sender, case, r) else ["needs"]
    body = ReferralSend.model_validate({"data_categories": categories, "version": r.version})
    service_moves.send_referral(session, sender, r.id, body)


def _follow(
    session: Session, sender: Principal, case: Case, r: Referral, plan: tuple[str, ...]
) -> None:
    for step in plan:
        if step == "draft":
            return
        if step in ("send", "override"):
            _send(session, sender, case, r, step == "override")
            continue
        action = A(step)
        receiver_side = action in (A.ACCEPT, A.DECLINE, A.START, A.COMPLETE)
        own = r.off_platform or r.to_agency_id == r.from_agency_id
        actor = (
            _receiver(session, r.to_agency_id)
            if receiver_side and not own and r.to_agency_id
            else sender
        )
        move = ReferralMove(reason=REASONS.get(step), version=r.version)
        service_moves.move(session, actor, r.id, action, move)


def _one(session: Session, case: Case, index: int) -> str:
    agency = session.get_one(Agency, case.owner_agency_id)
    sender = _worker(session, agency)
    area = agency.area or subdivisions(case.country)[0][0]
    need = NEEDS[index % len(NEEDS)]
    r = service.create_referral(
        session, sender, ReferralCreate(case_id=case.id, need=need, area=area)
    )
    if not r.offered:
        return "gap"
    plan = PLANS[index % len(PLANS)]
    if plan != ("person_decline",):
        others = [o for o in r.offered if o["agency_id"] not in ("", str(case.owner_agency_id))]
        offer = (others or r.offered)[0]
        choice = ReferralChoose(service_id=uuid.UUID(offer["service_id"]), version=r.version)
        r = service.choose_service(session, sender, r.id, choice)
    _follow(session, sender, case, r, plan)
    return r.state.value


def load_referrals(session: Session, state: DemoState) -> None:
    if session.scalar(select(func.count(Referral.id))):
        return
    made: dict[str, int] = {}
    for country in DEMO_COUNTRIES:
        stmt = (
            select(Case)
            .where(Case.country == country, Case.minor.is_(False), Case.number.like("%DEMO%"))
            .order_by(Case.number)
            .limit(PER_COUNTRY)
        )
        for index, case in enumerate(session.scalars(stmt).all()):
            outcome = _safely(session, partial(_one, session, case, index))
            made[outcome] = made.get(outcome, 0) + 1
    state.summary["referrals"] = sum(v for k, v in made.items() if k not in ("gap", "skipped"))
    state.summary["referrals with no suitable service"] = made.get("gap", 0)


def _safely(session: Session, make: Callable[[], str]) -> str:
    """One referral in a savepoint: a demo case the rules refuse is skipped, not half-written."""
    savepoint = session.begin_nested()
    try:
        outcome = make()
    except Exception:
        savepoint.rollback()
        return "skipped"
    savepoint.commit()
    return outcome


STEPS = [(70, load_referrals)]
