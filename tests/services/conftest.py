# ruff: noqa: E501 (the directory table, one service per entry)
"""A small synthetic directory on the test database: two organizations (agency A in Thailand,
agency B in Cambodia), five services chosen so that the matching tables below have one eligible,
one excluded and one gap case each. No real service or person data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from tests.support.fixtures import World
from titian.services import hsds_model as m
from titian.services.hsds import BED_UNIT
from titian.services.models import Organization
from titian.services.service_import import write_directory
from titian.services.vocab import AccessibilityFeature as F
from titian.services.vocab import CitizenshipAccepted as C
from titian.services.vocab import CostType, LanguageMode
from titian.services.vocab import GenderAccepted as G
from titian.services.vocab import ServiceType as T

HSDS = Path(__file__).resolve().parents[1] / "fixtures" / "hsds"
_NS = uuid.UUID("a3c1f0e2-5b6d-4e7f-8a9b-0c1d2e3f4a5b")
NOW = datetime(2026, 11, 1, tzinfo=UTC)


def uid(name: str) -> str:
    return str(uuid.uuid5(_NS, name))


def svc(
    key: str,
    org: str,
    types: set[T],
    areas: tuple[str, ...],
    *,
    genders: frozenset[G] = frozenset(),
    citizenship: frozenset[C] = frozenset(),
    ages: tuple[int | None, int | None] = (None, None),
    access: frozenset[F] = frozenset(),
    spoken: tuple[str, ...] = ("th",),
    interpreted: tuple[str, ...] = (),
    lgbtqi: bool = False,
    beds: tuple[int, int] | None = None,
    status: str = "active",
) -> m.DirectoryService:
    langs = tuple(m.DirectoryLanguage(uid(f"{key}/{t}"), t, t) for t in spoken) + tuple(
        m.DirectoryLanguage(uid(f"{key}/i/{t}"), t, t, mode=LanguageMode.INTERPRETATION)
        for t in interpreted
    )
    caps = (
        (m.DirectoryCapacity(uid(f"{key}/cap"), BED_UNIT, beds[0], NOW, beds[1]),) if beds else ()
    )
    return m.DirectoryService(
        id=uid(key),
        name=key,
        status=status,
        organization_id=uid(org),
        description=f"{key} (synthetic)",
        gesi=m.GesiProfile(
            genders_accepted=genders,
            citizenship_accepted=citizenship,
            minimum_age=ages[0],
            maximum_age=ages[1],
            accessibility=access,
            lgbtqi_affirming=lgbtqi,
            service_types=frozenset(types),
            cost=CostType.FREE,
        ),
        languages=langs,
        service_areas=tuple(
            m.DirectoryServiceArea(uid(f"{key}/{a}"), a, extent=a, extent_type="text")
            for a in areas
        ),
        capacities=caps,
    )


def small_directory() -> m.Directory:
    orgs = (
        m.DirectoryOrganization(uid("org-a"), "Org A (Thailand)", "synthetic"),
        m.DirectoryOrganization(uid("org-b"), "Org B (Cambodia)", "synthetic"),
    )
    services = (
        svc("Women shelter Bangkok", "org-a", {T.SHELTER}, ("TH-10",),
            genders=frozenset({G.WOMEN, G.GIRLS}), citizenship=frozenset({C.CITIZENS, C.NON_CITIZENS}),
            beds=(3, 10)),
        svc("Men shelter Chiang Mai", "org-a", {T.SHELTER}, ("TH-50",),
            genders=frozenset({G.MEN}), ages=(18, None), beds=(2, 6), interpreted=("my",)),
        svc("National legal aid", "org-a", {T.LEGAL_AID}, ("TH",),
            access=frozenset({F.SIGN_LANGUAGE, F.EASY_READ}), spoken=("th", "en")),
        svc("Rainbow house Bangkok", "org-a", {T.SHELTER, T.PSYCHOSOCIAL}, ("TH-10",),
            ages=(18, None), lgbtqi=True, beds=(1, 4)),
        svc("Clinic Phnom Penh", "org-b", {T.MEDICAL}, ("KH-12",), spoken=("km",)),
    )  # fmt: skip
    return m.Directory(organizations=orgs, services=services)


@dataclass
class SmallDirectory:
    world: World
    ids: dict[str, uuid.UUID]


@pytest.fixture
def directory(db: Session, world: World) -> SmallDirectory:
    d = small_directory()
    write_directory(db, None, d, ["test"])
    db.get_one(Organization, uuid.UUID(uid("org-a"))).agency_id = world.agency_a.id
    db.get_one(Organization, uuid.UUID(uid("org-b"))).agency_id = world.agency_b.id
    db.flush()
    return SmallDirectory(world, {s.name: uuid.UUID(s.id) for s in d.services})
