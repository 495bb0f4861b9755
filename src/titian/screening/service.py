"""Use cases of a screening session (issue 5, item 3): start, save step by step, finish or stop.

- A screening starts **from a case** (project decision, docs/screening-interviews.md): the safety
  fields live on the case's screening interview record (C4, C5, C16), and access follows the
  case's owning agency. A case needs no identifying value, so a screening can begin before
  anything about the person is known.
- Finishing closes the interview record through the cases' rules
  (:func:`titian.cases.service_interviews.close_interview`): a missing language, interpreter
  entry or gender preference refuses the finish with the rule (C4, C5).
- A ``presumed_victim`` or ``presumed_child_victim`` result sets the case's identification
  status to ``presumed`` with the deciding body (HTCDS ``vic_TraffickingStatusDecisionMakingOrg``,
  from the screening agency) through :func:`titian.cases.service.update_case`, which re-derives
  the rights checklist (C6, C7: "a screening result of presumed victim is enough to trigger C6 and
  C7", rights-checklist.md). A confirmed status or a formal negative decision is never changed.
- Scoring never sees gender (anti-misidentification rule 1): answers are built from the session
  only, never from the case's gender.

Services never commit; every change is audited with field names and counts only.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth import policies
from titian.auth.models import Agency, AgencySector
from titian.auth.policies import Permission, Principal
from titian.cases import repository as case_repository
from titian.cases import service as case_service
from titian.cases import service_interviews
from titian.cases.models import Case, CaseInterview, InterviewPurpose
from titian.cases.schemas import CaseUpdate, InterviewClose, InterviewCreate, InterviewUpdate
from titian.cases.vocab import DecidingBody, IdentificationStatus
from titian.errors import Conflict, FieldError, Forbidden, Invalid
from titian.kit.clock import utcnow
from titian.kit.locking import ensure_version
from titian.screening import repository
from titian.screening.answers import ExploitationKind, MigrationStatus, ScreeningAnswers
from titian.screening.catalogue import known_indicator_ids
from titian.screening.compare import Comparison, side_by_side
from titian.screening.indicators import ScreeningResult, score, scoring_input, select_lists
from titian.screening.models import Answer, ScreeningSession, SessionStatus
from titian.screening.schemas import ScreeningFinish, ScreeningRead, ScreeningSave, ScreeningStart

_SAVED_FIELDS = ("exploitation_kind", "other_form", "age", "age_uncertain", "migration_status")


def require(principal: Principal) -> None:
    if not policies.has(principal, Permission.SCREENING):
        raise Forbidden("your role does not allow screening")


def start_screening(
    session: Session, principal: Principal, data: ScreeningStart
) -> ScreeningSession:
    """Open a screening of one of the agency's cases, with its screening interview record."""
    case = case_repository.get_owned_case(session, principal, data.case_id)
    require(principal)
    interview = service_interviews.create_interview(
        session, principal, case.id, InterviewCreate(purpose=InterviewPurpose.SCREENING)
    )
    row = ScreeningSession(
        case_id=case.id,
        interview_id=interview.id,
        status=SessionStatus.OPEN,
        exploitation_kind=data.exploitation_kind.value,
        other_form=data.other_form.value if data.other_form else None,
        age=data.age,
        age_uncertain=data.age_uncertain,
        migration_status=data.migration_status.value,
        acts=[],
        answers={},
        current_step="safety",
        started_by_id=principal.user_id,
    )
    _check_answers(row)
    session.add(row)
    session.flush()
    audit.record(
        session, principal, "screening.start", "screening", row.id, {"case_id": str(case.id)}
    )
    return row


def _open(session: Session, principal: Principal, screening_id: uuid.UUID) -> ScreeningSession:
    row = repository.get_session(session, principal, screening_id)
    require(principal)
    if row.status is not SessionStatus.OPEN:
        raise Conflict("this screening is finished", {"field": "status"})
    return row


