"""Vocabularies of the actor register that the pure modules share (no database imports)."""

from __future__ import annotations

from enum import StrEnum


class Gender(StrEnum):
    """Gender of a contact person or a dialogue participant, as they give it, or undisclosed.

    Undisclosed is a valid answer and never counted as either women or men (DESIGN.md,
    "gender-aware reporting")."""

    WOMAN = "woman"
    MAN = "man"
    NON_BINARY = "non_binary"
    UNDISCLOSED = "undisclosed"
