"""Benchmark: the full GESI indicator set over the case snapshot on 1,000,000 generated rows.

Run on demand: ``.venv/bin/python bench/indicators.py [--rows N] [--repeat R]``.

Compares, on the same synthetic snapshot (Parquet, written by titian.demo.analytics):

1. the full indicator set over the case snapshot (``titian.analytics.indicators.compute``: a
   locked DuckDB connection, the catalogue's batch SQL (every indicator over ``people`` in one
   statement), then disclosure control of every table); the two dialogue indicators, which read
   the snapshot's small companion file (a few thousand seats), are left out;
2. one bare DuckDB pass over the same columns: exactly the columns that the indicator queries
   read (taken from DuckDB's own plans of them), each read and decoded once by one aggregate;
   target: (1) at most 2x (2);
3. the same raw figures computed with pandas, reading the same columns; target: the DuckDB
   queries at least 10x faster.

Also timed, for reference: the indicators' own SQL files run one query each (the reference that
the batch must match). Before any ratio is printed, the batched counts, the per-indicator counts
and pandas are compared cell by cell.

The machine may be shared, so the steps run interleaved, R times each (default 5), and the
medians are reported with the best run, the median process CPU time (all threads) and the load
average.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import duckdb
import numpy as np
import pandas as pd
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from titian.analytics.catalogue import (
    Indicator,
    Source,
    asean_alpha3,
    ethnicity_codes,
    load_catalogue,
    snapshot_columns,
    sql_text,
)
from titian.analytics.disaggregation import WG_DOMAINS
from titian.analytics.indicators import (
    IndicatorResult,
    RawTable,
    batch_raw_tables,
    compute,
    connect,
    raw_tables,
)
from titian.demo.analytics import write_snapshot

console = Console()
FORMS = ("forced_labour", "sexual_exploitation", "forced_marriage", "forced_criminality",
         "forced_begging", "servitude", "other")  # fmt: skip
YES_NO = ("detained", "charged_non_punishment", "offered_choice", "interpreter_in_language",
          "referral_accepted", "service_gap")  # fmt: skip
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


Counts = dict[str, dict[tuple[str, ...], int]]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # every thread of this process
    return usage.ru_utime + usage.ru_stime


class Timings:
    """Wall-clock and CPU seconds of each step; the steps run interleaved, round after round,
    so that a change in the machine's load touches all of them alike."""

    def __init__(self, steps: dict[str, Callable[[], object]]) -> None:
        self.steps = steps
        self.wall: dict[str, list[float]] = {k: [] for k in steps}
        self.cpu: dict[str, list[float]] = {k: [] for k in steps}
        self.result: dict[str, object] = {}

    def round(self) -> None:
        for name, fn in self.steps.items():
            cpu, start = _cpu(), time.perf_counter()
            self.result[name] = fn()
            self.wall[name].append(time.perf_counter() - start)
            self.cpu[name].append(_cpu() - cpu)

    def median(self, name: str) -> float:
        return statistics.median(self.wall[name])


def _scans(plan: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for node in plan:
        if node.get("name") in ("READ_PARQUET", "TABLE_SCAN"):
            yield node
        yield from _scans(node.get("children", []))


def _read(con: duckdb.DuckDBPyConnection, sql: str) -> set[str]:
    """The Parquet columns that DuckDB's plan of ``sql`` reads."""
    plan = json.loads(con.execute(f"EXPLAIN (FORMAT JSON) {sql}").fetchall()[0][1])
    found: set[str] = set()
    for scan in _scans(plan):
        projected = scan.get("extra_info", {}).get("Projections", [])
        found.update([projected] if isinstance(projected, str) else projected)
    return found


def people_indicators() -> list[Indicator]:
    """The indicators over the case snapshot (``people``): the ones the batch computes. The
    dialogue indicators read the snapshot's companion file, which the bench does not write."""
    return [i for i in load_catalogue(Source.TITIAN).indicators if i.batched]


def columns_read(path: Path) -> list[str]:
    """The columns the indicator set reads, in schema order; the batch and the per-indicator
    SQL files must read the same ones."""
    cat = load_catalogue(Source.TITIAN)
    con = connect(Source.TITIAN, [path])
    try:
        batch = _read(con, sql_text(cat.batch_sql or ""))
        each = set().union(*(_read(con, sql_text(i.sql)) for i in people_indicators()))
    finally:
        con.close()
    if batch != each:
        raise SystemExit(f"the batch reads {sorted(batch ^ each)} differently from the SQL files")
    return [c.name for c in snapshot_columns() if c.name in batch]


def bare_pass(path: Path, columns: list[str]) -> object:
    """One DuckDB pass over the same columns: grouped by gender and age band, every other column
    read and decoded once (its minimum), so no column is skipped through Parquet metadata."""
    others = [c for c in columns if c not in ("gender", "age_band")]
    mins = ", ".join(f"min({c})" for c in others)
    query = f"SELECT gender, age_band, count(*), {mins} FROM read_parquet('{path}') GROUP BY ALL"
    con = duckdb.connect(":memory:")
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def _counts(raw: dict[str, list[RawTable]]) -> Counts:
    out: Counts = {}
    for ind_id, tables in raw.items():
        for table in tables:
            prefix = () if table.slice_value is None else (table.slice_value,)
            for key, value in table.table.counts.items():
                if value:
                    out.setdefault(ind_id, {})[prefix + key] = value
    return out


def batched_queries(path: Path) -> Counts:
    """The raw counts of every indicator, as ``compute`` gets them (no disclosure control)."""
    cat = load_catalogue(Source.TITIAN)
    con = connect(Source.TITIAN, [path])
    try:
        return _counts(batch_raw_tables(con, cat, people_indicators()))
    finally:
        con.close()


def per_indicator_queries(path: Path) -> Counts:
    """The same counts from each indicator's own SQL file, one query each (the reference)."""
    con = connect(Source.TITIAN, [path])
    try:
        return _counts({i.id: raw_tables(con, i) for i in people_indicators()})
    finally:
        con.close()


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
        "sector": frame["sector"], "days_to_first_referral": frame["days_to_first_referral"],
    })  # fmt: skip
    for name in YES_NO:
        people[name] = frame[name].map({True: "yes", False: "no"})
    for form in FORMS:
        people[f"form_{form}"] = frame[f"form_{form}"].fillna(False).astype(bool)
    return people


