"""Use cases of policy dialogues. Services never commit; the door does.

Holding a dialogue (``hold_dialogue``) records that it took place and adds a mutual
``dialogue`` relationship between every pair of organisations that took part
(``titian.network.service.add_dialogue_relationships``): meeting at the table is a channel the
network analysis counts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy.orm import Session

from titian.actors.models import Actor
from titian.actors.service import join, split
from titian.audit import service as audit
from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.dialogues import repository
from titian.dialogues.balance import Attendee, Balance, balance, default_role
from titian.dialogues.models import Commitment, Dialogue, DialogueSession, Participant
from titian.dialogues.schemas import (
    BalanceRead,
    CommitmentCreate,
    CommitmentRead,
    CommitmentUpdate,
    DialogueCreate,
    DialogueDetail,
    DialogueRead,
    DialogueUpdate,
    ParticipantCreate,
    ParticipantRead,
    SessionCreate,
    SessionRead,
    ShareRead,
)
from titian.dialogues.vocab import OWED, DialogueStatus
from titian.errors import FieldError, Forbidden, Invalid, NotFound
from titian.kit.clock import utcnow
from titian.kit.locking import ensure_version
from titian.network import service as network_service
from titian.network.vocab import Group


def today() -> date:
    return utcnow().date()


# --- read models -----------------------------------------------------------------------------


def is_overdue(commitment: Commitment, on: date) -> bool:
    """Still owed and its due date has passed."""
    return commitment.status in OWED and commitment.due_on < on


def reminder_due(commitment: Commitment, on: date) -> bool:
    """A follow-up reminder is due from ``remind_days`` before the due date while owed."""
    return commitment.status in OWED and (commitment.due_on - on).days <= commitment.remind_days


def commitment_read(c: Commitment, on: date | None = None) -> CommitmentRead:
    day = on or today()
    return CommitmentRead(
        id=c.id,
        dialogue_id=c.dialogue_id,
        dialogue_title=c.dialogue.title,
        country=c.dialogue.country,
        description=c.description,
        owner_actor_id=c.owner_actor_id,
        owner_name=c.owner.name if c.owner else None,
        due_on=c.due_on,
        status=c.status,
        remind_days=c.remind_days,
        follow_up=c.follow_up,
        overdue=is_overdue(c, day),
        reminder_due=reminder_due(c, day),
        version=c.version,
    )


def dialogue_read(d: Dialogue, on: date | None = None) -> DialogueRead:
    day = on or today()
    return DialogueRead(
        id=d.id,
        title=d.title,
        country=d.country,
        topics=split(d.topics),
        held_on=d.held_on,
        format=d.format,
        status=d.status,
        agency_id=d.agency_id,
        participants=len(d.participants),
        commitments_owed=sum(1 for c in d.commitments if c.status in OWED),
        commitments_overdue=sum(1 for c in d.commitments if is_overdue(c, day)),
        version=d.version,
    )


def attendees(participants: Iterable[Participant]) -> list[Attendee]:
    return [
        Attendee(
            actor_id=str(p.actor_id),
            actor_kind=p.actor.kind,
            actor_groups=frozenset(Group(g) for g in split(p.actor.groups)),
            role=p.role,
            gender=p.gender,
        )
        for p in participants
    ]


def balance_read(figures: Balance) -> BalanceRead:
    def share(s: object) -> ShareRead:
        from titian.dialogues.balance import Share

        assert isinstance(s, Share)
        return ShareRead(count=s.count, base=s.base, value=s.value)

    return BalanceRead(
        dialogues=figures.dialogues,
        participants=figures.participants,
        organisations=figures.organisations,
        support_agencies=share(figures.support_agencies),
        women=share(figures.women),
        gender_undisclosed=figures.gender_undisclosed,
        by_role={k.value: v for k, v in figures.by_role.items()},
        by_gender={k.value: v for k, v in figures.by_gender.items()},
        groups_represented=list(figures.groups_represented),
        groups_missing=list(figures.groups_missing),
    )


def dialogue_detail(d: Dialogue, principal: Principal) -> DialogueDetail:
    """The full dialogue; participants' names only for DIALOGUES_EDIT principals."""
    show_people = policies.has(principal, Permission.DIALOGUES_EDIT)
    day = today()
    return DialogueDetail(
        **dialogue_read(d, day).model_dump(),
        agenda=d.agenda,
        outcomes=d.outcomes,
        learning_notes=d.learning_notes,
        sessions=[SessionRead.model_validate(s) for s in d.sessions],
        participant_list=[
            ParticipantRead(
                id=p.id,
                actor_id=p.actor_id,
                actor_name=p.actor.name,
                actor_kind=p.actor.kind.value,
                person=p.person if show_people else None,
                role=p.role,
                gender=p.gender,
            )
            for p in d.participants
        ],
        commitment_list=[commitment_read(c, day) for c in d.commitments],
        figures=balance_read(balance(attendees(d.participants))),
    )


