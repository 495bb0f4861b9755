"""Every E rule: the forbidden action is refused with a clear message (issue 3 acceptance).

C1 and C2 (consent) are in test_cases_consent.py; C4, C5, C12, C13 and C6 are here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.unit.cases.cases_builders import make_profile

from titian.cases.enforcement import (
    InterpreterEntry,
    InterviewClosure,
    ReturnReadiness,
    RiskAssessment,
    RuleViolation,
    check_interview_can_close,
    check_origin_notice_allowed,
    check_return_ready,
    interview_violations,
    language_preference_alert,
    requires_detention_alert,
    return_violations,
)

SCREENED_FEMALE = {"language": "ksw", "gender": "female", "screening_passed": True}
GOOD_INTERVIEW: dict[str, Any] = {
    "language": "ksw",
    "interviewer_languages": ["th"],
    "interviewer_gender": "female",
    "interpreter": SCREENED_FEMALE,
    "gender_preference": "female",
}


def _interview(**changes: Any) -> InterviewClosure:
    return InterviewClosure.model_validate({**GOOD_INTERVIEW, **changes})


# --- C4 and C5: closing an interview ------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"language": "th", "interpreter": None},
        {"language": "mww", "interviewer_languages": ["hmn"], "interpreter": None},
        {"gender_preference": "no_preference", "interviewer_gender": "male"},
        {"interviewer_gender": "male", "gender_mismatch_reason": "no female officer on duty"},
        {"interpreter": {**SCREENED_FEMALE, "screening_passed": False}},
    ],
)
def test_interview_closes_when_fields_are_complete(changes: dict[str, Any]) -> None:
    check_interview_can_close(_interview(**changes))


@pytest.mark.parametrize(
    ("changes", "rule", "field", "message"),
    [
        ({"language": None}, "C4", "language", "record the interview language as a BCP-47 tag"),
        ({"language": "Karen"}, "C4", "language", "'Karen' is not a BCP-47 tag"),
        ({"interpreter": None}, "C4", "interpreter", "the interviewer does not speak ksw"),
        (
            {"interpreter": {**SCREENED_FEMALE, "language": "my"}},
            "C4",
            "interpreter.language",
            "the interpreter's language my is not the interview language ksw",
        ),
        (
            {"interpreter": {**SCREENED_FEMALE, "gender": None}},
            "C4",
            "interpreter.gender",
            "record the interpreter's gender",
        ),
        (
            {"interpreter": {**SCREENED_FEMALE, "screening_passed": None}},
            "C4",
            "interpreter.screening_passed",
            "record the screening check",
        ),
        (
            {"gender_preference": None},
            "C5",
            "gender_preference",
            "record the preferred interviewer and interpreter gender",
        ),
        (
            {"interviewer_gender": "male"},
            "C5",
            "gender_mismatch_reason",
            "the person asked for female staff but interviewer_gender is male: give a reason",
        ),
        (
            {"interpreter": {**SCREENED_FEMALE, "gender": "male"}},
            "C5",
            "gender_mismatch_reason",
            "interpreter.gender is male",
        ),
        (
            {"interviewer_gender": None},
            "C5",
            "gender_mismatch_reason",
            "interviewer_gender is not recorded",
        ),
        (
            {"gender_mismatch_reason": "   ", "interviewer_gender": "male"},
            "C5",
            "gender_mismatch_reason",
            "give a reason",
        ),
    ],
)
def test_interview_cannot_close(
    changes: dict[str, Any], rule: str, field: str, message: str
) -> None:
    with pytest.raises(RuleViolation) as caught:
        check_interview_can_close(_interview(**changes))
    assert (caught.value.rule_id, caught.value.field) == (rule, field)
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{rule} ({field}): ")


def test_all_interview_violations_are_listed() -> None:
    found = interview_violations(InterviewClosure(interviewer_languages=("th",)))
    assert [(v.rule_id, v.field) for v in found] == [
        ("C4", "language"),
        ("C5", "gender_preference"),
    ]


def test_interpreter_entry_lists_every_missing_field() -> None:
    found = interview_violations(
        _interview(interpreter=InterpreterEntry(), gender_preference="no_preference")
    )
    assert [v.field for v in found] == [
        "interpreter.language",
        "interpreter.gender",
        "interpreter.screening_passed",
    ]


@pytest.mark.parametrize(
    ("interview_language", "preferred", "alert"),
    [
        ("ksw", "ksw", False),
        ("kar", "ksw", False),
        ("my", "ksw", True),
        ("th", None, False),
    ],
)
def test_c4_alert_when_interview_language_is_not_the_preference(
    interview_language: str, preferred: str | None, alert: bool
) -> None:
    message = language_preference_alert(
        interview_language, make_profile(preferred_language=preferred)
    )
    assert (message is not None) is alert
    if message:
        assert (
            message == f"C4: the interview was in {interview_language}, but the person prefers ksw"
        )


# --- C12: return ready ---------------------------------------------------------------------------

LOW_RISK = RiskAssessment(level="low", assessed_on=date(2026, 3, 10), assessed_by="caseworker_a")
READY: dict[str, Any] = {
    "risk_assessment": LOW_RISK,
    "person_wish": "wishes_to_return",
    "proceedings": "none",
}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"risk_assessment": None}, "risk_assessment", "document a risk assessment first"),
        (
            {"risk_assessment": LOW_RISK.model_copy(update={"level": "high"})},
            "risk_assessment.level",
            "the assessed risk of return is high",
        ),
        ({"person_wish": None}, "person_wish", "record the person's informed wish"),
        ({"proceedings": None}, "proceedings", "record the state of any legal proceedings"),
    ],
)
def test_return_cannot_be_set_ready(changes: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(RuleViolation) as caught:
        check_return_ready(ReturnReadiness.model_validate({**READY, **changes}))
    assert (caught.value.rule_id, caught.value.field, caught.value.message) == (
        "C12",
        field,
        message,
    )


@pytest.mark.parametrize("level", ["low", "medium"])
def test_return_ready_with_the_three_records(level: str) -> None:
    step = ReturnReadiness.model_validate(
        {**READY, "risk_assessment": LOW_RISK.model_copy(update={"level": level})}
    )
    check_return_ready(step, make_profile(citizenships=["MM"]))


def test_empty_return_step_lists_all_three_records() -> None:
    assert [v.field for v in return_violations(ReturnReadiness())] == [
        "risk_assessment",
        "person_wish",
        "proceedings",
    ]


@pytest.mark.parametrize(("documented", "refused"), [(None, True), (False, True), (True, False)])
def test_stateless_return_needs_a_destination_with_residence(
    documented: bool | None, refused: bool
) -> None:
    step = ReturnReadiness.model_validate({**READY, "destination_right_of_residence": documented})
    stateless = make_profile(citizenship_status="stateless", citizenships=[])
    if refused:
        with pytest.raises(RuleViolation, match="document a destination with a right of residence"):
            check_return_ready(step, stateless)
    else:
        check_return_ready(step, stateless)


# --- C13: notice to the country of origin --------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"citizenships": ["MM"], "objects_to_origin_notification": None},
            "objects_to_origin_notification",
            "ask the person first; a blank answer counts as an objection",
        ),
        (
            {"citizenships": ["MM"], "objects_to_origin_notification": True},
            "objects_to_origin_notification",
            "the person objects to notice to the country of origin",
        ),
        (
            {
                "citizenship_status": "stateless",
                "citizenships": [],
                "objects_to_origin_notification": False,
            },
            "citizenship_status",
            "the person is stateless: there is no sending state",
        ),
    ],
)
def test_origin_notice_refused(changes: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(RuleViolation) as caught:
        check_origin_notice_allowed(make_profile(**changes))
    assert (caught.value.rule_id, caught.value.field, caught.value.message) == (
        "C13",
        field,
        message,
    )


def test_origin_notice_allowed_without_objection() -> None:
    check_origin_notice_allowed(
        make_profile(citizenships=["MM"], objects_to_origin_notification=False)
    )


# --- C6: detention alert -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "custody", "alert"),
    [
        ("presumed", "immigration_detention", True),
        ("confirmed", "police_cell", True),
        ("presumed", "prison", True),
        ("possible", "prison", False),
        ("confirmed", "shelter_closed", False),
        ("confirmed", "not_in_custody", False),
        ("not_a_victim", "prison", False),
    ],
)
def test_c6_detention_alert(status: str, custody: str, alert: bool) -> None:
    profile = make_profile(identification_status=status, custody_status=custody)
    assert requires_detention_alert(profile) is alert


def test_rule_violations_compare_by_content() -> None:
    a = RuleViolation("C12", "proceedings", "x")
    assert a == RuleViolation("C12", "proceedings", "x")
    assert a != RuleViolation("C12", "person_wish", "x")
    assert len({a, RuleViolation("C12", "proceedings", "x")}) == 1
