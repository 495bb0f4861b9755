"""Benchmark: the full GESI indicator set on 1,000,000 generated case rows.

Run on demand: ``.venv/bin/python bench/indicators.py [--rows N]``.

Compares, on the same synthetic snapshot (Parquet, written by titian.demo.analytics):

1. the full indicator set (``titian.analytics.indicators.compute``: load into DuckDB, every SQL
   file of the catalogue, then disclosure control of every table);
2. one bare DuckDB pass over the same columns (one aggregate reading every column once);
   target: (1) at most 2x (2);
3. the same raw figures computed with pandas; target: DuckDB at least 10x faster.

Each timing is the best of three runs. The figures of pandas and DuckDB are compared cell by cell
before the ratios are printed.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from titian.analytics.catalogue import (
    Source,
    asean_alpha3,
    ethnicity_codes,
    load_catalogue,
    snapshot_columns,
)
from titian.analytics.disaggregation import WG_DOMAINS
from titian.analytics.indicators import compute, connect, raw_tables
from titian.demo.analytics import write_snapshot

console = Console()
FORMS = ("forced_labour", "sexual_exploitation", "forced_marriage", "forced_criminality",
         "forced_begging", "servitude", "other")  # fmt: skip
YES_NO = ("detained", "charged_non_punishment", "offered_choice", "interpreter_in_language",
          "referral_accepted")  # fmt: skip
MIGRATION = {
    "labour_migrant": "labour_migrant",
    "irregular_migrant": "irregular_migrant",
    "refugee": "refugee_or_asylum",
    "asylum_seeker": "refugee_or_asylum",
    "complementary_protection": "refugee_or_asylum",
    "stateless_person": "stateless_person",
    "internally_displaced_person": "internally_displaced",
    "returnee": "returnee",
}


def best_of(runs: int, fn: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def bare_pass(path: Path) -> object:
    """One DuckDB pass over the same columns: grouped by gender and age band, every other column
    read and decoded once (its minimum), so no column is skipped through Parquet metadata."""
    others = [c.name for c in snapshot_columns() if c.name not in ("gender", "age_band")]
    mins = ", ".join(f"min({c})" for c in others)
    query = f"SELECT gender, age_band, count(*), {mins} FROM read_parquet('{path}') GROUP BY ALL"
    con = duckdb.connect(":memory:")
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def duckdb_queries(path: Path) -> dict[str, dict[tuple[str, ...], int]]:
    """The raw counts of every indicator through the catalogue's SQL (no disclosure control)."""
    con = connect(Source.TITIAN, [path])
    out: dict[str, dict[tuple[str, ...], int]] = {}
    try:
        for indicator in load_catalogue(Source.TITIAN).indicators:
            for raw in raw_tables(con, indicator):
                prefix = () if raw.slice_value is None else (raw.slice_value,)
                for key, value in raw.table.counts.items():
                    if value:
                        out.setdefault(indicator.id, {})[prefix + key] = value
    finally:
        con.close()
    return out


def _people(frame: pd.DataFrame) -> pd.DataFrame:
    asean = set(asean_alpha3())
    ethnic = set(ethnicity_codes(None))
    wg = frame[list(WG_DOMAINS)]
    top, answered = wg.max(axis=1, skipna=True), wg.notna().sum(axis=1)
    disability = np.select(
        [top.fillna(0) >= 3, (answered == 6) & (top == 2), (answered == 6) & (top == 1)],
        ["a_lot", "some", "none"], "unknown",
    )  # fmt: skip

    def country(col: pd.Series) -> pd.Series:
        return col.where(col.isin(asean), "other").where(col.notna(), "unknown")

    minor = frame["minor"].map({True: "minor", False: "adult"}).fillna("unknown")
    people = pd.DataFrame({
        "gender": frame["gender"], "age_band": frame["age_band"], "minor_status": minor,
        "disability": disability, "citizenship_status": frame["citizenship_status"],
        "citizenship": country(frame["citizenship"]),
        "exploitation_country": country(frame["exploitation_country"]),
        "migration_group": frame["migration_status"].map(MIGRATION).fillna("other_migrant")
        .where(frame["migration_status"].notna(), "not_recorded"),
        "ethnicity": frame["ethnicity_code"].where(frame["ethnicity_code"].isin(ethnic), "other")
        .where(frame["ethnicity_code"].notna(), "unknown"),
        "country": frame["country"], "identification_status": frame["identification_status"],
        "sector": frame["sector"],
    })  # fmt: skip
    for name in YES_NO:
        people[name] = frame[name].map({True: "yes", False: "no"})
    for form in FORMS:
        people[f"form_{form}"] = frame[f"form_{form}"].fillna(False).astype(bool)
    return people


