"""Screening sessions on the real database: presumed victim sets the case, the checklist starts,
the interview rules guard the finish, answers hold ids only, gender never changes a result."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.screening.conftest import EXPLOITED, PRESUMED, SAFE_INTERVIEW, CaseMaker
from titian.auth.policies import Principal
from titian.cases import repository as case_repository
from titian.cases.schemas import InterviewUpdate
from titian.errors import Conflict, Forbidden, Invalid, NotFound, RuleViolation
from titian.screening import service
from titian.screening.models import ScreeningSession, SessionStatus
from titian.screening.schemas import ScreeningFinish, ScreeningSave, ScreeningStart

P = Callable[[str], Principal]


def _start(db: Session, who: Principal, case_id: uuid.UUID, **kw: Any) -> ScreeningSession:
    return service.start_screening(db, who, ScreeningStart(case_id=case_id, **kw))


def _answer(db: Session, who: Principal, row: ScreeningSession, answers: dict[str, str]) -> None:
    service.save_step(db, who, row.id, ScreeningSave(version=row.version, answers=answers))


def _safe(db: Session, who: Principal, row: ScreeningSession) -> None:
    interview = case_repository.get_interview(db, row.case_id, row.interview_id)
    body = InterviewUpdate.model_validate({**SAFE_INTERVIEW, "version": interview.version})
    service.update_safety(db, who, row.id, body)


def _finish(db: Session, who: Principal, row: ScreeningSession) -> ScreeningSession:
    return service.finish_screening(db, who, row.id, ScreeningFinish(version=row.version))


def test_presumed_victim_sets_the_case_and_starts_the_checklist(
    db: Session, make_case: CaseMaker, as_principal: P
) -> None:
    who = as_principal("caseworker_a")
    case = make_case(custody_status="immigration_detention", identified=False)
    before = {r.item_id for r in case_repository.checklist_of(db, case.id) if r.applies}
    assert "C6.release_from_detention" not in before
    row = _start(db, who, case.id, age=30)
    _answer(db, who, row, PRESUMED)
    _safe(db, who, row)
    done = _finish(db, who, row)
    assert done.status is SessionStatus.FINISHED
    assert done.outcome == "presumed_victim"
    db.refresh(case)
    assert case.identification_status == "presumed"
    assert case.profile["deciding_body"] == "ngo"  # agency A is a non-state shelter
    assert case.identified_on is not None
    after = {r.item_id for r in case_repository.checklist_of(db, case.id) if r.applies}
    assert "C6.release_from_detention" in after  # protection (C6) started at once
    assert case_repository.open_alerts(db, [case.id])  # the C6 red alert is raised
    interview = case_repository.get_interview(db, case.id, row.interview_id)
    assert interview.status.value == "closed"


@pytest.mark.parametrize(
    ("status", "kept"),
    [("confirmed", "confirmed"), ("not_a_victim", "not_a_victim"), ("presumed", "presumed")],
)
def test_a_screening_never_overrides_an_existing_decision(
    db: Session, make_case: CaseMaker, as_principal: P, status: str, kept: str
) -> None:
    who = as_principal("caseworker_a")
    case = make_case(identification_status=status)
    row = _start(db, who, case.id, age=30)
    _answer(db, who, row, PRESUMED)
    _safe(db, who, row)
    _finish(db, who, row)
    db.refresh(case)
    assert case.identification_status == kept


def test_a_lower_outcome_leaves_the_case_possible(
    db: Session, make_case: CaseMaker, as_principal: P
) -> None:
    who = as_principal("caseworker_a")
    case = make_case()
    row = _start(db, who, case.id, age=40)
    _answer(db, who, row, EXPLOITED)
    _safe(db, who, row)
    assert _finish(db, who, row).outcome == "exploited_migrant"
    db.refresh(case)
    assert case.identification_status == "possible"


def test_finish_is_refused_until_the_interview_rules_are_met(
    db: Session, make_case: CaseMaker, as_principal: P
) -> None:
    who = as_principal("caseworker_a")
    case = make_case()
    row = _start(db, who, case.id, age=30)
    _answer(db, who, row, PRESUMED)
    with pytest.raises(RuleViolation) as refused:
        _finish(db, who, row)
    assert refused.value.details["rule"] == "C4"
    assert row.status is SessionStatus.OPEN
    interview = case_repository.get_interview(db, case.id, row.interview_id)
    body = {**SAFE_INTERVIEW, "gender_preference": "male", "preference_honoured": False}
    service.update_safety(
        db, who, row.id, InterviewUpdate.model_validate({**body, "version": interview.version})
    )
    with pytest.raises(RuleViolation) as mismatch:
        _finish(db, who, row)
    assert mismatch.value.details["rule"] == "C5"


def test_the_person_can_stop_and_what_was_said_is_kept(
    db: Session, make_case: CaseMaker, as_principal: P
) -> None:
    who = as_principal("caseworker_a")
    case = make_case()
    row = _start(db, who, case.id, age=30)
    _answer(db, who, row, {"d4.excessive_hours": "yes"})
    stopped = service.stop_screening(db, who, row.id, ScreeningFinish(version=row.version))
    assert stopped.status is SessionStatus.STOPPED
    assert stopped.result is not None and stopped.result["unknown_count"] > 0
    interview = case_repository.get_interview(db, case.id, row.interview_id)
    assert interview.stopped_by_person is True
    assert interview.status.value == "open"
    with pytest.raises(Conflict):
        _answer(db, who, row, {"d4.hazardous": "yes"})


def test_a_screening_must_start_from_an_own_case(db: Session, as_principal: P) -> None:
    with pytest.raises(NotFound):
        _start(db, as_principal("caseworker_a"), uuid.uuid4())


def test_other_agencies_and_other_roles_do_not_see_it(
    db: Session, make_case: CaseMaker, as_principal: P
) -> None:
    row = _start(db, as_principal("caseworker_a"), make_case().id)
    for name in ("caseworker_b", "norole_a", "admin_a", "prosecutor"):
        with pytest.raises(NotFound):
            service.get_screening(db, as_principal(name), row.id)
        assert service.list_screenings(db, as_principal("caseworker_a"))
    with pytest.raises(Forbidden):
        service.list_screenings(db, as_principal("norole_a"))


@pytest.mark.parametrize(
    "answers",
    [
        {"d4.excessive_hours": "maybe"},
        {"Jane Doe": "yes"},
        {"d4.not_an_indicator": "yes"},
        {"d4.excessive_hours": "yes, she said passport 123"},
    ],
)
def test_answers_are_indicator_ids_and_three_words_only(
    db: Session, make_case: CaseMaker, as_principal: P, answers: dict[str, str]
) -> None:
    who = as_principal("caseworker_a")
    row = _start(db, who, make_case().id)
    with pytest.raises((Invalid, ValueError)):
        service.save_step(
            db,
            who,
            row.id,
            ScreeningSave.model_validate({"version": row.version, "answers": answers}),
        )
    assert row.answers == {}


def test_stored_answers_hold_no_free_text(
    db: Session, make_case: CaseMaker, as_principal: P
) -> None:
    who = as_principal("caseworker_a")
    row = _start(db, who, make_case().id, age=30)
    _answer(db, who, row, PRESUMED)
    db.refresh(row)
    for key, value in row.answers.items():
        assert key.split(".")[0] in {"d1", "d2", "d3", "d4", "d5", "d6"}
        assert value in {"yes", "no", "unknown"}


def test_a_stale_save_is_refused_with_what_changed(
    db: Session, make_case: CaseMaker, as_principal: P
) -> None:
    who = as_principal("caseworker_a")
    row = _start(db, who, make_case().id)
    old = row.version
    service.save_step(db, who, row.id, ScreeningSave(version=old, age=25))
    with pytest.raises(Conflict) as conflict:
        service.save_step(db, who, row.id, ScreeningSave(version=old, age=26))
    assert "age" in conflict.value.details["changed"]


def test_saving_resumes_where_the_worker_was(
    db: Session, make_case: CaseMaker, as_principal: P
) -> None:
    who = as_principal("caseworker_a")
    row = _start(db, who, make_case().id)
    service.save_step(db, who, row.id, ScreeningSave(version=row.version, current_step="D3"))
    assert service.get_screening(db, who, row.id).current_step == "D3"


@pytest.mark.parametrize("answers", [PRESUMED, EXPLOITED, {"d5.documents": "yes"}])
def test_gender_blind_at_the_service_level(
    db: Session, make_case: CaseMaker, as_principal: P, answers: dict[str, str]
) -> None:
    """Same answers, cases of different gender: the same stored result, byte for byte."""
    who = as_principal("caseworker_a")
    results = []
    for gender in ("woman", "man", "non_binary", None):
        row = _start(db, who, make_case(gender=gender).id, age=30)
        _answer(db, who, row, answers)
        _safe(db, who, row)
        results.append(json.dumps(_finish(db, who, row).result, sort_keys=True))
    assert len(set(results)) == 1


def test_a_child_list_is_used_when_the_age_is_unknown(
    db: Session, make_case: CaseMaker, as_principal: P
) -> None:
    who = as_principal("caseworker_a")
    row = _start(db, who, make_case().id)
    assert row.catalogue_list_id == "C_L"
    service.save_step(
        db, who, row.id, ScreeningSave(version=row.version, exploitation_kind="sexual", age=30)
    )
    assert (row.catalogue_list_id, row.catalogue_status) == ("A_S", "incomplete")
