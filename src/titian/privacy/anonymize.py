"""k-anonymous microdata release: optimal global recoding with a suppression budget.

The problem ARX solves (Prasser & Kohlmayer, "Putting statistical disclosure control into
practice: the ARX data anonymization tool", 2015): choose one generalisation level per
quasi-identifier (full-domain global recoding) so that every equivalence class has at least k rows
(CTDC uses k = 11, CTDC codebook v6.0) and, if asked, is l-diverse for a sensitive attribute;
rows of failing classes are suppressed (all QIs written as ``*``) if they stay within the budget.
Among acceptable generalisations the one with the least ARX "Loss" is released. Every release is
re-verified by :mod:`titian.privacy.kcheck` before it is returned or written.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from titian.privacy.anon_encode import EncodedQI, IntArray, encode_qis, encode_sensitive
from titian.privacy.anon_metrics import NodeStats, class_flags, diverse, precision_loss
from titian.privacy.anon_model import (
    DEFAULT_K,
    SUPPRESSED,
    AnonymizationError,
    AnonymizationResult,
    InformationLoss,
    LDiversityKind,
    NoSolutionError,
    PrivacyModel,
)
from titian.privacy.anon_search import LatticeSearch, ProgressFn
from titian.privacy.anon_table import combine_key
from titian.privacy.hierarchy import Hierarchy, check_covers, load_hierarchies
from titian.privacy.kcheck import verify_release


def _check_columns(df: pl.DataFrame, qi: Sequence[str], sensitive: str | None) -> None:
    if not qi:
        raise AnonymizationError("qi: give at least one quasi-identifier column")
    if len(set(qi)) != len(qi):
        raise AnonymizationError(f"qi: columns repeated in {list(qi)}")
    missing = [c for c in [*qi, *([sensitive] if sensitive else [])] if c not in df.columns]
    if missing:
        raise AnonymizationError(f"columns not in the data: {', '.join(missing)}")
    if sensitive is not None and sensitive in qi:
        raise AnonymizationError(f"sensitive: {sensitive!r} is also a quasi-identifier")
    if df.height == 0:
        raise AnonymizationError("data: no rows")


def _row_outliers_sorted(
    gen: Sequence[IntArray],
    radices: Sequence[int],
    sens: IntArray | None,
    sens_size: int,
    model: PrivacyModel,
) -> IntArray:
    """Per row, 1 if its class fails the model, grouping the rows themselves (slow path)."""
    key, _, _ = combine_key(gen, radices)
    _, inverse = np.unique(key, return_inverse=True)
    sizes = np.bincount(inverse)
    ok = (sizes >= model.k).astype(np.int64)
    if model.diversity and sens is not None:
        pairs, counts = np.unique(inverse * sens_size + sens, return_counts=True)
        owner = pairs // sens_size
        starts = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1])))
        ok &= diverse(counts.astype(np.float64), starts, sizes.astype(np.float64), model)
    return (1 - ok)[inverse]


def _row_outliers(
    search: LatticeSearch, gen: Sequence[IntArray], levels: tuple[int, ...], sens: IntArray | None
) -> IntArray:
    """Per row, 1 if its equivalence class fails the model (so the row is suppressed).

    The classes and their verdicts come from the node's frequency table; rows find their class
    by its mixed-radix key (sorted in the table), so the rows are not grouped again.
    """
    radices = [q.sizes[lv] for q, lv in zip(search.qis, levels, strict=True)]
    table = search.table(levels)
    starts, _, ok = class_flags(table, search.model)
    class_key, space, dense = combine_key([c[starts] for c in table.codes], radices)
    if dense:
        return _row_outliers_sorted(gen, radices, sens, search.sens_size, search.model)
    row_key, _, _ = combine_key(gen, radices)
    if space <= 1 << 25:
        lookup = np.zeros(space, dtype=np.int64)
        lookup[class_key] = 1 - ok
        return lookup[row_key]
    return (1 - ok)[np.searchsorted(class_key, row_key)]


def _release(
    df: pl.DataFrame,
    qis: Sequence[EncodedQI],
    levels: Sequence[int],
    gen: Sequence[IntArray],
    outlier: IntArray,
) -> pl.DataFrame:
    """The input with each QI replaced by its label at the chosen level, or ``*`` if suppressed."""
    columns = []
    for q, lv, codes in zip(qis, levels, gen, strict=True):
        labels = pl.Series(q.column, [*q.labels[lv], SUPPRESSED], dtype=pl.String)
        columns.append(labels.gather(np.where(outlier == 1, len(labels) - 1, codes)))
    return df.with_columns(columns)


def _loss(stats: NodeStats, qis: Sequence[EncodedQI], rows: int, k: int) -> InformationLoss:
    released = rows - stats.outliers
    avg = (released / stats.classes) / k if stats.classes else 0.0
    return InformationLoss(
        loss=stats.loss,
        loss_per_qi={q.column: v for q, v in zip(qis, stats.loss_per_qi, strict=True)},
        discernibility=stats.discernibility,
        precision_loss=precision_loss(qis, stats.levels, rows, stats.outliers),
        average_class_size=avg,
    )


def anonymize(
    df: pl.DataFrame,
    qi: Sequence[str],
    hierarchies: Mapping[str, Hierarchy],
    k: int = DEFAULT_K,
    suppression: float = 0.0,
    l: int | None = None,  # noqa: E741 - the model's own name
    sensitive: str | None = None,
    l_kind: LDiversityKind | str = LDiversityKind.DISTINCT,
    progress: ProgressFn | None = None,
) -> AnonymizationResult:
    """The optimal verified k-anonymous (l-diverse) release of ``df``; see the module docstring.

    Raises AnonymizationError for bad input and NoSolutionError when nothing in the lattice meets
    the model within the suppression budget.
    """
    clock = _Clock()
    model = PrivacyModel(k, suppression, l, sensitive, LDiversityKind(l_kind))
    _check_columns(df, qi, sensitive)
    check_covers(hierarchies, qi)
    if df.height < k:
        raise NoSolutionError(f"data: {df.height} rows, fewer than k={k}")
    engine = _run_engine(df, qi, hierarchies, model, progress, clock)
    report = verify_release(engine.frame, df, qi, hierarchies, engine.levels, model)
    if not report.ok:
        raise AnonymizationError("release failed re-verification: " + "; ".join(report.problems))
    clock.lap("verify")
    return AnonymizationResult(
        frame=engine.frame,
        levels=engine.levels,
        model=model,
        rows=df.height,
        suppressed_rows=engine.stats.outliers,
        classes=engine.stats.classes,
        information_loss=engine.loss,
        verified=report.ok,
        lattice_size=engine.lattice_size,
        nodes_evaluated=engine.evaluated,
        timings=clock.laps,
    )


@dataclass(frozen=True)
class _Engine:
    frame: pl.DataFrame
    levels: dict[str, int]
    stats: NodeStats
    loss: InformationLoss
    lattice_size: int
    evaluated: int


def _run_engine(
    df: pl.DataFrame,
    qi: Sequence[str],
    hierarchies: Mapping[str, Hierarchy],
    model: PrivacyModel,
    progress: ProgressFn | None,
    clock: _Clock,
) -> _Engine:
    """Encode, search and build the release; its working arrays are freed on return."""
    qis = encode_qis(df, qi, hierarchies)
    sens, sens_size = encode_sensitive(df[model.sensitive]) if model.sensitive else (None, 0)
    if model.l is not None and sens_size < model.l:
        raise NoSolutionError(
            f"sensitive: {model.sensitive!r} has {sens_size} distinct values, so no class can "
            f"be {model.l}-diverse"
        )
    clock.lap("encode")
    search = LatticeSearch(qis, sens, sens_size, model, df.height)
    levels = search.run(progress)
    stats = search.check(int(np.ravel_multi_index(levels, [q.depth for q in qis])))
    clock.lap("search")
    gen = [q.maps[lv][q.codes] for q, lv in zip(qis, levels, strict=True)]
    outlier = _row_outliers(search, gen, levels, sens)
    if int(outlier.sum()) != stats.outliers:
        raise AnonymizationError("internal: row-level suppression disagrees with the search")
    frame = _release(df, qis, levels, gen, outlier)
    clock.lap("release")
    return _Engine(
        frame=frame,
        levels=dict(zip(qi, levels, strict=True)),
        stats=stats,
        loss=_loss(stats, qis, df.height, model.k),
        lattice_size=len(search.nodes),
        evaluated=search.evaluated,
    )


class _Clock:
    """Wall-clock seconds per phase (reported in the result, printed by the benchmark)."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = now - self._last
        self._last = now


