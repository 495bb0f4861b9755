"""The independent auditor finds every kind of leak in hand-made bad releases."""

from __future__ import annotations

from fractions import Fraction

import pytest

from titian.privacy.sdc_audit import (
    Problem,
    ProblemKind,
    audit_table,
    audit_tables,
    published_interval,
)
from titian.privacy.sdc_lp import InfeasibleError, Polytope
from titian.privacy.sdc_release import ReleasedCell, ReleasedTable
from titian.privacy.sdc_settings import BASE_5, FLOOR_10, RoundingRule
from titian.privacy.sdc_table import TOTAL, CellKey, Table

M = None  # a masked cell in the layouts below


def release(
    dims: tuple[str, ...],
    cats: tuple[tuple[str, ...], ...],
    values: dict[CellKey, int | None],
    rounding: RoundingRule | None = None,
) -> ReleasedTable:
    cells = {
        k: ReleasedCell.masked() if v is None else ReleasedCell.published(v)
        for k, v in values.items()
    }
    return ReleasedTable(dims, cats, cells, 11, rounding)


def grid(rows: list[list[int | None]]) -> ReleasedTable:
    """A 2-way release from a grid whose last row and column are the totals."""
    r_cats = tuple(f"r{i}" for i in range(len(rows) - 1))
    c_cats = tuple(f"c{j}" for j in range(len(rows[0]) - 1))
    values: dict[CellKey, int | None] = {}
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            r = r_cats[i] if i < len(r_cats) else TOTAL
            c = c_cats[j] if j < len(c_cats) else TOTAL
            values[(r, c)] = v
    return release(("row", "col"), (r_cats, c_cats), values)


def kinds(problems: list[Problem]) -> set[ProblemKind]:
    return {p.kind for p in problems}


def test_published_small_cell_is_reported() -> None:
    table = release(("cat",), (("a", "b"),), {("a",): 5, ("b",): 40, (TOTAL,): 45})
    problems = audit_table(table, 11)
    assert [p.kind for p in problems] == [ProblemKind.SMALL_CELL]
    assert "cat=a" in problems[0].message


def test_single_mask_in_a_row_is_recovered_by_subtraction() -> None:
    table = grid([[M, 30, 35], [20, 25, 45], [25, 55, 80]])
    problems = audit_table(table, 11)
    assert kinds(problems) == {ProblemKind.RECOVERABLE}
    assert "= 5 by subtraction" in problems[0].message


def test_elimination_chains_through_recovered_cells() -> None:
    # r0 has two masks, but column c1 has one: recover (r0,c1), then (r0,c0) from row r0
    table = grid([[M, M, 40, 55], [20, 25, 30, 75], [25, 35, 70, 130]])
    recovered = {p.cell for p in audit_table(table, 11) if "subtraction" in p.message}
    assert recovered == {(("col", "c0"), ("row", "r0")), (("col", "c1"), ("row", "r0"))}


def test_two_masks_whose_sum_is_small_are_bounded_under_threshold() -> None:
    table = release(("cat",), (("a", "b", "c"),), {("a",): M, ("b",): M, ("c",): 50, (TOTAL,): 58})
    problems = audit_table(table, 11)
    assert kinds(problems) == {ProblemKind.BOUNDED_UNDER_THRESHOLD}
    assert len(problems) == 2


def test_masks_are_known_to_be_at_least_one() -> None:
    # a + b = 2 with both masked: zeros are always published, so a = b = 1
    table = release(("cat",), (("a", "b", "c"),), {("a",): M, ("b",): M, ("c",): 50, (TOTAL,): 52})
    assert {p.kind for p in audit_table(table, 11)} == {ProblemKind.RECOVERABLE}


def test_rectangle_with_room_passes() -> None:
    table = grid([[M, M, 50, 85], [M, M, 60, 95], [40, 45, 70, 155], [65, 90, 180, 335]])
    assert audit_table(table, 11) == []


def test_rectangle_of_small_cells_is_bounded() -> None:
    table = grid([[M, M, 50, 57], [M, M, 60, 65], [40, 45, 70, 155], [45, 52, 180, 277]])
    assert ProblemKind.BOUNDED_UNDER_THRESHOLD in kinds(audit_table(table, 11))


def test_values_that_do_not_add_up_are_inconsistent() -> None:
    table = grid([[20, 30, 51], [20, 25, 45], [40, 55, 96]])
    assert kinds(audit_table(table, 11)) == {ProblemKind.INCONSISTENT}


