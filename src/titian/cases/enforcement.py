"""Pure checks for the rules marked E in rights-checklist.md.

Services call these before the action and refuse it when a :class:`RuleViolation` is raised.
The same checks apply to pages, API calls, imports and offline sync ("Checks run in the domain
layer, not only in the UI"). Overrides (who, when, why, supervisor) are the services' business.

- C4/C5: an interview record cannot close without its language, interpreter and gender fields;
- C12: a return cannot be set ready without a risk assessment, the person's wish and the state of
  proceedings, and never while the risk is high;
- C13: no notice to the country of origin unless the person has said they do not object.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from titian.cases.profile import CaseProfile, is_stateless, language_match, normalize_language
from titian.cases.vocab import (
    DETENTION_STATUSES,
    IdentificationStatus,
    InterviewerGender,
    ProceedingsState,
    ReturnWish,
    RiskLevel,
    StaffGender,
)

_FROZEN = ConfigDict(extra="forbid", frozen=True)


class RuleViolation(Exception):
    """An E rule forbids the action. Names the rule, the field to fix and the reason."""

    def __init__(self, rule_id: str, field: str, message: str) -> None:
        super().__init__(f"{rule_id} ({field}): {message}")
        self.rule_id = rule_id
        self.field = field
        self.message = message

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RuleViolation):
            return NotImplemented
        return (self.rule_id, self.field, self.message) == (
            other.rule_id,
            other.field,
            other.message,
        )

    def __hash__(self) -> int:
        return hash((self.rule_id, self.field, self.message))


def _raise_first(violations: list[RuleViolation]) -> None:
    if violations:
        raise violations[0]


# ---------------------------------------------------------------------------------------------
# C4 and C5: closing an interview record
# ---------------------------------------------------------------------------------------------


class InterpreterEntry(BaseModel):
    """The interpreter of an interview (C4): language, gender and the screening check."""

    model_config = _FROZEN

    language: str | None = None
    gender: StaffGender | None = None
    screening_passed: bool | None = Field(
        default=None, description="No link to the exploiter and no risk from the same community"
    )


class InterviewClosure(BaseModel):
    """The fields of an interview record that C4 and C5 require before it can close."""

    model_config = _FROZEN

    language: str | None = Field(default=None, description="Interview language, BCP-47")
    interviewer_languages: tuple[str, ...] = ()
    interviewer_gender: StaffGender | None = None
    interpreter: InterpreterEntry | None = None
    gender_preference: InterviewerGender | None = None
    gender_mismatch_reason: str | None = None


def interview_violations(interview: InterviewClosure) -> list[RuleViolation]:
    """Every reason the interview record cannot close yet (C4 E part, C5)."""
    return [*_language_violations(interview), *_gender_violations(interview)]


def check_interview_can_close(interview: InterviewClosure) -> None:
    """Raise the first :class:`RuleViolation` that stops the interview record from closing."""
    _raise_first(interview_violations(interview))


def _valid_tag(tag: str) -> bool:
    try:
        normalize_language(tag)
    except ValueError:
        return False
    return True


def _language_violations(interview: InterviewClosure) -> list[RuleViolation]:
    """C4: the interview language as a BCP-47 tag; an interpreter when the interviewer does not
    speak it, with the interpreter's language, gender and screening check recorded."""
    if not interview.language:
        return [RuleViolation("C4", "language", "record the interview language as a BCP-47 tag")]
    if not _valid_tag(interview.language):
        return [RuleViolation("C4", "language", f"{interview.language!r} is not a BCP-47 tag")]
    spoken = [t for t in interview.interviewer_languages if _valid_tag(t)]
    if any(language_match(interview.language, t) for t in spoken):
        return []
    return _interpreter_violations(interview.language, interview.interpreter)


def _interpreter_violations(language: str, entry: InterpreterEntry | None) -> list[RuleViolation]:
    if entry is None:
        return [
            RuleViolation(
                "C4",
                "interpreter",
                f"the interviewer does not speak {language}: record the interpreter",
            )
        ]
    found: list[RuleViolation] = []
    if not entry.language or not _valid_tag(entry.language):
        found.append(RuleViolation("C4", "interpreter.language", "record it as a BCP-47 tag"))
    elif not language_match(language, entry.language):
        found.append(
            RuleViolation(
                "C4",
                "interpreter.language",
                f"the interpreter's language {entry.language} is not the interview language "
                f"{language}",
            )
        )
    if entry.gender is None:
        found.append(RuleViolation("C4", "interpreter.gender", "record the interpreter's gender"))
    if entry.screening_passed is None:
        found.append(
            RuleViolation(
                "C4",
                "interpreter.screening_passed",
                "record the screening check (no link to the exploiter or the community)",
            )
        )
    return found


