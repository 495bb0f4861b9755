"""Read-only loaders of the facts the snapshot writer needs from the cases and referrals areas.

The cases repository scopes every query to a case worker's agency; the snapshot is an
operator/analyst job (``privacy.snapshot``) over every case, so the case list is read here, and
only the columns the snapshot rules use are taken from interviews, alerts and referrals (no
notes, no free text, no reasons). Nothing is written.
"""

from __future__ import annotations

import importlib.util
import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.cases import repository as cases_repository
from titian.cases.models import AlertKind, Case, CaseAlert
from titian.privacy.snapshot import InterviewFacts, ReferralFacts


def all_cases(session: Session) -> Sequence[Case]:
    """Every case, in a stable order (ids, never case numbers, feed the keyed hash)."""
    return session.scalars(select(Case).order_by(Case.id)).all()


def detention_alert_cases(session: Session) -> set[uuid.UUID]:
    """Cases that ever had a C6 detention alert (open or resolved)."""
    stmt = select(CaseAlert.case_id).where(CaseAlert.kind == AlertKind.DETENTION).distinct()
    return set(session.scalars(stmt))


def interview_facts(session: Session, case_id: uuid.UUID) -> tuple[InterviewFacts, ...]:
    """Language and gender-choice facts of the case's interviews (cases repository)."""
    return tuple(
        InterviewFacts(
            language=i.language,
            interviewer_languages=tuple(i.interviewer_languages or ()),
            interpreter_present=i.interpreter_present,
            interpreter_language=i.interpreter_language,
            gender_preference=i.gender_preference,
        )
        for i in cases_repository.interviews_of(session, case_id)
    )


def referrals_available() -> bool:
    """Whether the referrals area is installed (``titian.referrals.models``)."""
    return importlib.util.find_spec("titian.referrals.models") is not None


def referral_facts(session: Session) -> dict[uuid.UUID, tuple[ReferralFacts, ...]] | None:
    """Outgoing referrals per case: sent time and acceptance; None without the referrals area.

    A referral counts as accepted once it has an acceptance time (accepted, in progress or
    completed: ``titian.referrals.tracking``).
    """
    if not referrals_available():
        return None
    from titian.referrals.models import Referral

    stmt = select(Referral.case_id, Referral.sent_at, Referral.accepted_at).where(
        Referral.sent_at.is_not(None)
    )
    out: dict[uuid.UUID, list[ReferralFacts]] = {}
    for case_id, sent_at, accepted_at in session.execute(stmt):
        out.setdefault(case_id, []).append(ReferralFacts(sent_at, accepted_at is not None))
    return {k: tuple(v) for k, v in out.items()}
