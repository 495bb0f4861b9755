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


def _rescale(body: list[int], scale: int) -> list[int]:
    g = math.gcd(*body, scale)
    return [v // g for v in body] + [scale // g]


@dataclass
class _Tableau:
    """Integer tableau: row i stands for ``row[:-1] . x = row[-1]`` scaled by a positive factor.

    Rows are kept in integers (divided by their gcd when they grow), which is exact and much
    faster than :class:`fractions.Fraction`. The basic variable of row i has coefficient
    ``row[basis[i]] > 0`` and value ``row[-1] / row[basis[i]]``. During phase 1 a row whose basic
    variable is still its artificial one has ``basis[i] >= width`` and keeps the artificial's
    coefficient in ``art[i]``; artificial columns are not stored, since an artificial variable
    that has left the basis never comes back.
    """

    rows: list[list[int]]
    basis: list[int]
    art: list[int]

    def copy(self) -> _Tableau:
        return _Tableau([r[:] for r in self.rows], self.basis[:], self.art[:])

    def pivot(self, r: int, c: int) -> None:
        prow = self.rows[r]
        p = prow[c]
        if p < 0:
            self.rows[r] = prow = [-v for v in prow]
            p = -p
        self.art[r] = 0
        nonzero = [(k, y) for k, y in enumerate(prow) if y]
        for i, row in enumerate(self.rows):
            a = row[c]
            if i == r or not a:
                continue
            if p == 1:
                new = row[:]
                for k, y in nonzero:
                    new[k] -= a * y
                self.rows[i] = new
                continue
            new = [p * x for x in row]
            for k, y in nonzero:
                new[k] -= a * y
            own = p * self.art[i]
            g = math.gcd(*new, own)
            if g > 1:
                new = [v // g for v in new]
                own //= g
            self.rows[i], self.art[i] = new, own
        self.basis[r] = c

    def objective_row(self, cost: Sequence[int], width: int) -> list[int]:
        """Reduced costs, then ``-value * scale``, then ``scale > 0``, as one integer row.

        Reduced cost j is ``row[j] / scale``, so its sign is the sign of ``row[j]``.
        """
        used = [(cost[b], row[b], row) for b, row in zip(self.basis, self.rows, strict=True)]
        used = [u for u in used if u[0]]
        return self._combine([*cost[:width], 0], used)

    def phase_one_row(self, width: int) -> list[int]:
        """Objective row of the sum of the artificial variables still in the basis."""
        used = [(1, a, row) for a, row in zip(self.art, self.rows, strict=True) if a]
        return self._combine([0] * (width + 1), used)

    @staticmethod
    def _combine(cost: list[int], used: list[tuple[int, int, list[int]]]) -> list[int]:
        scale = math.lcm(*(d for _, d, _ in used))
        body = [scale * v for v in cost]
        for cb, d, row in used:
            factor = cb * (scale // d)
            for k, y in enumerate(row):
                if y:
                    body[k] -= factor * y
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
        """Minimum of ``cost . x`` over the tableau's polytope; None when unbounded below."""
        return self.run(self.objective_row(cost, width), width)

    def run(self, objective: list[int], width: int) -> Fraction | None:
        """Simplex from the current basis; Bland's rule (lowest indexes) cannot cycle."""
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
            body = [prow[c] * x for x in objective[:-1]]
            for k, y in enumerate(prow):
                if y:
                    body[k] -= a * y
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
        table = [[-v for v in row] if row[-1] < 0 else row for row in rows]
        m = len(table)
        tab = _Tableau(table, list(range(self.width, self.width + m)), [1] * m)
        best = tab.run(tab.phase_one_row(self.width), self.width)
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
        return _Tableau([tab.rows[i] for i in keep], [tab.basis[i] for i in keep], [0] * len(keep))

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
