"""Pydantic schemas of policy dialogues."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from titian.actors.schemas import check_country
from titian.actors.vocab import Gender
from titian.dialogues.vocab import CommitmentStatus, DialogueFormat, DialogueStatus, ParticipantRole
from titian.network.vocab import Group


def _topics(values: list[str]) -> list[str]:
    out = sorted({v.strip() for v in values if v.strip()})
    bad = [v for v in out if ";" in v or len(v) > 80]
    if bad:
        raise ValueError(f"a topic has at most 80 characters and no ';': {bad[0]!r}")
    return out


class DialogueCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=3, max_length=200)
    country: str
    topics: list[str] = Field(default_factory=list)
    held_on: date
    format: DialogueFormat = DialogueFormat.IN_PERSON
    agenda: str = Field(default="", max_length=8000)
    outcomes: str = Field(default="", max_length=8000)
    learning_notes: str = Field(default="", max_length=8000)

    _country = field_validator("country")(check_country)
    _topics = field_validator("topics")(_topics)


class DialogueUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: int = Field(ge=1, description="The version you read; a stale one answers 409")
    title: str | None = Field(default=None, min_length=3, max_length=200)
    topics: list[str] | None = None
    held_on: date | None = None
    format: DialogueFormat | None = None
    agenda: str | None = Field(default=None, max_length=8000)
    outcomes: str | None = Field(default=None, max_length=8000)
    learning_notes: str | None = Field(default=None, max_length=8000)
    status: DialogueStatus | None = Field(
        default=None, description="planned or cancelled; use /hold to record it was held"
    )

    @field_validator("topics")
    @classmethod
    def _check_topics(cls, v: list[str] | None) -> list[str] | None:
        return None if v is None else _topics(v)


class SessionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=200)
    held_on: date | None = None
    agenda: str = Field(default="", max_length=8000)


class SessionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    position: int
    title: str
    held_on: date | None
    agenda: str


class ParticipantCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    actor_id: uuid.UUID
    person: str = Field(default="", max_length=200, description="optional; personal data")
    role: ParticipantRole | None = Field(default=None, description="default: from the kind")
    gender: Gender = Gender.UNDISCLOSED


class ParticipantRead(BaseModel):
    id: uuid.UUID
    actor_id: uuid.UUID
    actor_name: str
    actor_kind: str
    person: str | None = Field(description="only for DIALOGUES_EDIT principals")
    role: ParticipantRole
    gender: Gender


class CommitmentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    description: str = Field(min_length=3, max_length=4000)
    owner_actor_id: uuid.UUID | None = None
    due_on: date
    status: CommitmentStatus = CommitmentStatus.OPEN
    remind_days: int = Field(default=14, ge=0, le=365)


class CommitmentUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: int = Field(ge=1, description="The version you read; a stale one answers 409")
    description: str | None = Field(default=None, min_length=3, max_length=4000)
    owner_actor_id: uuid.UUID | None = None
    due_on: date | None = None
    status: CommitmentStatus | None = None
    remind_days: int | None = Field(default=None, ge=0, le=365)
    follow_up: str | None = Field(default=None, max_length=4000)


class CommitmentRead(BaseModel):
    id: uuid.UUID
    dialogue_id: uuid.UUID
    dialogue_title: str
    country: str
    description: str
    owner_actor_id: uuid.UUID | None
    owner_name: str | None
    due_on: date
    status: CommitmentStatus
    remind_days: int
    follow_up: str
    overdue: bool
    reminder_due: bool
    version: int


class ShareRead(BaseModel):
    count: int
    base: int
    value: float | None


class BalanceRead(BaseModel):
    """Participation figures (``titian.dialogues.balance``)."""

    dialogues: int
    participants: int
    organisations: int
    support_agencies: ShareRead
    women: ShareRead
    gender_undisclosed: int
    by_role: dict[str, int]
    by_gender: dict[str, int]
    groups_represented: list[Group]
    groups_missing: list[Group]


class DialogueRead(BaseModel):
    id: uuid.UUID
    title: str
    country: str
    topics: list[str]
    held_on: date
    format: DialogueFormat
    status: DialogueStatus
    agency_id: uuid.UUID
    participants: int
    commitments_owed: int
    commitments_overdue: int
    version: int


class DialogueDetail(DialogueRead):
    agenda: str
    outcomes: str
    learning_notes: str
    sessions: list[SessionRead]
    participant_list: list[ParticipantRead]
    commitment_list: list[CommitmentRead]
    figures: BalanceRead


class HoldResult(BaseModel):
    dialogue: DialogueRead
    relationships_added: int