def save_step(
    session: Session, principal: Principal, screening_id: uuid.UUID, data: ScreeningSave
) -> ScreeningSession:
    """Save what one step sent (answers merged, other fields replaced when sent); an old
    ``version`` answers 409 with what changed."""
    row = _open(session, principal, screening_id)
    submitted = data.model_dump(mode="json", exclude_unset=True, exclude={"version"})
    compared = [
        k for k in submitted if k not in ("answers", "current_step")
    ]  # navigation is no data
    ensure_version(row, data.version, compared, submitted)
    unknown = sorted(set(data.answers) - known_indicator_ids())
    if unknown:
        errors = [FieldError(f"answers.{i}", "not an indicator of any list") for i in unknown]
        raise Invalid("unknown indicator ids", errors)
    for name in _SAVED_FIELDS:
        if name in data.model_fields_set:
            setattr(row, name, submitted[name])
    if data.acts is not None:
        row.acts = sorted({a.value for a in data.acts})
    if data.answers:
        row.answers = {**row.answers, **{k: v.value for k, v in data.answers.items()}}
    if data.current_step is not None:
        row.current_step = data.current_step
    _check_answers(row)
    row.updated_at = utcnow()
    session.flush()
    details = {
        "fields": sorted(data.model_fields_set - {"version", "answers"}),
        "answers": len(data.answers),
    }
    audit.record(session, principal, "screening.save", "screening", row.id, details)
    return row


def answers_of(row: ScreeningSession) -> ScreeningAnswers:
    """The answers file of a session. Gender is left out on purpose: scoring never reads it."""
    try:
        return ScreeningAnswers(
            age=row.age,
            age_uncertain=row.age_uncertain,
            migration_status=row.migration_status,
            exploitation_kind=row.exploitation_kind,
            other_form=row.other_form,
            acts=list(row.acts or ()),
            observed=sorted(k for k, v in (row.answers or {}).items() if v == Answer.YES),
            absent=sorted(k for k, v in (row.answers or {}).items() if v == Answer.NO),
        )
    except ValueError as exc:
        raise Invalid("the screening cannot be scored", [FieldError("form", str(exc))]) from exc


def _check_answers(row: ScreeningSession) -> None:
    """The answers must score, and the session records the list they select (id, version,
    status), so an open session already shows when its list is incomplete or to verify."""
    chosen, _ = select_lists(scoring_input(answers_of(row)))
    row.catalogue_list_id = chosen.info.list_id
    row.catalogue_version = chosen.info.version
    row.catalogue_status = chosen.info.status.value


def preview(row: ScreeningSession) -> ScreeningResult:
    """The result the current answers give (nothing stored, nothing changed)."""
    return score(answers_of(row))


def update_safety(
    session: Session,
    principal: Principal,
    screening_id: uuid.UUID,
    data: InterviewUpdate,
) -> CaseInterview:
    """Save the safety fields on the screening interview record (C4, C5, C16)."""
    row = _open(session, principal, screening_id)
    fixed = data.model_copy(update={"purpose": InterviewPurpose.SCREENING})
    return service_interviews.update_interview(
        session, principal, row.case_id, row.interview_id, fixed
    )


def _interview_update(interview: CaseInterview, **changes: Any) -> InterviewUpdate:
    values = {
        name: getattr(interview, name) for name in InterviewUpdate.model_fields if name != "version"
    }
    return InterviewUpdate.model_validate({**values, **changes, "version": interview.version})


def finish_screening(
    session: Session, principal: Principal, screening_id: uuid.UUID, data: ScreeningFinish
) -> ScreeningSession:
    """Score, close the interview record (refused with the rule when C4/C5 are not met), store
    the result and, for a presumed victim, set the case to presumed (C6, C7)."""
    row = _open(session, principal, screening_id)
    ensure_version(row, data.version, (), {})
    result = preview(row)
    interview = case_repository.get_interview(session, row.case_id, row.interview_id)
    service_interviews.close_interview(
        session, principal, row.case_id, row.interview_id, InterviewClose(version=interview.version)
    )
    return _store_result(session, principal, row, result, SessionStatus.FINISHED)


def stop_screening(
    session: Session, principal: Principal, screening_id: uuid.UUID, data: ScreeningFinish
) -> ScreeningSession:
    """The person stopped the interview (C16, WHO 8): record it, keep what was answered and
    score it; unknown stays unknown. The interview record stays open to be completed."""
    row = _open(session, principal, screening_id)
    ensure_version(row, data.version, (), {})
    interview = case_repository.get_interview(session, row.case_id, row.interview_id)
    update = _interview_update(interview, stopped_by_person=True)
    service_interviews.update_interview(session, principal, row.case_id, row.interview_id, update)
    return _store_result(session, principal, row, preview(row), SessionStatus.STOPPED)


