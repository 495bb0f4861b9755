"""Screening fixtures: synthetic cases of agency A and answer sets (no real data)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.support.fixtures import World
from titian.auth.policies import Principal
from titian.auth.service import principal_for
from titian.cases import service
from titian.cases.models import Case
from titian.cases.profile import CaseProfile
from titian.cases.schemas import CaseCreate

#: A complete interview record (C4, C5): same language, preference recorded and honoured.
SAFE_INTERVIEW: dict[str, Any] = {
    "language": "th",
    "interviewer_languages": ["th"],
    "interviewer_gender": "female",
    "gender_preference": "female",
    "preference_honoured": True,
    "safe_location_checked": True,
    "risk_assessed": True,
    "emergency_plan": "call the shelter hotline",
}

#: Adult labour answers that reach presumed victim: D1 (S+M), D4 (S+M), D5 (S+S).
PRESUMED: dict[str, str] = {
    "d1.nature_job_location_employer": "yes",
    "d1.wages": "yes",
    "d4.excessive_hours": "yes",
    "d4.low_no_salary": "yes",
    "d5.documents": "yes",
    "d5.debt_bondage": "yes",
    "d2.violence_victim": "no",
}
#: Exploitation only.
EXPLOITED: dict[str, str] = {"d4.excessive_hours": "yes", "d4.hazardous": "yes"}


def profile(**changes: Any) -> CaseProfile:
    base: dict[str, Any] = {
        "gender": "woman",
        "preferred_language": "th",
        "citizenship_status": "known",
        "citizenships": ["TH"],
        "identification_status": "possible",
        "custody_status": "shelter_open",
    }
    return CaseProfile.model_validate(base | changes)


CaseMaker = Callable[..., Case]


@pytest.fixture
def as_principal(world: World) -> Callable[[str], Principal]:
    return lambda name: principal_for(world[name])


@pytest.fixture
def make_case(db: Session, world: World) -> CaseMaker:
    def make(user: str = "caseworker_a", identified: bool = True, **changes: Any) -> Case:
        data = CaseCreate(
            profile=profile(**changes), identified_on=date(2026, 3, 2) if identified else None
        )
        case = service.create_case(db, principal_for(world[user]), data)
        db.flush()
        return case

    return make