def _count(frame: pd.DataFrame, cols: list[str]) -> dict[tuple[str, ...], int]:
    grouped = frame.groupby(cols, observed=True, dropna=True).size()
    return {(k if isinstance(k, tuple) else (k,)): int(v) for k, v in grouped.items()}


def pandas_figures(path: Path, columns: list[str]) -> Counts:
    """The same raw counts, computed with pandas from the same columns."""
    people = _people(pd.read_parquet(path, columns=columns))
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
    referral = {
        "titian_days_to_referral_gender": ["gender", "days_to_first_referral"],
        "titian_days_to_referral_disability": ["disability", "days_to_first_referral"],
        "titian_service_gap_gender": ["gender", "service_gap"],
        "titian_service_gap_disability": ["disability", "service_gap"],
    }
    for ind, cols in referral.items():
        out[ind] = _count(people, cols)
    return out


def check_same(batch: Counts, each: Counts, pand: Counts) -> int:
    """Compare the batched, per-indicator and pandas counts; returns the cells compared."""
    if batch != each:
        differ = sorted(i for i in set(batch) | set(each) if batch.get(i) != each.get(i))
        raise SystemExit(f"the batch and the indicators' SQL files disagree on {differ}")
    if set(pand) != set(batch):
        raise SystemExit(f"pandas computes {sorted(pand)}, DuckDB {sorted(batch)}")
    for ind, cells in pand.items():
        if cells != batch[ind]:
            raise SystemExit(f"pandas and DuckDB disagree on {ind}")
    return sum(len(cells) for cells in pand.values())


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="titian-bench-") as folder:
        path = write_snapshot(Path(folder) / "cases-bench.parquet", args.rows, seed=42)
        run(path, args.rows, args.repeat)


def run(path: Path, rows: int, repeat: int) -> None:
    columns = columns_read(path)
    people = [i.id for i in people_indicators()]
    timings = Timings({
        "full": lambda: compute(Source.TITIAN, [path], threshold=11, rounding=None, only=people),
        "bare": lambda: bare_pass(path, columns),
        "batched": lambda: batched_queries(path),
        "each": lambda: per_indicator_queries(path),
        "pandas": lambda: pandas_figures(path, columns),
    })  # fmt: skip
    load_before = _load()
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task(f"{rows:,} rows, {repeat} rounds", total=repeat)
        for _ in range(repeat):
            timings.round()
            bar.update(task, advance=1)
    load_after = _load()
    result = timings.result
    batched_counts = cast(Counts, result["batched"])
    compared = check_same(
        batched_counts, cast(Counts, result["each"]), cast(Counts, result["pandas"])
    )
    tables = sum(len(r.tables) for r in cast(list[IndicatorResult], result["full"]))
    title = f"GESI indicators on {rows:,} synthetic rows, {repeat} rounds"
    out = Table("step", "median s", "best s", "CPU s", title=title)
    indicators = len(batched_counts)
    labels = {
        "full": f"full indicator set ({indicators} indicators, {tables} protected tables)",
        "batched": "  of which DuckDB queries (one batched statement)",
        "bare": f"one bare DuckDB pass over the same {len(columns)} columns",
        "pandas": "same figures in pandas (same columns)",
        "each": "reference: each indicator's SQL file, one query each",
    }
    for name, label in labels.items():
        out.add_row(label, f"{timings.median(name):.3f}", f"{min(timings.wall[name]):.3f}",
                    f"{statistics.median(timings.cpu[name]):.3f}")  # fmt: skip
    console.print(out)
    console.print(f"load average (1, 5, 15 min): {load_before} before, {load_after} after")
    console.print(f"batch, per-indicator SQL and pandas agree on all {compared:,} non-empty cells")
    full, bare = timings.median("full"), timings.median("bare")
    batched, pandas = timings.median("batched"), timings.median("pandas")
    console.print(f"full set / bare pass    = {full / bare:.2f}x  (target <= 2x; medians)")
    console.print(f"pandas / DuckDB queries = {pandas / batched:.1f}x  (target >= 10x; medians)")
    console.print(f"pandas / full set       = {pandas / full:.1f}x")
    console.print(f"per-indicator / batched = {timings.median('each') / batched:.1f}x")


if __name__ == "__main__":
    main()
