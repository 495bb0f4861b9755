"""Who sees what (C11, C17): owner, grant holders, the justice focal point, nobody else."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.cases.conftest import SECRET_IDENTITY, CaseMaker
from tests.support.factories import create_agency, create_user
from tests.support.fixtures import World
from titian.audit.models import AuditEvent
from titian.auth.models import AgencyKind, AgencySector
from titian.auth.policies import Principal, Role
from titian.auth.service import principal_for
from titian.cases import (
    service,
    service_checklist,
    service_consent,
    service_interviews,
    service_justice,
)
from titian.cases.models import Case
from titian.cases.repository import CaseFilters
from titian.cases.schemas import (
    ChecklistRecord,
    ConsentCreate,
    ConsentWithdraw,
    InterviewCreate,
    OriginNoticeCreate,
    ReturnPlanCreate,
)
from titian.errors import Forbidden, NotFound, RuleViolation
from titian.notifications import service as notifications


def _consent(db: Session, world: World, case: Case, **changes: Any) -> uuid.UUID:
    data = {
        "purpose": "referral",
        "receiver_agency_id": world.agency_b.id,
        "service_types": ["shelter"],
        "data_categories": ["identity", "profile"],
        "language": "th",
        "interpreter_present": False,
    } | changes
    row = service_consent.record_consent(
        db, principal_for(world["caseworker_a"]), case.id, ConsentCreate.model_validate(data)
    )
    return row.consent_id


def _every_case_call(case_id: uuid.UUID) -> list[Callable[[Session, Principal], object]]:
    return [
        lambda db, p: service.read_case(db, p, case_id),
        lambda db, p: service_justice.justice_view(db, p, case_id),
        lambda db, p: service_checklist.checklist(db, p, case_id),
        lambda db, p: service_checklist.record_item(
            db, p, case_id, "C8.rights_information", ChecklistRecord(status="done")
        ),
        lambda db, p: service_consent.list_consents(db, p, case_id),
        lambda db, p: service_consent.withdraw_consent(
            db, p, case_id, uuid.uuid4(), ConsentWithdraw()
        ),
        lambda db, p: service_interviews.create_interview(db, p, case_id, InterviewCreate()),
        lambda db, p: service_interviews.list_interviews(db, p, case_id),
        lambda db, p: service_justice.create_return_plan(db, p, case_id, ReturnPlanCreate()),
        lambda db, p: service_justice.send_origin_notice(
            db, p, case_id, OriginNoticeCreate(receiver="consulate", country="MM")
        ),
    ]


def test_another_agency_gets_404_on_every_case_service(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case()
    outsider = as_principal("caseworker_b")
    for call in _every_case_call(case.id):
        with pytest.raises(NotFound):
            call(db, outsider)
    assert service.list_cases(db, outsider, CaseFilters()) == []


def test_grant_opens_the_case_and_withdrawal_closes_it_again(
    db: Session, world: World, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case()
    owner, receiver = as_principal("caseworker_a"), as_principal("caseworker_b")
    consent_id = _consent(db, world, case)
    source = uuid.uuid4()
    service_consent.grant_access(db, owner, case.id, world.agency_b.id, consent_id, source)
    shared = service.read_case(db, receiver, case.id)
    assert shared.view == "shared"
    assert shared.identity is not None and shared.identity.given_name == SECRET_IDENTITY.given_name
    assert shared.identity.phones == ()  # contact not covered by the consent
    assert shared.profile["sogiesc"] is None
    assert [s.id for s in service.list_cases(db, receiver, CaseFilters())] == [case.id]
    # Support records stay with the owner.
    with pytest.raises(NotFound):
        service_consent.list_consents(db, receiver, case.id)
    service_consent.withdraw_consent(
        db, owner, case.id, consent_id, ConsentWithdraw(reason="asked")
    )
    with pytest.raises(NotFound):
        service.read_case(db, receiver, case.id)
    messages = [n.message for n in notifications.list_for(db, receiver)]
    assert any("Consent withdrawn" in m and case.number in m for m in messages)
    assert not any("Zephyrine" in m for m in messages)


def test_revoke_access_closes_the_grant(
    db: Session, world: World, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case()
    owner = as_principal("caseworker_a")
    consent_id = _consent(db, world, case)
    source = uuid.uuid4()
    service_consent.grant_access(db, owner, case.id, world.agency_b.id, consent_id, source)
    assert service_consent.revoke_access(db, owner, case.id, world.agency_b.id, source) == 1
    with pytest.raises(NotFound):
        service.read_case(db, as_principal("caseworker_b"), case.id)


def test_grant_needs_an_active_consent_naming_the_agency(
    db: Session, world: World, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case()
    owner = as_principal("caseworker_a")
    other = create_agency(db, "Third NGO", country="TH", kind=AgencyKind.NGO)
    consent_id = _consent(db, world, case)
    with pytest.raises(RuleViolation, match="names this receiving agency"):
        service_consent.grant_access(db, owner, case.id, other.id, consent_id)
    service_consent.withdraw_consent(db, owner, case.id, consent_id, ConsentWithdraw())
    with pytest.raises(RuleViolation):
        service_consent.grant_access(db, owner, case.id, world.agency_b.id, consent_id)


def test_consent_versions_are_all_kept(
    db: Session, world: World, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case()
    owner = as_principal("caseworker_a")
    consent_id = _consent(db, world, case)
    service_consent.withdraw_consent(db, owner, case.id, consent_id, ConsentWithdraw())
    versions = service_consent.list_consents(db, owner, case.id)
    assert [(v.version, v.state, v.current) for v in versions] == [
        (1, "given", False),
        (2, "withdrawn", True),
    ]


def test_justice_view_only_for_the_focal_point_and_without_support_records(
    db: Session, world: World, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    linked = make_case(justice=True)
    unlinked = make_case()
    prosecutor = as_principal("prosecutor")
    view = service_justice.justice_view(db, prosecutor, linked.id)
    assert view.identity is None and not view.support_record_linked
    assert "needs" not in view.model_dump()
    with pytest.raises(NotFound):
        service_justice.justice_view(db, prosecutor, unlinked.id)
    with pytest.raises(Forbidden, match="justice view"):
        service.read_case(db, prosecutor, linked.id)
    listed = [s.id for s in service.list_cases(db, prosecutor, CaseFilters())]
    assert listed == [linked.id]
    # A justice official of another (state) agency of the same country sees nothing.
    police = create_agency(
        db, "Police TH", country="TH", kind=AgencyKind.POLICE, sector=AgencySector.STATE
    )
    officer = principal_for(create_user(db, police, [Role.JUSTICE_OFFICIAL], "officer_th"))
    with pytest.raises(NotFound):
        service_justice.justice_view(db, officer, linked.id)


def test_justice_sees_identifiers_only_with_consent_covering_them(
    db: Session, world: World, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case(justice=True)
    owner = as_principal("caseworker_a")
    consent_id = _consent(
        db,
        world,
        case,
        purpose="legal_proceedings",
        receiver_agency_id=world.justice.id,
        service_types=[],
        data_categories=["identity", "justice"],
    )
    service_consent.grant_access(db, owner, case.id, world.justice.id, consent_id)
    view = service_justice.justice_view(db, as_principal("prosecutor"), case.id)
    assert view.identity is not None and view.identity.family_name == SECRET_IDENTITY.family_name
    assert view.identity.phones == ()


def test_every_read_is_audited(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case(justice=True)
    service.read_case(db, as_principal("caseworker_a"), case.id)
    service_justice.justice_view(db, as_principal("prosecutor"), case.id)
    service.list_cases(db, as_principal("caseworker_a"), CaseFilters())
    actions = db.execute(
        select(AuditEvent.action, AuditEvent.actor_username).where(
            AuditEvent.action.in_(["case.read", "case.list"])
        )
    ).all()
    assert ("case.read", "caseworker_a") in actions
    assert ("case.read", "prosecutor") in actions
    assert ("case.list", "caseworker_a") in actions


def test_sogiesc_consent_withdrawal_erases_sogiesc(
    db: Session, world: World, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case(sogiesc_consent=True, sogiesc={"lgbtqi": True})
    consent_id = _consent(
        db,
        world,
        case,
        purpose="sogiesc_collection",
        receiver_agency_id=world.agency_a.id,
        service_types=[],
        data_categories=["sogiesc"],
    )
    service_consent.withdraw_consent(
        db, as_principal("caseworker_a"), case.id, consent_id, ConsentWithdraw()
    )
    profile = service.load_profile(db, case)
    assert profile.sogiesc is None and not profile.sogiesc_consent
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "case.sogiesc_erased")).first()