def _count(frame: pd.DataFrame, cols: list[str]) -> dict[tuple[str, ...], int]:
    grouped = frame.groupby(cols, observed=True, dropna=True).size()
    return {(k if isinstance(k, tuple) else (k,)): int(v) for k, v in grouped.items()}


def pandas_figures(path: Path) -> dict[str, dict[tuple[str, ...], int]]:
    """The same raw counts, computed with pandas."""
    people = _people(pd.read_parquet(path))
    out: dict[str, dict[tuple[str, ...], int]] = {}
    simple = {
        "titian_gender_age": ["gender", "age_band"],
        "titian_minor_gender": ["minor_status", "gender"],
        "titian_disability_gender": ["disability", "gender"],
        "titian_ethnicity_gender": ["ethnicity", "gender"],
        "titian_citizenship_status_gender": ["citizenship_status", "gender"],
        "titian_migration_gender": ["migration_group", "gender"],
        "titian_country_gender": ["country", "gender"],
        "titian_citizenship_gender": ["citizenship", "gender"],
        "titian_exploitation_country_gender": ["exploitation_country", "gender"],
        "titian_identification_gender": ["identification_status", "gender"],
    }  # fmt: skip
    for ind, cols in simple.items():
        out[ind] = _count(people, cols)
    forms = people.melt(
        id_vars=["gender", "age_band"], value_vars=[f"form_{f}" for f in FORMS], var_name="form"
    )
    forms = forms[forms["value"]].copy()
    forms["form"] = forms["form"].str.slice(5).replace({"other": "other_exploitation"})
    out["titian_form_gender_age"] = _count(forms, ["form", "gender", "age_band"])
    known = forms[forms["gender"] != "unknown"]
    out["titian_women_share_by_form"] = _count(known, ["form", "gender"])
    sectors = people[people["sector"].notna() & (people["gender"] != "unknown")]
    out["titian_men_share_by_sector"] = _count(sectors, ["sector", "gender"])
    for ind, col in (("titian_detained_gender", "detained"),
                     ("titian_charged_gender", "charged_non_punishment"),
                     ("titian_offered_choice_gender", "offered_choice"),
                     ("titian_interpreter_gender", "interpreter_in_language")):  # fmt: skip
        out[ind] = _count(people, ["gender", col])
    out["titian_referral_accepted_disability"] = _count(people, ["disability", "referral_accepted"])
    return out


def check_same(duck: dict[str, dict[tuple[str, ...], int]], pand: dict[str, dict]) -> int:  # type: ignore[type-arg]
    """Compare every indicator pandas computes; returns the number of cells compared."""
    compared = 0
    for ind, cells in pand.items():
        if cells != duck[ind]:
            raise SystemExit(f"pandas and DuckDB disagree on {ind}")
        compared += len(cells)
    return compared


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="titian-bench-"))
    with Progress(console=console) as bar:
        task = bar.add_task(f"generating {args.rows:,} rows", total=5)
        path = write_snapshot(folder / "cases-bench.parquet", args.rows, seed=42)
        bar.update(task, advance=1, description="full indicator set (x3)")
        t_full, results = best_of(3, lambda: compute(Source.TITIAN, [path], threshold=11,
                                                     rounding=None))  # fmt: skip
        bar.update(task, advance=1, description="bare DuckDB pass (x3)")
        t_bare, _ = best_of(3, lambda: bare_pass(path))
        bar.update(task, advance=1, description="DuckDB queries only (x3)")
        t_query, duck = best_of(3, lambda: duckdb_queries(path))
        bar.update(task, advance=1, description="pandas (x3)")
        t_pandas, pand = best_of(3, lambda: pandas_figures(path))
        bar.update(task, advance=1, description="done")
    compared = check_same(duck, pand)  # type: ignore[arg-type]
    tables = sum(len(r.tables) for r in results)  # type: ignore[attr-defined]
    out = Table("step", "seconds", title=f"GESI indicators on {args.rows:,} synthetic rows")
    out.add_row(f"full indicator set ({len(duck)} indicators, {tables} protected tables)",
                f"{t_full:.3f}")  # fmt: skip
    out.add_row("  of which DuckDB queries (no disclosure control)", f"{t_query:.3f}")
    out.add_row("one bare DuckDB pass over the same columns", f"{t_bare:.3f}")
    out.add_row("same figures in pandas", f"{t_pandas:.3f}")
    console.print(out)
    console.print(f"pandas and DuckDB agree on all {compared:,} non-empty cells compared")
    console.print(f"full set / bare pass   = {t_full / t_bare:.2f}x  (target <= 2x)")
    console.print(f"pandas / DuckDB queries = {t_pandas / t_query:.1f}x  (target >= 10x)")
    console.print(f"pandas / full set       = {t_pandas / t_full:.1f}x")


if __name__ == "__main__":
    main()
