"""Small-cell suppression with secondary suppression and optional rounding for published tables.

Rules (disclosure-control.md sections 2 and 5; CTDC k = 11, CTDC codebook v6.0):

1. **Primary suppression.** A cell (interior or margin) with a count from 1 to ``threshold - 1``
   is masked. Zeros are published: the Titian default is "suppress counts 1-10, publish 0 and 11+".
2. **Secondary suppression.** While some line (row, column, margin of margins) has exactly one
   masked cell, that cell equals the total minus the rest, so a second cell of the line is masked:
   the smallest non-zero published cell, preferring detailed cells to totals (a margin only when
   nothing else is left, step 3 of the domain rule). Then an exact audit
   (:mod:`titian.privacy.sdc_ranges`) looks for masked cells whose feasible range, given all
   margins, is a single value or lies entirely under the threshold. For each such cell of the
   first group with leaks, the smallest non-zero published cell on one of its lines is masked too
   (once per line per round), and the loop starts again. It ends because every round masks at
   least one more cell, and a table whose non-zero cells are all masked leaks nothing (every
   masked cell can then be scaled up without bound). Masking more only widens ranges, so a cell
   once found safe is not checked again.
3. **Rounding** (optional) is applied afterwards to the published cells only; margins are rounded
   from their true values, independently of the rounded cells.

The cell choice is a greedy heuristic, run twice (smallest value first; closing other one-mask lines
first) and the pattern hiding the fewest people is kept. It is not optimal: tau-Argus's optimal
method solves a mixed-integer program over the whole table and may mask less. Its guarantee is the
audit, which every result passes by construction. Cells of linked tables (same population) are
protected together through their shared margins (:func:`suppress_tables`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any

from titian.i18n import N_, Message
from titian.privacy.sdc_audit import Problem, ProblemKind, audit_table, audit_tables
from titian.privacy.sdc_lp import Polytope
from titian.privacy.sdc_ranges import masked_groups
from titian.privacy.sdc_release import (
    MASK,
    CellStatus,
    ReleasedCell,
    ReleasedTable,
    safe_share,
)
from titian.privacy.sdc_settings import (
    DEFAULT_THRESHOLD,
    RoundingMethod,
    RoundingRule,
    SdcError,
    check_threshold,
)
from titian.privacy.sdc_table import (
    TOTAL,
    CellId,
    CellKey,
    Line,
    Structure,
    Table,
    build_structure,
)

__all__ = [
    "MASK",
    "TOTAL",
    "CellStatus",
    "Problem",
    "ProblemKind",
    "ReleasedCell",
    "ReleasedTable",
    "Table",
    "audit_table",
    "audit_tables",
    "safe_share",
    "suppress_table",
    "suppress_tables",
    "suppression_pattern",
]


class Strategy(StrEnum):
    SMALLEST = "smallest"
    CLOSING = "closing"


class _Pattern:
    """The masked cells and, per line, how many of its cells are masked."""

    def __init__(self, structure: Structure, values: dict[CellId, int]) -> None:
        self.structure = structure
        self.values = values
        self.lines_of = structure.lines_of()
        self.order = {c: i for i, c in enumerate(structure.cells)}
        self.masked: set[CellId] = set()
        self.count = [0] * len(structure.lines)

    def add(self, cell: CellId) -> None:
        if cell in self.masked:
            return
        self.masked.add(cell)
        for i in self.lines_of[cell]:
            self.count[i] += 1

    def lone_line(self) -> Line | None:
        for i, n in enumerate(self.count):
            if n == 1:
                return self.structure.lines[i]
        return None

    def rank(self, strategy: Strategy) -> Callable[[CellId], tuple[int, ...]]:
        def key(cell: CellId) -> tuple[int, ...]:
            counts = [self.count[i] for i in self.lines_of[cell]]
            closes, opens = counts.count(1), counts.count(0)
            value = self.values[cell]
            if strategy is Strategy.SMALLEST:
                return (-len(cell), value, -closes, opens, self.order[cell])
            return (-len(cell), -closes, value, opens, self.order[cell])

        return key

    def candidates(self, cells: Sequence[CellId]) -> list[CellId]:
        return [c for c in cells if c not in self.masked and self.values[c] > 0]


def _cell_leaks(polytope: Polytope, j: int, true: int, threshold: int) -> bool:
    """Leak test with the true value known: one LP (the maximum) settles most cells.

    The true value is feasible, so the range is never a single value once the maximum exceeds it.
    """
    high = polytope.maximum(j)
    if high is None:
        return False
    top = math.floor(high)
    if top < threshold:
        return True
    return top == true and math.ceil(polytope.minimum(j)) == true


def _leaks(pattern: _Pattern, threshold: int, safe: set[CellId]) -> list[CellId]:
    """Leaking masked cells of the first group that has any; proven-safe cells are skipped.

    Masking one more cell can only widen every range: any table that matched the release before
    still matches it, with the newly masked cell at its true value (which is at least 1, since
    zeros are never masked). So a cell proven safe stays safe while the loop adds masks.
    """
    published = {c: (v, v) for c, v in pattern.values.items() if c not in pattern.masked}
    for group in masked_groups(pattern.structure, published, pattern.masked):
        todo = [c for c in group.masked if c not in safe]
        if not todo:
            continue
        polytope = group.polytope(published)
        leaking: list[CellId] = []
        for cell in todo:
            if _cell_leaks(polytope, group.cells.index(cell), pattern.values[cell], threshold):
                leaking.append(cell)
            else:
                safe.add(cell)
        if leaking:
            return leaking
    return []


def _repair(pattern: _Pattern, leaks: list[CellId], rank: Callable[[CellId], Any]) -> None:
    """Mask one more cell next to each leaking cell, unless a line of it was just given one."""
    lines = pattern.structure.lines
    touched: set[int] = set()
    for leak in leaks:
        if touched.intersection(pattern.lines_of[leak]):
            continue
        near = [c for i in pattern.lines_of[leak] for c in lines[i].cells]
        pool = pattern.candidates(near) or pattern.candidates(pattern.structure.cells)
        if pool:
            chosen = min(pool, key=rank)
            pattern.add(chosen)
            touched.update(pattern.lines_of[chosen])
    if not touched:  # pragma: no cover - a table with every non-zero cell masked cannot leak
        raise SdcError(f"suppression: no cell left to protect {leaks[0]!r}")


def _protect(
    structure: Structure, values: dict[CellId, int], threshold: int, strategy: Strategy
) -> set[CellId]:
    pattern = _Pattern(structure, values)
    for cell in structure.cells:
        if 0 < values[cell] < threshold:
            pattern.add(cell)
    rank = pattern.rank(strategy)
    safe: set[CellId] = set()
    while True:
        line = pattern.lone_line()
        if line is not None:
            pattern.add(min(pattern.candidates(line.cells), key=rank))
            continue
        leaks = _leaks(pattern, threshold, safe)
        if not leaks:
            return pattern.masked
        _repair(pattern, leaks, rank)


def suppression_pattern(
    structure: Structure, values: dict[CellId, int], threshold: int
) -> set[CellId]:
    """Masked cells (primary and secondary) hiding the fewest people over both strategies."""
    best: tuple[int, int, set[CellId]] | None = None
    for strategy in Strategy:
        masked = _protect(structure, values, threshold, strategy)
        cost = (sum(values[c] for c in masked), len(masked))
        if best is None or cost < best[:2]:
            best = (*cost, masked)
    assert best is not None
    return best[2]


def _linked_values(
    cells: Sequence[dict[CellKey, int]], ids: Sequence[dict[CellKey, CellId]]
) -> dict[CellId, int]:
    values: dict[CellId, int] = {}
    for n, (table_cells, table_ids) in enumerate(zip(cells, ids, strict=True)):
        for key, value in table_cells.items():
            cid = table_ids[key]
            if values.setdefault(cid, value) != value:
                raise SdcError(
                    f"tables[{n}]: cell {key!r} is {value} here but {values[cid]} in an earlier "
                    "table; linked tables must count the same population"
                )
    return values


#: The notes of every released table, whole sentences with named placeholders, marked for
#: translation: the table keeps them as :class:`titian.i18n.Message`, English when printed (API,
#: CLI), translated by a page (the GESI report).
NOTE_THRESHOLD = N_(
    "Counts from 1 to %(last)s are not published; %(mask)s marks a suppressed cell (a small count, "
    "or a cell hidden so that a small count cannot be worked out from totals)."
)
NOTE_MASKED = N_("%(count)s cell(s) suppressed.")
NOTE_ROUNDED = {
    RoundingMethod.NEAREST: N_(
        "Published counts rounded to the nearest multiple of %(base)s; totals are rounded "
        "separately and may not equal the sum of rounded cells."
    ),
    RoundingMethod.FLOOR: N_(
        "Published counts rounded down to a multiple of %(base)s; totals are rounded separately "
        "and may not equal the sum of rounded cells."
    ),
}


def _notes(threshold: int, rounding: RoundingRule | None, masked: int) -> tuple[str, ...]:
    notes = [
        Message(NOTE_THRESHOLD, last=threshold - 1, mask=MASK),
        Message(NOTE_MASKED, count=masked),
    ]
    if rounding is not None:
        notes.append(Message(NOTE_ROUNDED[rounding.method], base=rounding.base))
    return tuple(notes)


def _release(
    table: Table,
    values: dict[CellKey, int],
    ids: dict[CellKey, CellId],
    masked: set[CellId],
    threshold: int,
    rounding: RoundingRule | None,
) -> ReleasedTable:
    cells: dict[tuple[str, ...], ReleasedCell] = {}
    for key, value in values.items():
        if ids[key] in masked:
            cells[key] = ReleasedCell.masked()
        else:
            cells[key] = ReleasedCell.published(rounding.apply(value) if rounding else value)
    count = sum(1 for k in cells if ids[k] in masked)
    notes = _notes(threshold, rounding, count)
    return ReleasedTable(table.dimensions, table.categories, cells, threshold, rounding, notes)


def suppress_tables(
    tables: Sequence[Table],
    threshold: int = DEFAULT_THRESHOLD,
    rounding: RoundingRule | None = None,
) -> tuple[ReleasedTable, ...]:
    """Protect tables cut from one population together (shared margins are one cell).

    Tables from different populations must be protected separately. Earlier releases of a table
    are not taken into account here (see docs/disclosure-control.md, "Limits").
    """
    check_threshold(threshold)
    if not tables:
        raise SdcError("tables: nothing to suppress")
    cells = [t.cells() for t in tables]
    ids = [t.ids() for t in tables]
    values = _linked_values(cells, ids)
    masked: set[CellId] = set()
    if any(0 < v < threshold for v in values.values()):
        structure = build_structure([(t.dimensions, t.categories) for t in tables])
        masked = suppression_pattern(structure, values, threshold)
    # else no small cell: nothing to hide, so nothing to protect by secondary suppression either.
    return tuple(
        _release(t, c, i, masked, threshold, rounding)
        for t, c, i in zip(tables, cells, ids, strict=True)
    )


def suppress_table(
    table: Table, threshold: int = DEFAULT_THRESHOLD, rounding: RoundingRule | None = None
) -> ReleasedTable:
    """Primary and secondary suppression, then optional rounding, of one table with its margins."""
    return suppress_tables([table], threshold, rounding)[0]