def _store_result(
    session: Session,
    principal: Principal,
    row: ScreeningSession,
    result: ScreeningResult,
    status: SessionStatus,
) -> ScreeningSession:
    row.status = status
    row.outcome = result.outcome.value
    row.result = result.to_dict()
    row.catalogue_list_id = result.catalogue.list_id
    row.catalogue_version = result.catalogue.version
    row.catalogue_status = result.catalogue.status.value
    row.finished_by_id = principal.user_id
    row.finished_at = utcnow()
    session.flush()
    changed = False
    if result.is_presumed_victim:
        changed = mark_presumed(session, principal, row.case_id)
    details = {"outcome": result.outcome.value, "status": status.value, "case_presumed": changed}
    audit.record(session, principal, "screening.finish", "screening", row.id, details)
    return row


def deciding_body(agency: Agency | None) -> DecidingBody:
    """HTCDS ``vic_TraffickingStatusDecisionMakingOrg`` for the agency that screened."""
    if agency is None:
        return DecidingBody.OTHER
    kind = agency.kind.value
    if kind == "police":
        return DecidingBody.POLICE
    if kind in ("prosecution", "court"):
        return DecidingBody.COURT_OR_PROSECUTION
    if agency.sector == AgencySector.STATE:
        return DecidingBody.NON_POLICE_GOVERNMENTAL_ORGANIZATION
    return DecidingBody.NGO


def mark_presumed(session: Session, principal: Principal, case_id: uuid.UUID) -> bool:
    """Set the case to ``presumed`` with the deciding body, through the cases' own
    ``update_case`` (which refreshes the checklist and the C6 alerts). Only a case still at
    ``possible`` changes: a confirmed status or a formal ``not_a_victim`` decision by a
    competent authority is never overwritten by a screening. Returns whether it changed."""
    case = case_repository.get_owned_case(session, principal, case_id)
    profile = case_service.load_profile(session, case)
    if profile.identification_status is not IdentificationStatus.POSSIBLE:
        return False
    body = deciding_body(session.get(Agency, principal.agency_id))
    updated = profile.model_copy(
        update={"identification_status": IdentificationStatus.PRESUMED, "deciding_body": body}
    )
    fields: dict[str, Any] = {"version": case.version, "profile": updated}
    if case.identified_on is None:
        fields["identified_on"] = utcnow().date()
    case_service.update_case(session, principal, case.id, CaseUpdate(**fields))
    return True


def read(session: Session, principal: Principal, row: ScreeningSession) -> ScreeningRead:
    """The session with its interview record and the case's identification status."""
    case: Case = case_repository.get_case_row(session, row.case_id)
    interview = case_repository.get_interview(session, row.case_id, row.interview_id)
    values = {name: getattr(row, name) for name in ScreeningRead.model_fields if hasattr(row, name)}
    values |= {
        "case_number": case.number,
        "interview": service_interviews.interview_read(session, interview),
        "case_identification_status": case.identification_status,
    }
    return ScreeningRead.model_validate(values)


def get_screening(session: Session, principal: Principal, screening_id: uuid.UUID) -> ScreeningRead:
    """One screening (the read is audited)."""
    row = repository.get_session(session, principal, screening_id)
    audit.record(session, principal, "screening.read", "screening", row.id, {})
    return read(session, principal, row)


def list_screenings(
    session: Session, principal: Principal, case_id: uuid.UUID | None = None
) -> list[ScreeningRead]:
    require(principal)
    rows = repository.list_sessions(session, principal, case_id)
    audit.record(session, principal, "screening.list", "screening", "", {"count": len(rows)})
    return [read(session, principal, r) for r in rows]


def compare(session: Session, principal: Principal, case_id: uuid.UUID) -> Comparison:
    """The case's scored screenings side by side, latest per purpose (:mod:`.compare`)."""
    case = case_repository.get_owned_case(session, principal, case_id)
    require(principal)
    rows = repository.list_sessions(session, principal, case.id)
    audit.record(session, principal, "screening.compare", "case", case.id, {"count": len(rows)})
    return side_by_side(str(case.id), (read(session, principal, r) for r in rows))


def start_like(
    session: Session, principal: Principal, like_id: uuid.UUID, kind: ExploitationKind
) -> ScreeningSession:
    """Screen the same case against another list: a new session for ``kind`` that starts with
    the age, age uncertainty and migration status of screening ``like_id`` (the answers to the
    indicators are not copied: each list asks its own)."""
    like = repository.get_session(session, principal, like_id)
    data = ScreeningStart(
        case_id=like.case_id,
        exploitation_kind=kind,
        age=like.age,
        age_uncertain=like.age_uncertain,
        migration_status=MigrationStatus(like.migration_status),
    )
    return start_screening(session, principal, data)


def kind_of(row: ScreeningSession) -> ExploitationKind:
    return ExploitationKind(row.exploitation_kind)
