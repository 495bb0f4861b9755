"""Interview records (C4, C5, C16; WHO recommendations 1-9).

An interview record holds the interview language (BCP-47), the interviewer's languages and
gender, the interpreter (language, gender, screening check), the person's preferred interviewer
gender and whether it was honoured, and the safety fields of C16. Closing it is refused until
C4 and C5 are met (:func:`titian.cases.enforcement.check_interview_can_close`): the same check
for pages, API and imports. The screening area links its sessions to these records.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth.policies import Permission, Principal
from titian.cases import repository
from titian.cases.enforcement import (
    InterpreterEntry,
    InterviewClosure,
    interview_violations,
    language_preference_alert,
)
from titian.cases.enforcement import RuleViolation as PureViolation
from titian.cases.models import CaseInterview, RecordStatus
from titian.cases.schemas import InterviewClose, InterviewCreate, InterviewRead, InterviewUpdate
from titian.errors import Conflict, RuleViolation
from titian.kit.clock import utcnow
from titian.kit.locking import ensure_version

_FIELDS = tuple(InterviewCreate.model_fields)


def _require_write(principal: Principal) -> None:
    from titian.cases.service import require

    require(principal, Permission.CASES_WRITE, "recording interviews")


def interview_read(session: Session, interview: CaseInterview) -> InterviewRead:
    """The record, with the C4 tracking alert when the language is not the person's preference."""
    from titian.cases.service import load_profile

    read = InterviewRead.model_validate(interview)
    if interview.language:
        case = repository.get_case_row(session, interview.case_id)
        alert = language_preference_alert(
            interview.language, load_profile(session, case, with_birth=False)
        )
        read = read.model_copy(update={"language_alert": alert})
    return read


def _apply(interview: CaseInterview, data: InterviewCreate | InterviewUpdate) -> None:
    values = data.model_dump(mode="json", include=set(_FIELDS))
    values["interviewer_languages"] = list(values["interviewer_languages"])
    if values.get("held_on") is None:
        values["held_on"] = interview.held_on or utcnow().date()
    for name, value in values.items():
        setattr(interview, name, value)
    interview.held_on = data.held_on or interview.held_on or utcnow().date()


def create_interview(
    session: Session, principal: Principal, case_id: uuid.UUID, data: InterviewCreate
) -> CaseInterview:
    from titian.cases.service import load_profile

    case = repository.get_owned_case(session, principal, case_id)
    _require_write(principal)
    interview = CaseInterview(case_id=case.id, purpose=data.purpose, held_on=utcnow().date())
    _apply(interview, data)
    if interview.gender_preference is None:
        # C5: every victim is asked once; the profile's answer is the interview's default.
        preference = load_profile(session, case, with_birth=False).interviewer_gender_preference
        interview.gender_preference = preference.value if preference else None
    session.add(interview)
    session.flush()
    audit.record(
        session,
        principal,
        "case.interview.create",
        "case",
        case.id,
        {"interview_id": str(interview.id), "purpose": data.purpose.value},
    )
    return interview


def _open_interview(
    session: Session, principal: Principal, case_id: uuid.UUID, interview_id: uuid.UUID
) -> CaseInterview:
    case = repository.get_owned_case(session, principal, case_id)
    _require_write(principal)
    interview = repository.get_interview(session, case.id, interview_id)
    if interview.status == RecordStatus.CLOSED:
        raise Conflict("this interview record is closed", {"field": "status"})
    return interview


def update_interview(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    interview_id: uuid.UUID,
    data: InterviewUpdate,
) -> CaseInterview:
    interview = _open_interview(session, principal, case_id, interview_id)
    submitted = data.model_dump(mode="json", include=set(_FIELDS))
    ensure_version(interview, data.version, submitted, submitted)
    _apply(interview, data)
    session.flush()
    audit.record(
        session,
        principal,
        "case.interview.update",
        "case",
        case_id,
        {"interview_id": str(interview.id), "fields": sorted(data.model_fields_set - {"version"})},
    )
    return interview


def closure_of(interview: CaseInterview) -> InterviewClosure:
    """The fields C4 and C5 look at."""
    interpreter = None
    if interview.interpreter_present or interview.interpreter_language:
        interpreter = InterpreterEntry(
            language=interview.interpreter_language,
            gender=interview.interpreter_gender,
            screening_passed=interview.interpreter_screening_passed,
        )
    return InterviewClosure(
        language=interview.language,
        interviewer_languages=tuple(interview.interviewer_languages or ()),
        interviewer_gender=interview.interviewer_gender,
        interpreter=interpreter,
        gender_preference=interview.gender_preference,
        gender_mismatch_reason=interview.gender_mismatch_reason,
    )


def close_violations(interview: CaseInterview) -> list[PureViolation]:
    """C4 and C5, and C5's 'honoured or a reason is logged' when the preference was not met."""
    found = interview_violations(closure_of(interview))
    if (
        interview.preference_honoured is False
        and not (interview.gender_mismatch_reason or "").strip()
    ):
        found.append(
            PureViolation(
                "C5", "gender_mismatch_reason", "the preference was not honoured: give a reason"
            )
        )
    return found


def close_interview(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    interview_id: uuid.UUID,
    data: InterviewClose,
) -> CaseInterview:
    """Close the record, or refuse with the rule, the field and the reason (C4, C5)."""
    interview = _open_interview(session, principal, case_id, interview_id)
    ensure_version(interview, data.version, (), {})
    found = close_violations(interview)
    if found:
        first = found[0]
        raise RuleViolation(first.rule_id, first.field, f"{first.rule_id}: {first.message}")
    interview.status = RecordStatus.CLOSED
    interview.closed_at = utcnow()
    session.flush()
    audit.record(
        session,
        principal,
        "case.interview.close",
        "case",
        case_id,
        {"interview_id": str(interview.id)},
    )
    return interview


def list_interviews(
    session: Session, principal: Principal, case_id: uuid.UUID
) -> list[InterviewRead]:
    case = repository.get_owned_case(session, principal, case_id)
    rows = repository.interviews_of(session, case.id)
    audit.record(session, principal, "case.interview.list", "case", case.id, {"count": len(rows)})
    return [interview_read(session, r) for r in rows]
