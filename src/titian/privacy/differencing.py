"""Differencing across releases: a new table must not isolate a small group against an earlier one.

Each release is disclosure-controlled alone (:mod:`titian.privacy.suppression`), but two published
tables over overlapping populations can be subtracted. The classic attack: the same indicator for
"all countries" and for "all countries but one" (here: for all countries and for Thailand, when
few people are outside Thailand), or for two snapshots a few cases apart. Subtracting gives a
table of the difference, with none of the protection: "3 more women aged 18-24 since last month".
disclosure-control.md (section 2, step 2 and section 5) asks for secondary suppression "across
... linked tables and earlier releases": the differences must be protected too.

The rule, checked for a new table against every published table it can be differenced with (same
source; same indicator and slice, or two ``linked`` indicators that count the same population;
overlapping populations: the same country filter, or one of them over all countries):

* The reader's knowledge of each table is what it publishes: exact values, rounding intervals
  (a published non-zero count is at least the threshold), masked cells at least 1, and every
  additive line (:mod:`titian.privacy.sdc_audit`'s model). Nothing unpublished is stored or
  needed: the register keeps the published tables only.
* **Quantities** compared: every cell common to both tables (interior and margins, by cell id),
  and, on every line common to both, the sum of the members masked in either table (what
  subtracting the published members from the total leaves).
* **Nested populations** (the same data file, one table over all countries and the other over one
  country, or both over the same scope): the reader knows the difference table is non-negative
  (or zero), so both tables and the difference are solved together as one linear system (exact
  LP, :mod:`titian.privacy.sdc_lp`). Refused when a difference quantity is provably between 1 and
  threshold - 1, or when a masked cell of either table becomes exact or provably small once the
  two are combined.
* **Other overlapping populations** (different data versions, e.g. monthly snapshots): records can
  come and go, so nothing ties the two tables together and the difference of a quantity ranges
  from (smallest new - largest earlier) to (largest new - smallest earlier). Refused when that
  range lies within 1..threshold-1 or within -(threshold-1)..-1: the reader then knows that a
  small, non-empty group differs.

The threshold of a pair is the larger of the two tables' thresholds. A difference that may be 0,
or may reach the threshold, isolates no one: that is the same leak rule as for a single masked
cell (a range that is a single value or lies entirely under the threshold).

Remedies when refused: publish the same figures again (identical populations differ by 0), round
(base 5 or floor 10 widen every difference range), collapse categories, wait until the data
have moved by at least the threshold, or use DP counts, whose losses add up by design.

Limits: differences of other linear combinations (e.g. two published cells' net change) and of
three or more releases together are not examined; the LP bounds are exact for one- and two-way
tables and may be loose for three-way ones (as in :mod:`titian.privacy.sdc_ranges`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from titian.privacy.sdc_audit import published_interval
from titian.privacy.sdc_lp import Equation, InfeasibleError, Polytope
from titian.privacy.sdc_release import ReleasedTable
from titian.privacy.sdc_settings import SdcError
from titian.privacy.sdc_table import CellId, Line, Table, describe_id, table_lines

Bound = int | None
"""An integer bound; None is unbounded (below: minus infinity, above: plus infinity)."""


@dataclass(frozen=True)
class PublishedTable:
    """One table as published, and what it counts (the differencing register's row)."""

    release_id: str
    release_title: str
    source: str
    indicator: str
    slice_value: str | None
    linked: bool
    country: str | None
    dataset: str
    table: ReleasedTable

    def label(self) -> str:
        part = f" [{self.slice_value}]" if self.slice_value else ""
        return f"{self.indicator}{part} ({self.country or 'all countries'})"


class Relation(StrEnum):
    SAME = "same"
    """Same data, same filter: the populations are equal and every difference is 0."""
    NEW_WITHIN = "new_within"
    """Same data; the new table counts one country of the earlier all-countries table."""
    EARLIER_WITHIN = "earlier_within"
    """Same data; the earlier table counts one country of the new all-countries table."""
    OVERLAPS = "overlaps"
    """Different data versions of overlapping scopes: nothing ties the two tables together."""


def relation(new: PublishedTable, earlier: PublishedTable) -> Relation | None:
    """How two tables' populations relate, or None when they cannot be differenced."""
    if new.source != earlier.source:
        return None
    same_table = new.indicator == earlier.indicator and new.slice_value == earlier.slice_value
    same_people = new.linked and earlier.linked and not new.slice_value and not earlier.slice_value
    if not (same_table or same_people):
        return None
    if new.country is not None and earlier.country is not None and new.country != earlier.country:
        return None  # disjoint populations: a difference isolates no one
    if new.dataset != earlier.dataset:
        return Relation.OVERLAPS
    if new.country == earlier.country:
        return Relation.SAME
    return Relation.NEW_WITHIN if new.country is not None else Relation.EARLIER_WITHIN


@dataclass(frozen=True)
class Finding:
    """One way the new table, subtracted from an earlier one, discloses."""

    earlier: PublishedTable
    new: PublishedTable
    what: str
    low: Bound
    high: Bound
    recovered: bool = False

    def describe(self) -> str:
        """What the pair discloses, e.g. ``the cell [all] differs by 3 people``."""
        if self.recovered:
            found = f"{self.low}" if self.low == self.high else f"{self.low}..{self.high}"
            return f"{self.what} is known to be {found}"
        size = f"{abs(self.low or 0)}" if self.low == self.high else f"{self.low}..{self.high}"
        return f"{self.what} differs by {size} people, which isolates a small group"

    def message(self) -> str:
        was = f"release {self.earlier.release_title!r} ({self.earlier.release_id})"
        return f"{self.new.label()} against {was}, table {self.earlier.label()}: {self.describe()}"


def isolates(low: Bound, high: Bound, threshold: int) -> bool:
    """A difference known to be non-zero and smaller than the threshold in size."""
    small = threshold - 1
    if low is not None and high is not None:
        return (low >= 1 and high <= small) or (-small <= low and high <= -1)
    return False


def _exposes(low: Bound, high: Bound, threshold: int) -> bool:
    """The single-table leak rule for a masked cell (exact, or entirely under the threshold)."""
    return high is not None and (low == high or high < threshold)


class _System:
    """The reader's linear system over one or two published tables (variables bounded below)."""

    def __init__(self) -> None:
        self.index: dict[object, int] = {}
        self.lower: list[int] = []
        self.upper: list[int | None] = []
        self.equations: list[Equation] = []
        self.known: dict[object, int] = {}
        self.masked: list[tuple[str, CellId]] = []

    def variable(self, name: object, low: int, high: int | None) -> int:
        self.index[name] = len(self.lower)
        self.lower.append(low)
        self.upper.append(high)
        return self.index[name]

    def add_table(self, tag: str, table: ReleasedTable) -> None:
        shape = Table(table.dimensions, table.categories)
        for key, cid in shape.ids().items():
            cell = table.cells.get(key)
            if cell is None:
                raise SdcError(f"{tag} table: cell {key!r} is missing")
            if cell.value is None:
                self.variable((tag, cid), 1, None)
                self.masked.append((tag, cid))
                continue
            low, high = published_interval(cell.value, table.rounding, table.threshold)
            if low == high:
                self.known[(tag, cid)] = low
            else:
                self.variable((tag, cid), low, high)
        for line in table_lines(table.dimensions, table.categories):
            self.add_sum((tag, line.total), [(tag, m) for m in line.members])

    def add_sum(self, total: object, parts: Iterable[object]) -> None:
        """``total == sum(parts)``; names that are known constants move to the right-hand side."""
        coefs: dict[int, int] = {}
        rhs = 0
        for name, factor in ((total, 1), *((p, -1) for p in parts)):
            if name in self.index:
                j = self.index[name]
                coefs[j] = coefs.get(j, 0) + factor
            else:
                rhs -= factor * self.known[name]
        self.equations.append((coefs, rhs))

    def polytope(self) -> Polytope:
        return Polytope(len(self.lower), self.equations, self.lower, self.upper)

    def value_range(self, polytope: Polytope | None, name: object) -> tuple[int, Bound]:
        if name in self.known:
            return self.known[name], self.known[name]
        assert polytope is not None
        low, high = polytope.range_of(self.index[name])
        return math.ceil(low), None if high is None else math.floor(high)


def _lines(table: ReleasedTable) -> dict[tuple[CellId, frozenset[CellId]], Line]:
    return {
        (line.total, frozenset(line.members)): line
        for line in table_lines(table.dimensions, table.categories)
    }


def _masked_ids(table: ReleasedTable) -> set[CellId]:
    ids = Table(table.dimensions, table.categories).ids()
    return {ids[k] for k, c in table.cells.items() if c.value is None}


@dataclass(frozen=True)
class _Quantity:
    what: str
    cells: tuple[CellId, ...]


def _quantities(new: ReleasedTable, earlier: ReleasedTable) -> list[_Quantity]:
    """Common cells, then on each common line the sum of the members masked in either table."""
    new_ids = set(Table(new.dimensions, new.categories).ids().values())
    old_ids = set(Table(earlier.dimensions, earlier.categories).ids().values())
    found = [_Quantity(f"the cell [{describe_id(c)}]", (c,)) for c in sorted(new_ids & old_ids)]
    masked = _masked_ids(new) | _masked_ids(earlier)
    old_lines = _lines(earlier)
    for key, line in _lines(new).items():
        if key not in old_lines:
            continue
        hidden = tuple(m for m in line.members if m in masked)
        if 2 <= len(hidden) < len(line.members):
            names = "; ".join(describe_id(c) for c in hidden)
            what = f"the masked cells [{names}] of {line.describe()} taken together"
            found.append(_Quantity(what, hidden))
    return found


def _sum_name(tag: str, cells: tuple[CellId, ...]) -> object:
    return (tag, "sum", cells) if len(cells) > 1 else (tag, cells[0])


def _add_sums(system: _System, tag: str, quantities: Sequence[_Quantity]) -> None:
    for q in quantities:
        if len(q.cells) > 1:
            system.variable(_sum_name(tag, q.cells), 0, None)
            system.add_sum(_sum_name(tag, q.cells), [(tag, c) for c in q.cells])


class _Knowledge:
    """What a reader knows of one table alone: its exact range of every cell and of the given
    sums (one LP built on first use; ranges memoised)."""

    def __init__(self, table: ReleasedTable, quantities: Sequence[_Quantity]) -> None:
        self.system = _System()
        self.system.add_table("t", table)
        _add_sums(self.system, "t", quantities)
        self._polytope: Polytope | None = None
        self._ranges: dict[object, tuple[int, Bound]] = {}

    def range(self, cells: tuple[CellId, ...]) -> tuple[int, Bound]:
        name = _sum_name("t", cells)
        if name not in self._ranges:
            if name in self.system.known:
                self._ranges[name] = (self.system.known[name],) * 2
            else:
                if self._polytope is None:
                    self._polytope = self.system.polytope()
                low, high = self._polytope.range_of(self.system.index[name])
                self._ranges[name] = (math.ceil(low), None if high is None else math.floor(high))
        return self._ranges[name]


Cache = dict[tuple[int, tuple[tuple[CellId, ...], ...]], _Knowledge]


def _knowledge(cache: Cache, table: PublishedTable, quantities: Sequence[_Quantity]) -> _Knowledge:
    sums = tuple(q.cells for q in quantities if len(q.cells) > 1)
    key = (id(table.table), sums)
    if key not in cache:
        cache[key] = _Knowledge(table.table, quantities)
    return cache[key]


def _clamp(low: Bound, high: Bound, rel: Relation) -> tuple[Bound, Bound]:
    """What nesting adds to an independent range of new - earlier (when it is consistent)."""
    clamped: tuple[Bound, Bound]
    if rel is Relation.NEW_WITHIN:
        clamped = (low, 0 if high is None else min(high, 0))
    elif rel is Relation.EARLIER_WITHIN:
        clamped = (0 if low is None else max(low, 0), high)
    elif rel is Relation.SAME:
        clamped = (0, 0)
    else:
        return low, high
    lo, hi = clamped
    if lo is not None and hi is not None and lo > hi:
        return low, high  # the populations are not nested as the filters say
    if rel is Relation.SAME and not ((low is None or low <= 0) and (high is None or high >= 0)):
        return low, high
    return clamped


def _independent(
    new: PublishedTable, old: PublishedTable, rel: Relation, cache: Cache
) -> list[Finding]:
    """Each table's exact ranges, then interval arithmetic on the difference (exact when the
    tables are independent, as for different data versions)."""
    quantities = _quantities(new.table, old.table)
    if not quantities:
        return []
    known_new = _knowledge(cache, new, quantities)
    known_old = _knowledge(cache, old, quantities)
    threshold = max(new.table.threshold, old.table.threshold)
    found: list[Finding] = []
    for q in quantities:
        try:
            new_low, new_high = known_new.range(q.cells)
        except InfeasibleError as exc:
            raise SdcError(f"{new.label()}: the published values do not add up") from exc
        try:
            old_low, old_high = known_old.range(q.cells)
        except InfeasibleError as exc:
            raise SdcError(f"{old.label()}: the published values do not add up") from exc
        low = None if old_high is None else new_low - old_high
        high = None if new_high is None else new_high - old_low
        low, high = _clamp(low, high, rel)
        if isolates(low, high, threshold):
            found.append(Finding(old, new, q.what, low, high))
    return found


def _joint(new: PublishedTable, old: PublishedTable, rel: Relation) -> list[Finding]:
    """Nested populations of one table: both tables and their difference solved together."""
    quantities = _quantities(new.table, old.table)
    system = _System()
    system.add_table("new", new.table)
    system.add_table("old", old.table)
    _add_sums(system, "new", quantities)
    _add_sums(system, "old", quantities)
    big, small = ("new", "old") if rel is Relation.EARLIER_WITHIN else ("old", "new")
    for q in quantities:
        name = ("diff", q.cells)
        system.variable(name, 0, 0 if rel is Relation.SAME else None)
        system.add_sum(_sum_name(big, q.cells), [name, _sum_name(small, q.cells)])
    if not system.lower:
        return []
    polytope = system.polytope()
    threshold = max(new.table.threshold, old.table.threshold)
    found: list[Finding] = []
    for q in quantities if rel is not Relation.SAME else ():
        j = system.index[("diff", q.cells)]
        least = math.ceil(polytope.minimum(j))
        if least == 0 or least >= threshold:
            continue  # the difference may be 0, or is at least the threshold
        most = polytope.maximum(j)
        if most is not None and math.floor(most) < threshold:
            d_low, d_high = least, math.floor(most)
            pair = (d_low, d_high) if rel is Relation.EARLIER_WITHIN else (-d_high, -d_low)
            found.append(Finding(old, new, q.what, *pair))
    for tag, cid in system.masked:
        m_low, m_high = polytope.range_of(system.index[(tag, cid)])
        low, high = math.ceil(m_low), None if m_high is None else math.floor(m_high)
        if _exposes(low, high, threshold):
            whose = "the new table's" if tag == "new" else "the earlier table's"
            what = f"{whose} masked cell [{describe_id(cid)}]"
            found.append(Finding(old, new, what, low, high, recovered=True))
    return found


def _needs_joint(new: PublishedTable, old: PublishedTable, rel: Relation) -> bool:
    """The exact joint system is solved for nested populations of the same table, and of two
    linked tables when a cell they share is masked in either (it could be pinned down)."""
    if rel is Relation.OVERLAPS:
        return False
    if new.indicator == old.indicator:
        return True
    shared = set(Table(new.table.dimensions, new.table.categories).ids().values())
    shared &= set(Table(old.table.dimensions, old.table.categories).ids().values())
    return bool(shared & (_masked_ids(new.table) | _masked_ids(old.table)))


def differencing_findings(
    new: PublishedTable, earlier: Sequence[PublishedTable], cache: Cache | None = None
) -> list[Finding]:
    """Every way ``new`` discloses when combined with one of the ``earlier`` published tables.

    Pass the same ``cache`` (a dict) to check several new tables against the same earlier ones:
    each table's own ranges are then solved once."""
    findings: list[Finding] = []
    cache = {} if cache is None else cache
    for old in earlier:
        rel = relation(new, old)
        if rel is None:
            continue
        if _needs_joint(new, old, rel):
            try:
                findings += _joint(new, old, rel)
                continue
            except InfeasibleError:
                # not nested as the filters say (or inconsistent): compare independently
                pass
        findings += _independent(new, old, rel, cache)
    return findings
