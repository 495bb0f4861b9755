"""Demo screenings (issue 5): three guided screenings per demo country on the first demo cases
of its shelter, with complete interview records (C4, C5, C16). One set of answers reaches
presumed victim (the case becomes presumed with the deciding body, and its protection checklist
starts), one is an exploited worker, one was stopped by the person. All answers are synthetic.
Idempotent: a case that already has a screening is left alone.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.auth.models import Agency
from titian.cases import repository as case_repository
from titian.cases.models import Case
from titian.cases.schemas import InterviewUpdate
from titian.demo.agencies import DEMO_COUNTRIES
from titian.demo.cases import _agencies, _principal
from titian.demo.loader import DemoState
from titian.screening import service
from titian.screening.models import ScreeningSession
from titian.screening.schemas import ScreeningFinish, ScreeningSave, ScreeningStart

#: (case index, age, migration status, answers, stop) per demo country.
PLANS: tuple[tuple[int, int | None, str, dict[str, str], bool], ...] = (
    (
        1,
        29,
        "irregular_migrant",
        {
            "d1.nature_job_location_employer": "yes",
            "d1.wages": "yes",
            "d4.excessive_hours": "yes",
            "d4.low_no_salary": "yes",
            "d5.documents": "yes",
            "d5.isolation": "yes",
            "d2.violence_victim": "no",
        },
        False,
    ),
    (2, 41, "regular_migrant", {"d4.excessive_hours": "yes", "d4.hazardous": "yes"}, False),
    (4, None, "unknown", {"d1.wages": "yes", "d4.bad_living": "yes"}, True),
)


def _case(session: Session, number: str) -> Case | None:
    return session.scalars(select(Case).where(Case.number == number)).first()


def _screened(session: Session, case: Case) -> bool:
    stmt = select(ScreeningSession.id).where(ScreeningSession.case_id == case.id)
    return session.scalars(stmt).first() is not None


def _safety(case: Case) -> dict[str, Any]:
    language = (case.profile or {}).get("preferred_language") or "en"
    preference = (case.profile or {}).get("interviewer_gender_preference") or "no_preference"
    staff = preference if preference in ("female", "male") else "female"
    return {
        "language": language,
        "interviewer_languages": [language],
        "interviewer_gender": staff,
        "gender_preference": preference,
        "preference_honoured": True,
        "safe_location_checked": True,
        "risk_assessed": True,
        "emergency_plan": "Demo plan: call the shelter hotline",
    }


def _screen(session: Session, state: DemoState, case: Case, plan: tuple[Any, ...]) -> str:
    _, age, migration, answers, stop = plan
    owner = session.get(Agency, case.owner_agency_id)
    assert owner is not None
    principal = _principal(session, state, owner)
    row = service.start_screening(
        session, principal, ScreeningStart(case_id=case.id, age=age, migration_status=migration)
    )
    interview = case_repository.get_interview(session, case.id, row.interview_id)
    body = InterviewUpdate.model_validate({**_safety(case), "version": interview.version})
    service.update_safety(session, principal, row.id, body)
    save = ScreeningSave(version=row.version, answers=answers, current_step="review")
    service.save_step(session, principal, row.id, save)
    done = ScreeningFinish(version=row.version)
    if stop:
        return service.stop_screening(session, principal, row.id, done).outcome or ""
    return service.finish_screening(session, principal, row.id, done).outcome or ""


def load_screenings(session: Session, state: DemoState) -> None:
    """Screen the first demo cases of each country (skipping those already screened)."""
    created = presumed = 0
    for cc in DEMO_COUNTRIES:
        if "shelter" not in _agencies(state, session, cc):
            continue
        for plan in PLANS:
            case = _case(session, f"{cc}-DEMO-{plan[0]:03d}")
            if case is None or _screened(session, case):
                continue
            outcome = _screen(session, state, case, plan)
            created += 1
            presumed += outcome.startswith("presumed")
    total = session.scalars(select(ScreeningSession.id)).all()
    state.summary["screenings"] = len(total)
    if created:
        state.summary["new screenings"] = created
        state.summary["presumed victims from screening"] = presumed


STEPS = [(45, load_screenings)]
