"""Differencing across releases: a new table that isolates a small group against an earlier one is
refused; the classic attack (all areas vs all but one area) first."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from titian.privacy.differencing import (
    PublishedTable,
    Relation,
    differencing_findings,
    isolates,
    relation,
)
from titian.privacy.sdc_audit import audit_table
from titian.privacy.sdc_release import ReleasedCell, ReleasedTable
from titian.privacy.sdc_settings import BASE_5, FLOOR_10, RoundingRule
from titian.privacy.sdc_table import TOTAL, CellKey, Table
from titian.privacy.suppression import suppress_table

M = None  # a masked cell in the grids below


def grid(rows: list[list[int | None]], rounding: RoundingRule | None = None) -> ReleasedTable:
    """A released 2-way table from a grid whose last row and column are the totals."""
    r_cats = tuple(f"r{i}" for i in range(len(rows) - 1))
    c_cats = tuple(f"c{j}" for j in range(len(rows[0]) - 1))
    cells: dict[CellKey, ReleasedCell] = {}
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            key = (r_cats[i] if i < len(r_cats) else TOTAL, c_cats[j] if j < len(c_cats) else TOTAL)
            cells[key] = ReleasedCell.masked() if v is None else ReleasedCell.published(v)
    return ReleasedTable(("row", "col"), (r_cats, c_cats), cells, 11, rounding)


def published(
    table: ReleasedTable,
    country: str | None = None,
    dataset: str = "snap-1",
    indicator: str = "gender_age",
    release: str = "earlier",
    linked: bool = False,
) -> PublishedTable:
    return PublishedTable(
        release, f"Release {release}", "titian", indicator, None, linked, country, dataset, table
    )


def protect(counts: dict[CellKey, int], rounding: RoundingRule | None = None) -> ReleasedTable:
    """Suppress a true 2-way table (rows r0..r2, columns c0..c3) as a release would."""
    shape = (("r0", "r1", "r2"), ("c0", "c1", "c2", "c3"))
    return suppress_table(Table(("row", "col"), shape, counts), 11, rounding)


def counts(offset: dict[CellKey, int] | None = None) -> dict[CellKey, int]:
    base = {
        (r, c): 40 + 7 * i + 3 * j
        for i, r in enumerate(("r0", "r1", "r2"))
        for j, c in enumerate(("c0", "c1", "c2", "c3"))
    }
    for key, delta in (offset or {}).items():
        base[key] += delta
    return base


# ---------------------------------------------------------------- the classic attack


def test_all_areas_vs_all_but_one_area_is_refused() -> None:
    """'All countries' and 'Thailand' from the same snapshot, 3 people outside Thailand."""
    everyone = published(protect(counts({("r1", "c2"): 3})), country=None)
    thailand = published(protect(counts()), country="TH", release="new")
    assert audit_table(everyone.table, 11) == [] and audit_table(thailand.table, 11) == []
    assert relation(thailand, everyone) is Relation.NEW_WITHIN
    found = differencing_findings(thailand, [everyone])
    cells = {f.what for f in found}
    assert "the cell [col=c2, row=r1]" in cells
    assert {"the cell [row=r1]", "the cell [col=c2]", "the cell [all]"} <= cells
    assert all((f.low, f.high) == (-3, -3) for f in found)
    message = found[0].message()
    assert "Release earlier" in message and "gender_age (all countries)" in message
    assert "differs by 3 people" in message
    # and the other way round: the all-countries table published after the Thai one
    assert {f.what for f in differencing_findings(everyone, [thailand])} == cells


@pytest.mark.parametrize(
    ("outside", "refused"),
    [(0, False), (1, True), (5, True), (10, True), (11, False), (40, False)],
    ids=["none", "one", "five", "threshold-1", "threshold", "many"],
)
def test_only_differences_from_1_to_threshold_minus_1_are_refused(
    outside: int, refused: bool
) -> None:
    everyone = published(protect(counts({("r0", "c0"): outside})))
    thailand = published(protect(counts()), country="TH", release="new")
    assert bool(differencing_findings(thailand, [everyone])) is refused


def test_the_same_table_published_again_is_allowed() -> None:
    first = published(protect(counts()), country="TH")
    again = published(protect(counts()), country="TH", release="new")
    assert relation(again, first) is Relation.SAME
    assert differencing_findings(again, [first]) == []


# ---------------------------------------------------------------- series of snapshots


@pytest.mark.parametrize(
    ("cell", "change", "rounding", "refused"),
    [
        (("r2", "c1"), 3, None, True),
        (("r2", "c1"), -4, None, True),  # people left: a small group disclosed just the same
        (("r2", "c1"), 11, None, False),
        (("r2", "c1"), 0, None, False),
        (("r0", "c0"), 1, BASE_5, False),  # 40/41, 178/179, 141/142, 618/619: same published
        (("r0", "c0"), 2, BASE_5, True),  # column total 141 -> 143 publishes 140 -> 145
        (("r2", "c1"), 5, BASE_5, True),  # 57 -> 62 publishes 55 -> 60: moved by 1 to 9
        (("r0", "c0"), 3, FLOOR_10, False),  # 170 -> 180 may be a move of 11 or more
    ],
    ids=["plus-3", "minus-4", "plus-11", "same", "base5-1", "base5-2", "base5-5", "floor10-3"],
)
def test_a_later_snapshot_is_compared_cell_by_cell(
    cell: CellKey, change: int, rounding: RoundingRule | None, refused: bool
) -> None:
    """Rounding hides a change only while no published value moves to another multiple."""
    before = published(protect(counts(), rounding), country="TH", dataset="snap-1")
    after = published(
        protect(counts({cell: change}), rounding),
        country="TH", dataset="snap-2", release="new",
    )  # fmt: skip
    assert relation(after, before) is Relation.OVERLAPS
    assert bool(differencing_findings(after, [before])) is refused


def test_rounded_values_a_base_apart_prove_a_small_change() -> None:
    before = published(grid([[60, 60, 120], [60, 60, 120], [120, 120, 240]], BASE_5))
    after = dataclasses.replace(
        published(grid([[65, 60, 125], [60, 60, 120], [125, 120, 245]], BASE_5)),
        dataset="snap-2", release_id="new",
    )  # fmt: skip
    found = differencing_findings(after, [before])
    assert {(f.what, f.low, f.high) for f in found} >= {("the cell [col=c0, row=r0]", 1, 9)}


def test_masked_cells_of_a_line_are_compared_together() -> None:
    # b and c are masked in both; the published cells and the total say b + c grew by 3
    before = grid([[50, M, M, 70], [40, M, M, 75], [90, 40, 15, 145]])
    after = grid([[50, M, M, 73], [40, M, M, 75], [90, 43, 15, 148]])
    assert audit_table(before, 11) == [] and audit_table(after, 11) == []
    found = differencing_findings(
        published(after, dataset="snap-2", release="new"), [published(before)]
    )
    whats = {f.what for f in found}
    assert "the masked cells [col=c1, row=r0; col=c2, row=r0] of col within [row=r0] " \
        "taken together" in whats  # fmt: skip


# ---------------------------------------------------------------- nested populations


def test_nesting_recovers_a_masked_cell_of_the_earlier_table() -> None:
    everyone = grid([[M, M, 30], [M, M, 40], [35, 35, 70]])
    thailand = grid([[15, 15, 30], [12, 12, 24], [27, 27, 54]])
    assert audit_table(everyone, 11) == []
    found = differencing_findings(
        published(thailand, country="TH", release="new"), [published(everyone)]
    )
    recovered = {f.what for f in found if f.recovered}
    assert "the earlier table's masked cell [col=c0, row=r0]" in recovered
    small = {(f.what, f.low, f.high) for f in found if not f.recovered}
    assert ("the cell [col=c0, row=r1]", -8, -8) in small


# ---------------------------------------------------------------- what is compared


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, Relation.SAME),
        ({"country": "KH"}, None),  # disjoint populations
        ({"source": "ctdc"}, None),
        ({"indicator": "minor_gender"}, None),  # another population, not linked
        ({"slice_value": "sexual"}, None),
        ({"dataset": "snap-2"}, Relation.OVERLAPS),
        ({"country": None}, Relation.EARLIER_WITHIN),
    ],
    ids=["same", "other-country", "other-source", "other-indicator", "other-slice",
         "other-snapshot", "all-countries"],
)  # fmt: skip
def test_which_tables_are_compared(changes: dict[str, object], expected: Relation | None) -> None:
    earlier = published(protect(counts()), country="TH")
    new = dataclasses.replace(earlier, release_id="new", **changes)  # type: ignore[arg-type]
    assert relation(new, earlier) is expected


def test_linked_indicators_are_compared_on_their_shared_margins() -> None:
    everyone = published(protect(counts({("r1", "c2"): 2})), linked=True)
    margin_only = ReleasedTable(
        ("row",), (("r0", "r1", "r2"),),
        {(k,): ReleasedCell.published(v) for k, v in (("r0", 178), ("r1", 206), ("r2", 234),
                                                         (TOTAL, 618))},
        11,
    )  # fmt: skip
    other = published(margin_only, country="TH", indicator="row_only", release="new", linked=True)
    assert relation(other, everyone) is Relation.NEW_WITHIN
    found = differencing_findings(other, [everyone])
    assert {f.what for f in found} == {"the cell [row=r1]", "the cell [all]"}


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(1, 10, True), (-10, -1, True), (0, 10, False), (1, 11, False), (3, 3, True),
     (None, 5, False), (2, None, False), (0, 0, False), (-11, -1, False)],
)  # fmt: skip
def test_isolates(low: int | None, high: int | None, expected: bool) -> None:
    assert isolates(low, high, 11) is expected


def test_a_shared_margin_masked_in_one_linked_table_and_published_in_another() -> None:
    # the same people, the same data: release 1 masked the row totals, release 2 publishes them
    earlier = published(grid([[M, M, M], [M, M, M], [30, 40, 70]]), country="TH", linked=True)
    rows = ReleasedTable(
        ("row",), (("r0", "r1"),),
        {("r0",): ReleasedCell.published(25), ("r1",): ReleasedCell.published(45),
         (TOTAL,): ReleasedCell.published(70)},
        11,
    )  # fmt: skip
    new = published(rows, country="TH", indicator="rows", release="new", linked=True)
    assert relation(new, earlier) is Relation.SAME
    found = differencing_findings(new, [earlier])
    assert {(f.what, f.low, f.high, f.recovered) for f in found} == {
        ("the earlier table's masked cell [row=r0]", 25, 25, True),
        ("the earlier table's masked cell [row=r1]", 45, 45, True),
    }


def test_a_shared_cache_gives_the_same_findings() -> None:
    earlier = [
        published(protect(counts({("r1", "c2"): 3})), dataset="snap-2"),
        published(protect(counts({("r0", "c1"): 20})), dataset="snap-3", release="third"),
    ]
    news = [published(protect(counts()), release=f"new-{n}") for n in range(2)]
    cache: dict[Any, Any] = {}
    shared = [differencing_findings(n, earlier, cache) for n in news]
    alone = [differencing_findings(n, earlier) for n in news]
    assert shared == alone and all(len(f) > 0 for f in alone)
    assert len(cache) == 4  # two new and two earlier tables, each solved once (not per pair)
