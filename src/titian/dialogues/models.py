"""Policy dialogues: the dialogue, its sessions, participants, commitments and learning notes.

A dialogue belongs to the agency that organises it (``agency_id``); its scope rule is in
``titian.dialogues.repository``. Participants name an organisation of the actor register; the
person's name is optional and is personal data (shown to DIALOGUES_EDIT principals only).
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from titian.actors.models import Actor
from titian.actors.vocab import Gender
from titian.db.base import Entity, Versioned
from titian.db.types import str_enum as enum_column
from titian.dialogues.vocab import CommitmentStatus, DialogueFormat, DialogueStatus, ParticipantRole


class Dialogue(Versioned):
    """One policy dialogue. ``topics`` are ``;``-joined; ``agenda``, ``outcomes`` and
    ``learning_notes`` are free text written by the organisers."""

    __tablename__ = "dialogue"

    title: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2), index=True)
    topics: Mapped[str] = mapped_column(String(400), default="")
    held_on: Mapped[date] = mapped_column()
    format: Mapped[DialogueFormat] = mapped_column(enum_column(DialogueFormat, "dialogue_format"))
    status: Mapped[DialogueStatus] = mapped_column(
        enum_column(DialogueStatus, "dialogue_status"), default=DialogueStatus.PLANNED
    )
    agenda: Mapped[str] = mapped_column(Text, default="")
    outcomes: Mapped[str] = mapped_column(Text, default="")
    learning_notes: Mapped[str] = mapped_column(Text, default="")
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency.id"), index=True)

    sessions: Mapped[list[DialogueSession]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="DialogueSession.position"
    )
    participants: Mapped[list[Participant]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="Participant.created_at"
    )
    commitments: Mapped[list[Commitment]] = relationship(
        back_populates="dialogue",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="Commitment.due_on",
    )


class DialogueSession(Entity):
    """One sitting of a dialogue, with its own agenda."""

    __tablename__ = "dialogue_session"

    dialogue_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dialogue.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date | None] = mapped_column(default=None)
    agenda: Mapped[str] = mapped_column(Text, default="")


class Participant(Entity):
    """One person at a dialogue, speaking for one organisation of the register."""

    __tablename__ = "dialogue_participant"

    dialogue_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dialogue.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("actor.id"), index=True)
    person: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[ParticipantRole] = mapped_column(enum_column(ParticipantRole, "participant_role"))
    gender: Mapped[Gender] = mapped_column(
        enum_column(Gender, "participant_gender"), default=Gender.UNDISCLOSED
    )

    actor: Mapped[Actor] = relationship(lazy="joined")


class Commitment(Versioned):
    """A promise made at a dialogue: who owes it, by when, where it stands. A follow-up reminder
    is due ``remind_days`` before ``due_on`` and every day after it while still owed."""

    __tablename__ = "dialogue_commitment"

    dialogue_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dialogue.id", ondelete="CASCADE"), index=True
    )
    description: Mapped[str] = mapped_column(Text)
    owner_actor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("actor.id"), default=None, index=True
    )
    due_on: Mapped[date] = mapped_column()
    status: Mapped[CommitmentStatus] = mapped_column(
        enum_column(CommitmentStatus, "commitment_status"), default=CommitmentStatus.OPEN
    )
    remind_days: Mapped[int] = mapped_column(Integer, default=14)
    follow_up: Mapped[str] = mapped_column(Text, default="")

    dialogue: Mapped[Dialogue] = relationship(back_populates="commitments")
    owner: Mapped[Actor | None] = relationship(lazy="joined")
