"""Screening sessions in the database (issue 5, item 3).

A :class:`ScreeningSession` belongs to a case and to one :class:`titian.cases.models.CaseInterview`
with purpose ``screening``: the interview record holds the safety fields (language and
interpreter, the interviewer gender the person prefers, safe location, risk assessed, emergency
plan, stopped at the person's request; rights-checklist C4, C5, C16). The session holds what
scoring reads: the list (id, version, status), the purpose, age, migration status, acts, and the
answers as ``indicator id -> yes | no | unknown``. Answers never hold free text or identifying
values (only catalogue ids and these three words).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, Enum, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from titian.db.base import Versioned
from titian.db.types import str_enum


class SessionStatus(StrEnum):
    """``open`` while answering; ``finished`` once scored and the interview closed; ``stopped``
    when the person stopped the interview (scored on what was recorded, C16)."""

    OPEN = "open"
    FINISHED = "finished"
    STOPPED = "stopped"


class Answer(StrEnum):
    """One indicator answer. ``unknown`` is not ``no`` (anti-misidentification rule 7)."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


def _enum(kind: type[StrEnum], name: str) -> Enum:
    return str_enum(kind, name, length=20)


class ScreeningSession(Versioned):
    """One guided screening of one person, saved step by step."""

    __tablename__ = "screening_session"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("victim_case.id", ondelete="CASCADE"), index=True
    )
    interview_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("case_interview.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[SessionStatus] = mapped_column(
        _enum(SessionStatus, "screening_status"), default=SessionStatus.OPEN
    )
    exploitation_kind: Mapped[str] = mapped_column(String(20), default="labour")
    other_form: Mapped[str | None] = mapped_column(String(40), default=None)
    age: Mapped[int | None] = mapped_column(Integer, default=None)
    age_uncertain: Mapped[bool] = mapped_column(Boolean, default=False)
    migration_status: Mapped[str] = mapped_column(String(30), default="unknown")
    acts: Mapped[list[str]] = mapped_column(JSON, default=list)
    answers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    current_step: Mapped[str] = mapped_column(String(20), default="safety")
    catalogue_list_id: Mapped[str | None] = mapped_column(String(10), default=None)
    catalogue_version: Mapped[str | None] = mapped_column(String(40), default=None)
    catalogue_status: Mapped[str | None] = mapped_column(String(20), default=None)
    outcome: Mapped[str | None] = mapped_column(String(40), default=None)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    started_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), default=None
    )
    finished_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), default=None
    )
    finished_at: Mapped[datetime | None] = mapped_column(default=None)

    @property
    def started_at(self) -> datetime:
        return self.created_at
