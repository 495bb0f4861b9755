"""A disclosure-controlled table as released, and shares that never rest on a small denominator.

A released table holds, for every interior and margin cell, either the published count (rounded
when a rounding rule applies) or a mask. It carries no true value of a masked cell and does not
say which masks are primary (small counts) and which are secondary (cells hidden to protect
others): one mask symbol is shown for both, so a reader cannot tell them apart
(disclosure-control.md: "Titian shows a masked cell as `<11` or `-` and never as 0"; Titian uses
the neutral mask because "<11" on a secondary cell would be false and on a primary cell would
confirm that it is small). Every release states the rules applied (``notes``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from titian.i18n import N_
from titian.privacy.sdc_settings import RULES_VERSION, RoundingRule, SdcError
from titian.privacy.sdc_table import TOTAL, CellKey

MASK: Final = "\u2013"
"""The mask shown for every suppressed cell (an en dash)."""
TOTAL_LABEL: Final = N_("Total")


class CellStatus(StrEnum):
    PUBLISHED = "published"
    SUPPRESSED = "suppressed"


@dataclass(frozen=True)
class ReleasedCell:
    """A published value, or ``None`` with status ``suppressed``."""

    value: int | None
    status: CellStatus

    @classmethod
    def published(cls, value: int) -> ReleasedCell:
        return cls(value, CellStatus.PUBLISHED)

    @classmethod
    def masked(cls) -> ReleasedCell:
        return cls(None, CellStatus.SUPPRESSED)


def safe_share(numerator: int | None, denominator: int | None, threshold: int = 11) -> float | None:
    """The share ``numerator / denominator``, or None when publishing it would disclose.

    Withheld (disclosure-control.md, secondary suppression step 4 and section 5 "Rates and
    percentages"): when either count is suppressed (None); when the denominator is under the
    threshold (this includes 0); when the numerator is a small count (1 to threshold - 1), which
    would itself be suppressed; and when the complement ``denominator - numerator`` is a small
    count, since "95 % of 100" discloses the 5 others as surely as the count 5 would.
    """
    if numerator is None or denominator is None:
        return None
    if numerator < 0 or denominator < 0 or numerator > denominator:
        raise SdcError(f"share: {numerator}/{denominator} is not a share of non-negative counts")
    if denominator < threshold:
        return None
    if 0 < numerator < threshold or 0 < denominator - numerator < threshold:
        return None
    return numerator / denominator


@dataclass(frozen=True)
class ReleasedTable:
    """Every cell of a released table keyed like :class:`titian.privacy.sdc_table.Table`."""

    dimensions: tuple[str, ...]
    categories: tuple[tuple[str, ...], ...]
    cells: Mapping[CellKey, ReleasedCell]
    threshold: int
    rounding: RoundingRule | None = None
    notes: tuple[str, ...] = ()
    rules_version: str = RULES_VERSION

    def value(self, key: CellKey) -> int | None:
        if key not in self.cells:
            raise SdcError(f"cell {key!r}: not in the table over {self.dimensions}")
        return self.cells[key].value

    def render(self, key: CellKey) -> str:
        """Text of a cell as shown to readers: the count, or the mask."""
        value = self.value(key)
        return MASK if value is None else str(value)

    def share(self, key: CellKey, along: str) -> float | None:
        """Share of ``key`` within its total along dimension ``along`` (see :func:`safe_share`)."""
        if along not in self.dimensions:
            raise SdcError(f"share: {along!r} is not a dimension of {self.dimensions}")
        pos = self.dimensions.index(along)
        if key[pos] == TOTAL:
            raise SdcError(f"share: {key!r} is already a total along {along!r}")
        denominator_key = (*key[:pos], TOTAL, *key[pos + 1 :])
        return safe_share(self.value(key), self.value(denominator_key), self.threshold)

    def suppressed_keys(self) -> list[CellKey]:
        return [k for k, c in self.cells.items() if c.status is CellStatus.SUPPRESSED]

    def to_rows(self) -> list[dict[str, str]]:
        """One row per cell, totals labelled ``Total`` and masks shown, ready for export."""
        rows: list[dict[str, str]] = []
        for key in self.cells:
            row = {
                d: TOTAL_LABEL if c == TOTAL else c
                for d, c in zip(self.dimensions, key, strict=True)
            }
            row["count"] = self.render(key)
            rows.append(row)
        return rows