# --- dialogues -------------------------------------------------------------------------------


def list_dialogues(
    session: Session, principal: Principal | None, country: str | None = None
) -> Sequence[Dialogue]:
    return repository.list_dialogues(session, principal, country)


def get_dialogue(session: Session, principal: Principal, dialogue_id: uuid.UUID) -> Dialogue:
    return repository.get_dialogue(session, principal, dialogue_id)


def create_dialogue(
    session: Session,
    principal: Principal | None,
    data: DialogueCreate,
    agency_id: uuid.UUID | None = None,
) -> Dialogue:
    """Plan a dialogue, owned by the principal's agency (or ``agency_id`` from the command line
    and the demo). Outside the operator, an agency organises dialogues in its own country."""
    if principal is not None:
        repository.require_read(principal)
        if not policies.has(principal, Permission.DIALOGUES_EDIT):
            raise Forbidden("your role does not allow organising policy dialogues")
        if not principal.is_operator and data.country != principal.agency_country:
            raise Invalid(
                "country refused",
                [FieldError("country", "your agency organises dialogues in its own country")],
            )
        agency_id = principal.agency_id
    if agency_id is None:
        raise ValueError("agency_id: required without a principal")
    values = data.model_dump()
    values["topics"] = join(data.topics)
    dialogue = Dialogue(**values, agency_id=agency_id)
    session.add(dialogue)
    session.flush()
    audit.record(
        session, principal, "dialogue.create", "dialogue", dialogue.id, {"country": data.country}
    )
    return dialogue


def update_dialogue(
    session: Session, principal: Principal, dialogue_id: uuid.UUID, data: DialogueUpdate
) -> Dialogue:
    dialogue = repository.get_for_edit(session, principal, dialogue_id)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    ensure_version(dialogue, data.version, [], changes)
    if changes.get("status") is DialogueStatus.HELD:
        raise Invalid("status refused", [FieldError("status", "use 'hold' to record it was held")])
    for name, value in changes.items():
        setattr(dialogue, name, join(value) if name == "topics" else value)
    session.flush()
    audit.record(
        session, principal, "dialogue.update", "dialogue", dialogue.id, {"fields": sorted(changes)}
    )
    return dialogue


def hold_dialogue(
    session: Session, principal: Principal | None, dialogue_id: uuid.UUID
) -> tuple[Dialogue, int]:
    """Record that the dialogue took place and add co-participant relationships (module doc).
    Holding it again adds only the pairs still missing."""
    dialogue = _for_edit(session, principal, dialogue_id)
    if dialogue.status is DialogueStatus.CANCELLED:
        raise Invalid("status refused", [FieldError("status", "a cancelled dialogue is not held")])
    dialogue.status = DialogueStatus.HELD
    session.flush()
    added = network_service.add_dialogue_relationships(
        session,
        principal,
        dialogue.id,
        [p.actor_id for p in dialogue.participants],
        dialogue.held_on,
        f"policy dialogue: {dialogue.title}",
    )
    audit.record(
        session, principal, "dialogue.hold", "dialogue", dialogue.id, {"relationships": added}
    )
    return dialogue, added


def _for_edit(session: Session, principal: Principal | None, dialogue_id: uuid.UUID) -> Dialogue:
    if principal is not None:
        return repository.get_for_edit(session, principal, dialogue_id)
    found = session.get(Dialogue, dialogue_id)
    if found is None:
        raise NotFound("no such dialogue")
    return found


def add_session(
    session: Session, principal: Principal | None, dialogue_id: uuid.UUID, data: SessionCreate
) -> DialogueSession:
    dialogue = _for_edit(session, principal, dialogue_id)
    sitting = DialogueSession(position=len(dialogue.sessions) + 1, **data.model_dump())
    dialogue.sessions.append(sitting)
    session.flush()
    audit.record(session, principal, "dialogue.session.add", "dialogue", dialogue.id)
    return sitting


def add_participant(
    session: Session, principal: Principal | None, dialogue_id: uuid.UUID, data: ParticipantCreate
) -> Participant:
    """A participant speaks for a registered organisation; the role defaults from its kind."""
    dialogue = _for_edit(session, principal, dialogue_id)
    actor = session.get(Actor, data.actor_id)
    if actor is None:
        raise Invalid("unknown organisation", [FieldError("actor_id", "no such organisation")])
    participant = Participant(
        actor_id=actor.id,
        person=data.person,
        role=data.role or default_role(actor.kind),
        gender=data.gender,
    )
    participant.actor = actor
    dialogue.participants.append(participant)
    session.flush()
    audit.record(session, principal, "dialogue.participant.add", "dialogue", dialogue.id)
    return participant


