"""Primary and secondary suppression, rounding, shares and linked tables (issue 7, item 4)."""

from __future__ import annotations

import pytest

from titian.privacy.sdc_audit import audit_table, audit_tables
from titian.privacy.sdc_release import MASK, CellStatus, ReleasedTable
from titian.privacy.sdc_settings import (
    BASE_5,
    FLOOR_10,
    DisclosureSettings,
    RoundingRule,
    SdcError,
)
from titian.privacy.sdc_table import TOTAL, CellKey, Table
from titian.privacy.suppression import safe_share, suppress_table, suppress_tables

SEX = ("F", "M", "X")
AGE = ("a", "b", "c")


def one_way(**counts: int) -> Table:
    return Table(("cat",), (tuple(counts),), {(k,): v for k, v in counts.items()})


def masked(released: ReleasedTable) -> set[CellKey]:
    return set(released.suppressed_keys())


@pytest.mark.parametrize(
    ("value", "threshold", "is_masked"),
    [
        (0, 11, False),
        (1, 11, True),
        (10, 11, True),
        (11, 11, False),
        (2, 3, True),
        (3, 3, False),
        (4, 5, True),
        (5, 5, False),
    ],
)
def test_primary_suppression_masks_one_to_threshold_minus_one(
    value: int, threshold: int, is_masked: bool
) -> None:
    released = suppress_table(one_way(small=value, big=100, other=200), threshold)
    assert (("small",) in masked(released)) is is_masked
    assert audit_table(released, threshold) == []


def test_zeros_are_published_never_masked() -> None:
    released = suppress_table(one_way(a=0, b=5, c=40, d=60))
    assert released.value(("a",)) == 0
    assert released.cells[("a",)].status is CellStatus.PUBLISHED


def test_one_way_secondary_takes_the_smallest_non_zero_cell() -> None:
    released = suppress_table(one_way(a=5, b=0, c=40, d=60))
    assert masked(released) == {("a",), ("c",)}
    assert released.value((TOTAL,)) == 105
    assert audit_table(released, 11) == []


def test_two_small_cells_summing_under_threshold_need_a_third() -> None:
    # a + b = 8 would tell the reader both masks are small groups
    released = suppress_table(one_way(a=5, b=3, c=50))
    assert masked(released) == {("a",), ("b",), ("c",)}
    assert released.value((TOTAL,)) == 58
    assert audit_table(released, 11) == []


def test_small_total_masks_the_only_cell_and_the_total() -> None:
    released = suppress_table(one_way(a=5, b=0))
    assert masked(released) == {("a",), (TOTAL,)}
    assert audit_table(released, 11) == []


def test_two_way_single_primary_gets_the_cheapest_rectangle() -> None:
    counts = {
        ("F", "a"): 5, ("F", "b"): 30, ("F", "c"): 50,
        ("M", "a"): 20, ("M", "b"): 25, ("M", "c"): 60,
        ("X", "a"): 40, ("X", "b"): 45, ("X", "c"): 70,
    }  # fmt: skip
    released = suppress_table(Table(("sex", "age"), (SEX, AGE), counts))
    assert masked(released) == {("F", "a"), ("F", "b"), ("M", "a"), ("M", "b")}
    assert all(k[0] != TOTAL and k[1] != TOTAL for k in masked(released))
    assert audit_table(released, 11) == []


def test_small_margin_is_masked_and_protected() -> None:
    counts = {("F", "a"): 3, ("F", "b"): 4, ("M", "a"): 30, ("M", "b"): 40}
    released = suppress_table(Table(("sex", "age"), (("F", "M"), ("a", "b")), counts))
    assert ("F", TOTAL) in masked(released)
    assert {("F", "a"), ("F", "b")} <= masked(released)
    assert audit_table(released, 11) == []


def test_primary_only_release_would_fail_the_audit() -> None:
    counts = {("F", "a"): 5, ("F", "b"): 30, ("M", "a"): 20, ("M", "b"): 25}
    table = Table(("sex", "age"), (("F", "M"), ("a", "b")), counts)
    good = suppress_table(table)
    naive_cells = dict(good.cells)
    for key in good.suppressed_keys():
        if key != ("F", "a"):
            naive_cells[key] = type(good.cells[key]).published(table.cells()[key])
    naive = ReleasedTable(good.dimensions, good.categories, naive_cells, 11)
    assert audit_table(naive, 11) != []
    assert audit_table(good, 11) == []


