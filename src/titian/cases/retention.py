"""Retention (C14; IOM DP 9): closed cases past their country's period are anonymised.

The period is ``retention_years`` of the country settings, counted from the day the case was
closed. Anonymising destroys every encrypted identifier, coarsens the profile (date of birth to
an age band, dates to their year, free text and special-category data removed) and clears the
free text of interview records. Each case is audited, and so is the run. The command is
``titian retention run``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth.policies import Principal
from titian.cases import repository
from titian.cases.models import CLOSED_STATUSES, Case, CaseStatus
from titian.cases.profile import CaseProfile, estimated_age
from titian.cases.service_identity import destroy_identity
from titian.cases.vocab import AgeBand
from titian.countries.registry import get_country
from titian.kit.clock import utcnow


@dataclass
class RetentionReport:
    checked: int = 0
    anonymised: list[str] = field(default_factory=list)


def retention_ends(closed_on: date, years: int) -> date:
    """The last day a case closed on ``closed_on`` is kept (29 February becomes 28 February)."""
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:
        return closed_on.replace(year=closed_on.year + years, day=28)


def age_band_for(age: int) -> AgeBand:
    for band in AgeBand:
        top = band.max_age
        if age >= band.min_age and (top is None or age <= top):
            return band
    return AgeBand.AGE_0_8


def _year(value: Any) -> Any:
    return None if value is None else f"{str(value)[:4]}-01-01"


def coarsen_profile(profile: CaseProfile, on: date) -> dict[str, Any]:
    """The profile kept after the retention period: nothing that points at one person."""
    age = estimated_age(profile, on)
    data = profile.model_dump(mode="json")
    data |= {
        "date_of_birth": None,
        "date_of_birth_estimated": False,
        "age_band": age_band_for(age).value if age is not None else data["age_band"],
        "gender_term": None,
        "sex_at_birth": None,
        "sex_at_birth_term": None,
        "pronouns": None,
        "ethnicity_text": None,
        "sogiesc_consent": False,
        "sogiesc": None,
        "written_language": None,
    }
    trafficking = data["trafficking"]
    for name in ("recruited_on", "exploitation_started_on", "exploitation_ended_on"):
        trafficking[name] = None
    data["charges"] = [{**c, "description": None} for c in data["charges"]]
    data["milestones"] = [{**m, "on": _year(m["on"])} for m in data["milestones"]]
    return data


def anonymise_case(session: Session, actor: Principal | None, case: Case, on: date) -> None:
    from titian.cases.service import load_profile

    profile = load_profile(session, case)
    case.profile = coarsen_profile(profile, on)
    destroyed = destroy_identity(session, case.id)
    for interview in repository.interviews_of(session, case.id):
        interview.gender_mismatch_reason = None
        interview.emergency_plan = None
    case.status = CaseStatus.ANONYMISED
    case.anonymised_at = utcnow()
    case.identified_on = _year_date(case.identified_on)
    session.flush()
    audit.record(
        session,
        actor,
        "case.anonymise",
        "case",
        case.id,
        {"identifiers_destroyed": destroyed, "rule": "C14"},
        actor_label="retention",
    )


def _year_date(value: date | None) -> date | None:
    return None if value is None else date(value.year, 1, 1)


def run_retention(
    session: Session, actor: Principal | None, today: date | None = None
) -> RetentionReport:
    """Anonymise every closed case whose country's retention period has ended."""
    on = today or utcnow().date()
    report = RetentionReport()
    stmt = select(Case).where(Case.status.in_(CLOSED_STATUSES), Case.closed_on.is_not(None))
    for case in session.scalars(stmt).all():
        report.checked += 1
        assert case.closed_on is not None
        years = get_country(case.country).retention_years
        if retention_ends(case.closed_on, years) < on:
            anonymise_case(session, actor, case, on)
            report.anonymised.append(case.number)
    audit.record(
        session,
        actor,
        "retention.run",
        "case",
        "",
        {"checked": report.checked, "anonymised": len(report.anonymised)},
        actor_label="retention",
    )
    return report
