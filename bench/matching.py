"""Benchmark of referral matching (issue 4): run with ``.venv/bin/python bench/matching.py``.

1. Generates a synthetic directory of 20,000 services over the ASEAN countries and Timor-Leste
   (ISO 3166-2 top-level areas) into a fresh SQLite file under ``bench/out/``.
2. For 500 random needs, times the baseline, the single candidate SQL query (country + service
   type + area, rows fetched), and the full path: the same query, then building the offers and
   running ``match``. Prints median and p95 of both and their ratio (target: p95 <= 3x).
3. Times a full coverage scan of the directory (every area x service type x standard profile,
   with each country's official and minority languages).

No real data: every service and every need is generated from a fixed seed.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import time
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from titian.countries.registry import ASEAN_CODES, get_country, subdivisions
from titian.referrals.coverage import coverage_scan, gap_report
from titian.referrals.matching import Eligibility, NeedProfile, ServiceOffer, match
from titian.referrals.matching_inputs import area_ancestors
from titian.referrals.vocab import (
    AccessibilityFeature,
    CitizenshipStatus,
    Cost,
    Gender,
    GenderEligibility,
    ServiceType,
    WgDomain,
)

OUT = Path(__file__).parent / "out"
G = GenderEligibility
GENDER_SETS: list[tuple[float, list[GenderEligibility]]] = [
    (0.55, list(GenderEligibility)),
    (0.15, [G.WOMEN, G.GIRLS]),
    (0.07, [G.WOMEN]),
    (0.06, [G.MEN]),
    (0.05, [G.MEN, G.BOYS]),
    (0.07, [G.GIRLS, G.BOYS, G.NON_BINARY]),
    (0.05, [G.WOMEN, G.MEN, G.NON_BINARY]),
]
SCHEMA = """
CREATE TABLE service (
  id TEXT PRIMARY KEY, agency_id TEXT NOT NULL, name TEXT NOT NULL, country TEXT NOT NULL,
  country_wide INTEGER NOT NULL, genders TEXT NOT NULL, age_min INTEGER, age_max INTEGER,
  unaccompanied_children INTEGER NOT NULL, non_citizens INTEGER NOT NULL,
  stateless INTEGER NOT NULL, undocumented INTEGER NOT NULL, accessibility TEXT NOT NULL,
  languages TEXT NOT NULL, interpretation_offered TEXT NOT NULL,
  interpretation_any INTEGER NOT NULL, lgbtqi_affirming INTEGER NOT NULL, capacity_free INTEGER,
  cost TEXT NOT NULL, active INTEGER NOT NULL, areas TEXT NOT NULL, service_types TEXT NOT NULL
);
CREATE TABLE service_type (service_id TEXT NOT NULL, country TEXT NOT NULL, type TEXT NOT NULL);
CREATE INDEX ix_service_type ON service_type (country, type, service_id);
CREATE TABLE service_area (service_id TEXT NOT NULL, area TEXT NOT NULL);
CREATE INDEX ix_service_area ON service_area (service_id, area);
"""
CANDIDATES_SQL = """
SELECT s.* FROM service_type t JOIN service s ON s.id = t.service_id
WHERE t.country = ? AND t.type = ?
  AND (s.country_wide = 1 OR EXISTS (
    SELECT 1 FROM service_area a WHERE a.service_id = s.id AND a.area IN ({marks})))
