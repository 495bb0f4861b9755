"""The DuckDB engine reads the given Parquet files and nothing else (structural separation)."""

from __future__ import annotations

import ast
from pathlib import Path

import duckdb
import pytest
from tests.analytics.support import cached_snapshot

from titian.analytics import catalogue, charts, disaggregation, indicators, report
from titian.analytics.catalogue import Source
from titian.analytics.indicators import AnalyticsError, compute, connect

PURE = [catalogue, charts, disaggregation, indicators, report]


@pytest.mark.parametrize("module", PURE, ids=lambda m: m.__name__)
def test_analytics_modules_never_import_a_database_layer(module: object) -> None:
    tree = ast.parse(Path(module.__file__).read_text())  # type: ignore[attr-defined]
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert not [n for n in names if n.startswith(("sqlalchemy", "psycopg", "sqlite3"))]
    assert not [n for n in names if n.endswith((".models", ".repository"))]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_parquet('/tmp/other.parquet')",
        "ATTACH 'titian.db' AS ops (TYPE sqlite)",
        "SET enable_external_access = true",
        "INSTALL httpfs",
    ],
)
def test_no_query_reaches_another_file(query: str) -> None:
    con = connect(Source.TITIAN, [cached_snapshot()])
    try:
        with pytest.raises(duckdb.Error):
            con.execute(query)
        assert con.execute("SELECT count(*) FROM people").fetchone()[0] > 0  # type: ignore[index]
    finally:
        con.close()


@pytest.mark.parametrize(
    ("paths", "country", "message"),
    [
        ([Path("cases.csv")], None, "Parquet files only"),
        ([Path("/nonexistent/cases.parquet")], None, "file not found"),
        ([], None, "no Parquet file"),
        (None, "Thailand", "alpha-2"),
    ],
)
def test_bad_inputs_are_refused(
    paths: list[Path] | None, country: str | None, message: str
) -> None:
    with pytest.raises(AnalyticsError, match=message):
        connect(Source.TITIAN, paths if paths is not None else [cached_snapshot()], country)


def test_country_filter_keeps_only_that_country() -> None:
    con = connect(Source.TITIAN, [cached_snapshot()], "TH")
    try:
        assert con.execute("SELECT DISTINCT country FROM people").fetchall() == [("TH",)]
    finally:
        con.close()


def test_the_headline_share_is_published_for_large_groups() -> None:
    results = compute(
        Source.TITIAN, [cached_snapshot()], threshold=11, rounding=None,
        only=["titian_women_share_by_form"],
    )  # fmt: skip
    table = next(t for t in results[0].tables if t.slice_value == "forced_labour").released
    share = table.share(("woman",), "gender")
    assert share is not None and 0.4 < share < 0.7