@pytest.mark.parametrize("rule", [BASE_5, FLOOR_10])
def test_rounding_applies_to_published_cells_and_totals_separately(rule: RoundingRule) -> None:
    counts = {("F", "a"): 12, ("F", "b"): 13, ("M", "a"): 27, ("M", "b"): 5}
    table = Table(("sex", "age"), (("F", "M"), ("a", "b")), counts)
    released = suppress_table(table, rounding=rule)
    assert released.rounding == rule
    true = table.cells()
    for key, cell in released.cells.items():
        if cell.value is not None:
            assert cell.value == rule.apply(true[key])
    assert any("rounded" in note for note in released.notes)
    assert audit_table(released, 11) == []


def test_release_states_its_rules_and_masks_neutrally() -> None:
    released = suppress_table(one_way(a=5, b=40, c=60))
    assert released.render(("a",)) == MASK
    assert released.render((TOTAL,)) == "105"
    assert any("1 to 10" in note for note in released.notes)
    rows = released.to_rows()
    assert {"cat": "Total", "count": "105"} in rows
    assert {"cat": "a", "count": MASK} in rows


def test_released_table_never_holds_a_masked_value() -> None:
    released = suppress_table(one_way(a=5, b=40, c=60))
    assert all(released.cells[k].value is None for k in released.suppressed_keys())


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (20, 40, 0.5),
        (0, 40, 0.0),
        (40, 40, 1.0),
        (None, 40, None),
        (20, None, None),
        (0, 0, None),
        (5, 10, None),  # denominator under the threshold
        (5, 40, None),  # small numerator
        (35, 40, None),  # small complement: 5 others
        (11, 22, 0.5),
    ],
)
def test_safe_share(numerator: int | None, denominator: int | None, expected: float | None) -> None:
    assert safe_share(numerator, denominator, 11) == expected


def test_safe_share_rejects_impossible_shares() -> None:
    with pytest.raises(SdcError, match="share"):
        safe_share(50, 40, 11)


def test_released_share_uses_released_values_only() -> None:
    counts = {("F", "a"): 5, ("F", "b"): 30, ("M", "a"): 20, ("M", "b"): 25}
    released = suppress_table(Table(("sex", "age"), (("F", "M"), ("a", "b")), counts))
    assert released.share(("F", "a"), "age") is None
    assert released.share((TOTAL, "b"), "age") == pytest.approx(55 / 80)
    with pytest.raises(SdcError, match="already a total"):
        released.share((TOTAL, "b"), "sex")
    with pytest.raises(SdcError, match="not a dimension"):
        released.share(("F", "a"), "country")


def test_linked_tables_are_protected_through_shared_margins() -> None:
    by_age = Table(
        ("sex", "age"), (("F", "M"), ("a", "b")),
        {("F", "a"): 30, ("F", "b"): 40, ("M", "a"): 4, ("M", "b"): 4},
    )  # fmt: skip
    by_country = Table(
        ("sex", "country"), (("F", "M"), ("KH", "TH")),
        {("F", "KH"): 35, ("F", "TH"): 35, ("M", "KH"): 8, ("M", "TH"): 0},
    )  # fmt: skip
    first, second = suppress_tables([by_age, by_country])
    assert first.value(("M", TOTAL)) is None
    assert second.value(("M", TOTAL)) is None
    assert audit_tables([first, second], 11) == []


def test_linked_tables_must_count_the_same_population() -> None:
    one = Table(("sex",), (("F", "M"),), {("F",): 20, ("M",): 30})
    other = Table(("sex", "age"), (("F", "M"), ("a",)), {("F", "a"): 21, ("M", "a"): 30})
    with pytest.raises(SdcError, match="same population"):
        suppress_tables([one, other])


@pytest.mark.parametrize("threshold", [0, 1, True, 2.5])
def test_threshold_must_be_a_meaningful_integer(threshold: object) -> None:
    with pytest.raises(SdcError, match="threshold"):
        suppress_table(one_way(a=5), threshold)  # type: ignore[arg-type]


def test_settings_defaults_follow_the_domain_doc() -> None:
    settings = DisclosureSettings()
    assert settings.threshold == 11
    assert settings.rounding == BASE_5
    assert settings.dp_epsilon_per_release == 1.0
    assert settings.dp_epsilon_per_year == 4.0
    with pytest.raises(ValueError, match="threshold"):
        DisclosureSettings(threshold=2)


def test_table_of_only_small_cells_masks_everything_but_zeros() -> None:
    # every non-zero cell is small: all masked, the zero published, and nothing is recoverable
    counts = {("F", "a"): 0, ("F", "b"): 1, ("M", "a"): 1, ("M", "b"): 1}
    released = suppress_table(Table(("sex", "age"), (("F", "M"), ("a", "b")), counts), 3)
    assert released.value(("F", "a")) == 0
    assert len(masked(released)) == 8
    assert audit_table(released, 3) == []
