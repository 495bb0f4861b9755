"""Frequency tables with all their marginal totals, and the additive lines that bind them.

A table has one or more dimensions (e.g. sex, age band, country), each with an ordered list of
categories. Interior cells are keyed by a tuple of categories, one per dimension. Every published
table carries all its marginal totals: a margin is keyed by the same tuple with :data:`TOTAL` in
the summed-over positions, so ``("F", TOTAL)`` is the row total of ``F`` and ``(TOTAL, TOTAL)`` the
grand total. Margins are computed here from the interior counts, never taken from the caller.

A *line* is one additive relation of the table: a total cell equals the sum of the cells that vary
along one dimension with every other position fixed (a row, a column, a margin of margins). These
are exactly the relations an attacker uses to recover a suppressed cell by subtraction
(disclosure-control.md, "Secondary (complementary) suppression").

Cells are also given a *cell id* that does not depend on the table: the sorted (dimension,
category) pairs of the non-total positions. Two tables cut from the same population share the ids
of their common margins (``sex=F`` in a sex x age and in a sex x country table), which is how linked
tables are protected together.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from titian.privacy.sdc_settings import SdcError

TOTAL: Final = "__total__"
"""Category placeholder for a summed-over position in a cell key."""

CellKey = tuple[str, ...]
CellId = tuple[tuple[str, str], ...]


def cell_id(dimensions: Sequence[str], key: CellKey) -> CellId:
    """Table-independent identity of a cell: its (dimension, category) pairs, totals left out."""
    pairs = [(d, c) for d, c in zip(dimensions, key, strict=True) if c != TOTAL]
    pairs.sort()
    return tuple(pairs)


def describe_id(cid: CellId) -> str:
    """Human label of a cell id, e.g. ``age=18-24, sex=F``; the grand total is ``all``."""
    return ", ".join(f"{d}={c}" for d, c in cid) if cid else "all"


@dataclass(frozen=True)
class Line:
    """``total`` equals the sum of ``members`` (one row, column or margin of the table)."""

    total: CellId
    members: tuple[CellId, ...]
    dimension: str

    @property
    def cells(self) -> tuple[CellId, ...]:
        return (self.total, *self.members)

    def describe(self) -> str:
        return f"{self.dimension} within [{describe_id(self.total)}]"


def _check_names(dimensions: Sequence[str], categories: Sequence[Sequence[str]]) -> None:
    if not dimensions:
        raise SdcError("dimensions: a table needs at least one dimension")
    if len(set(dimensions)) != len(dimensions):
        raise SdcError(f"dimensions: duplicate names in {list(dimensions)}")
    if len(categories) != len(dimensions):
        raise SdcError(
            f"categories: {len(categories)} lists for {len(dimensions)} dimensions {dimensions}"
        )
    for dim, cats in zip(dimensions, categories, strict=True):
        if not isinstance(dim, str) or not dim:
            raise SdcError(f"dimensions: {dim!r} is not a non-empty string")
        if not cats:
            raise SdcError(f"categories[{dim}]: no categories")
        if len(set(cats)) != len(cats):
            raise SdcError(f"categories[{dim}]: duplicate categories in {list(cats)}")
        if TOTAL in cats:
            raise SdcError(f"categories[{dim}]: {TOTAL!r} is reserved for totals")
        for cat in cats:
            if not isinstance(cat, str):
                raise SdcError(f"categories[{dim}]: {cat!r} is not a string")


@dataclass(frozen=True)
class Table:
    """Interior counts of an n-way frequency table over declared categories.

    Missing interior keys count as 0. Declare the full public code lists as categories so that
    empty cells appear (and so that the set of keys is public, as the DP section also requires).
    """

    dimensions: tuple[str, ...]
    categories: tuple[tuple[str, ...], ...]
    counts: Mapping[CellKey, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_names(self.dimensions, self.categories)
        allowed = [set(c) for c in self.categories]
        for key, value in self.counts.items():
            if not isinstance(key, tuple) or len(key) != len(self.dimensions):
                raise SdcError(f"counts[{key!r}]: key must be a tuple of {len(self.dimensions)}")
            for dim, cat, ok in zip(self.dimensions, key, allowed, strict=True):
                if cat not in ok:
                    raise SdcError(f"counts[{key!r}]: {cat!r} is not a category of {dim!r}")
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise SdcError(f"counts[{key!r}]: {value!r} is not a count (integer >= 0)")

    @classmethod
    def from_counts(
        cls,
        dimensions: Sequence[str],
        counts: Mapping[CellKey, int],
        categories: Sequence[Sequence[str]] | None = None,
    ) -> Table:
        """Build a table; without ``categories`` they are the sorted values seen in ``counts``."""
        dims = tuple(dimensions)
        if categories is None:
            seen = [sorted({k[i] for k in counts}) for i in range(len(dims))]
            cats = tuple(tuple(s) for s in seen)
        else:
            cats = tuple(tuple(c) for c in categories)
        return cls(dims, cats, dict(counts))

    def interior_keys(self) -> list[CellKey]:
        return [tuple(k) for k in itertools.product(*self.categories)]

    def all_keys(self) -> list[CellKey]:
        """Interior and margin keys, interior first, then margins by number of totals."""
        axes = [(*cats, TOTAL) for cats in self.categories]
        return sorted(itertools.product(*axes), key=lambda k: k.count(TOTAL))

    def cells(self) -> dict[CellKey, int]:
        """Every cell value, interior and margins, margins summed from the interior."""
        out = dict.fromkeys(self.all_keys(), 0)
        for key, value in self.counts.items():
            out[key] += value
        # Sum out one dimension at a time: after position p, every key with TOTAL at p holds the
        # sum over that position of the keys that were there before.
        for pos in range(len(self.dimensions)):
            for key in [k for k in out if k[pos] != TOTAL]:
                value = out[key]
                if value:
                    out[(*key[:pos], TOTAL, *key[pos + 1 :])] += value
        return out

    def ids(self) -> dict[CellKey, CellId]:
        return {k: cell_id(self.dimensions, k) for k in self.all_keys()}


def table_lines(dimensions: Sequence[str], categories: Sequence[Sequence[str]]) -> list[Line]:
    """Every additive relation of the table with all its margins, as lines of cell ids."""
    _check_names(dimensions, categories)
    axes = [(*cats, TOTAL) for cats in categories]
    return _lines(
        dimensions, categories, {k: cell_id(dimensions, k) for k in itertools.product(*axes)}
    )


def _lines(
    dimensions: Sequence[str], categories: Sequence[Sequence[str]], ids: dict[CellKey, CellId]
) -> list[Line]:
    """The lines of :func:`table_lines`, given the id of every key in product order."""
    lines: list[Line] = []
    for key, total in ids.items():
        for pos, cat in enumerate(key):
            if cat != TOTAL:
                continue
            members = tuple(
                ids[(*key[:pos], member, *key[pos + 1 :])] for member in categories[pos]
            )
            lines.append(Line(total, members, dimensions[pos]))
    return lines


def count_table(
    records: Iterable[Mapping[str, str]],
    dimensions: Sequence[str],
    categories: Sequence[Sequence[str]],
) -> Table:
    """Count records (one per person, already deduplicated) into a table over declared categories.

    A record whose value is not a declared category is an error naming the record and field: an
    unexpected value is either a data error or a category that must be collapsed before release.
    """
    _check_names(dimensions, categories)
    allowed = [set(c) for c in categories]
    counts: dict[CellKey, int] = {}
    for index, record in enumerate(records):
        key_parts: list[str] = []
        for dim, ok in zip(dimensions, allowed, strict=True):
            if dim not in record:
                raise SdcError(f"records[{index}]: no field {dim!r}")
            value = record[dim]
            if value not in ok:
                raise SdcError(f"records[{index}].{dim}: {value!r} is not a declared category")
            key_parts.append(value)
        key = tuple(key_parts)
        counts[key] = counts.get(key, 0) + 1
    return Table(tuple(dimensions), tuple(tuple(c) for c in categories), counts)


@dataclass(frozen=True)
class Structure:
    """The cells and lines of one table, or of several linked tables merged on shared cell ids."""

    cells: tuple[CellId, ...]
    lines: tuple[Line, ...]

    def lines_of(self) -> dict[CellId, list[int]]:
        """For each cell, the indexes of the lines it belongs to (as total or member)."""
        index: dict[CellId, list[int]] = {c: [] for c in self.cells}
        for i, line in enumerate(self.lines):
            for c in line.cells:
                index[c].append(i)
        return index


def build_structure(shapes: Sequence[tuple[Sequence[str], Sequence[Sequence[str]]]]) -> Structure:
    """Merge the lines of tables given as (dimensions, categories); shared cells are merged.

    Tables are linked when they count the same population: a margin common to two tables (same
    dimensions, same categories) is then one cell, and so is the grand total.
    """
    cells: dict[CellId, None] = {}
    lines: dict[tuple[CellId, frozenset[CellId]], Line] = {}
    for dims, cats in shapes:
        _check_names(dims, cats)
        axes = [(*c, TOTAL) for c in cats]
        ids = {key: cell_id(dims, key) for key in itertools.product(*axes)}
        for key in sorted(ids, key=lambda k: k.count(TOTAL)):
            cells.setdefault(ids[key], None)
        for line in _lines(dims, cats, ids):
            lines.setdefault((line.total, frozenset(line.members)), line)
    return Structure(tuple(cells), tuple(lines.values()))