_PREFERRED_STAFF: dict[InterviewerGender, StaffGender] = {
    InterviewerGender.FEMALE: StaffGender.FEMALE,
    InterviewerGender.MALE: StaffGender.MALE,
    InterviewerGender.OTHER: StaffGender.OTHER,
}


def _gender_violations(interview: InterviewClosure) -> list[RuleViolation]:
    """C5: the preference is filled; a mismatch with the interviewer or interpreter needs a
    reason."""
    preference = interview.gender_preference
    if preference is None:
        return [
            RuleViolation(
                "C5", "gender_preference", "record the preferred interviewer and interpreter gender"
            )
        ]
    wanted = _PREFERRED_STAFF.get(preference)
    if wanted is None or (interview.gender_mismatch_reason or "").strip():
        return []
    staff = {"interviewer_gender": interview.interviewer_gender}
    if interview.interpreter is not None:
        staff["interpreter.gender"] = interview.interpreter.gender
    return [
        RuleViolation(
            "C5",
            "gender_mismatch_reason",
            f"the person asked for {preference.value} staff but {field} is "
            f"{gender.value if gender else 'not recorded'}: give a reason",
        )
        for field, gender in staff.items()
        if gender != wanted
    ]


def language_preference_alert(interview_language: str, profile: CaseProfile) -> str | None:
    """C4 (T part): an alert when the interview language is not the person's stated preference."""
    preferred = profile.preferred_language
    if preferred is None or language_match(preferred, interview_language):
        return None
    return f"C4: the interview was in {interview_language}, but the person prefers {preferred}"


# ---------------------------------------------------------------------------------------------
# C12: return ready
# ---------------------------------------------------------------------------------------------


class RiskAssessment(BaseModel):
    """A documented risk assessment (C12)."""

    model_config = _FROZEN

    level: RiskLevel
    assessed_on: date
    assessed_by: str = Field(min_length=1)


class ReturnReadiness(BaseModel):
    """What a return or repatriation step holds when someone asks to set it ready (C12)."""

    model_config = _FROZEN

    risk_assessment: RiskAssessment | None = None
    person_wish: ReturnWish | None = None
    proceedings: ProceedingsState | None = None
    destination_right_of_residence: bool | None = Field(
        default=None, description="Stateless: a documented destination with a right of residence"
    )


def return_violations(
    step: ReturnReadiness, profile: CaseProfile | None = None
) -> list[RuleViolation]:
    """Every reason the return step cannot be set ready (ACTIP 15; rights-checklist.md C12)."""
    found: list[RuleViolation] = []
    if step.risk_assessment is None:
        found.append(RuleViolation("C12", "risk_assessment", "document a risk assessment first"))
    elif step.risk_assessment.level == RiskLevel.HIGH:
        found.append(
            RuleViolation("C12", "risk_assessment.level", "the assessed risk of return is high")
        )
    if step.person_wish is None:
        found.append(RuleViolation("C12", "person_wish", "record the person's informed wish"))
    if step.proceedings is None:
        found.append(
            RuleViolation("C12", "proceedings", "record the state of any legal proceedings")
        )
    if (
        profile is not None
        and is_stateless(profile)
        and step.destination_right_of_residence is not True
    ):
        found.append(
            RuleViolation(
                "C12",
                "destination_right_of_residence",
                "the person is stateless: document a destination with a right of residence",
            )
        )
    return found


def check_return_ready(step: ReturnReadiness, profile: CaseProfile | None = None) -> None:
    """Raise the first :class:`RuleViolation` that keeps the return step from being ready."""
    _raise_first(return_violations(step, profile))


# ---------------------------------------------------------------------------------------------
# C13: notice to the country of origin; C6: detention alert
# ---------------------------------------------------------------------------------------------


def check_origin_notice_allowed(profile: CaseProfile) -> None:
    """No notice to a consulate or sending state unless the person said they do not object.

    ACTIP 14(3) ("unless the victim otherwise informs"); Titian asks for informed agreement, so a
    blank answer blocks the notice like an objection. A stateless person has no sending state to
    notify, so no notice is sent by default.
    """
    if is_stateless(profile):
        raise RuleViolation(
            "C13", "citizenship_status", "the person is stateless: there is no sending state"
        )
    answer = profile.objects_to_origin_notification
    if answer is None:
        raise RuleViolation(
            "C13",
            "objects_to_origin_notification",
            "ask the person first; a blank answer counts as an objection",
        )
    if answer:
        raise RuleViolation(
            "C13",
            "objects_to_origin_notification",
            "the person objects to notice to the country of origin",
        )


def requires_detention_alert(profile: CaseProfile) -> bool:
    """C6: a presumed or identified victim held in detention raises a red alert at once."""
    identified = profile.identification_status in (
        IdentificationStatus.PRESUMED,
        IdentificationStatus.CONFIRMED,
    )
    return identified and profile.custody_status in DETENTION_STATUSES
