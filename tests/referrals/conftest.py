"""Referral fixtures (synthetic): the small test directory of tests/services, with org A's
Thai services run by agency B (the receiver) and org B without an account (off-platform); a
case of agency A; consents; and a supervisor of agency A holding the override grant."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.cases.conftest import CaseMaker, make_case  # noqa: F401 (fixture)
from tests.services.conftest import small_directory, uid
from tests.support.factories import create_user
from tests.support.fixtures import World
from titian.auth.policies import Permission, Principal, Role
from titian.auth.service import principal_for
from titian.cases import service_consent
from titian.cases.models import Case
from titian.cases.schemas import ConsentCreate
from titian.referrals import service, service_moves
from titian.referrals.models import Referral
from titian.referrals.schemas import ReferralChoose, ReferralCreate, ReferralSend
from titian.services.models import Organization
from titian.services.service_import import write_directory

LEGAL_AID = "National legal aid"


@dataclass
class Setup:
    world: World
    case: Case
    services: dict[str, uuid.UUID]

    def p(self, name: str) -> Principal:
        return principal_for(self.world[name])


def write_test_directory(db: Session, world: World) -> dict[str, uuid.UUID]:
    directory = small_directory()
    write_directory(db, None, directory, ["referrals test"])
    db.get_one(Organization, uuid.UUID(uid("org-a"))).agency_id = world.agency_b.id
    db.get_one(Organization, uuid.UUID(uid("org-b"))).agency_id = None
    db.flush()
    return {s.name: uuid.UUID(s.id) for s in directory.services}


def add_supervisor(db: Session, world: World) -> None:
    if "supervisor_a" not in world.users:
        world.users["supervisor_a"] = create_user(
            db,
            world.agency_a,
            [Role.CASE_WORKER],
            "supervisor_a",
            grants=[Permission.CONSENT_OVERRIDE],
        )
        db.flush()


@pytest.fixture
def setup(db: Session, world: World, make_case: CaseMaker) -> Setup:  # noqa: F811
    services = write_test_directory(db, world)
    add_supervisor(db, world)
    case = make_case(gender="man")
    return Setup(world, case, services)


def consent(
    db: Session,
    s: Setup,
    categories: tuple[str, ...] = ("identity", "contact", "needs"),
    service_types: tuple[str, ...] = ("legal_aid",),
    **kw: Any,
) -> uuid.UUID:
    data = ConsentCreate.model_validate(
        {
            "purpose": "referral",
            "receiver_agency_id": s.world.agency_b.id,
            "service_types": service_types,
            "data_categories": categories,
            "language": "th",
            "interpreter_present": False,
            **kw,
        }
    )
    row = service_consent.record_consent(db, s.p("caseworker_a"), s.case.id, data)
    return row.consent_id


Draft = Callable[..., Referral]


@pytest.fixture
def draft(db: Session, setup: Setup) -> Draft:
    def make(
        need: str = "legal_aid", area: str = "TH-10", choose: str | None = LEGAL_AID
    ) -> Referral:
        p = setup.p("caseworker_a")
        body = ReferralCreate(case_id=setup.case.id, need=need, area=area)  # type: ignore[arg-type]
        referral = service.create_referral(db, p, body)
        if choose:
            sid = setup.services[choose]
            referral = service.choose_service(
                db, p, referral.id, ReferralChoose(service_id=sid, version=referral.version)
            )
        db.flush()
        return referral

    return make


def send(
    db: Session, s: Setup, referral: Referral, categories: tuple[str, ...], **kw: Any
) -> Referral:
    user = kw.pop("user", "caseworker_a")
    body = ReferralSend.model_validate(
        {"data_categories": categories, "version": referral.version, **kw}
    )
    return service_moves.send_referral(db, s.p(user), referral.id, body)
