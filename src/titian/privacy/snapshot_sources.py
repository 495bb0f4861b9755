"""Read-only loaders of the facts the snapshot writer needs from the cases, referrals and
dialogues areas.

The cases repository scopes every query to a case worker's agency; the snapshot is an
operator/analyst job (``privacy.snapshot``) over every case, so the case list is read here, and
only the columns the snapshot rules use are taken from interviews, alerts, referrals and
dialogue participants (no names, notes, free text or reasons). Nothing is written.
"""

from __future__ import annotations

import importlib.util
import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.actors.models import Actor
from titian.actors.service import split
from titian.cases import repository as cases_repository
from titian.cases.models import AlertKind, Case, CaseAlert
from titian.dialogues.models import Dialogue, Participant
from titian.dialogues.vocab import DialogueStatus
from titian.network.vocab import Group
from titian.privacy.snapshot import InterviewFacts, ReferralFacts, SeatFacts


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
    """Every referral started per case (sent or not): sent time, acceptance and whether a "no
    suitable service" gap was recorded; None without the referrals area.

    A referral counts as accepted once it has an acceptance time (accepted, in progress or
    completed: ``titian.referrals.tracking``). The gap is read as a flag only (``referral.gap``
    is non-null when matching found no service for the need); its content is not read. The
    snapshot rules use sent referrals only for the first referral and acceptance
    (``titian.privacy.snapshot.referral_columns``) and every referral for the gap.
    """
    if not referrals_available():
        return None
    from titian.referrals.models import Referral

    stmt = select(Referral.case_id, Referral.sent_at, Referral.accepted_at, Referral.gap)
    out: dict[uuid.UUID, list[ReferralFacts]] = {}
    for case_id, sent_at, accepted_at, gap in session.execute(stmt):
        facts = ReferralFacts(sent_at, accepted_at is not None, gap=gap is not None)
        out.setdefault(case_id, []).append(facts)
    return {k: tuple(v) for k, v in out.items()}


def seat_facts(session: Session) -> list[SeatFacts]:
    """One :class:`SeatFacts` per participant row of every dialogue that was HELD, in a stable
    order. Only the dialogue's country and date, the participant's role and gender, and the
    organisation's kind and groups are read: never the participant's name (``person``), the
    organisation's name, or any title, topic, agenda, outcome or note."""
    stmt = (
        select(
            Dialogue.id, Dialogue.country, Dialogue.held_on, Participant.role,
            Participant.gender, Actor.kind, Actor.groups,
        )
        .join(Participant, Participant.dialogue_id == Dialogue.id)
        .join(Actor, Actor.id == Participant.actor_id)
        .where(Dialogue.status == DialogueStatus.HELD)
        .order_by(Dialogue.id, Participant.id)
    )  # fmt: skip
    return [
        SeatFacts(
            dialogue_id=dialogue_id,
            country=country,
            held_on=held_on,
            role=role,
            gender=gender,
            actor_kind=kind,
            actor_groups=frozenset(Group(g) for g in split(groups or "")),
        )
        for dialogue_id, country, held_on, role, gender, kind, groups in session.execute(stmt)
    ]
