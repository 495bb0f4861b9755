"""The justice view (C6, C7, C17), return plans (C12) and notices to the country of origin (C13).

Justice view: what a justice official of the case's justice focal point sees. A sealed,
pseudonymous case number; identification status and deciding body; custody; charges with the
non-punishment flag (C7; ACTIP 14(7), OHCHR P7); milestones of the proceedings; open alerts. No
support records (needs, checklist, interviews, consents). Identifiers appear only when an active
consent names the justice agency and covers ``identity`` (for example a statement the person
agreed to give): "identifiers only where the role needs them".
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.cases import repository
from titian.cases.enforcement import (
    ReturnReadiness,
    RiskAssessment,
    check_origin_notice_allowed,
    return_violations,
)
from titian.cases.enforcement import RuleViolation as PureViolation
from titian.cases.models import Case, OriginNotice, ReturnPlan, ReturnStatus
from titian.cases.profile import CaseProfile
from titian.cases.schemas import (
    AlertRead,
    JusticeView,
    OriginNoticeCreate,
    ReadyBlocker,
    ReturnPlanCreate,
    ReturnPlanRead,
    ReturnPlanStatusChange,
    ReturnPlanUpdate,
)
from titian.cases.vocab import ProceedingsState, ReturnWish, RiskLevel
from titian.errors import Forbidden, NotFound, RuleViolation
from titian.kit.locking import ensure_version


def _violation(found: PureViolation) -> RuleViolation:
    return RuleViolation(found.rule_id, found.field, f"{found.rule_id}: {found.message}")


def justice_view(session: Session, principal: Principal, case_id: uuid.UUID) -> JusticeView:
    """The justice view of a case, for its justice focal point and its owner; audited."""
    from titian.cases.service import load_profile
    from titian.cases.service_consent import covered_categories
    from titian.cases.service_identity import load_identity

    case, view = repository.get_case(session, principal, case_id)
    if view == "shared":
        raise NotFound(repository.NOT_FOUND)
    profile = load_profile(session, case, with_birth=False)
    identity = None
    if view == "owner" or "identity" in covered_categories(session, case, principal.agency_id):
        full, _ = load_identity(session, case)
        identity = full.model_copy(update={"phones": (), "emails": (), "addresses": ()})
    alerts = repository.open_alerts(session, [case.id])
    audit.record(
        session,
        principal,
        "case.read",
        "case",
        case.id,
        {"view": "justice", "identifiers": identity is not None},
    )
    return JusticeView(
        id=case.id,
        number=case.number,
        country=case.country,
        status=case.status,
        identified_on=case.identified_on,
        identification_status=profile.identification_status.value,
        deciding_body=profile.deciding_body.value if profile.deciding_body else None,
        custody_status=profile.custody_status.value,
        charges=[c.model_dump(mode="json") for c in profile.charges],
        non_punishment_flagged=case.non_punishment,
        milestones=[m.model_dump(mode="json") for m in profile.milestones],
        alerts=[AlertRead.model_validate(a) for a in alerts],
        identity=identity,
        support_record_linked=view == "owner",
    )


# ---------------------------------------------------------------------------------------------
# C12: return plans
# ---------------------------------------------------------------------------------------------


def _owned_for_write(session: Session, principal: Principal, case_id: uuid.UUID) -> Case:
    case = repository.get_owned_case(session, principal, case_id)
    if not policies.has(principal, Permission.CASES_WRITE):
        raise Forbidden("your role does not allow editing cases")
    return case


def readiness_of(plan: ReturnPlan) -> ReturnReadiness:
    assessment = None
    if plan.risk_level and plan.risk_assessed_on and plan.risk_assessed_by:
        assessment = RiskAssessment(
            level=RiskLevel(plan.risk_level),
            assessed_on=plan.risk_assessed_on,
            assessed_by=plan.risk_assessed_by,
        )
    return ReturnReadiness(
        risk_assessment=assessment,
        person_wish=ReturnWish(plan.person_wish) if plan.person_wish else None,
        proceedings=ProceedingsState(plan.proceedings) if plan.proceedings else None,
        destination_right_of_residence=plan.destination_right_of_residence,
    )


def _apply_plan(plan: ReturnPlan, data: ReturnPlanCreate | ReturnPlanUpdate) -> None:
    values = data.model_dump(exclude={"version"}, exclude_unset=True)
    for name, value in values.items():
        setattr(plan, name, value.value if isinstance(value, StrEnum) else value)


def create_return_plan(
    session: Session, principal: Principal, case_id: uuid.UUID, data: ReturnPlanCreate
) -> ReturnPlan:
    case = _owned_for_write(session, principal, case_id)
    plan = ReturnPlan(case_id=case.id, status=ReturnStatus.DRAFT)
    _apply_plan(plan, data)
    session.add(plan)
    session.flush()
    audit.record(
        session, principal, "case.return.create", "case", case.id, {"plan_id": str(plan.id)}
    )
    return plan


def update_return_plan(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    plan_id: uuid.UUID,
    data: ReturnPlanUpdate,
) -> ReturnPlan:
    """Edit a plan. A ready plan whose conditions fail after the edit (the risk became high)
    goes back to draft: a return never stays ready while the risk is high (C12)."""
    from titian.cases.service import load_profile

    case = _owned_for_write(session, principal, case_id)
    plan = repository.get_return_plan(session, case.id, plan_id)
    submitted = data.model_dump(mode="json", exclude={"version"}, exclude_unset=True)
    ensure_version(plan, data.version, submitted, submitted)
    _apply_plan(plan, data)
    details: dict[str, object] = {"plan_id": str(plan.id), "fields": sorted(submitted)}
    if plan.status == ReturnStatus.READY and return_violations(
        readiness_of(plan), load_profile(session, case, with_birth=False)
    ):
        plan.status = ReturnStatus.DRAFT
        details["back_to_draft"] = True
    session.flush()
    audit.record(session, principal, "case.return.update", "case", case.id, details)
    return plan


def set_return_status(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    plan_id: uuid.UUID,
    data: ReturnPlanStatusChange,
) -> ReturnPlan:
    """Move a plan on. ``ready`` needs a risk assessment, the person's wish and the state of
    proceedings, never with a high risk, and for a stateless person a destination with a right
    of residence (C12; ACTIP 15)."""
    from titian.cases.service import load_profile

    case = _owned_for_write(session, principal, case_id)
    plan = repository.get_return_plan(session, case.id, plan_id)
    ensure_version(plan, data.version, (), {})
    if data.status in (ReturnStatus.READY, ReturnStatus.COMPLETED):
        profile: CaseProfile = load_profile(session, case, with_birth=False)
        found = return_violations(readiness_of(plan), profile)
        if found:
            raise _violation(found[0])
    plan.status = data.status
    session.flush()
    audit.record(
        session,
        principal,
        "case.return.status",
        "case",
        case.id,
        {"plan_id": str(plan.id), "status": data.status.value},
    )
    return plan


def list_return_plans(
    session: Session, principal: Principal, case_id: uuid.UUID
) -> list[ReturnPlan]:
    case = repository.get_owned_case(session, principal, case_id)
    return list(repository.return_plans_of(session, case.id))


def _blockers(found: list[PureViolation]) -> list[ReadyBlocker]:
    return [
        ReadyBlocker(rule=v.rule_id, field=v.field, message=f"{v.rule_id}: {v.message}")
        for v in found
    ]


def plan_read(
    session: Session, plan: ReturnPlan, profile: CaseProfile | None = None
) -> ReturnPlanRead:
    """A plan as the doors show it, with what still keeps a draft or ready plan from being
    ready (C12), so the person editing it sees every missing record at once."""
    from titian.cases.service import load_profile

    read = ReturnPlanRead.model_validate(plan)
    if plan.status not in (ReturnStatus.DRAFT, ReturnStatus.READY):
        return read
    if profile is None:
        case = repository.get_case_row(session, plan.case_id)
        profile = load_profile(session, case, with_birth=False)
    blockers = _blockers(return_violations(readiness_of(plan), profile))
    return read.model_copy(update={"blockers": blockers})


def return_plan_reads(
    session: Session, principal: Principal, case_id: uuid.UUID
) -> list[ReturnPlanRead]:
    """Every return plan of the case (owner only), oldest first, with its C12 blockers; the
    read is audited."""
    from titian.cases.service import load_profile

    case = repository.get_owned_case(session, principal, case_id)
    profile = load_profile(session, case, with_birth=False)
    plans = [plan_read(session, p, profile) for p in repository.return_plans_of(session, case.id)]
    details = {"view": "return_plans", "plans": len(plans)}
    audit.record(session, principal, "case.read", "case", case.id, details)
    return plans


# ---------------------------------------------------------------------------------------------
# C13: notice to the country of origin
# ---------------------------------------------------------------------------------------------


def list_origin_notices(
    session: Session, principal: Principal, case_id: uuid.UUID
) -> list[OriginNotice]:
    case = repository.get_owned_case(session, principal, case_id)
    return list(repository.origin_notices_of(session, case.id))


def origin_notice_blocker(
    session: Session, principal: Principal, case_id: uuid.UUID
) -> ReadyBlocker | None:
    """Why a notice to the country of origin would be refused now (C13), or None."""
    from titian.cases.enforcement import RuleViolation as Pure
    from titian.cases.service import load_profile

    case = repository.get_owned_case(session, principal, case_id)
    try:
        check_origin_notice_allowed(load_profile(session, case, with_birth=False))
    except Pure as exc:
        return _blockers([exc])[0]
    return None


def send_origin_notice(
    session: Session, principal: Principal, case_id: uuid.UUID, data: OriginNoticeCreate
) -> OriginNotice:
    """Record a notice to a consulate or the sending state, only when the person said they do
    not object (C13; ACTIP 14(3)); a blank answer counts as an objection."""
    from titian.cases.enforcement import RuleViolation as Pure
    from titian.cases.service import load_profile

    case = _owned_for_write(session, principal, case_id)
    try:
        check_origin_notice_allowed(load_profile(session, case, with_birth=False))
    except Pure as exc:
        raise _violation(exc) from exc
    notice = OriginNotice(
        case_id=case.id, receiver=data.receiver, country=data.country, sent_by_id=principal.user_id
    )
    session.add(notice)
    session.flush()
    audit.record(
        session,
        principal,
        "case.origin_notice",
        "case",
        case.id,
        {"receiver": data.receiver.value, "country": data.country},
    )
    return notice
