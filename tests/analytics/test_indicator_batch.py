"""The batched indicator query gives exactly the figures of the indicators' own SQL files.

``compute`` counts every Titian indicator over ``people`` in one statement
(``sql/titian__batch.sql``); each indicator's SQL file over the row-level view ``people`` stays
its definition. The dialogue indicators (over ``seats``, the snapshot's dialogue companion) are
never in the batch: ``compute`` runs their own files beside it. These tests compare
the two on generated snapshots (overall and by country, with unusual and empty data), and the
protected output of ``compute`` with and without the batch, so that a change to either SQL cannot
silently change a published figure. Synthetic data only; no database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path

import polars as pl
import pytest

from tests.analytics.support import cached_snapshot
from titian.analytics import indicators
from titian.analytics.catalogue import (
    Catalogue,
    CatalogueError,
    Indicator,
    Source,
    load_catalogue,
    sql_text,
)
from titian.analytics.indicators import (
    AnalyticsError,
    batch_raw_tables,
    compute,
    connect,
    raw_tables,
    result_dict,
)
from titian.demo.analytics import dialogue_frame, snapshot_frame
from titian.privacy.sdc_settings import BASE_5, RoundingRule


def _edge_frame() -> pl.DataFrame:
    """Data the generator draws rarely or never: no referral, service gap, sector or
    citizenship recorded for anyone, everyone referred before identification, nobody with some
    forms, one grouped migration status for everyone, and two WG-SS domains always answered or
    skipped together."""
    frame = snapshot_frame(400, seed=13)
    edge: pl.DataFrame = frame.with_columns(
        pl.lit(None, dtype=pl.Boolean).alias("referral_accepted"),
        pl.lit(None, dtype=pl.Boolean).alias("service_gap"),
        pl.lit("before_identification").alias("days_to_first_referral"),
        pl.lit(None, dtype=pl.Boolean).alias("form_servitude"),
        pl.lit(False).alias("form_forced_begging"),
        pl.lit(None, dtype=pl.String).alias("sector"),
        pl.lit(None, dtype=pl.String).alias("citizenship"),
        pl.lit("complementary_protection").alias("migration_status"),
        pl.when(pl.col("wg_seeing").is_null())
        .then(None)
        .otherwise(1)
        .alias("wg_hearing")
        .cast(pl.Int8),
    )
    return edge


def _edge_seats() -> pl.DataFrame:
    """Seats the generator draws rarely: every gender undisclosed on the justice side, and no
    organisation serving LGBTQI people or stateless people."""
    frame = dialogue_frame(40, seed=13)
    edge: pl.DataFrame = frame.with_columns(
        pl.when(pl.col("participant_role") == "justice")
        .then(pl.lit("unknown"))
        .otherwise(pl.col("participant_gender"))
        .alias("participant_gender"),
        pl.lit(False).alias("serves_lgbtqi"),
        pl.lit(False).alias("serves_stateless"),
    )
    return edge


@cache
def _snapshot(kind: str, folder: Path) -> Path:
    """A case snapshot and (except 'empty') its dialogue companion, same name suffix."""
    frames: dict[str, Callable[[], pl.DataFrame]] = {
        "generated": lambda: snapshot_frame(3000, seed=3),
        "edge": _edge_frame,
        "empty": lambda: snapshot_frame(10, seed=1).head(0),
    }
    seats: dict[str, Callable[[], pl.DataFrame]] = {
        "generated": lambda: dialogue_frame(120, seed=3),
        "edge": _edge_seats,
    }
    path = folder / f"cases-{kind}.parquet"
    frames[kind]().write_parquet(path)
    if kind in seats:
        seats[kind]().write_parquet(folder / f"dialogues-{kind}.parquet")
    return path


def _people(cat: Catalogue) -> list[Indicator]:
    """The indicators the batch computes (over ``people``); the others run their own SQL."""
    return [i for i in cat.indicators if i.batched]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("batch")


@pytest.mark.parametrize("country", [None, "TH", "SG"])
@pytest.mark.parametrize("kind", ["generated", "edge", "empty"])
def test_batch_counts_equal_each_indicator_sql(
    kind: str, country: str | None, folder: Path
) -> None:
    cat = load_catalogue(Source.TITIAN)
    con = connect(Source.TITIAN, [_snapshot(kind, folder)], country)
    try:
        batch = batch_raw_tables(con, cat, _people(cat), country)
        each = {i.id: raw_tables(con, i, country) for i in _people(cat)}
    finally:
        con.close()
    assert batch == each
    if kind == "generated" and country is None:
        # not a vacuous comparison: every indicator has people in it, the new ones included
        assert all(any(t.table.counts for t in tables) for tables in each.values())
        assert {"titian_days_to_referral_gender", "titian_service_gap_disability"} <= set(each)


def test_the_large_snapshot_gives_the_same_counts() -> None:
    cat = load_catalogue(Source.TITIAN)
    con = connect(Source.TITIAN, [cached_snapshot()])
    try:
        batch = batch_raw_tables(con, cat, _people(cat))
        each = {i.id: raw_tables(con, i) for i in _people(cat)}
    finally:
        con.close()
    assert batch == each


def _without_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    cat = load_catalogue(Source.TITIAN)

    def catalogue(source: Source) -> Catalogue:
        return replace(cat, batch_sql=None) if source is Source.TITIAN else load_catalogue(source)

    monkeypatch.setattr(indicators, "load_catalogue", catalogue)


@pytest.mark.parametrize(
    ("country", "rounding", "only"),
    [
        (None, None, None),
        ("KH", None, None),
        (None, BASE_5, None),
        ("TH", BASE_5, ("titian_gender_age", "titian_disability_gender", "titian_detained_gender")),
    ],
    ids=["all", "KH", "rounded", "TH-three"],
)
def test_compute_publishes_the_same_tables_with_and_without_the_batch(
    country: str | None,
    rounding: RoundingRule | None,
    only: tuple[str, ...] | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = cached_snapshot()
    calls: list[int] = []
    own: list[str] = []
    real, real_own = indicators.batch_raw_tables, indicators.raw_tables

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    def spy_own(con, indicator, *args, **kwargs):  # type: ignore[no-untyped-def]
        own.append(indicator.id)
        return real_own(con, indicator, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(indicators, "batch_raw_tables", spy)
        patch.setattr(indicators, "raw_tables", spy_own)
        batched = compute(
            Source.TITIAN, [path], country=country, threshold=11, rounding=rounding, only=only
        )
    assert calls == [1]
    # the dialogue indicators (over `seats`) are never in the batch: their own SQL files run
    cat = load_catalogue(Source.TITIAN)
    chosen = only or [i.id for i in cat.indicators]
    assert own == [i for i in chosen if not cat.get(i).batched]
    _without_batch(monkeypatch)
    reference = compute(
        Source.TITIAN, [path], country=country, threshold=11, rounding=rounding, only=only
    )
    assert [result_dict(r) for r in batched] == [result_dict(r) for r in reference]


def test_a_value_outside_its_code_list_is_refused_by_both(tmp_path: Path) -> None:
    frame = snapshot_frame(50, seed=2).with_columns(pl.lit("x").alias("gender"))
    path = tmp_path / "cases-bad.parquet"
    frame.write_parquet(path)
    cat = load_catalogue(Source.TITIAN)
    con = connect(Source.TITIAN, [path])
    try:
        with pytest.raises(AnalyticsError, match="gender value 'x' is not in its code list"):
            batch_raw_tables(con, cat, _people(cat))
        with pytest.raises(AnalyticsError, match="gender value 'x' is not in its code list"):
            raw_tables(con, cat.get("titian_gender_age"))
    finally:
        con.close()


@pytest.mark.parametrize(
    ("sql", "problem"),
    [
        ("SELECT 'nope' AS indicator, 'a' AS d1, NULL AS d2, NULL AS d3, 1 AS n",
         "'nope', not in the catalogue"),
        ("SELECT 'titian_gender_age' AS indicator, 'woman' AS d1, '0-8' AS d2, 'x' AS d3, 1 AS n",
         "titian_gender_age has 2 dimensions"),
        ("SELECT 'titian_gender_age' AS indicator, 1 AS n", "expected"),
    ],
    ids=["unknown-indicator", "extra-dimension", "columns"],
)  # fmt: skip
def test_a_malformed_batch_result_is_refused(
    sql: str, problem: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cat = load_catalogue(Source.TITIAN)
    real = indicators.sql_text
    monkeypatch.setattr(
        indicators, "sql_text", lambda name: sql if name == cat.batch_sql else real(name)
    )
    con = connect(Source.TITIAN, [_snapshot("generated", folder)])
    try:
        with pytest.raises(CatalogueError, match=problem):
            batch_raw_tables(con, cat, _people(cat))
    finally:
        con.close()


def test_the_dialogue_indicators_are_not_batched_and_the_batch_refuses_them(
    folder: Path,
) -> None:
    cat = load_catalogue(Source.TITIAN)
    seats = [i for i in cat.indicators if not i.batched]
    assert {i.id for i in seats} == {
        "titian_dialogue_seats_role_gender", "titian_dialogue_groups_represented",
    }  # fmt: skip
    assert all(i.table == "seats" and i.id not in sql_text(cat.batch_sql or "") for i in seats)
    con = connect(Source.TITIAN, [_snapshot("generated", folder)])
    try:
        with pytest.raises(CatalogueError, match=r"does not compute.*own SQL"):
            batch_raw_tables(con, cat, cat.indicators)
        tables = {i.id: raw_tables(con, i) for i in seats}
    finally:
        con.close()
    assert all(any(t.table.counts for t in found) for found in tables.values())


def test_the_batch_file_must_compute_every_indicator() -> None:
    from titian.analytics.catalogue import _check_batch

    cat = load_catalogue(Source.TITIAN)
    assert cat.batch_sql == "titian__batch.sql"
    _check_batch("titian.yaml", cat.batch_sql, [i.id for i in _people(cat)])
    with pytest.raises(CatalogueError, match="does not compute \\['titian_nope'\\]"):
        _check_batch("titian.yaml", cat.batch_sql, ["titian_gender_age", "titian_nope"])