def sniff_separator(path: Path) -> str:
    """The most frequent of ``,``, ``;``, tab and ``|`` in the header line."""
    with path.open(encoding="utf-8-sig") as handle:
        header = handle.readline()
    return max([",", ";", "\t", "|"], key=header.count)


def read_table(path: Path | str) -> tuple[pl.DataFrame, str]:
    """Read a CSV as text columns, with its separator."""
    source = Path(path)
    if not source.is_file():
        raise AnonymizationError(f"input: {source} does not exist")
    separator = sniff_separator(source)
    try:
        frame = pl.read_csv(source, separator=separator, infer_schema=False)
    except pl.exceptions.PolarsError as exc:
        raise AnonymizationError(f"input: {source} is not a readable CSV ({exc})") from exc
    return frame, separator


def write_table(frame: pl.DataFrame, path: Path | str, separator: str) -> None:
    """Write atomically (temporary file, then rename), so nothing half-written is left."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    try:
        frame.write_csv(temp, separator=separator)
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.remove(temp)


def anonymize_csv(
    input_path: Path | str,
    qi: Sequence[str] | str,
    hierarchies_dir: Path | str,
    k: int = DEFAULT_K,
    suppression: float = 0.0,
    l: int | None = None,  # noqa: E741 - the model's own name
    sensitive: str | None = None,
    out_path: Path | str | None = None,
    progress: ProgressFn | None = None,
    l_kind: LDiversityKind | str = LDiversityKind.DISTINCT,
) -> AnonymizationResult:
    """Anonymise a CSV file and write the verified release (same separator) to ``out_path``."""
    if out_path is None:
        raise AnonymizationError("out: give the output path")
    columns = [c.strip() for c in qi.split(",")] if isinstance(qi, str) else list(qi)
    frame, separator = read_table(input_path)
    hierarchies = load_hierarchies(hierarchies_dir, columns)
    result = anonymize(frame, columns, hierarchies, k, suppression, l, sensitive, l_kind, progress)
    if not result.verified:
        raise AnonymizationError("release not verified; nothing written")
    write_table(result.frame, out_path, separator)
    return result
