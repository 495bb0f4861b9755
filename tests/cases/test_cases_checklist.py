"""The stored checklist follows the profile, per group (issue 3 acceptance), and overdue items.

TH day limits (countries/data/TH.yaml): rights information 3, interpreter 1, guardian 3,
recovery services 7, detention review 1, reflection 30, risk assessment 14. Identified 2 March
2026.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.cases.conftest import CaseMaker, adult_profile
from titian.auth.policies import Principal
from titian.cases import repository, service, service_checklist
from titian.cases.schemas import CaseUpdate, ChecklistRecord
from titian.errors import Invalid, NotFound

EVERYONE = {"C8.rights_information", "C9.recovery_services_offer", "C4.record_language"}
GROUPS: list[tuple[str, dict[str, Any], set[str], set[str]]] = [
    ("woman", {}, EVERYONE | {"women.female_staff_offer"}, {"C10.male_shelter"}),
    (
        "man",
        {"gender": "man"},
        {"C10.male_shelter", "C7.non_punishment_review"},
        {"women.female_staff_offer"},
    ),
    (
        "child",
        {"date_of_birth": "2013-01-09"},
        {"child.guardian", "child.assent", "child.friendly_interview", "child.child_services"},
        {"child.establish_age"},
    ),
    (
        "presumed child",
        {"date_of_birth": None, "age_band": "18-20"},
        {"child.establish_age"},
        set(),
    ),
    ("seeing", {"wg_ss": {"seeing": "a_lot_of_difficulty"}}, {"access.seeing"}, {"access.hearing"}),
    ("hearing", {"wg_ss": {"hearing": "cannot_do_at_all"}}, {"access.hearing"}, {"access.seeing"}),
    ("mobility", {"wg_ss": {"mobility": "some_difficulty"}}, {"access.mobility"}, set()),
    ("cognition", {"wg_ss": {"cognition": "a_lot_of_difficulty"}}, {"access.cognition"}, set()),
    ("self care", {"wg_ss": {"self_care": "a_lot_of_difficulty"}}, {"access.self_care"}, set()),
    (
        "communication",
        {"wg_ss": {"communication": "some_difficulty"}},
        {"access.communication"},
        set(),
    ),
    (
        "minority language",
        {"preferred_language": "ksw"},
        {"C4.interpreter_own_language", "C4.interpreter_screening", "C8.material_in_language"},
        set(),
    ),
    (
        "migrant",
        {"citizenships": ["MM"]},
        {"C13.ask_origin_objection", "migrant.reflection_period", "C12.risk_assessment"},
        {"C13.consular_notice"},
    ),
    (
        "stateless",
        {"citizenship_status": "stateless", "citizenships": []},
        {"stateless.protection_referral", "stateless.return_destination"},
        {"C13.ask_origin_objection"},
    ),
    (
        "lgbtqi",
        {"sogiesc_consent": True, "sogiesc": {"lgbtqi": True}},
        {"lgbtqi.affirming_services", "lgbtqi.name_and_pronouns", "lgbtqi.sogiesc_not_shared"},
        set(),
    ),
    (
        "detained",
        {"custody_status": "immigration_detention"},
        {"C6.release_from_detention", "C7.non_punishment_review"},
        set(),
    ),
]


def _stored(db: Session, case_id: Any) -> dict[str, Any]:
    return {r.item_id: r for r in repository.checklist_of(db, case_id) if r.applies}


@pytest.mark.parametrize(
    ("group", "profile", "present", "absent"), GROUPS, ids=[g[0] for g in GROUPS]
)
def test_stored_checklist_per_group(
    db: Session,
    make_case: CaseMaker,
    group: str,
    profile: dict[str, Any],
    present: set[str],
    absent: set[str],
) -> None:
    case = make_case(**profile)
    stored = _stored(db, case.id)
    assert present <= set(stored), f"{group}: missing {present - set(stored)}"
    assert not (absent & set(stored)), f"{group}: unexpected {absent & set(stored)}"
    assert stored["C8.rights_information"].due_on == date(2026, 3, 5)


def test_stored_checklist_follows_profile_changes(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case(date_of_birth="2013-01-09")
    assert "child.guardian" in _stored(db, case.id)
    service.update_case(
        db,
        as_principal("caseworker_a"),
        case.id,
        CaseUpdate(version=case.version, profile=adult_profile(gender="man")),
    )
    stored = _stored(db, case.id)
    assert "child.guardian" not in stored and "C10.male_shelter" in stored
    every = {r.item_id: r for r in repository.checklist_of(db, case.id)}
    assert every["child.guardian"].applies is False  # kept, not lost


def test_not_a_victim_has_no_items(db: Session, make_case: CaseMaker) -> None:
    case = make_case(identification_status="not_a_victim")
    assert _stored(db, case.id) == {}


def test_recording_an_item_and_overdue_status(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case()
    principal = as_principal("caseworker_a")
    items = {i.item_id: i for i in service_checklist.checklist(db, principal, case.id)}
    assert items["C8.rights_information"].status == "overdue"  # identified 2 March 2026
    overdue = repository.overdue_counts(db, [case.id], date(2026, 11, 29))
    assert overdue[case.id] >= 1
    read = service_checklist.record_item(
        db,
        principal,
        case.id,
        "C8.rights_information",
        ChecklistRecord(status="declined", note="not now"),
    )
    assert (read.status, read.recorded_status, read.recorded_by) == (
        "declined",
        "declined",
        "caseworker_a",
    )
    assert (
        repository.overdue_counts(db, [case.id], date(2026, 11, 29)).get(case.id, 0)
        == overdue[case.id] - 1
    )
    with pytest.raises(Invalid, match="status"):
        service_checklist.record_item(
            db, principal, case.id, "C9.recovery_services_offer", ChecklistRecord(status="overdue")
        )
    with pytest.raises(NotFound):
        service_checklist.record_item(
            db, principal, case.id, "child.guardian", ChecklistRecord(status="done")
        )
