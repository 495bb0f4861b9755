"""Shared builders for the cases unit tests: synthetic profiles and a fixed country."""

from __future__ import annotations

from datetime import date
from typing import Any

from titian.cases.profile import CaseProfile
from titian.countries.registry import get_country
from titian.countries.schemas import CountrySettings, DayLimits

IDENTIFIED_ON = date(2026, 3, 2)
TODAY = date(2026, 3, 2)

# Distinct day limits, so that each due date shows which limit it came from.
TEST_LIMITS = DayLimits(
    rights_information=3,
    interpreter=1,
    guardian_appointment=5,
    recovery_services_offer=7,
    detention_review=2,
    reflection_period=30,
    risk_assessment=14,
)

BASE_PROFILE: dict[str, Any] = {
    "date_of_birth": date(1990, 5, 1),
    "preferred_language": "th",
    "citizenship_status": "known",
    "citizenships": ["TH"],
    "interviewer_gender_preference": "no_preference",
    "identification_status": "presumed",
    "custody_status": "not_in_custody",
}


def make_profile(**changes: Any) -> CaseProfile:
    """A synthetic adult Thai national in Thailand, changed by ``changes``."""
    data = {**BASE_PROFILE, **changes}
    return CaseProfile.model_validate({k: v for k, v in data.items() if v is not None})


def country_with_test_limits(code: str = "TH") -> CountrySettings:
    """The shipped settings of ``code`` with the test day limits."""
    return get_country(code).model_copy(update={"day_limits": TEST_LIMITS})