def remove_participant(
    session: Session, principal: Principal, dialogue_id: uuid.UUID, participant_id: uuid.UUID
) -> int:
    """Remove a participant recorded by mistake. When the dialogue was already held and no one
    else spoke for the same organisation, the co-participant relationships holding it added for
    that organisation go too: it did not meet the others there. Returns how many went."""
    dialogue = _for_edit(session, principal, dialogue_id)
    found = next((p for p in dialogue.participants if p.id == participant_id), None)
    if found is None:
        raise NotFound("no such participant")
    dialogue.participants.remove(found)
    session.flush()
    removed = 0
    still_there = any(p.actor_id == found.actor_id for p in dialogue.participants)
    if dialogue.status is DialogueStatus.HELD and not still_there:
        removed = network_service.remove_dialogue_relationships(
            session, principal, dialogue.id, found.actor_id
        )
    audit.record(
        session,
        principal,
        "dialogue.participant.remove",
        "dialogue",
        dialogue.id,
        {"relationships_removed": removed},
    )
    return removed


# --- commitments -----------------------------------------------------------------------------


def _check_owner(session: Session, owner_id: uuid.UUID | None) -> None:
    if owner_id is not None and session.get(Actor, owner_id) is None:
        raise Invalid(
            "unknown organisation", [FieldError("owner_actor_id", "no such organisation")]
        )


def add_commitment(
    session: Session, principal: Principal | None, dialogue_id: uuid.UUID, data: CommitmentCreate
) -> Commitment:
    dialogue = _for_edit(session, principal, dialogue_id)
    _check_owner(session, data.owner_actor_id)
    commitment = Commitment(**data.model_dump())
    dialogue.commitments.append(commitment)
    session.flush()
    session.expire(commitment, ["owner"])
    audit.record(session, principal, "dialogue.commitment.add", "commitment", commitment.id)
    return commitment


def update_commitment(
    session: Session, principal: Principal, commitment_id: uuid.UUID, data: CommitmentUpdate
) -> Commitment:
    commitment = repository.get_commitment(session, principal, commitment_id)
    if not repository.can_edit(principal, commitment.dialogue):
        raise Forbidden("only the organising agency edits this dialogue's commitments")
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    ensure_version(commitment, data.version, changes, changes)
    if "owner_actor_id" in changes:
        _check_owner(session, changes["owner_actor_id"])
    for name, value in changes.items():
        setattr(commitment, name, value)
    session.flush()
    session.expire(commitment, ["owner"])
    audit.record(
        session,
        principal,
        "dialogue.commitment.update",
        "commitment",
        commitment.id,
        {"fields": sorted(changes)},
    )
    return commitment


def list_commitments(
    session: Session,
    principal: Principal | None,
    *,
    overdue: bool = False,
    country: str | None = None,
    on: date | None = None,
) -> Sequence[Commitment]:
    """Commitments of the dialogues in scope; ``overdue`` keeps those still owed and past due."""
    day = on or today()
    return repository.list_commitments(
        session, principal, overdue_on=day if overdue else None, country=country
    )


def reminders(session: Session, principal: Principal, on: date | None = None) -> list[Commitment]:
    """Owed commitments whose follow-up reminder is due (overdue first), for the editors who
    can act on them: DIALOGUES_EDIT principals, on the dialogues they may edit."""
    if not policies.has(principal, Permission.DIALOGUES_EDIT):
        return []
    day = on or today()
    owed = repository.list_commitments(session, principal, owed_only=True)
    due = [c for c in owed if reminder_due(c, day) and repository.can_edit(principal, c.dialogue)]
    return sorted(due, key=lambda c: (not is_overdue(c, day), c.due_on))


# --- figures ---------------------------------------------------------------------------------


def dialogue_figures(session: Session, principal: Principal, dialogue_id: uuid.UUID) -> Balance:
    dialogue = repository.get_dialogue(session, principal, dialogue_id)
    return balance(attendees(dialogue.participants))


def country_figures(session: Session, principal: Principal, country: str) -> Balance:
    """Pooled over the dialogues of ``country`` in scope that were held (planned and cancelled
    ones have no one in the room yet)."""
    held = [
        d
        for d in repository.list_dialogues(session, principal, country)
        if d.status is DialogueStatus.HELD
    ]
    rows = [a for d in held for a in attendees(d.participants)]
    return balance(rows, dialogues=len(held))
