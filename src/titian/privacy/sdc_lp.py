"""Exact feasible ranges of unknown cells: a small two-phase simplex in exact arithmetic.

An attacker who sees a released table knows every published value and every additive line, and
that counts are never negative. The set of tables consistent with that is a polytope; the smallest
and largest value a suppressed cell can take on it is the attacker's best knowledge of the cell
(the "feasible interval" used by tau-Argus and in Hundepool et al., *Statistical Disclosure
Control*, Wiley 2012, section 4.4). This module computes those intervals exactly, with integer
tableau rows and Bland's rule (no cycling, no floating-point error), so a
single-valued interval is a proof of recovery, not a rounding artefact.

Problem sizes are those of published statistics (tens to a few hundred unknowns); the solver is
dense and meant for that scale, not for large LPs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

Equation = tuple[Mapping[int, int], int]
"""``({variable: coefficient}, rhs)`` meaning sum(coefficient * x[variable]) == rhs."""


class InfeasibleError(ValueError):
    """No non-negative solution satisfies the equations and bounds: the data are inconsistent."""


def _reduce(row: list[int]) -> list[int]:
    g = math.gcd(*row)
    return row if g in (0, 1) else [v // g for v in row]


def _rescale(body: list[int], scale: int) -> list[int]:
    g = math.gcd(*body, scale)
    return [v // g for v in body] + [scale // g]


@dataclass
class _Tableau:
    """Integer tableau: row i stands for ``row[:-1] . x = row[-1]`` scaled by a positive factor.

    Rows are kept in integers (divided by their gcd after each pivot), which is exact and much
    faster than :class:`fractions.Fraction`. The basic variable of row i has coefficient
    ``row[basis[i]] > 0`` and value ``row[-1] / row[basis[i]]``.
    """

    rows: list[list[int]]
    basis: list[int]

    def copy(self) -> _Tableau:
        return _Tableau([r[:] for r in self.rows], self.basis[:])

    def pivot(self, r: int, c: int) -> None:
        prow = self.rows[r]
        p = prow[c]
        if p < 0:
            self.rows[r] = prow = [-v for v in prow]
            p = -p
        nonzero = [(k, y) for k, y in enumerate(prow) if y]
        for i, row in enumerate(self.rows):
            a = row[c]
            if i == r or not a:
                continue
            new = row[:] if p == 1 else [p * x for x in row]
            for k, y in nonzero:
                new[k] -= a * y
            self.rows[i] = new if p == 1 else _reduce(new)
        self.basis[r] = c

    def objective_row(self, cost: Sequence[int], width: int) -> list[int]:
        """Reduced costs, then ``-value * scale``, then ``scale > 0``, as one integer row.

        Reduced cost j is ``row[j] / scale``, so its sign is the sign of ``row[j]``.
        """
        used = [(cost[b], row[b], row) for b, row in zip(self.basis, self.rows, strict=True)]
        used = [u for u in used if u[0]]
        scale = math.lcm(*(d for _, d, _ in used))
        body = [scale * v for v in cost[:width]] + [0]
        for cb, d, row in used:
            factor = cb * (scale // d)
            body = [x - factor * y for x, y in zip(body, row, strict=True)]
        return _rescale(body, scale)

    def leaving(self, c: int) -> int | None:
        """Row of the minimum ratio rhs / entry over positive entries, ties to the lowest basis."""
        best: int | None = None
        for i, row in enumerate(self.rows):
            if row[c] <= 0:
                continue
            if best is None:
                best = i
                continue
            brow = self.rows[best]
            left, right = row[-1] * brow[c], brow[-1] * row[c]
            if left < right or (left == right and self.basis[i] < self.basis[best]):
                best = i
        return best

    def minimise(self, cost: Sequence[int], width: int) -> Fraction | None:
        """Minimum of ``cost . x`` over the tableau's polytope; None when unbounded below.

        Bland's rule (lowest-index entering column, lowest-index leaving basis) cannot cycle.
        """
        objective = self.objective_row(cost, width)
        while True:
            in_basis = set(self.basis)
            c = next((j for j in range(width) if objective[j] < 0 and j not in in_basis), None)
            if c is None:
                return Fraction(-objective[-2], objective[-1])
            r = self.leaving(c)
            if r is None:
                return None
            self.pivot(r, c)
            prow, a = self.rows[r], objective[c]
            body = [prow[c] * x - a * y for x, y in zip(objective[:-1], prow, strict=True)]
            objective = _rescale(body, objective[-1] * prow[c])


class Polytope:
    """The non-negative solutions of ``equations`` within per-variable ``lower``/``upper`` bounds.

    Built once (phase 1 finds a feasible basis or raises :class:`InfeasibleError`); then
    :meth:`range_of` solves two small LPs per variable from that basis.
    """

    def __init__(
        self,
        n_vars: int,
        equations: Sequence[Equation],
        lower: Sequence[int] | None = None,
        upper: Sequence[int | None] | None = None,
    ) -> None:
        self.n_vars = n_vars
        self.lower = list(lower or [0] * n_vars)
        ups = list(upper or [None] * n_vars)
        bounded = [j for j in range(n_vars) if ups[j] is not None]
        self.width = n_vars + len(bounded)
        rows: list[list[int]] = []
        for coefs, value in equations:
            row = [0] * (self.width + 1)
            row[-1] = value
            for j, a in coefs.items():
                row[j] += a
                row[-1] -= a * self.lower[j]
            rows.append(row)
        for slack, j in enumerate(bounded, start=n_vars):
            row = [0] * (self.width + 1)
            row[j] = row[slack] = 1
            row[-1] = (ups[j] or 0) - self.lower[j]
            rows.append(row)
        self._tableau = self._phase_one(rows)

    def _phase_one(self, rows: list[list[int]]) -> _Tableau:
        m = len(rows)
        full = self.width + m
        table: list[list[int]] = []
        for i, row in enumerate(rows):
            sign = -1 if row[-1] < 0 else 1
            art = [0] * m
            art[i] = 1
            table.append([sign * v for v in row[:-1]] + art + [sign * row[-1]])
        tab = _Tableau(table, list(range(self.width, full)))
        best = tab.minimise([0] * self.width + [1] * m, full)
        if best is None or best > 0:
            raise InfeasibleError("no table with non-negative counts matches the published values")
        return self._drop_artificials(tab)

    def _drop_artificials(self, tab: _Tableau) -> _Tableau:
        keep: list[int] = []
        for i in range(len(tab.rows)):
            if tab.basis[i] >= self.width:
                col = next((j for j in range(self.width) if tab.rows[i][j] != 0), None)
                if col is None:
                    continue  # redundant equation
                tab.pivot(i, col)
            keep.append(i)
        return _Tableau(
            [[*tab.rows[i][: self.width], tab.rows[i][-1]] for i in keep],
            [tab.basis[i] for i in keep],
        )

    def _optimum(self, j: int, sign: int) -> Fraction | None:
        cost = [0] * self.width
        cost[j] = sign
        value = self._tableau.copy().minimise(cost, self.width)
        return None if value is None else sign * value + self.lower[j]

    def minimum(self, j: int) -> Fraction:
        value = self._optimum(j, 1)
        return Fraction(self.lower[j]) if value is None else value

    def maximum(self, j: int) -> Fraction | None:
        """Largest feasible value of variable ``j``; None when it is unbounded."""
        return self._optimum(j, -1)

    def range_of(self, j: int) -> tuple[Fraction, Fraction | None]:
        return self.minimum(j), self.maximum(j)
