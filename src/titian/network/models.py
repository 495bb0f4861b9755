"""Relationships between organisations of the actor register (issue 6, item 2).

``dialogue_id`` marks a co-participant relationship added when a policy dialogue was held
(``titian.dialogues.service.hold_dialogue``); it is a plain id, not a foreign key, so the network
does not depend on the dialogues tables.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from titian.db.base import Versioned
from titian.db.types import str_enum as enum_column
from titian.network.vocab import Direction, RelationshipType


class Relationship(Versioned):
    """A typed relationship from ``source`` to ``target``, with its span and its evidence."""

    __tablename__ = "actor_relationship"

    source_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("actor.id", ondelete="CASCADE"))
    target_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("actor.id", ondelete="CASCADE"))
    type: Mapped[RelationshipType] = mapped_column(
        enum_column(RelationshipType, "relationship_type")
    )
    direction: Mapped[Direction] = mapped_column(
        enum_column(Direction, "relationship_direction"), default=Direction.MUTUAL
    )
    start_date: Mapped[date | None] = mapped_column(default=None)
    end_date: Mapped[date | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    evidence: Mapped[str] = mapped_column(String(500), default="")
    dialogue_id: Mapped[uuid.UUID | None] = mapped_column(default=None, index=True)

    __table_args__ = (
        Index("ix_actor_relationship_source_target", "source_id", "target_id"),
        Index("ix_actor_relationship_target", "target_id"),
    )
