"""Benchmark: k-anonymous release of the `adult` data (x1, x10, x100) against ARX and a baseline.

Run: .venv/bin/python bench/anonymize.py [--sizes 1,10,100] [--baseline-sizes 1,10] [--reps N]

- Data: ../shared/data/adult/adult.csv (x1) and its perturbed x10 / x100 variants, made here by
  importing ../shared/data/adult/perturb.py, written to bench/out/ (git-ignored).
- Set-ups: k = 5, 10, 11 with 0 % and 5 % suppression on the 8 QIs; k = 5 with distinct
  3-diversity, 5 % suppression, on the 7 other QIs with `occupation` sensitive (ARX's benchmark
  set-up, "7 QIs" in the data README); and the literal request "3-diversity on salary-class",
  which has only 2 distinct values and so has no solution (reported as such), plus 2-diversity.
- Each set-up runs in its own process (so peak memory is its own): CSV read, a warm-up on a small
  slice, then the best of --reps timed runs (default 3, 3, 2 for x1, x10, x100) of ``anonymize``
  (encode + search + release + re-verification). Engine time = encode + search + release, the
  part ARX's figures cover.
- Baselines: a clearly labelled naive pure-Python Datafly (Sweeney 2002; dict counting,
  generalise the QI with most distinct values until within the suppression budget) runs in the
  same process on the same data; and the PyPI package ``anonypy`` (Mondrian, pandas), measured
  once on x1 with k=5 (``--pypi-k``; ``--no-pypi`` skips it, it takes minutes). Mondrian recodes
  locally (each partition its own ranges) and has no suppression budget, so only its time is
  comparable, not its information loss.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from titian.privacy.anon_encode import encode_qis
from titian.privacy.anon_model import NoSolutionError, PrivacyModel
from titian.privacy.anon_search import LatticeSearch
from titian.privacy.anonymize import anonymize
from titian.privacy.hierarchy import Hierarchy, load_hierarchies

REPO = Path(__file__).resolve().parents[1]
ADULT = REPO.parent / "shared" / "data" / "adult"
OUT = REPO / "bench" / "out"
QI = [
    "sex",
    "age",
    "race",
    "marital-status",
    "education",
    "native-country",
    "workclass",
    "occupation",
]

# ARX 3.9.2 reference timings from ../shared/data/adult/README.md (warm, 2 cores), seconds.
ARX = {
    (1, "k5 s0"): 0.044,
    (1, "k5 s5"): 0.99,
    (1, "k10 s0"): 0.044,
    (1, "k10 s5"): 0.57,
    (10, "k5 s0"): 0.48,
    (10, "k5 s5"): 5.3,
    (100, "k5 s0"): 3.0,
    (100, "k5 s5"): 21.0,
    (100, "k10 s0"): 2.3,
    (100, "k10 s5"): 26.8,
    (1, "k5 l3 occ"): 0.30,
    (10, "k5 l3 occ"): 1.24,
    (100, "k5 l3 occ"): 5.7,
}


@dataclass(frozen=True)
class Setup:
    name: str
    k: int
    supp: float
    l: int | None = None  # noqa: E741
    sensitive: str | None = None
    qis: int = 8


SETUPS = [
    *(Setup(f"k{k} s{int(s * 100)}", k, s) for k in (5, 10, 11) for s in (0.0, 0.05)),
    Setup("k5 l3 occ", 5, 0.05, 3, "occupation", 7),
    Setup("k5 l3 salary", 5, 0.05, 3, "salary-class"),
    Setup("k5 l2 salary", 5, 0.05, 2, "salary-class"),
]


def data_path(size: int) -> Path:
    return ADULT / "adult.csv" if size == 1 else OUT / f"adult_x{size}.csv"


def ensure_variants(sizes: list[int], console: Console) -> None:
    """Write the perturbed variants with the data set's own perturb.py (seeded)."""
    spec = importlib.util.spec_from_file_location("adult_perturb", ADULT / "perturb.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import pandas as pd

    OUT.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        target = data_path(size)
        if size == 1 or target.exists():
            continue
        with console.status(f"making adult x{size} with perturb.py"):
            source = pd.read_csv(ADULT / "adult.csv", sep=";", dtype=str)
            module.perturbed(source, size).to_csv(target, sep=";", index=False)


def read(size: int) -> pl.DataFrame:
    return pl.read_csv(data_path(size), separator=";", infer_schema=False)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(size: int, setup: Setup, reps: int) -> dict[str, Any]:
    """Child process: time one set-up on one size and report figures as JSON."""
    start = time.perf_counter()
    df = read(size)
    read_s = time.perf_counter() - start
    qi = QI[: setup.qis]
    hierarchies = load_hierarchies(ADULT, qi)
    loaded = rss_mb()
    args = (qi, hierarchies, setup.k, setup.supp, setup.l, setup.sensitive)
    with contextlib.suppress(NoSolutionError):
        anonymize(df.head(3000), *args)
    best: dict[str, Any] | None = None
    for _ in range(reps):
        start = time.perf_counter()
        try:
            result = anonymize(df, *args)
        except NoSolutionError as exc:
            return {"error": str(exc), "seconds": time.perf_counter() - start, "rss": rss_mb()}
        seconds = time.perf_counter() - start
        if best is None or seconds < best["seconds"]:
            t = result.timings
            best = {
                "seconds": seconds,
                "engine": t["encode"] + t["search"] + t["release"],
                "verify": t["verify"],
                "levels": list(result.levels.values()),
                "suppressed": result.suppressed_rows,
                "loss": result.information_loss.loss,
                "precision_loss": result.information_loss.precision_loss,
                "discernibility": result.information_loss.discernibility,
                "verified": result.verified,
                "nodes": result.nodes_evaluated,
            }
    assert best is not None
    return {**best, "read": read_s, "rss_loaded": loaded, "rss": rss_mb()}


def datafly(
    df: pl.DataFrame, qi: list[str], hierarchies: dict[str, Hierarchy], k: int, supp: float
) -> tuple[list[int], int]:
    """NAIVE BASELINE, not Titian: pure-Python Datafly with dict counting and suppression."""
    rows = df.select(qi).rows()
    maps = [{r[0]: r for r in hierarchies[c].rows} for c in qi]
    depths = [hierarchies[c].depth for c in qi]
    levels = [0] * len(qi)
    budget = int(supp * len(rows) + 1e-9)
    while True:
        counts = Counter(
            tuple(m[v][lv] for m, v, lv in zip(maps, row, levels, strict=True)) for row in rows
        )
        outliers = sum(c for c in counts.values() if c < k)
        if outliers <= budget:
            break
        open_qis = [j for j in range(len(qi)) if levels[j] < depths[j] - 1]
        if not open_qis:
            raise NoSolutionError("Datafly: nothing left to generalise")
        widest = max(open_qis, key=lambda j: len({key[j] for key in counts}))
        levels[widest] += 1
    released = [
        ("*",) * len(qi) if counts[key] < k else key
        for key in (
            tuple(m[v][lv] for m, v, lv in zip(maps, row, levels, strict=True)) for row in rows
        )
    ]
    assert len(released) == len(rows)
    return levels, outliers


def baseline(size: int, setup: Setup) -> dict[str, Any]:
    df = read(size)
    hierarchies = load_hierarchies(ADULT, QI)
    start = time.perf_counter()
    levels, suppressed = datafly(df, QI, hierarchies, setup.k, setup.supp)
    seconds = time.perf_counter() - start
    # Loss of Datafly's choice, scored with the engine's own checker for comparison only.
    qis = encode_qis(df, QI, hierarchies)
    search = LatticeSearch(qis, None, 0, PrivacyModel(setup.k, setup.supp), df.height)
    node = int(np.ravel_multi_index(levels, [q.depth for q in qis]))
    loss = search.check(node).loss
    return {"seconds": seconds, "levels": levels, "suppressed": suppressed, "loss": loss}


def pypi_baseline(k: int) -> float:
    """Seconds ``anonypy`` (PyPI, Mondrian k-anonymity over pandas) takes on x1 for ``k``."""
    import pandas as pd
    from anonypy import anonypy  # type: ignore[import-untyped]

    df = pd.read_csv(ADULT / "adult.csv", sep=";")
    for column in QI:
        if column != "age":
            df[column] = df[column].astype("category")
    start = time.perf_counter()
    anonypy.Preserver(df, QI, "salary-class").anonymize_k_anonymity(k=k)
    return time.perf_counter() - start


def child(size: int, index: int, reps: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--one", str(size), str(index), "--reps", str(reps)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def render(rows: list[dict[str, Any]], console: Console) -> None:
    table = Table(title="adult: Titian anonymize vs ARX 3.9.2 (README) and naive Datafly")
    for head in (
        "rows",
        "set-up",
        "total s",
        "engine s",
        "verify s",
        "ARX s",
        "engine/ARX",
        "Datafly s",
        "Datafly/total",
        "Datafly Loss",
        "peak MB",
        "levels",
        "suppr.",
        "Loss",
        "1-prec",
        "verified",
    ):
        table.add_column(head, justify="right")
    for r in rows:
        res, base = r["result"], r.get("baseline")
        arx = ARX.get((r["size"], r["setup"]))
        if "error" in res:
            table.add_row(
                f"x{r['size']}",
                r["setup"],
                "-",
                "-",
                "-",
                str(arx or ""),
                "",
                "",
                "",
                "",
                f"{res.get('rss', 0):.0f}",
                res["error"][:40],
                "",
                "",
                "",
                "no solution",
            )
            continue
        table.add_row(
            f"x{r['size']}",
            r["setup"],
            f"{res['seconds']:.3f}",
            f"{res['engine']:.3f}",
            f"{res['verify']:.3f}",
            f"{arx:.3f}" if arx else "",
            f"{res['engine'] / arx:.2f}" if arx else "",
            f"{base['seconds']:.2f}" if base else "",
            f"{base['seconds'] / res['seconds']:.1f}x" if base else "",
            f"{base['loss']:.4f}" if base else "",
            f"{res['rss']:.0f}",
            "".join(str(v) for v in res["levels"]),
            str(res["suppressed"]),
            f"{res['loss']:.4f}",
            f"{res['precision_loss']:.4f}",
            str(res["verified"]),
        )
    console.print(table)


def pypi_report(rows: list[dict[str, Any]], k: int, console: Console) -> None:
    """Time anonypy on x1 and print the ratio to Titian's total time for the same k, 0 %."""
    ours = next(
        (
            r["result"]
            for r in rows
            if r["size"] == 1
            and r.get("k") == k
            and not r.get("supp")
            and r.get("l") is None
            and "error" not in r["result"]
        ),
        None,
    )
    console.print(f"anonypy (PyPI, Mondrian) on x1, k={k}: running, this takes minutes ...")
    seconds = pypi_baseline(k)
    line = f"anonypy x1 k={k}: {seconds:.1f} s"
    if ours:
        ratio = seconds / ours["seconds"]
        line += f"; Titian total {ours['seconds']:.3f} s; Titian is {ratio:.0f}x faster"
    console.print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--baseline-sizes", default="1,10")
    parser.add_argument("--reps", type=int, default=0, help="timed runs (default 3/2/1 by size)")
    parser.add_argument("--one", nargs=2, type=int, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--pypi-k", type=int, default=5, help="k for the anonypy measurement")
    parser.add_argument("--no-pypi", action="store_true", help="skip the anonypy measurement")
    args = parser.parse_args()
    if args.one:
        size, index = args.one
        print(json.dumps(run_one(size, SETUPS[index], args.reps or 1)))
        return
    console = Console(width=max(Console().width, 190))
    sizes = [int(s) for s in args.sizes.split(",")]
    base_sizes = {int(s) for s in args.baseline_sizes.split(",") if s}
    ensure_variants(sizes, console)
    rows: list[dict[str, Any]] = []
    with Progress(console=console) as progress:
        task = progress.add_task("anonymising", total=len(sizes) * len(SETUPS))
        for size in sizes:
            reps = args.reps or {1: 3, 10: 3}.get(size, 2)
            for index, setup in enumerate(SETUPS):
                progress.update(task, description=f"x{size} {setup.name}")
                row: dict[str, Any] = {"size": size, "setup": setup.name, **asdict(setup)}
                row["result"] = child(size, index, reps)
                if size in base_sizes and setup.l is None:
                    row["baseline"] = baseline(size, setup)
                rows.append(row)
                progress.advance(task)
    render(rows, console)
    if not args.no_pypi and 1 in sizes:
        pypi_report(rows, args.pypi_k, console)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