"""


def _text(values: Sequence[str]) -> str:
    """Multi-valued columns are comma-separated codes (no code contains a comma)."""
    return ",".join(values)


def _split(text: str) -> frozenset[str]:
    return frozenset(text.split(",")) if text else frozenset()


def _areas() -> dict[str, list[str]]:
    return {code: [c for c, _ in subdivisions(code)] for code in ASEAN_CODES}


def _languages(code: str) -> list[str]:
    settings = get_country(code)
    return list(dict.fromkeys([*settings.official_languages, *settings.minority_languages]))


def _pick(rng: random.Random, weighted: Sequence[tuple[float, Any]]) -> Any:
    return rng.choices([v for _, v in weighted], [w for w, _ in weighted])[0]


def _row(
    rng: random.Random, n: int, country: str, areas: list[str], langs: list[str]
) -> tuple[Any, ...]:
    types = rng.sample(list(ServiceType), 2 if rng.random() < 0.2 else 1)
    local = [] if rng.random() < 0.25 else rng.sample(areas, min(len(areas), rng.randint(1, 3)))
    genders = _pick(rng, GENDER_SETS)
    children_only = set(genders) <= {G.GIRLS, G.BOYS, G.NON_BINARY}
    age_min = 18 if not children_only and rng.random() < 0.15 else None
    age_max = 17 if children_only else None
    features = [f for f in AccessibilityFeature if rng.random() < 0.25]
    spoken = [langs[0], *rng.sample(langs[1:], min(len(langs) - 1, rng.randint(0, 2)))]
    if rng.random() < 0.4:
        spoken.append("en")
    interp = rng.sample(langs, min(len(langs), rng.randint(1, 3))) if rng.random() < 0.3 else []
    capacity = rng.choice([0, 0, 1, 2, 5, 10, 20]) if ServiceType.SHELTER in types else None
    return (
        f"svc-{n:05d}", f"agency-{n % 900:03d}", f"Service {n:05d}", country, int(not local),
        _text(genders), age_min, age_max, int(rng.random() < 0.8), int(rng.random() < 0.85),
        int(rng.random() < 0.7), int(rng.random() < 0.75), _text(features), _text(spoken),
        _text(interp), int(rng.random() < 0.05), int(rng.random() < 0.15), capacity,
        rng.choice(list(Cost)), int(rng.random() < 0.97), _text(local), _text(types),
    )  # fmt: skip


def build_database(path: Path, count: int, seed: int, progress: Progress) -> None:
    """A fresh SQLite file holding ``count`` generated services."""
    path.unlink(missing_ok=True)
    rng, areas = random.Random(seed), _areas()
    langs = {code: _languages(code) for code in ASEAN_CODES}
    con = sqlite3.connect(path)
    con.executescript(SCHEMA)
    task = progress.add_task("generate services", total=count)
    for n in range(count):
        country = rng.choice(ASEAN_CODES)
        row = _row(rng, n, country, areas[country], langs[country])
        con.execute(f"INSERT INTO service VALUES ({', '.join('?' * len(row))})", row)
        for stype in row[-1].split(","):
            con.execute("INSERT INTO service_type VALUES (?, ?, ?)", (row[0], country, stype))
        for area in _split(row[-2]):
            con.execute("INSERT INTO service_area VALUES (?, ?)", (row[0], area))
        progress.advance(task)
    con.commit()
    con.execute("ANALYZE")
    con.close()


def offer_from_row(row: sqlite3.Row) -> ServiceOffer:
    """The directory row as matching sees it (what the repository layer will do)."""
    return ServiceOffer(
        id=row["id"],
        agency_id=row["agency_id"],
        name=row["name"],
        country=row["country"],
        areas=_split(row["areas"]),
        service_types=_split(row["service_types"]),
        eligibility=Eligibility(
            genders=_split(row["genders"]),
            age_min=row["age_min"],
            age_max=row["age_max"],
            unaccompanied_children=bool(row["unaccompanied_children"]),
            non_citizens=bool(row["non_citizens"]),
            stateless=bool(row["stateless"]),
            undocumented=bool(row["undocumented"]),
        ),
        accessibility=_split(row["accessibility"]),
        languages=_split(row["languages"]),
        interpretation_offered=_split(row["interpretation_offered"]),
        interpretation_any_language=bool(row["interpretation_any"]),
        lgbtqi_affirming=bool(row["lgbtqi_affirming"]),
        capacity_free=row["capacity_free"],
        cost=Cost(row["cost"]),
        active=bool(row["active"]),
    )


def random_need(rng: random.Random, areas: dict[str, list[str]]) -> NeedProfile:
    country = rng.choice(ASEAN_CODES)
    langs = _languages(country)
    consented = rng.random() < 0.3
    return NeedProfile(
        need=rng.choice(list(ServiceType)),
        country=country,
        area=rng.choice(areas[country]),
        gender=rng.choice(list(Gender)),
        age=rng.randint(8, 60),
        age_uncertain=rng.random() < 0.1,
        unaccompanied=rng.random() < 0.5,
        wg_domains=frozenset(rng.sample(list(WgDomain), 1)) if rng.random() < 0.15 else frozenset(),
        languages_preferred=(rng.choice(langs),),
        languages_understood=(langs[0],) if rng.random() < 0.5 else (),
        citizenship=rng.choice(list(CitizenshipStatus)),
        sogiesc_consented=consented,
        lgbtqi=consented and rng.random() < 0.3,
    )


@lru_cache(maxsize=1024)
def related_areas(area: str) -> tuple[str, ...]:
    """The area, the areas enclosing it and the areas it encloses (ISO 3166-2 parents)."""
    country = area.split("-", 1)[0]
    subs = pycountry.subdivisions.get(country_code=country)  # type: ignore[no-untyped-call]
    inside = [s.code for s in subs or [] if getattr(s, "parent_code", None) == area]
    return (area, *area_ancestors(area), *inside)


def candidate_query(con: sqlite3.Connection, need: NeedProfile) -> list[sqlite3.Row]:
    """The baseline: one SQL query fetching the candidates of a need (country, type, area)."""
    related = related_areas(need.area)
    sql = CANDIDATES_SQL.format(marks=", ".join("?" * len(related)))
    return con.execute(sql, (need.country, need.need.value, *related)).fetchall()


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def time_matching(path: Path, needs: list[NeedProfile], progress: Progress) -> dict[str, float]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    for need in needs[:20]:  # warm the page cache and the language caches
        match(need, [offer_from_row(r) for r in candidate_query(con, need)])
    query_t, full_t, sizes = [], [], []
    task = progress.add_task("match needs", total=len(needs))
    for need in needs:
        t0 = time.perf_counter()
        rows = candidate_query(con, need)
        t1 = time.perf_counter()
        rows = candidate_query(con, need)
        match(need, [offer_from_row(r) for r in rows])
        t2 = time.perf_counter()
        query_t.append(t1 - t0)
        full_t.append(t2 - t1)
        sizes.append(len(rows))
        progress.advance(task)
    con.close()
    return {
        "candidates_median": statistics.median(sizes),
        "query_median_ms": statistics.median(query_t) * 1e3,
        "query_p95_ms": _p95(query_t) * 1e3,
        "full_median_ms": statistics.median(full_t) * 1e3,
        "full_p95_ms": _p95(full_t) * 1e3,
    }


def time_coverage(path: Path, progress: Progress) -> dict[str, float]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    task = progress.add_task("coverage scan", total=2)
    t0 = time.perf_counter()
    offers = [offer_from_row(r) for r in con.execute("SELECT * FROM service")]
    t1 = time.perf_counter()
    progress.advance(task)
    languages = {code: _languages(code) for code in ASEAN_CODES}
    gaps = coverage_scan(offers, _areas(), languages=languages)
    t2 = time.perf_counter()
    progress.advance(task)
    con.close()
    return {
        "load_s": t1 - t0,
        "scan_s": t2 - t1,
        "areas": sum(len(a) for a in _areas().values()),
        "gaps": len(gaps),
        "report_rows": len(gap_report(gaps)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=20_000)
    parser.add_argument("--needs", type=int, default=500)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "matching.sqlite"
    console = Console()
    rng = random.Random(args.seed + 1)
    with Progress(console=console, transient=True) as progress:
        build_database(path, args.services, args.seed, progress)
        areas = _areas()
        needs = [random_need(rng, areas) for _ in range(args.needs)]
        m = time_matching(path, needs, progress)
        c = time_coverage(path, progress)
    table = Table(title=f"Referral matching, {args.services:,} services, {args.needs} needs")
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_row("candidates per need (median)", f"{m['candidates_median']:.0f}")
    table.add_row(
        "candidate query, median / p95 (ms)",
        f"{m['query_median_ms']:.3f} / {m['query_p95_ms']:.3f}",
    )
    table.add_row(
        "query + match, median / p95 (ms)", f"{m['full_median_ms']:.3f} / {m['full_p95_ms']:.3f}"
    )
    table.add_row("ratio median", f"{m['full_median_ms'] / m['query_median_ms']:.2f}x")
    table.add_row("ratio p95 (target <= 3x)", f"{m['full_p95_ms'] / m['query_p95_ms']:.2f}x")
    table.add_row("load 20k offers from SQLite (s)", f"{c['load_s']:.2f}")
    table.add_row(f"full coverage scan, {c['areas']:.0f} areas (s)", f"{c['scan_s']:.2f}")
    table.add_row("coverage gaps / report rows", f"{c['gaps']:.0f} / {c['report_rows']:.0f}")
    console.print(table)  # fmt: skip


if __name__ == "__main__":
    main()
