"""Frequency tables of generalised quasi-identifier combinations, and their roll-up.

A table holds the distinct combinations of QI codes at one generalisation (plus the sensitive code
when l-diversity is asked) with their row counts: ARX's "frequency set". A more general node is
computed from any cached table of a more specific node ("roll-up", Kohlmayer et al. 2012), which is
much smaller than the data once a few levels are generalised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from titian.privacy.anon_encode import EncodedQI, IntArray

_KEY_LIMIT = 1 << 62
_DENSE_LIMIT = 1 << 25


@dataclass(frozen=True)
class FreqTable:
    """Distinct (QI codes [, sensitive code]) at ``levels`` with counts, sorted by that key."""

    levels: tuple[int, ...]
    codes: tuple[IntArray, ...]
    sens: IntArray | None
    counts: IntArray

    def __len__(self) -> int:
        return len(self.counts)


def combine_key(columns: Sequence[IntArray], radices: Sequence[int]) -> tuple[IntArray, int, bool]:
    """Mixed-radix key, order-preserving; re-densified whenever the radix product would overflow."""
    key = columns[0].astype(np.int64, copy=True)
    space = radices[0]
    dense = False
    for col, radix in zip(columns[1:], radices[1:], strict=True):
        if space * radix >= _KEY_LIMIT:
            uniq, key = np.unique(key, return_inverse=True)
            space = len(uniq)
            dense = True
        key *= radix
        key += col
        space *= radix
    return key, space, dense


def _decode(keys: IntArray, radices: Sequence[int]) -> list[IntArray]:
    out: list[IntArray] = []
    rest = keys
    for radix in reversed(radices):
        rest, digit = np.divmod(rest, radix)
        out.append(digit)
    return out[::-1]


def _first_index(inverse: IntArray, groups: int) -> IntArray:
    first = np.empty(groups, dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(inverse) - 1, -1, -1, dtype=np.int64)
    return first


def group(
    columns: Sequence[IntArray], radices: Sequence[int], weights: IntArray | None
) -> tuple[list[IntArray], IntArray]:
    """Distinct rows of ``columns`` (sorted lexicographically) and their summed weights."""
    key, space, dense = combine_key(columns, radices)
    rows = len(key)
    if not dense and space <= max(4 * rows, 1 << 16) and space <= _DENSE_LIMIT:
        totals = np.bincount(key, weights=weights, minlength=space)
        present = np.flatnonzero(totals)
        return _decode(present, radices), totals[present].astype(np.int64)
    if weights is None:
        uniq, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
        sums = counts.astype(np.int64)
    else:
        uniq, inverse = np.unique(key, return_inverse=True)
        sums = np.bincount(inverse, weights=weights, minlength=len(uniq)).astype(np.int64)
    if not dense:
        return _decode(uniq, radices), sums
    first = _first_index(inverse, len(uniq))
    return [c[first] for c in columns], sums


def base_table(qis: Sequence[EncodedQI], sens: IntArray | None, sens_size: int) -> FreqTable:
    """The level-0 table: distinct original QI combinations (and sensitive values)."""
    cols = [q.codes for q in qis]
    radices = [q.sizes[0] for q in qis]
    if sens is not None:
        cols.append(sens)
        radices.append(sens_size)
    out, counts = group(cols, radices, None)
    return _table(tuple(0 for _ in qis), out, counts, sens is not None)


def _table(
    levels: tuple[int, ...], cols: list[IntArray], counts: IntArray, has_sens: bool
) -> FreqTable:
    if has_sens:
        return FreqTable(levels, tuple(cols[:-1]), cols[-1], counts)
    return FreqTable(levels, tuple(cols), None, counts)


def roll_up(
    source: FreqTable, levels: tuple[int, ...], qis: Sequence[EncodedQI], sens_size: int
) -> FreqTable:
    """The table at ``levels`` computed from a table of a specialisation (levels <= target)."""
    cols: list[IntArray] = []
    radices: list[int] = []
    for q, have, want, codes in zip(qis, source.levels, levels, source.codes, strict=True):
        cols.append(codes if have == want else q.lift(have, want)[codes])
        radices.append(q.sizes[want])
    if source.sens is not None:
        cols.append(source.sens)
        radices.append(sens_size)
    out, counts = group(cols, radices, source.counts)
    return _table(levels, out, counts, source.sens is not None)


def class_starts(table: FreqTable) -> IntArray:
    """Index of the first table row of each equivalence class (rows are sorted by QI codes)."""
    if table.sens is None or len(table) == 0:
        return np.arange(len(table), dtype=np.int64)
    change = np.zeros(len(table) - 1, dtype=bool)
    for codes in table.codes:
        change |= codes[1:] != codes[:-1]
    return np.concatenate(([0], np.flatnonzero(change) + 1)).astype(np.int64)
