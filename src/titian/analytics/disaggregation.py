"""Disaggregation rules: the published bands of gender, disability and migration status.

The same rules are written in SQL (``sql/titian__base.sql``) for DuckDB; these pure functions are
their reference, used by the snapshot writer, the pandas baseline of the benchmark and the tests
that check the SQL against them.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

WG_DOMAINS: tuple[str, ...] = (
    "wg_seeing",
    "wg_hearing",
    "wg_mobility",
    "wg_cognition",
    "wg_selfcare",
    "wg_communication",
)


class DisabilityBand(StrEnum):
    """Three published bands (data-standards.md (d): "none; some; a lot or cannot do")."""

    NONE = "none"
    SOME = "some"
    A_LOT = "a_lot"
    UNKNOWN = "unknown"


class PublishedGender(StrEnum):
    """Gender as published: SOGIESC detail is never a dimension (data-standards.md (e) rule 3),
    so non-binary and another term are one undivided category, as in CTDC's releases."""

    WOMAN = "woman"
    MAN = "man"
    ANOTHER = "another"
    UNKNOWN = "unknown"


def disability_band(answers: Sequence[int | None]) -> DisabilityBand:
    """Band from the six WG-SS answers (1-4; None = not asked, refused or don't know).

    WG DISABILITY3 (WG Document 7A): true if any answered domain is 3 or 4, even when others are
    missing; false only when all six are answered 1 or 2. Among the 'false' cases, 'some' when the
    highest answer is 2, 'none' when every answer is 1. Anything else is undetermined.
    """
    if len(answers) != len(WG_DOMAINS):
        raise ValueError(f"answers: expected {len(WG_DOMAINS)} WG-SS domains, got {len(answers)}")
    given = [a for a in answers if a is not None]
    for value in given:
        if value not in (1, 2, 3, 4):
            raise ValueError(f"answers: {value!r} is not a WG-SS answer (1-4)")
    if given and max(given) >= 3:
        return DisabilityBand.A_LOT
    if len(given) < len(WG_DOMAINS):
        return DisabilityBand.UNKNOWN
    return DisabilityBand.SOME if max(given) == 2 else DisabilityBand.NONE


_GENDER = {
    "woman": PublishedGender.WOMAN,
    "man": PublishedGender.MAN,
    "non_binary": PublishedGender.ANOTHER,
    "another_term": PublishedGender.ANOTHER,
}


def publish_gender(value: str | None) -> PublishedGender:
    """The snapshot's gender from ``cases.vocab.Gender`` (prefers_not_to_say and None: unknown)."""
    return _GENDER.get(value or "", PublishedGender.UNKNOWN)


_MIGRATION = {
    "labour_migrant": "labour_migrant",
    "irregular_migrant": "irregular_migrant",
    "refugee": "refugee_or_asylum",
    "asylum_seeker": "refugee_or_asylum",
    "complementary_protection": "refugee_or_asylum",
    "stateless_person": "stateless_person",
    "internally_displaced_person": "internally_displaced",
    "returnee": "returnee",
}


def migration_group(status: str | None) -> str:
    """Published migration group of a ``cases.vocab.MigrationStatus`` value (None: not recorded)."""
    if status is None:
        return "not_recorded"
    return _MIGRATION.get(status, "other_migrant")
