"""Screening sessions at the doors: start, save a step, finish, read (Pydantic v2).

Answers are catalogue indicator ids mapped to ``yes``, ``no`` or ``unknown``: an id must match
the catalogue id pattern (``d4.excessive_hours``) and name an indicator of a shipped list, so no
free text and no identifying value can be stored as an answer.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from titian.cases.schemas import InterviewRead
from titian.screening.answers import ExploitationKind, MigrationStatus, OtherForm, TraffickingAct
from titian.screening.models import Answer, SessionStatus

_FORBID = ConfigDict(extra="forbid")

IndicatorId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+\.[a-z0-9_]+$", max_length=60)]

STEPS: tuple[str, ...] = ("safety", "about", "D1", "D2", "D3", "D4", "D5", "D6", "review")
"""The guided form: interview safety first (C4, C5, C16), then the person, then one ILO/EC
dimension per step, then the review before the result."""


class ScreeningStart(BaseModel):
    """Start a screening of a case; the screening interview record is created with it."""

    model_config = _FORBID

    case_id: uuid.UUID
    exploitation_kind: ExploitationKind = ExploitationKind.LABOUR
    other_form: OtherForm | None = None
    age: int | None = Field(default=None, ge=0, le=130)
    age_uncertain: bool = False
    migration_status: MigrationStatus = MigrationStatus.UNKNOWN


class ScreeningSave(BaseModel):
    """Save part of a screening (one step of the guided form). ``answers`` are merged into the
    stored ones; fields left out are kept. ``version`` is the one the form was read at."""

    model_config = _FORBID

    version: int
    exploitation_kind: ExploitationKind | None = None
    other_form: OtherForm | None = None
    age: int | None = Field(default=None, ge=0, le=130)
    age_uncertain: bool | None = None
    migration_status: MigrationStatus | None = None
    acts: list[TraffickingAct] | None = None
    answers: dict[IndicatorId, Answer] = Field(default_factory=dict, max_length=200)
    current_step: str | None = Field(default=None, pattern=r"^(safety|about|D[1-6]|review)$")


class ScreeningFinish(BaseModel):
    model_config = _FORBID

    version: int


class ScreeningRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    case_number: str
    interview_id: uuid.UUID
    status: SessionStatus
    exploitation_kind: ExploitationKind
    other_form: OtherForm | None
    age: int | None
    age_uncertain: bool
    migration_status: MigrationStatus
    acts: list[TraffickingAct]
    answers: dict[str, Answer]
    current_step: str
    catalogue_list_id: str | None
    catalogue_version: str | None
    catalogue_status: str | None
    outcome: str | None
    result: dict[str, Any] | None
    started_by_id: uuid.UUID | None
    started_at: datetime
    finished_by_id: uuid.UUID | None
    finished_at: datetime | None
    version: int
    interview: InterviewRead
    case_identification_status: str


class CatalogueRow(BaseModel):
    """A shipped list with its version and status (``to_verify`` and ``incomplete`` as is)."""

    list_id: str
    title: str
    age_group: str
    kind: str
    form: str | None
    base: str | None
    catalogue: str
    version: str
    status: str
    indicator_count: int
