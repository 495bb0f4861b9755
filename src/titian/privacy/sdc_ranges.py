"""What an attacker can learn about suppressed cells from the published cells and the margins.

Two attacks, both assumed to know Titian's rules (Kerckhoffs: the method is public):

* **Subtraction** (:func:`eliminate`): a line with exactly one unknown cell gives that cell as the
  total minus the other members; a recovered cell becomes known and the search repeats until
  nothing changes. This is the attack that secondary suppression is designed against
  (disclosure-control.md, "Secondary (complementary) suppression", steps 1-2).
* **Bounds** (:func:`unknown_ranges`): the smallest and largest value of each unknown cell over all
  non-negative integer tables that match what was published, computed by linear programming on the
  connected groups of unknown cells (:mod:`titian.privacy.sdc_lp`). The attacker also knows that
  Titian never suppresses a zero (so a masked cell is at least 1) and that a published non-zero
  count is at least the threshold.

Limits: the bounds come from the LP relaxation, rounded inward to integers. For one- and two-way
tables with margins the constraint matrix is a network matrix, whose vertices are integral, so the
bounds are exact; for three or more dimensions the true integer range can be narrower than
reported (integer programming would be needed to be exact).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

from titian.privacy.sdc_lp import Equation, InfeasibleError, Polytope
from titian.privacy.sdc_table import CellId, Line, Structure, describe_id

Interval = tuple[int, int]
"""Smallest and largest true value of a published cell (equal when not rounded)."""


@dataclass(frozen=True)
class CellRange:
    """Feasible integer range of an unknown cell; ``high`` None means unbounded above."""

    low: int
    high: int | None

    @property
    def exact(self) -> bool:
        return self.high is not None and self.low == self.high


def eliminate(
    structure: Structure, known: Mapping[CellId, int], unknown: Collection[CellId]
) -> list[tuple[CellId, int, Line]]:
    """Cells recovered by repeated single-unknown elimination, with the value and the line used.

    Only lines whose other cells are all exactly known (published unrounded, or recovered) are
    solved; rounded published cells are not exact and are left to :func:`unknown_ranges`.
    """
    values = dict(known)
    remaining = set(unknown)
    found: list[tuple[CellId, int, Line]] = []
    progress = True
    while progress and remaining:
        progress = False
        for line in structure.lines:
            missing = [c for c in line.cells if c not in values]
            if len(missing) != 1 or missing[0] not in remaining:
                continue
            cell = missing[0]
            others = sum(values[m] for m in line.members if m != cell)
            value = others if cell == line.total else values[line.total] - others
            values[cell] = value
            remaining.discard(cell)
            found.append((cell, value, line))
            progress = True
    return found


class _Components:
    """Union-find over unknown cells: cells that share a line end up in one LP."""

    def __init__(self, cells: Collection[CellId]) -> None:
        self.parent = {c: c for c in cells}

    def find(self, c: CellId) -> CellId:
        while self.parent[c] != c:
            self.parent[c] = self.parent[self.parent[c]]
            c = self.parent[c]
        return c

    def union(self, a: CellId, b: CellId) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[CellId]]:
        out: dict[CellId, list[CellId]] = {}
        for c in self.parent:
            out.setdefault(self.find(c), []).append(c)
        return list(out.values())


def _check_known_lines(structure: Structure, published: Mapping[CellId, Interval]) -> None:
    for line in structure.lines:
        if all(c in published and published[c][0] == published[c][1] for c in line.cells):
            total = published[line.total][0]
            parts = sum(published[m][0] for m in line.members)
            if total != parts:
                raise InfeasibleError(
                    f"line {line.describe()}: total {total} but the cells add up to {parts}"
                )


def _equations(
    lines: Sequence[Line], index: Mapping[CellId, int], published: Mapping[CellId, Interval]
) -> list[Equation]:
    equations: list[Equation] = []
    for line in lines:
        coefs: dict[int, int] = {}
        rhs = 0
        for cell, sign in ((line.total, 1), *((m, -1) for m in line.members)):
            if cell in index:
                coefs[index[cell]] = coefs.get(index[cell], 0) + sign
            else:
                rhs -= sign * published[cell][0]
        equations.append((coefs, rhs))
    return equations


@dataclass(frozen=True)
class MaskedGroup:
    """Unknown cells linked by lines, with the lines that bind them: one LP."""

    cells: tuple[CellId, ...]
    masked: tuple[CellId, ...]
    lines: tuple[Line, ...]

    def polytope(self, published: Mapping[CellId, Interval], floor: int = 1) -> Polytope:
        """The LP of this group; masked cells are at least ``floor``, rounded cells in range."""
        index = {c: i for i, c in enumerate(self.cells)}
        masked = set(self.masked)
        lower = [floor if c in masked else published[c][0] for c in self.cells]
        upper: list[int | None] = [None if c in masked else published[c][1] for c in self.cells]
        try:
            return Polytope(len(self.cells), _equations(self.lines, index, published), lower, upper)
        except InfeasibleError as exc:
            cells = ", ".join(describe_id(c) for c in self.masked)
            raise InfeasibleError(f"masked cells [{cells}]: {exc}") from exc


def masked_groups(
    structure: Structure, published: Mapping[CellId, Interval], suppressed: Collection[CellId]
) -> list[MaskedGroup]:
    """Split the unknown cells into independent groups (connected through shared lines).

    Raises :class:`InfeasibleError` when a line of published values does not add up.
    """
    _check_known_lines(structure, published)
    masked = set(suppressed)
    variables = [c for c in structure.cells if c in masked or published[c][0] != published[c][1]]
    comps = _Components(variables)
    touching: list[Line] = []
    for line in structure.lines:
        inside = [c for c in line.cells if c in comps.parent]
        for a, b in itertools.pairwise(inside):
            comps.union(a, b)
        if inside:
            touching.append(line)
    lines_by_root: dict[CellId, list[Line]] = {}
    for line in touching:
        first = next(c for c in line.cells if c in comps.parent)
        lines_by_root.setdefault(comps.find(first), []).append(line)
    groups: list[MaskedGroup] = []
    for cells in comps.groups():
        hidden = tuple(c for c in cells if c in masked)
        if hidden:
            lines = tuple(lines_by_root[comps.find(cells[0])])
            groups.append(MaskedGroup(tuple(cells), hidden, lines))
    return groups


def unknown_ranges(
    structure: Structure,
    published: Mapping[CellId, Interval],
    suppressed: Collection[CellId],
    suppressed_floor: int = 1,
) -> Iterator[tuple[CellId, CellRange]]:
    """Yield the feasible range of every suppressed cell, one connected group at a time.

    ``published`` maps every published cell to the interval of its true value. Published cells
    with a non-trivial interval (rounded values) are unknowns of the LP too, bounded by their
    interval. Raises :class:`InfeasibleError` when the published values contradict the margins.
    """
    for group in masked_groups(structure, published, suppressed):
        polytope = group.polytope(published, suppressed_floor)
        for cell in group.masked:
            low, high = polytope.range_of(group.cells.index(cell))
            yield cell, CellRange(math.ceil(low), None if high is None else math.floor(high))
