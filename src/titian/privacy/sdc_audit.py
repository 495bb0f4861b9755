"""Independent check of released tables: no small cell survives, no masked cell can be recovered.

Issue 7 acceptance: "Every released table passes a test that no cell under the threshold survives
and no suppressed cell is derivable from its margins." The auditor sees only what a reader sees
(the released values, the masks, the margins and the rounding rule) and knows the rules. It reports:

* ``small_cell``: a published count that can only stand for 1 to threshold - 1 people;
* ``recoverable``: a masked cell whose value follows from the margins, by subtraction along lines
  (repeated single-unknown elimination) or because its feasible range is a single value;
* ``bounded_under_threshold``: a masked cell whose feasible range lies entirely under the
  threshold, which tells the reader it is a small group (and, with a neutral mask, which masks
  are primary);
* ``inconsistent``: published values that no table of non-negative counts can produce, or a
  malformed release (missing cells, a mask with a value).

It never looks at the true values, so it can audit releases built by any code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from titian.privacy.sdc_lp import InfeasibleError
from titian.privacy.sdc_ranges import CellRange, Interval, eliminate, unknown_ranges
from titian.privacy.sdc_release import CellStatus, ReleasedTable
from titian.privacy.sdc_settings import RoundingRule, SdcError, check_threshold
from titian.privacy.sdc_table import CellId, Structure, Table, build_structure, describe_id


class ProblemKind(StrEnum):
    SMALL_CELL = "small_cell"
    RECOVERABLE = "recoverable"
    BOUNDED_UNDER_THRESHOLD = "bounded_under_threshold"
    INCONSISTENT = "inconsistent"


@dataclass(frozen=True)
class Problem:
    """One disclosure problem; ``cell`` is the table-independent cell id (None for the table)."""

    kind: ProblemKind
    cell: CellId | None
    message: str


def range_problem(cell: CellId, rng: CellRange, threshold: int) -> Problem | None:
    """Leak rule for a masked cell's feasible range (single value, or entirely under threshold)."""
    where = describe_id(cell)
    if rng.exact:
        return Problem(ProblemKind.RECOVERABLE, cell, f"[{where}] is exactly {rng.low}")
    if rng.high is not None and rng.high < threshold:
        return Problem(
            ProblemKind.BOUNDED_UNDER_THRESHOLD,
            cell,
            f"[{where}] lies in {rng.low}..{rng.high}, entirely under the threshold {threshold}",
        )
    return None


def published_interval(value: int, rounding: RoundingRule | None, threshold: int) -> Interval:
    """True values a published count can stand for, given that small counts are never published."""
    if rounding is None:
        return value, value
    low, high = rounding.preimage(value)
    if low == 0:
        return (0, 0) if high < threshold else (0, high)
    if high < threshold:
        return low, high  # impossible under the rules: reported as a small cell
    return max(low, threshold), high


def _merge(
    released: Sequence[ReleasedTable], threshold: int
) -> tuple[Structure, dict[CellId, Interval], set[CellId], list[Problem]]:
    structure = build_structure([(r.dimensions, r.categories) for r in released])
    published: dict[CellId, Interval] = {}
    masked: set[CellId] = set()
    problems: list[Problem] = []
    for n, table in enumerate(released):
        shape = Table(table.dimensions, table.categories)
        for key, cid in shape.ids().items():
            cell = table.cells.get(key)
            if cell is None or (cell.value is None) != (cell.status is CellStatus.SUPPRESSED):
                msg = f"table {n}: cell {key!r} is missing or its status and value disagree"
                problems.append(Problem(ProblemKind.INCONSISTENT, cid, msg))
                masked.add(cid)
            elif cell.value is None:
                masked.add(cid)
            else:
                published[cid] = published_interval(cell.value, table.rounding, threshold)
                problems.extend(_small_cell(cid, cell.value, published[cid], threshold))
    for cid in masked & published.keys():
        msg = f"[{describe_id(cid)}] is masked in one linked table and published in another"
        problems.append(Problem(ProblemKind.RECOVERABLE, cid, msg))
    return structure, published, masked - published.keys(), problems


def _small_cell(cid: CellId, value: int, interval: Interval, threshold: int) -> list[Problem]:
    if value == 0 or interval[1] >= threshold:
        return []
    msg = f"[{describe_id(cid)}] is published as {value}, under the threshold {threshold}"
    return [Problem(ProblemKind.SMALL_CELL, cid, msg)]


def audit_tables(released: Sequence[ReleasedTable], threshold: int) -> list[Problem]:
    """Audit tables released together from one population (shared margins are linked)."""
    check_threshold(threshold)
    if not released:
        raise SdcError("released: nothing to audit")
    try:
        structure, published, masked, problems = _merge(released, threshold)
    except SdcError as exc:
        return [Problem(ProblemKind.INCONSISTENT, None, str(exc))]
    exact = {c: lo for c, (lo, hi) in published.items() if lo == hi}
    recovered: set[CellId] = set()
    for cell, value, line in eliminate(structure, exact, masked):
        recovered.add(cell)
        msg = f"[{describe_id(cell)}] = {value} by subtraction along {line.describe()}"
        problems.append(Problem(ProblemKind.RECOVERABLE, cell, msg))
    try:
        for cell, rng in unknown_ranges(structure, published, masked):
            found = range_problem(cell, rng, threshold)
            if found is not None and cell not in recovered:
                problems.append(found)
    except InfeasibleError as exc:
        problems.append(Problem(ProblemKind.INCONSISTENT, None, str(exc)))
    return problems


def audit_table(released: ReleasedTable, threshold: int) -> list[Problem]:
    """Audit one released table; an empty list means it passes."""
    return audit_tables([released], threshold)
