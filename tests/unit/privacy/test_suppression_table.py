"""Table model: validation, margins, lines, counting records (disclosure-control.md section 2)."""

from __future__ import annotations

from typing import Any

import pytest

from titian.privacy.sdc_settings import BASE_5, FLOOR_10, RoundingMethod, RoundingRule, SdcError
from titian.privacy.sdc_table import (
    TOTAL,
    Table,
    build_structure,
    cell_id,
    count_table,
    describe_id,
    table_lines,
)

SEX = ("F", "M")
AGE = ("0-17", "18-39", "40+")


def test_two_way_margins_are_summed_from_the_interior() -> None:
    table = Table(
        ("sex", "age"), (SEX, AGE), {("F", "0-17"): 4, ("F", "40+"): 20, ("M", "18-39"): 7}
    )
    cells = table.cells()
    assert cells[("F", TOTAL)] == 24
    assert cells[("M", TOTAL)] == 7
    assert cells[(TOTAL, "0-17")] == 4
    assert cells[(TOTAL, "18-39")] == 7
    assert cells[(TOTAL, TOTAL)] == 31
    assert cells[("M", "40+")] == 0
    assert len(cells) == 3 * 4


def test_three_way_table_has_every_margin() -> None:
    table = Table(("a", "b", "c"), (("x", "y"), ("u", "v"), ("p", "q")), {("x", "u", "p"): 5})
    cells = table.cells()
    assert len(cells) == 27
    assert cells[(TOTAL, "u", TOTAL)] == 5
    assert cells[(TOTAL, TOTAL, "q")] == 0
    assert cells[(TOTAL, TOTAL, TOTAL)] == 5


@pytest.mark.parametrize(
    ("dims", "cats", "counts", "fragment"),
    [
        ((), (), {}, "at least one dimension"),
        (("a", "a"), (("x",), ("y",)), {}, "duplicate names"),
        (("a",), (("x", "x"),), {}, "duplicate categories"),
        (("a",), ((),), {}, "no categories"),
        (("a",), ((TOTAL,),), {}, "reserved"),
        (("a",), (("x",), ("y",)), {}, "2 lists for 1 dimensions"),
        (("a",), (("x",),), {("z",): 1}, "'z' is not a category of 'a'"),
        (("a",), (("x",),), {("x",): -1}, "not a count"),
        (("a",), (("x",),), {("x",): True}, "not a count"),
        (("a",), (("x",),), {("x", "y"): 1}, "key must be a tuple of 1"),
    ],
)
def test_invalid_tables_name_the_field(
    dims: tuple[str, ...], cats: Any, counts: Any, fragment: str
) -> None:
    with pytest.raises(SdcError, match=fragment.replace("(", r"\(")):
        Table(dims, cats, counts)


def test_from_counts_infers_sorted_categories() -> None:
    table = Table.from_counts(["sex"], {("M",): 3, ("F",): 2})
    assert table.categories == (("F", "M"),)


def test_count_table_counts_records_and_rejects_undeclared_values() -> None:
    rows = [{"sex": "F", "age": "0-17"}, {"sex": "F", "age": "0-17"}, {"sex": "M", "age": "40+"}]
    table = count_table(rows, ["sex", "age"], [SEX, AGE])
    assert table.cells()[("F", "0-17")] == 2
    assert table.cells()[(TOTAL, TOTAL)] == 3
    with pytest.raises(SdcError, match=r"records\[0\].sex: 'X'"):
        count_table([{"sex": "X", "age": "0-17"}], ["sex", "age"], [SEX, AGE])
    with pytest.raises(SdcError, match=r"records\[0\]: no field 'age'"):
        count_table([{"sex": "F"}], ["sex", "age"], [SEX, AGE])


def test_lines_of_a_two_way_table() -> None:
    lines = table_lines(("sex", "age"), (SEX, AGE))
    # 2 rows + 3 columns + 2 margin lines through the grand total
    assert len(lines) == 2 + 3 + 2
    row_f = next(ln for ln in lines if ln.total == (("sex", "F"),))
    assert set(row_f.members) == {(("age", a), ("sex", "F")) for a in AGE}
    assert row_f.describe() == "age within [sex=F]"


def test_linked_tables_share_margins() -> None:
    structure = build_structure(
        [(("sex", "age"), (SEX, AGE)), (("sex", "country"), (SEX, ("KH", "TH")))]
    )
    # the sex margin and the grand total are one cell each, and their line is not duplicated
    assert structure.cells.count((("sex", "F"),)) == 1
    grand = [ln for ln in structure.lines if ln.total == () and ln.dimension == "sex"]
    assert len(grand) == 1


def test_cell_ids_and_labels() -> None:
    assert cell_id(("sex", "age"), ("F", TOTAL)) == (("sex", "F"),)
    assert cell_id(("sex", "age"), (TOTAL, TOTAL)) == ()
    assert describe_id(()) == "all"
    assert describe_id((("age", "0-17"), ("sex", "F"))) == "age=0-17, sex=F"


@pytest.mark.parametrize(
    ("rule", "value", "published", "preimage"),
    [
        (BASE_5, 0, 0, (0, 2)),
        (BASE_5, 11, 10, (8, 12)),
        (BASE_5, 12, 10, (8, 12)),
        (BASE_5, 13, 15, (13, 17)),
        (BASE_5, 17, 15, (13, 17)),
        (FLOOR_10, 19, 10, (10, 19)),
        (FLOOR_10, 20, 20, (20, 29)),
        (RoundingRule(base=10), 15, 20, (15, 24)),
        (RoundingRule(base=10), 14, 10, (5, 14)),
    ],
)
def test_rounding_rules_and_their_preimages(
    rule: RoundingRule, value: int, published: int, preimage: tuple[int, int]
) -> None:
    assert rule.apply(value) == published
    assert rule.preimage(published) == preimage
    low, high = preimage
    assert all(rule.apply(v) == published for v in range(low, high + 1))


def test_rounding_rejects_values_that_are_not_multiples() -> None:
    with pytest.raises(SdcError, match="not a multiple of the base 5"):
        BASE_5.preimage(7)
    with pytest.raises(SdcError, match="negative"):
        FLOOR_10.apply(-1)
    assert FLOOR_10.method is RoundingMethod.FLOOR
