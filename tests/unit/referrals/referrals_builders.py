"""Shared builders for the referrals unit tests: a small synthetic shelter directory in Thailand
(Bangkok TH-10, Chiang Mai TH-50) and need profiles. No real data."""

from __future__ import annotations

from typing import Any

from titian.referrals.matching import Eligibility, NeedProfile, ServiceOffer
from titian.referrals.vocab import (
    AccessibilityFeature as F,
)
from titian.referrals.vocab import (
    CitizenshipStatus,
    Cost,
    Gender,
    ServiceType,
)
from titian.referrals.vocab import (
    GenderEligibility as G,
)

SHELTER = ServiceType.SHELTER


def offer(sid: str, name: str, **kwargs: Any) -> ServiceOffer:
    """A Thai shelter open to everyone, serving the whole country, unless told otherwise."""
    base: dict[str, Any] = {
        "id": sid,
        "agency_id": f"agency-{sid}",
        "name": name,
        "country": "TH",
        "service_types": frozenset({SHELTER}),
        "languages": frozenset({"th"}),
    }
    base.update(kwargs)
    return ServiceOffer(**base)


def need(**kwargs: Any) -> NeedProfile:
    """An adult citizen in Bangkok needing shelter, Thai speaker, gender not stated."""
    base: dict[str, Any] = {
        "need": SHELTER,
        "country": "TH",
        "area": "TH-10",
        "age": 30,
        "citizenship": CitizenshipStatus.CITIZEN,
        "languages_preferred": ("th",),
    }
    base.update(kwargs)
    return NeedProfile(**base)


# The fixture directory. Comments give what each service declares.
WOMEN = offer(  # women and girls, Bangkok, step-free, no undocumented people, 4 places, free
    "A",
    "Women's shelter",
    areas=frozenset({"TH-10"}),
    eligibility=Eligibility(genders=frozenset({G.WOMEN, G.GIRLS}), undocumented=False),
    accessibility=frozenset({F.STEP_FREE_ACCESS}),
    capacity_free=4,
    cost=Cost.FREE,
)
MEN = offer(  # men and boys, Bangkok, Thai and Burmese, no stateless people, 2 places, free
    "B",
    "Men's shelter",
    areas=frozenset({"TH-10"}),
    eligibility=Eligibility(genders=frozenset({G.MEN, G.BOYS}), stateless=False),
    languages=frozenset({"th", "my"}),
    capacity_free=2,
    cost=Cost.FREE,
)
CHILDREN = offer(  # girls, boys, non-binary children up to 17, Thai and S'gaw Karen, signing
    "C",
    "Children's home",
    areas=frozenset({"TH-10"}),
    eligibility=Eligibility(genders=frozenset({G.GIRLS, G.BOYS, G.NON_BINARY}), age_max=17),
    languages=frozenset({"th", "ksw"}),
    accessibility=frozenset({F.SIGN_LANGUAGE}),
    capacity_free=3,
)
NATIONAL = offer(  # adults, citizens only, country-wide, LGBTQI-affirming, formats, easy-read
    "D",
    "National adult shelter",
    eligibility=Eligibility(age_min=18, non_citizens=False),
    accessibility=frozenset({F.EASY_READ, F.SCREEN_READER_FORMATS, F.PERSONAL_ASSISTANCE}),
    lgbtqi_affirming=True,
)
FULL = offer("E", "Full shelter", areas=frozenset({"TH-10"}), capacity_free=0)
CHIANG_MAI = offer("F", "Chiang Mai shelter", areas=frozenset({"TH-50"}))

DIRECTORY: tuple[ServiceOffer, ...] = (WOMEN, MEN, CHILDREN, NATIONAL, FULL, CHIANG_MAI)

__all__ = ["DIRECTORY", "SHELTER", "Gender", "need", "offer"]
