"""Optimal search of the generalisation lattice (full-domain global recoding).

Every node is a vector of one level per QI. The search returns the acceptable node with the least
Loss, exactly (no heuristic):

1. The Loss of a node without suppression is computed from the QI marginals alone, for every node
   at once; it is a lower bound on the node's Loss with suppression (a suppressed cell costs 1,
   the most a generalised cell can cost). Nodes are visited in increasing bound order and the
   search stops when the bound exceeds the best Loss found (branch and bound, as ARX's lower
   bounds in Flash, Kohlmayer et al. 2012 / Prasser et al. 2016).
2. k-anonymity and distinct l-diversity with a suppression budget are monotone over the lattice:
   a generalisation of an acceptable node is acceptable, a specialisation of an unacceptable node is
   unacceptable (entropy l-diversity only without suppression). The search tags whole up-sets and
   down-sets after each check ("predictive tagging") and decides an unknown node by binary search
   along a path to the top of the lattice, as Flash does.
3. Each node is checked on a frequency table rolled up from the smallest cached table of a
   specialisation.

Ties (equal Loss) go to the lower node (fewer generalisation steps), then the lexicographically
smaller level vector.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from titian.privacy.anon_encode import EncodedQI, IntArray
from titian.privacy.anon_metrics import NodeStats, evaluate, qi_bounds
from titian.privacy.anon_model import LDiversityKind, NoSolutionError, PrivacyModel
from titian.privacy.anon_table import FreqTable, base_table, roll_up

ProgressFn = Callable[[int, int], None]

MAX_LATTICE = 4_000_000
_UNKNOWN, _ANON, _NOT = 0, 1, 2
_TIE = 1e-12


def _better(new: tuple[float, int, int], old: tuple[float, int, int]) -> bool:
    """Less Loss wins; within rounding, fewer generalisation steps, then the smaller node."""
    if abs(new[0] - old[0]) <= _TIE:
        return new[1:] < old[1:]
    return new[0] < old[0]


class TableCache:
    """Frequency tables of checked nodes, least recently used evicted beyond ``capacity`` rows.

    Levels and sizes of the cached tables sit in arrays (one slot per table), so finding the
    smallest usable specialisation is one vectorised comparison.
    """

    _EMPTY = np.iinfo(np.int64).max

    def __init__(self, base: FreqTable, capacity: int) -> None:
        self.base = base
        self.capacity = capacity
        self.tables: OrderedDict[tuple[int, ...], FreqTable] = OrderedDict()
        self.rows = 0
        self._slot: dict[tuple[int, ...], int] = {}
        self._free: list[int] = []
        self._matrix = np.zeros((64, len(base.levels)), dtype=np.int64)
        self._sizes = np.full(64, self._EMPTY, dtype=np.int64)
        self._used = 0

    def source(self, levels: tuple[int, ...]) -> FreqTable:
        """Smallest cached table of a specialisation of ``levels`` (the base table at worst)."""
        used = self._used
        usable = np.all(self._matrix[:used] <= np.asarray(levels), axis=1)
        sizes = np.where(usable, self._sizes[:used], self._EMPTY)
        if not used or sizes.min() >= len(self.base):
            return self.base
        pick = int(np.argmin(sizes))
        key = tuple(int(v) for v in self._matrix[pick])
        self.tables.move_to_end(key)
        return self.tables[key]

    def _take_slot(self) -> int:
        if self._free:
            return self._free.pop()
        if self._used == len(self._sizes):
            self._matrix = np.vstack([self._matrix, np.zeros_like(self._matrix)])
            self._sizes = np.concatenate([self._sizes, np.full_like(self._sizes, self._EMPTY)])
        self._used += 1
        return self._used - 1

    def add(self, table: FreqTable) -> None:
        if len(table) * 2 > self.capacity or table.levels in self.tables:
            return
        slot = self._take_slot()
        self._matrix[slot] = table.levels
        self._sizes[slot] = len(table)
        self._slot[table.levels] = slot
        self.tables[table.levels] = table
        self.rows += len(table)
        while self.rows > self.capacity:
            key, old = self.tables.popitem(last=False)
            self.rows -= len(old)
            freed = self._slot.pop(key)
            self._sizes[freed] = self._EMPTY
            self._free.append(freed)


class LatticeSearch:
    """Branch-and-bound search with predictive tagging; see the module docstring."""

    def __init__(
        self,
        qis: Sequence[EncodedQI],
        sens: IntArray | None,
        sens_size: int,
        model: PrivacyModel,
        rows: int,
    ) -> None:
        self.qis, self.model, self.rows, self.sens_size = qis, model, rows, sens_size
        self.max_out = model.max_outliers(rows)
        depths = [q.depth for q in qis]
        size = math.prod(depths)
        if size > MAX_LATTICE:
            raise NoSolutionError(
                f"lattice of {size} generalisations is too large for an optimal search "
                f"(limit {MAX_LATTICE}): use fewer quasi-identifiers or shallower hierarchies"
            )
        self.nodes = np.indices(depths).reshape(len(depths), -1).T.astype(np.int16)
        bounds = qi_bounds(qis, rows)
        logs = sum(np.log1p(b[self.nodes[:, c]]) for c, b in enumerate(bounds))
        self.bound: npt.NDArray[np.float64] = np.exp(np.asarray(logs) / len(qis)) - 1.0
        self.height = self.nodes.sum(axis=1)
        self.status = np.zeros(size, dtype=np.int8)
        self.stats: dict[int, NodeStats] = {}
        self.monotone = model.l_kind != LDiversityKind.ENTROPY or self.max_out == 0
        base = base_table(qis, sens, sens_size)
        self.cache = TableCache(base, max(4 * len(base), 1 << 20))

    @property
    def evaluated(self) -> int:
        return len(self.stats)

    def _levels(self, index: int) -> tuple[int, ...]:
        return tuple(int(v) for v in self.nodes[index])

    def check(self, index: int) -> NodeStats:
        """Check one node (cached), and tag its up-set or down-set when monotone."""
        if index in self.stats:
            return self.stats[index]
        table = self.table(self._levels(index))
        stats = evaluate(table, self.qis, self.model, self.rows, self.max_out)
        self.stats[index] = stats
        if self.monotone:
            self._tag(index, stats.monotone_ok)
        return stats

    def table(self, levels: tuple[int, ...]) -> FreqTable:
        """The frequency table of a node, rolled up from the best cached specialisation."""
        source = self.cache.source(levels)
        if source.levels == levels:
            return source
        table = roll_up(source, levels, self.qis, self.sens_size)
        self.cache.add(table)
        return table

    def _tag(self, index: int, anonymous: bool) -> None:
        node = self.nodes[index]
        if anonymous:
            mask = np.all(self.nodes >= node, axis=1) & (self.status == _UNKNOWN)
            self.status[mask] = _ANON
        else:
            self.status[np.all(self.nodes <= node, axis=1)] = _NOT

    def _path(self, index: int) -> list[int]:
        """Greedy path to the top, each step raising the QI whose step costs least bound."""
        strides = np.cumprod([1, *[q.depth for q in self.qis][:0:-1]])[::-1]
        path = [index]
        current = index
        while True:
            node = self.nodes[current]
            steps = [
                current + int(strides[c]) for c, q in enumerate(self.qis) if node[c] < q.depth - 1
            ]
            if not steps:
                return path
            current = min(steps, key=lambda s: (self.bound[s], s))
            path.append(current)

    def _resolve(self, index: int) -> None:
        """Decide a node's monotone status by binary search along a path to the top."""
        path = self._path(index)
        lo, hi = 0, len(path) - 1
        while lo < hi:
            for j in range(lo, hi + 1):
                if self.status[path[j]] == _NOT:
                    lo = j + 1
                elif self.status[path[j]] == _ANON:
                    hi = j
                    break
            if lo >= hi:
                break
            mid = (lo + hi) // 2
            self.check(path[mid])
        if self.status[index] == _UNKNOWN:
            self.check(index)

    def _candidate(self, index: int) -> float | None:
        """Loss of the node if it is acceptable, else None."""
        if self.monotone:
            if self.status[index] == _UNKNOWN:
                self._resolve(index)
            if self.status[index] == _NOT:
                return None
            if self.max_out == 0:
                return float(self.bound[index])
        stats = self.check(index)
        return stats.loss if stats.accepted else None

    def run(self, progress: ProgressFn | None = None) -> tuple[int, ...]:
        """The optimal node's levels; NoSolutionError when no node is acceptable."""
        total = len(self.nodes)
        top = total - 1
        if self.monotone and not self.check(top).monotone_ok:
            raise NoSolutionError(self._why_none())
        order = np.lexsort((np.arange(total), self.height, self.bound))
        best: tuple[float, int, int] | None = None
        for position, raw in enumerate(order):
            index = int(raw)
            if best is not None and self.bound[index] > best[0] + _TIE:
                break
            if progress is not None and position % 64 == 0:
                progress(position, total)
            loss = self._candidate(index)
            if loss is None:
                continue
            key = (loss, int(self.height[index]), index)
            if best is None or _better(key, best):
                best = key
        if progress is not None:
            progress(total, total)
        if best is None:
            raise NoSolutionError(self._why_none())
        return self._levels(best[2])

    def _why_none(self) -> str:
        top = self.check(len(self.nodes) - 1)
        return (
            f"no generalisation meets the model: even with every quasi-identifier at its top "
            f"level, {top.outliers} of {self.rows} rows would be suppressed "
            f"(budget {self.max_out}, k={self.model.k}, l={self.model.l}), or the suppressed rows "
            f"would form a released block smaller than k or not l-diverse"
        )
