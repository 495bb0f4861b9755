"""Every released indicator table passes disclosure control (issue 7, acceptance).

For CTDC files of every generation and for the case snapshot, overall and by country:
no published cell holds a true count from 1 to threshold - 1; no suppressed cell can be worked out
from the margins (the exact audit of titian.privacy.sdc_audit, alone and across linked tables);
no share rests on a denominator under the threshold; a masked cell is never shown as 0.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from tests.analytics.support import cached_snapshot
from tests.fixtures import ctdc_gen

from titian.analytics.catalogue import Source, load_catalogue
from titian.analytics.ctdc import import_ctdc
from titian.analytics.indicators import (
    IndicatorResult,
    compute,
    connect,
    raw_tables,
    result_dict,
)
from titian.privacy.releases import disclosure_problems
from titian.privacy.sdc_release import MASK, CellStatus
from titian.privacy.sdc_settings import BASE_5, RoundingRule
from titian.privacy.sdc_table import TOTAL

THRESHOLD = 11
FRAMES = {
    "synthetic_2021": ctdc_gen.synthetic_2021_frame,
    "k_anonymised": ctdc_gen.k_anonymised_frame,
    "synthetic_2024": ctdc_gen.synthetic_2024_frame,
}


@cache
def ctdc_parquet(generation: str, rows: int = 20_000) -> Path:
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="titian-ctdc-"))
    atexit.register(shutil.rmtree, folder, True)
    source = ctdc_gen.write_fixture(FRAMES[generation](rows, seed=5), folder / "f.csv")
    import_ctdc(source, folder / "f.parquet")
    return folder / "f.parquet"


def _true_counts(source: Source, path: Path, country: str | None) -> dict[str, list[dict]]:  # type: ignore[type-arg]
    con = connect(source, [path], country)
    out = {}
    for indicator in load_catalogue(source).indicators:
        out[indicator.id] = [
            {**t.table.cells(), "__slice__": t.slice_value}
            for t in raw_tables(con, indicator, country)
        ]
    con.close()
    return out


def _check(
    results: list[IndicatorResult], truth: dict[str, list[dict]], rounding: RoundingRule | None
) -> None:  # type: ignore[type-arg]
    assert disclosure_problems(results, THRESHOLD) == []
    for result in results:
        for table, true in zip(result.tables, truth[result.indicator.id], strict=True):
            assert table.slice_value == true["__slice__"]
            for key, cell in table.released.cells.items():
                value = true[key]
                if cell.status is CellStatus.PUBLISHED:
                    assert value == 0 or value >= THRESHOLD, (result.indicator.id, key, value)
                    expected = rounding.apply(value) if rounding else value
                    assert cell.value == expected
                else:
                    assert cell.value is None
                    assert table.released.render(key) == MASK
        for table in result_dict(result)["tables"]:  # type: ignore[attr-defined]
            for cell in table["cells"]:
                if cell["share"] is not None:
                    assert cell["count"] is not None
                    assert cell["count"] == 0 or cell["count"] >= THRESHOLD
                if cell["count"] is None:
                    assert cell["display"] == MASK and cell["share"] is None


def _denominators_published(results: list[IndicatorResult]) -> None:
    """A share is shown only when its denominator (the margin along share_along) is published
    and at least the threshold."""
    for result in results:
        along = result.indicator.share_along
        if along is None:
            continue
        for table in result.tables:
            rel = table.released
            if along not in rel.dimensions:
                continue
            pos = rel.dimensions.index(along)
            for key in rel.cells:
                if key[pos] == TOTAL:
                    continue
                share = rel.share(key, along)
                if share is not None:
                    total = rel.value((*key[:pos], TOTAL, *key[pos + 1 :]))
                    assert total is not None and total >= THRESHOLD


@pytest.mark.parametrize("generation", sorted(FRAMES))
@pytest.mark.parametrize("country", [None, "TH"])
def test_ctdc_tables_pass_disclosure_control(generation: str, country: str | None) -> None:
    path = ctdc_parquet(generation)
    results = compute(Source.CTDC, [path], country=country, threshold=THRESHOLD, rounding=None)
    _check(results, _true_counts(Source.CTDC, path, country), None)
    _denominators_published(results)


@pytest.mark.parametrize("country", [None, "TH", "KH"])
@pytest.mark.parametrize("rounding", [None, BASE_5])
def test_snapshot_tables_pass_disclosure_control(
    country: str | None, rounding: RoundingRule | None
) -> None:
    path = cached_snapshot()
    results = compute(
        Source.TITIAN, [path], country=country, threshold=THRESHOLD, rounding=rounding
    )
    assert {r.indicator.id for r in results} == {
        i.id for i in load_catalogue(Source.TITIAN).indicators
    }
    _check(results, _true_counts(Source.TITIAN, path, country), rounding)
    _denominators_published(results)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_small_snapshots_mask_small_cells(seed: int, tmp_path: Path) -> None:
    """Small data: many small cells, so much is masked; nothing small survives."""
    from titian.demo.analytics import write_snapshot

    path = write_snapshot(tmp_path / "cases-1.parquet", 400, seed=seed, dialogues=6)
    only = ["titian_disability_gender", "titian_women_share_by_form", "titian_detained_gender",
            "titian_service_gap_disability", "titian_days_to_referral_gender",
            "titian_dialogue_seats_role_gender", "titian_dialogue_groups_represented"]  # fmt: skip
    results = compute(Source.TITIAN, [path], threshold=THRESHOLD, rounding=None, only=only)
    truth = _true_counts(Source.TITIAN, path, None)
    _check(results, truth, None)
    masked = sum(len(t.released.suppressed_keys()) for r in results for t in r.tables)
    assert masked > 0


def test_women_share_uses_records_with_known_gender() -> None:
    """The share of women and girls among forced-labour records: the denominator is the records
    with the flag and a known gender (an independent count with polars)."""
    import polars as pl

    path = ctdc_parquet("synthetic_2021")
    frame = pl.read_parquet(path)
    flagged = frame.filter(pl.col("exploitation_forced_labour").fill_null(False))
    known = flagged.filter(pl.col("gender_htcds") != "NonSpecifiedUnknown")
    women = known.filter(pl.col("gender_htcds") == "Feminine").height
    results = compute(
        Source.CTDC, [path], threshold=THRESHOLD, rounding=None, only=["ctdc_women_share_by_form"]
    )
    table = next(t for t in results[0].tables if t.slice_value == "forced_labour").released
    assert table.value((TOTAL,)) == known.height
    assert table.share(("woman",), "gender") == pytest.approx(women / known.height)


def test_form_share_follows_the_ctdc_denominator_rule() -> None:
    """ctdc_form_share agrees with the importer's group_shares (codebook v2, 2024, section 6)."""
    import polars as pl

    from titian.analytics.ctdc import FlagGroup, group_shares

    path = ctdc_parquet("synthetic_2021")
    shares = group_shares(pl.read_parquet(path), FlagGroup.EXPLOITATION_TYPE)
    results = compute(
        Source.CTDC, [path], threshold=THRESHOLD, rounding=None, only=["ctdc_form_share"]
    )
    names = {
        "forced_labour": "exploitation_forced_labour",
        "sexual_exploitation": "exploitation_sexual",
        "other_exploitation": "exploitation_other",
    }
    for table in results[0].tables:
        rel = table.released
        assert rel.value((TOTAL,)) == shares.denominator
        assert rel.value(("yes",)) == shares.counts[names[table.slice_value or ""]]


def test_a_table_without_a_safe_pattern_is_withheld_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    from titian.analytics import indicators
    from titian.privacy.sdc_settings import SdcError

    def refuse(*args: object, **kwargs: object) -> object:
        raise SdcError("no pattern")

    monkeypatch.setattr(indicators, "suppress_tables", refuse)
    results = compute(
        Source.TITIAN, [cached_snapshot()], threshold=THRESHOLD, rounding=None,
        only=["titian_disability_gender"],
    )  # fmt: skip
    released = results[0].tables[0].released
    assert all(c.value is None for c in released.cells.values())
    assert "withheld" in released.notes[0]
    assert disclosure_problems(results, THRESHOLD) == []
