"""Case fixtures: principals for the personas and typed ``create_case`` helpers (synthetic)."""

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
from titian.cases.schemas import CaseCreate, CaseIdentity

#: Synthetic identifying values; the raw-database test checks that none of them is stored.
SECRET_IDENTITY = CaseIdentity(
    given_name="Zephyrine",
    family_name="Quillbottom-Demo",
    aliases=("Little Quasar",),
    phones=("+66-81-555-0199",),
    emails=("zephyrine.demo@example.invalid",),
    identity_documents=("passport XQ9471235",),
    addresses=("17 Lantern Moth Lane, Nowhere",),
)
SECRET_BIRTH = date(1994, 3, 17)
SECRETS = (
    "Zephyrine",
    "Quillbottom",
    "Little Quasar",
    "81-555-0199",
    "zephyrine.demo",
    "XQ9471235",
    "Lantern Moth",
    "1994-03-17",
)


def adult_profile(**changes: Any) -> CaseProfile:
    base: dict[str, Any] = {
        "gender": "woman",
        "date_of_birth": SECRET_BIRTH.isoformat(),
        "preferred_language": "th",
        "citizenship_status": "known",
        "citizenships": ["TH"],
        "identification_status": "presumed",
        "custody_status": "shelter_open",
    }
    base.update(changes)
    return CaseProfile.model_validate(base)


CaseMaker = Callable[..., Case]


@pytest.fixture
def as_principal(world: World) -> Callable[[str], Principal]:
    return lambda name: principal_for(world[name])


@pytest.fixture
def make_case(db: Session, world: World) -> CaseMaker:
    def make(
        user: str = "caseworker_a",
        identity: CaseIdentity | None = None,
        justice: bool = False,
        **profile: Any,
    ) -> Case:
        data = CaseCreate(
            profile=adult_profile(**profile),
            identity=identity or SECRET_IDENTITY,
            identified_on=date(2026, 3, 2),
            justice_agency_id=world.justice.id if justice else None,
        )
        case = service.create_case(db, principal_for(world[user]), data)
        db.flush()
        return case

    return make
