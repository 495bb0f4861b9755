"""Vocabularies of policy dialogues (issue 6, item 6)."""

from __future__ import annotations

from enum import StrEnum


class DialogueFormat(StrEnum):
    """How a dialogue meets."""

    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


class DialogueStatus(StrEnum):
    """``held`` once the dialogue took place: holding it adds co-participant relationships."""

    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class ParticipantRole(StrEnum):
    """Which side of the footbridge a participant speaks for (issue 6: justice, support, other)."""

    JUSTICE = "justice"
    SUPPORT = "support"
    OTHER = "other"


class CommitmentStatus(StrEnum):
    """Where a commitment stands. ``open`` and ``in_progress`` are still owed."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


OWED: frozenset[CommitmentStatus] = frozenset({CommitmentStatus.OPEN, CommitmentStatus.IN_PROGRESS})
