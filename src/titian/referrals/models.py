"""Referrals in the database (issue 4, item 6).

- :class:`Referral`: one referral of one case's need to a chosen service. It keeps the services
  offered (the ranked matches), the excluded ones with reasons and the gap, if any (C3, C10), the
  person's choice or refusal (C3), what was shared and on which consent (C1), an emergency
  override (supervisor and reason), and the times of sending and acceptance. An emergency
  referral (C16) is started from an interview by its shortcut and keeps that interview.
- :class:`ReferralEvent`: the history, one row per move, never changed.

No identifying value is stored here: the case is referenced by id, the gap by group dimensions.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from titian.db.base import Entity, Versioned
from titian.db.types import str_enum as _enum
from titian.referrals.tracking import ReferralState


class Referral(Versioned):
    """A referral of a case's need to a service (module docstring)."""

    __tablename__ = "referral"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("victim_case.id", ondelete="CASCADE"), index=True
    )
    need: Mapped[str] = mapped_column(String(40))
    country: Mapped[str] = mapped_column(String(2))
    area: Mapped[str] = mapped_column(String(10))
    from_agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency.id"), index=True)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), default=None
    )
    # No foreign key: a service leaving the directory must not erase the referral's history.
    to_service_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    to_service_name: Mapped[str | None] = mapped_column(String(300), default=None)
    to_agency_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("agency.id"), default=None, index=True
    )
    off_platform: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[ReferralState] = mapped_column(
        _enum(ReferralState, "referral_state"), default=ReferralState.DRAFT, index=True
    )
    offered: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    excluded: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    gap: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    person_declined_reason: Mapped[str | None] = mapped_column(Text, default=None)
    data_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    identifying: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    emergency_override: Mapped[bool] = mapped_column(Boolean, default=False)
    # C16: started by an interview's emergency shortcut (the person is in danger now).
    emergency: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false(), index=True
    )
    from_interview_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("case_interview.id", ondelete="SET NULL"), default=None
    )
    override_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), default=None
    )
    override_reason: Mapped[str | None] = mapped_column(Text, default=None)
    decline_reason: Mapped[str | None] = mapped_column(Text, default=None)
    withdraw_reason: Mapped[str | None] = mapped_column(Text, default=None)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    accepted_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    seconds_to_acceptance: Mapped[int | None] = mapped_column(Integer, default=None)


class ReferralEvent(Entity):
    """One move of a referral: who (user and agency), when, from and to which state, why."""

    __tablename__ = "referral_event"

    referral_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("referral.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str | None] = mapped_column(String(40), default=None)
    to_state: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), default=None
    )
    agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agency.id"), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)
    at: Mapped[datetime] = mapped_column()
