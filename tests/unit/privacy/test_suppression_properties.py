"""Property tests over random tables (issue 7 acceptance).

"Every released table passes a test that no cell under the threshold survives and no suppressed
cell is derivable from its margins." The auditor itself is checked against brute-force enumeration
of every table consistent with a release, so that a passing audit means something.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from titian.privacy.sdc_audit import ProblemKind, audit_table, published_interval
from titian.privacy.sdc_ranges import unknown_ranges
from titian.privacy.sdc_release import ReleasedCell, ReleasedTable
from titian.privacy.sdc_settings import BASE_5, FLOOR_10, RoundingRule
from titian.privacy.sdc_table import TOTAL, CellKey, Table, build_structure
from titian.privacy.suppression import suppress_table

PROPS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

small_count = st.integers(1, 10)
count = st.one_of(st.just(0), small_count, small_count, st.integers(11, 40), st.integers(41, 120))


@st.composite
def tables(draw: st.DrawFn, max_dims: int = 3) -> Table:
    n_dims = draw(st.integers(1, max_dims))
    max_size = {1: 6, 2: 4, 3: 3}[n_dims]
    sizes = [draw(st.integers(1, max_size)) for _ in range(n_dims)]
    dims = tuple(f"d{i}" for i in range(n_dims))
    cats = tuple(tuple(f"v{j}" for j in range(size)) for size in sizes)
    keys = list(itertools.product(*cats))
    counts = {tuple(k): draw(count) for k in keys}
    return Table(dims, cats, counts)


@PROPS
@given(table=tables(), threshold=st.sampled_from([3, 5, 11]))
def test_released_tables_pass_the_audit(table: Table, threshold: int) -> None:
    released = suppress_table(table, threshold)
    assert audit_table(released, threshold) == []
    true = table.cells()
    for key, cell in released.cells.items():
        if 0 < true[key] < threshold:
            assert cell.value is None, f"small cell {key} survived"
        if true[key] == 0:
            assert cell.value == 0, f"zero cell {key} was masked"
        if cell.value is not None:
            assert cell.value == true[key]
    ids = table.ids()
    hidden = {ids[k] for k in released.suppressed_keys()}
    for line in build_structure([(table.dimensions, table.categories)]).lines:
        assert len(hidden.intersection(line.cells)) != 1, f"lone mask in {line.describe()}"


@PROPS
@given(table=tables(max_dims=2), rule=st.sampled_from([BASE_5, FLOOR_10]))
def test_rounded_releases_pass_the_audit(table: Table, rule: RoundingRule) -> None:
    released = suppress_table(table, 11, rounding=rule)
    assert audit_table(released, 11) == []
    true = table.cells()
    for key, cell in released.cells.items():
        if cell.value is not None:
            assert cell.value == rule.apply(true[key])


@PROPS
@given(table=tables(max_dims=2))
def test_shares_never_rest_on_a_small_or_masked_count(table: Table) -> None:
    released = suppress_table(table)
    true = table.cells()
    for key in table.all_keys():
        for pos, dim in enumerate(table.dimensions):
            if key[pos] == TOTAL:
                continue
            denominator = true[(*key[:pos], TOTAL, *key[pos + 1 :])]
            share = released.share(key, dim)
            if denominator < 11 or 0 < true[key] < 11 or released.value(key) is None:
                assert share is None


@PROPS
@given(table=tables(max_dims=2), data=st.data())
def test_a_lone_mask_in_a_line_is_always_caught(table: Table, data: st.DataObject) -> None:
    true = table.cells()
    key = data.draw(st.sampled_from(sorted(true)))
    cells = {k: ReleasedCell.published(v) for k, v in true.items()}
    cells[key] = ReleasedCell.masked()
    naive = ReleasedTable(table.dimensions, table.categories, cells, 3)
    kinds = {p.kind for p in audit_table(naive, 3)}
    assert ProblemKind.RECOVERABLE in kinds


def _margins(interior: dict[CellKey, int]) -> dict[CellKey, int]:
    """All cells of a 2-way table from its interior (kept simple and independent of Table)."""
    out = dict(interior)
    for (r, c), v in interior.items():
        for key in ((r, TOTAL), (TOTAL, c), (TOTAL, TOTAL)):
            out[key] = out.get(key, 0) + v
    return out


def _brute_ranges(
    table: Table, masked: set[CellKey], published: dict[CellKey, int]
) -> dict[CellKey, tuple[int, int]]:
    """Every non-negative interior filling consistent with the release, masked cells >= 1."""
    interior = {k: table.counts.get(k, 0) for k in table.interior_keys()}
    free = [k for k in interior if k in masked]
    bound = published[(TOTAL, TOTAL)]
    seen: dict[CellKey, list[int]] = {k: [] for k in masked}
    for values in itertools.product(range(1, bound + 1), repeat=len(free)):
        filled = _margins({**interior, **dict(zip(free, values, strict=True))})
        if any(filled[k] != v for k, v in published.items()):
            continue
        if any(filled[k] < 1 for k in masked):
            continue
        for k in masked:
            seen[k].append(filled[k])
    return {k: (min(v), max(v)) for k, v in seen.items()}


@settings(max_examples=40, deadline=None)
@given(
    rows=st.integers(1, 2),
    cols=st.integers(2, 3),
    data=st.data(),
)
def test_auditor_ranges_match_brute_force(rows: int, cols: int, data: st.DataObject) -> None:
    cats: Sequence[tuple[str, ...]] = (
        tuple(f"r{i}" for i in range(rows)),
        tuple(f"c{j}" for j in range(cols)),
    )
    counts = {k: data.draw(st.integers(1, 3)) for k in itertools.product(*cats)}
    table = Table(("r", "c"), tuple(cats), counts)
    cells = table.cells()
    grand = (TOTAL, TOTAL)
    candidates = sorted(k for k in cells if k != grand)
    masked = set(data.draw(st.lists(st.sampled_from(candidates), max_size=3, unique=True)))
    published = {k: v for k, v in cells.items() if k not in masked}
    expected = _brute_ranges(table, masked, published)
    ids = table.ids()
    structure = build_structure([(table.dimensions, table.categories)])
    got = dict(
        unknown_ranges(
            structure,
            {ids[k]: (v, v) for k, v in published.items()},
            {ids[k] for k in masked},
        )
    )
    for key in masked:
        rng = got[ids[key]]
        assert (rng.low, rng.high) == expected[key], key


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(
        st.one_of(st.just(0), st.integers(1, 10), st.integers(11, 30)), min_size=2, max_size=3
    ),
    rule=st.sampled_from([BASE_5, FLOOR_10]),
    data=st.data(),
)
def test_rounded_ranges_match_brute_force(
    values: list[int], rule: RoundingRule, data: st.DataObject
) -> None:
    """With rounding, published cells are ranges; the LP must agree with enumeration."""
    cats = tuple(f"c{i}" for i in range(len(values)))
    table = Table(("c",), (cats,), {(c,): v for c, v in zip(cats, values, strict=True)})
    total = sum(values)
    small = [(c,) for c, v in zip(cats, values, strict=True) if 0 < v < 11]
    extra = data.draw(st.lists(st.sampled_from([(c,) for c in cats]), max_size=2, unique=True))
    masked = set(small) | {k for k in extra if table.cells()[k] > 0}
    assume(masked and not 0 < total < 11)
    published = {
        k: published_interval(rule.apply(v), rule, 11)
        for k, v in table.cells().items()
        if k not in masked
    }
    options = [
        range(1, published[(TOTAL,)][1] + 1)
        if (c,) in masked
        else range(published[(c,)][0], published[(c,)][1] + 1)
        for c in cats
    ]
    seen: dict[CellKey, list[int]] = {k: [] for k in masked}
    low_t, high_t = published[(TOTAL,)]
    for filling in itertools.product(*options):
        if low_t <= sum(filling) <= high_t:
            for c, v in zip(cats, filling, strict=True):
                if (c,) in masked:
                    seen[(c,)].append(v)
    ids = table.ids()
    structure = build_structure([(table.dimensions, table.categories)])
    got = dict(
        unknown_ranges(
            structure, {ids[k]: i for k, i in published.items()}, {ids[k] for k in masked}
        )
    )
    for key in masked:
        rng = got[ids[key]]
        assert (rng.low, rng.high) == (min(seen[key]), max(seen[key])), key
