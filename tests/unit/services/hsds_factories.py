"""Factories of the HSDS tests: the official Open Referral examples (tests/fixtures/hsds, CC BY-SA
4.0, see LICENSE.txt there) and a synthetic Titian directory built from typed ``create_*``
helpers. No real service or person data."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from titian.services.hsds import BED_UNIT
from titian.services.hsds_model import (
    Directory,
    DirectoryAccessibility,
    DirectoryAddress,
    DirectoryCapacity,
    DirectoryContact,
    DirectoryCostOption,
    DirectoryLanguage,
    DirectoryLocation,
    DirectoryOrganization,
    DirectoryPhone,
    DirectorySchedule,
    DirectoryService,
    DirectoryServiceArea,
    DirectoryServiceAtLocation,
    GesiProfile,
)
from titian.services.vocab import (
    AccessibilityFeature,
    CitizenshipAccepted,
    CostType,
    GenderAccepted,
    LanguageMode,
    ServiceType,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "hsds"
_NS = uuid.UUID("0d5a3c1e-7f1b-4d7e-9a55-3b0c8a1f2e64")


def uid(name: str) -> str:
    """A stable synthetic UUID for a test object."""
    return str(uuid.uuid5(_NS, name))


def create_gesi_profile() -> GesiProfile:
    return GesiProfile(
        genders_accepted=frozenset({GenderAccepted.WOMEN, GenderAccepted.GIRLS}),
        citizenship_accepted=frozenset(
            {CitizenshipAccepted.NON_CITIZENS, CitizenshipAccepted.STATELESS}
        ),
        accepts_unaccompanied_children=True,
        minimum_age=12,
        maximum_age=60,
        accessibility=frozenset(
            {AccessibilityFeature.STEP_FREE_ACCESS, AccessibilityFeature.SIGN_LANGUAGE}
        ),
        lgbtqi_affirming=True,
        service_types=frozenset({ServiceType.SHELTER, ServiceType.PSYCHOSOCIAL}),
        cost=CostType.FREE,
    )


def create_location(org_id: str) -> DirectoryLocation:
    return DirectoryLocation(
        id=uid("location"),
        location_type="physical",
        name="Safe house North",
        organization_id=org_id,
        latitude=13.75,
        longitude=100.5,
        addresses=(
            DirectoryAddress(
                id=uid("address"),
                address_1="1 Example Road",
                city="Bangkok",
                state_province="Bangkok",
                postal_code="10100",
                country="TH",
                address_type="physical",
            ),
        ),
        accessibility=(
            DirectoryAccessibility(uid("access"), description="Ramp at the side entrance"),
        ),
        phones=(DirectoryPhone(uid("phone-loc"), "+66 2 000 0000", type="voice"),),
        extra_fields=(("transportation", "Bus 8"),),
    )


def create_service(
    org_id: str, location_id: str, name: str = "Women's shelter"
) -> DirectoryService:
    updated = datetime(2026, 11, 1, 8, 30, tzinfo=UTC)
    return DirectoryService(
        id=uid(name),
        name=name,
        status="active",
        organization_id=org_id,
        description="Synthetic shelter for tests.",
        eligibility_description="Women and girls aged 12 and over, any nationality.",
        interpretation_services="Burmese and Malay (Jawi) through interpreters.",
        gesi=create_gesi_profile(),
        languages=(
            DirectoryLanguage(uid(name + "lang-th"), "th", "Thai"),
            DirectoryLanguage(
                uid(name + "lang-my"), "my", "Burmese", mode=LanguageMode.INTERPRETATION
            ),
            DirectoryLanguage(
                uid(name + "lang-ms"), "ms-Arab", "Malay (Jawi)", mode=LanguageMode.INTERPRETATION
            ),
        ),
        phones=(
            DirectoryPhone(
                uid(name + "phone"),
                "+66 2 111 1111",
                type="voice",
                languages=(DirectoryLanguage(uid(name + "phone-lang"), "th", "Thai"),),
            ),
        ),
        contacts=(
            DirectoryContact(uid(name + "contact"), name="Duty officer", email="duty@example.org"),
        ),
        schedules=(
            DirectorySchedule(
                uid(name + "schedule"),
                freq="WEEKLY",
                byday="MO,TU,WE,TH,FR,SA,SU",
                opens_at="00:00+07:00",
                closes_at="23:59+07:00",
                extra_fields=(("wkst", "MO"),),
            ),
        ),
        service_areas=(
            DirectoryServiceArea(
                uid(name + "area-1"), "Bangkok", extent="TH-10", extent_type="text"
            ),
            DirectoryServiceArea(uid(name + "area-2"), "Thailand", extent="TH", extent_type="text"),
        ),
        locations=(DirectoryServiceAtLocation(uid(name + "sal"), location_id),),
        capacities=(
            DirectoryCapacity(
                uid(name + "capacity"), BED_UNIT, available=3, updated=updated, maximum=10
            ),
        ),
        cost_options=(
            DirectoryCostOption(uid(name + "cost"), option="All", amount=0, currency="THB"),
        ),
        extra_fields=(("wait_time", "Same day"),),
    )


def create_directory() -> Directory:
    org = DirectoryOrganization(
        id=uid("org"),
        name="Example Support Foundation",
        description="Synthetic NGO for tests.",
        email="info@example.org",
        website="https://example.org",
    )
    lone = DirectoryOrganization(uid("org-2"), "Second NGO", "Has no service yet.")
    location = create_location(org.id)
    services = (
        create_service(org.id, location.id),
        DirectoryService(uid("legal"), "Legal aid desk", "active", organization_id=org.id),
    )
    return Directory(organizations=(org, lone), services=services, locations=(location,))
