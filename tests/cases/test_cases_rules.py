"""Every E rule refuses the forbidden action with a clear message, through the service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.cases.conftest import CaseMaker
from tests.support.fixtures import World
from titian.auth.policies import Principal
from titian.cases import service_consent, service_interviews, service_justice
from titian.cases.models import RecordStatus, ReturnStatus
from titian.cases.schemas import (
    ConsentCreate,
    InterviewClose,
    InterviewCreate,
    OriginNoticeCreate,
    ReturnPlanCreate,
    ReturnPlanStatusChange,
    ReturnPlanUpdate,
)
from titian.errors import RuleViolation

GOOD_INTERVIEW: dict[str, Any] = {
    "language": "my",
    "interviewer_languages": ["th"],
    "interviewer_gender": "female",
    "interpreter_present": True,
    "interpreter_language": "my",
    "interpreter_gender": "female",
    "interpreter_screening_passed": True,
    "gender_preference": "female",
    "safe_location_checked": True,
    "risk_assessed": True,
}


@pytest.mark.parametrize(
    ("changes", "rule", "field", "words"),
    [
        ({"language": None}, "C4", "language", "interview language"),
        (
            {"interpreter_present": False, "interpreter_language": None},
            "C4",
            "interpreter",
            "interpreter",
        ),
        ({"interpreter_gender": None}, "C4", "interpreter.gender", "interpreter's gender"),
        ({"interpreter_screening_passed": None}, "C4", "interpreter.screening_passed", "screening"),
        ({"gender_preference": None}, "C5", "gender_preference", "preferred interviewer"),
        ({"interviewer_gender": "male"}, "C5", "gender_mismatch_reason", "give a reason"),
        ({"preference_honoured": False}, "C5", "gender_mismatch_reason", "not honoured"),
    ],
)
def test_interview_cannot_close_without_c4_c5_fields(
    db: Session,
    make_case: CaseMaker,
    as_principal: Callable[[str], Principal],
    changes: dict[str, Any],
    rule: str,
    field: str,
    words: str,
) -> None:
    case = make_case()
    principal = as_principal("caseworker_a")
    data = InterviewCreate.model_validate(GOOD_INTERVIEW | changes)
    interview = service_interviews.create_interview(db, principal, case.id, data)
    with pytest.raises(RuleViolation) as caught:
        service_interviews.close_interview(
            db, principal, case.id, interview.id, InterviewClose(version=interview.version)
        )
    assert caught.value.details == {"rule": rule, "field": field}
    assert words in caught.value.message and caught.value.message.startswith(rule)
    assert interview.status == RecordStatus.OPEN


def test_interview_closes_when_complete_and_flags_language_preference(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case(preferred_language="ksw")
    principal = as_principal("caseworker_a")
    data = InterviewCreate.model_validate(GOOD_INTERVIEW)
    interview = service_interviews.create_interview(db, principal, case.id, data)
    service_interviews.close_interview(
        db, principal, case.id, interview.id, InterviewClose(version=interview.version)
    )
    assert interview.status == RecordStatus.CLOSED
    read = service_interviews.list_interviews(db, principal, case.id)[0]
    assert read.language_alert is not None and "ksw" in read.language_alert


def _plan(**values: Any) -> ReturnPlanCreate:
    base: dict[str, Any] = {
        "destination_country": "MM",
        "risk_level": "low",
        "risk_assessed_on": date(2026, 3, 10),
        "risk_assessed_by": "Case conference",
        "person_wish": "wishes_to_return",
        "proceedings": "concluded",
    }
    return ReturnPlanCreate.model_validate(base | values)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"risk_level": None}, "risk_assessment", "risk assessment"),
        ({"risk_level": "high"}, "risk_assessment.level", "high"),
        ({"person_wish": None}, "person_wish", "wish"),
        ({"proceedings": None}, "proceedings", "proceedings"),
    ],
)
def test_return_cannot_be_set_ready_without_c12_records(
    db: Session,
    make_case: CaseMaker,
    as_principal: Callable[[str], Principal],
    changes: dict[str, Any],
    field: str,
    words: str,
) -> None:
    case = make_case(citizenships=["MM"])
    principal = as_principal("caseworker_a")
    plan = service_justice.create_return_plan(db, principal, case.id, _plan(**changes))
    with pytest.raises(RuleViolation) as caught:
        service_justice.set_return_status(
            db,
            principal,
            case.id,
            plan.id,
            ReturnPlanStatusChange(version=plan.version, status="ready"),
        )
    assert caught.value.details == {"rule": "C12", "field": field}
    assert words in caught.value.message
    assert plan.status == ReturnStatus.DRAFT


def test_ready_return_goes_back_to_draft_when_risk_becomes_high(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case(citizenships=["MM"])
    principal = as_principal("caseworker_a")
    plan = service_justice.create_return_plan(db, principal, case.id, _plan())
    service_justice.set_return_status(
        db,
        principal,
        case.id,
        plan.id,
        ReturnPlanStatusChange(version=plan.version, status="ready"),
    )
    assert plan.status == ReturnStatus.READY
    service_justice.update_return_plan(
        db, principal, case.id, plan.id, ReturnPlanUpdate(version=plan.version, risk_level="high")
    )
    assert plan.status == ReturnStatus.DRAFT


def test_stateless_return_needs_a_destination_with_residence(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case(citizenship_status="stateless", citizenships=[])
    principal = as_principal("caseworker_a")
    plan = service_justice.create_return_plan(db, principal, case.id, _plan())
    with pytest.raises(RuleViolation, match="stateless"):
        service_justice.set_return_status(
            db,
            principal,
            case.id,
            plan.id,
            ReturnPlanStatusChange(version=plan.version, status="ready"),
        )


@pytest.mark.parametrize(
    ("answer", "words"),
    [(True, "objects"), (None, "blank answer counts as an objection")],
)
def test_no_origin_notice_when_the_person_objects_or_was_not_asked(
    db: Session,
    make_case: CaseMaker,
    as_principal: Callable[[str], Principal],
    answer: bool | None,
    words: str,
) -> None:
    case = make_case(citizenships=["MM"], objects_to_origin_notification=answer)
    with pytest.raises(RuleViolation) as caught:
        service_justice.send_origin_notice(
            db,
            as_principal("caseworker_a"),
            case.id,
            OriginNoticeCreate(receiver="consulate", country="MM"),
        )
    assert caught.value.details == {"rule": "C13", "field": "objects_to_origin_notification"}
    assert words in caught.value.message


def test_origin_notice_is_sent_when_the_person_agrees(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case(citizenships=["MM"], objects_to_origin_notification=False)
    notice = service_justice.send_origin_notice(
        db,
        as_principal("caseworker_a"),
        case.id,
        OriginNoticeCreate(receiver="consulate", country="MM"),
    )
    assert notice.case_id == case.id


def test_child_consent_needs_assent_and_guardian_or_best_interests(
    db: Session, world: World, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case(date_of_birth="2012-05-01")
    data = {
        "purpose": "referral",
        "receiver_agency_id": world.agency_b.id,
        "service_types": ["shelter"],
        "data_categories": ["profile"],
        "language": "th",
        "interpreter_present": False,
    }
    principal = as_principal("caseworker_a")
    with pytest.raises(RuleViolation) as caught:
        service_consent.record_consent(db, principal, case.id, ConsentCreate.model_validate(data))
    assert caught.value.details == {"rule": "C2", "field": "child_assent"}
    complete = data | {
        "child_assent": {"assent_given": True},
        "best_interests_decision": {
            "decided_by": "Child protection panel",
            "decided_on": "2026-03-03",
        },
    }
    row = service_consent.record_consent(
        db, principal, case.id, ConsentCreate.model_validate(complete)
    )
    assert row.version == 1


def test_sogiesc_cannot_be_shared_without_sogiesc_consent(
    db: Session, world: World, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case()
    data = {
        "purpose": "referral",
        "receiver_agency_id": world.agency_b.id,
        "service_types": ["shelter"],
        "data_categories": ["sogiesc"],
        "language": "th",
        "interpreter_present": False,
    }
    with pytest.raises(RuleViolation, match="SOGIESC"):
        service_consent.record_consent(
            db, as_principal("caseworker_a"), case.id, ConsentCreate.model_validate(data)
        )


def test_interview_takes_the_profile_gender_preference_by_default(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case(interviewer_gender_preference="male")
    interview = service_interviews.create_interview(
        db, as_principal("caseworker_a"), case.id, InterviewCreate(language="th")
    )
    assert interview.gender_preference == "male"