def test_masks_that_cannot_be_filled_are_inconsistent() -> None:
    table = grid([[M, M, 1], [20, 25, 45], [21, 25, 46]])
    assert ProblemKind.INCONSISTENT in kinds(audit_table(table, 11))


def test_missing_cell_is_malformed() -> None:
    table = release(("cat",), (("a", "b"),), {("a",): 20, (TOTAL,): 20})
    assert ProblemKind.INCONSISTENT in kinds(audit_table(table, 11))


def test_rounded_release_with_a_small_published_value() -> None:
    table = release(("cat",), (("a", "b"),), {("a",): 5, ("b",): 40, (TOTAL,): 45}, rounding=BASE_5)
    assert ProblemKind.SMALL_CELL in kinds(audit_table(table, 11))


def test_rounded_value_that_is_not_a_multiple_is_inconsistent() -> None:
    table = release(
        ("cat",), (("a", "b"),), {("a",): 12, ("b",): 40, (TOTAL,): 50}, rounding=BASE_5
    )
    assert kinds(audit_table(table, 11)) == {ProblemKind.INCONSISTENT}


def test_rounding_hides_a_single_mask_from_subtraction_but_not_from_bounds() -> None:
    # total 60 (58..62) minus b 50 (48..52): a lies in 6..14 -> not exact, not wholly small
    ok = release(("cat",), (("a", "b"),), {("a",): M, ("b",): 50, (TOTAL,): 60}, rounding=BASE_5)
    assert audit_table(ok, 11) == []
    # total 55 (53..57) minus b 50 (48..52): a lies in 1..9 -> wholly under the threshold
    bad = release(("cat",), (("a", "b"),), {("a",): M, ("b",): 50, (TOTAL,): 55}, rounding=BASE_5)
    assert kinds(audit_table(bad, 11)) == {ProblemKind.BOUNDED_UNDER_THRESHOLD}


@pytest.mark.parametrize(
    ("value", "rule", "interval"),
    [
        (40, None, (40, 40)),
        (0, BASE_5, (0, 0)),
        (10, BASE_5, (11, 12)),
        (15, BASE_5, (13, 17)),
        (10, FLOOR_10, (11, 19)),
        (0, FLOOR_10, (0, 0)),
        (0, RoundingRule(base=20, method="floor"), (0, 19)),
        (5, BASE_5, (3, 7)),
    ],
)
def test_published_interval_uses_the_rules(
    value: int, rule: RoundingRule | None, interval: tuple[int, int]
) -> None:
    assert published_interval(value, rule, 11) == interval


def test_linked_cell_masked_in_one_table_and_published_in_another() -> None:
    one = release(("sex",), (("F", "M"),), {("F",): M, ("M",): M, (TOTAL,): 60})
    two = release(("sex",), (("F", "M"),), {("F",): 25, ("M",): 35, (TOTAL,): 60})
    assert ProblemKind.RECOVERABLE in kinds(audit_tables([one, two], 11))


def test_three_way_release_from_the_engine_passes() -> None:
    from titian.privacy.suppression import suppress_table

    counts = {
        ("F", "a", "KH"): 4, ("F", "a", "TH"): 30, ("F", "b", "KH"): 25, ("F", "b", "TH"): 40,
        ("M", "a", "KH"): 33, ("M", "a", "TH"): 2, ("M", "b", "KH"): 50, ("M", "b", "TH"): 19,
    }  # fmt: skip
    table = Table(("sex", "age", "country"), (("F", "M"), ("a", "b"), ("KH", "TH")), counts)
    released = suppress_table(table)
    assert released.value(("F", "a", "KH")) is None
    assert audit_table(released, 11) == []


def test_polytope_ranges_of_a_two_by_two_pattern() -> None:
    # x0 + x1 = 25, x2 + x3 = 70, x0 + x2 = 35, x1 + x3 = 60
    eqs = [({0: 1, 1: 1}, 25), ({2: 1, 3: 1}, 70), ({0: 1, 2: 1}, 35), ({1: 1, 3: 1}, 60)]
    poly = Polytope(4, eqs)
    assert poly.range_of(0) == (Fraction(0), Fraction(25))
    assert poly.range_of(3) == (Fraction(35), Fraction(60))
    assert Polytope(2, [({0: 1, 1: -1}, 0)]).maximum(0) is None
    with pytest.raises(InfeasibleError):
        Polytope(2, [({0: 1, 1: 1}, -1)])
