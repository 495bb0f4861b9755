"""Exact feasible ranges of unknown cells: a small two-phase simplex over rational numbers.

An attacker who sees a released table knows every published value and every additive line, and
that counts are never negative. The set of tables consistent with that is a polytope; the smallest
and largest value a suppressed cell can take on it is the attacker's best knowledge of the cell
(the "feasible interval" used by tau-Argus and in Hundepool et al., *Statistical Disclosure
Control*, Wiley 2012, section 4.4). This module computes those intervals exactly, with
:class:`fractions.Fraction` arithmetic and Bland's rule (no cycling, no floating-point error), so a
single-valued interval is a proof of recovery, not a rounding artefact.

Problem sizes are those of published statistics (tens to a few hundred unknowns); the solver is
dense and meant for that scale, not for large LPs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

Equation = tuple[Mapping[int, int], int]
"""``({variable: coefficient}, rhs)`` meaning sum(coefficient * x[variable]) == rhs."""


class InfeasibleError(ValueError):
    """No non-negative solution satisfies the equations and bounds: the data are inconsistent."""


@dataclass
class _Tableau:
    rows: list[list[Fraction]]
    rhs: list[Fraction]
    basis: list[int]

    def copy(self) -> _Tableau:
        return _Tableau([r[:] for r in self.rows], self.rhs[:], self.basis[:])

    def pivot(self, r: int, c: int) -> None:
        prow = self.rows[r]
        factor = prow[c]
        if factor != 1:
            self.rows[r] = prow = [v / factor for v in prow]
            self.rhs[r] = self.rhs[r] / factor
        for i, row in enumerate(self.rows):
            coef = row[c]
            if i == r or coef == 0:
                continue
            self.rows[i] = [a - coef * b if b else a for a, b in zip(row, prow, strict=True)]
            self.rhs[i] -= coef * self.rhs[r]
        self.basis[r] = c

    def entering(self, cost: Sequence[Fraction], width: int) -> int | None:
        """Smallest column with a negative reduced cost (Bland's rule)."""
        basic = [(cost[b], row) for b, row in zip(self.basis, self.rows, strict=True) if cost[b]]
        in_basis = set(self.basis)
        for j in range(width):
            if j in in_basis:
                continue
            reduced = cost[j] - sum((cb * row[j] for cb, row in basic), Fraction(0))
            if reduced < 0:
                return j
        return None

    def leaving(self, c: int) -> int | None:
        best: tuple[Fraction, int, int] | None = None
        for i, row in enumerate(self.rows):
            if row[c] > 0:
                cand = (self.rhs[i] / row[c], self.basis[i], i)
                if best is None or cand[:2] < best[:2]:
                    best = cand
        return None if best is None else best[2]

    def minimise(self, cost: Sequence[Fraction], width: int) -> Fraction | None:
        """Minimum of ``cost . x`` over the tableau's polytope; None when unbounded below."""
        while True:
            c = self.entering(cost, width)
            if c is None:
                return sum(
                    (cost[b] * v for b, v in zip(self.basis, self.rhs, strict=True)), Fraction(0)
                )
            r = self.leaving(c)
            if r is None:
                return None
            self.pivot(r, c)


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
        self.lower = [Fraction(v) for v in (lower or [0] * n_vars)]
        ups = list(upper or [None] * n_vars)
        bounded = [j for j in range(n_vars) if ups[j] is not None]
        self.width = n_vars + len(bounded)
        rows: list[list[Fraction]] = []
        rhs: list[Fraction] = []
        for coefs, value in equations:
            row = [Fraction(0)] * self.width
            shift = Fraction(value)
            for j, a in coefs.items():
                row[j] += a
                shift -= a * self.lower[j]
            rows.append(row)
            rhs.append(shift)
        for slack, j in enumerate(bounded, start=n_vars):
            row = [Fraction(0)] * self.width
            row[j] = row[slack] = Fraction(1)
            rows.append(row)
            rhs.append(Fraction(ups[j] or 0) - self.lower[j])
        self._tableau = self._phase_one(rows, rhs)

    def _phase_one(self, rows: list[list[Fraction]], rhs: list[Fraction]) -> _Tableau:
        m = len(rows)
        full = self.width + m
        table: list[list[Fraction]] = []
        for i, (row, b) in enumerate(zip(rows, rhs, strict=True)):
            sign = -1 if b < 0 else 1
            art = [Fraction(0)] * m
            art[i] = Fraction(1)
            table.append([sign * v for v in row] + art)
            rhs[i] = sign * b
        tab = _Tableau(table, rhs, list(range(self.width, full)))
        cost = [Fraction(0)] * self.width + [Fraction(1)] * m
        best = tab.minimise(cost, full)
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
            [tab.rows[i][: self.width] for i in keep],
            [tab.rhs[i] for i in keep],
            [tab.basis[i] for i in keep],
        )

    def _optimum(self, j: int, sign: int) -> Fraction | None:
        cost = [Fraction(0)] * self.width
        cost[j] = Fraction(sign)
        value = self._tableau.copy().minimise(cost, self.width)
        return None if value is None else sign * value + self.lower[j]

    def minimum(self, j: int) -> Fraction:
        value = self._optimum(j, 1)
        return self.lower[j] if value is None else value

    def maximum(self, j: int) -> Fraction | None:
        """Largest feasible value of variable ``j``; None when it is unbounded."""
        return self._optimum(j, -1)

    def range_of(self, j: int) -> tuple[Fraction, Fraction | None]:
        return self.minimum(j), self.maximum(j)
