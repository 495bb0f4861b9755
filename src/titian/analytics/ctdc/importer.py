"""Import a CTDC file of any public generation into Titian's canonical Parquet, all or nothing.

Rules (data-standards.md (b), "Importer rules" and "Differences the importer must normalise"):
``-99``, ``Unknown``, ``00``, ``ZZ`` and empty cells are missing, never 0; bands are normalised
(dashes, zero padding); alpha-2 countries are converted to alpha-3 with a table covering ``Y1``
and the old codes; unknown columns are kept as extras. Every value of a coded column must be in
its generation's documented value set: any other value refuses the whole file, and the error
names every column, value and the first rows where it occurs (DESIGN.md: "an import is
all-or-nothing, with a report of every rejected row; nothing half-written").
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from titian.analytics.ctdc.canonical import (
    EXTRA_PREFIX,
    CtdcImportError,
    Generation,
    Problem,
    canonical_schema,
    vocabulary,
)
from titian.analytics.ctdc.detect import (
    ColumnKind,
    ColumnSpec,
    Detection,
    Outputs,
    detect_generation,
    generation_specs,
    known_column_names,
    parser_for,
)
from titian.analytics.ctdc.read import RawTable, read_table

Progress = Callable[[str, int, int], None]
"""Progress callback: ``(stage, completed, total)``; stages are read, map, write."""

FIRST_ROWS = 5


@dataclass(frozen=True)
class ImportReport:
    """What was imported: generation, shape read, shape written, and how columns matched."""

    source: str
    output: str
    generation: Generation
    title: str
    source_format: str
    delimiter: str | None
    header_row: int
    rows: int
    columns: int
    rows_written: int
    columns_written: int
    extras: tuple[str, ...]
    missing_optional: tuple[str, ...]
    order_matches_documentation: bool
    dropped_header_cells: tuple[str, ...]
    repaired_rows: tuple[int, ...]


def _unknown_problems(
    frame: pl.DataFrame, column: str, unknown: list[str], reason: str
) -> list[Problem]:
    hits = (
        frame.select(pl.col(column).alias("value"))
        .with_row_index("row", offset=1)
        .filter(pl.col("value").is_in(unknown))
        .group_by("value", maintain_order=True)
        .agg(pl.col("row").head(FIRST_ROWS), pl.len().alias("n"))
        .sort("value")
    )
    return [
        Problem(reason=reason, column=column, value=v, rows=tuple(int(r) for r in rows), count=n)
        for v, rows, n in hits.iter_rows()
    ]


def _map_column(
    frame: pl.DataFrame, source: str, col: ColumnSpec, detection: Detection
) -> tuple[list[pl.Expr], list[Problem]]:
    """Map one source column through its parser, applied once per distinct value."""
    parse, outputs, reason = parser_for(col, detection.spec)
    table: dict[str, Outputs] = {}
    unknown: list[str] = []
    for value in frame[source].unique().to_list():
        parsed = parse(value)
        if parsed is None:
            unknown.append(value)
        else:
            table[value] = parsed
    if unknown:
        return [], _unknown_problems(frame, source, unknown, reason)
    schema = canonical_schema()
    exprs = [
        pl.col(source)
        .replace_strict({v: out[name] for v, out in table.items()}, return_dtype=schema[name])
        .alias(name)
        for name in outputs
    ]
    return exprs, []


def _derived(present: set[str]) -> list[pl.Expr]:
    """Union flags (codebook v2 Appendix II; HTCDS recruiter mapping) the file lacks."""
    exprs = []
    for target, sources in vocabulary().derived.items():
        have = [s for s in sources if s in present]
        if target in present or not have:
            continue
        anytrue = pl.any_horizontal([pl.col(s).fill_null(False) for s in have])
        anyknown = pl.any_horizontal([pl.col(s).is_not_null() for s in have])
        exprs.append(
            pl.when(anytrue).then(True).when(anyknown).then(False).otherwise(None).alias(target)
        )
    return exprs


def _minor() -> pl.Expr:
    """``minor``: a child (under 18) when exploited (UN TIP Protocol art. 3(d)).

    Taken from majorityStatusAtExploit when known. Otherwise true only when the person was a child
    at registration (age band, or majorityStatus), because exploitation precedes registration; an
    adult at registration may have been a child when exploited, so that case stays missing.
    """
    child_at_registration = pl.col("age_band_minor").fill_null(False) | pl.col(
        "minor_at_registration"
    ).fill_null(False)
    return (
        pl.when(pl.col("minor_at_exploitation").is_not_null())
        .then(pl.col("minor_at_exploitation"))
        .when(child_at_registration)
        .then(True)
        .otherwise(None)
        .alias("minor")
    )


def to_canonical(
    table: RawTable, detection: Detection, progress: Progress | None = None
) -> tuple[pl.DataFrame, list[Problem]]:
    """Map a read table onto the canonical schema; returns the frame and every problem."""
    frame = table.frame.with_columns(pl.all().str.strip_chars())
    exprs: list[pl.Expr] = []
    problems: list[Problem] = []
    coded = [c for c in detection.spec.columns if c.name in detection.matched]
    for done, col in enumerate(coded, start=1):
        if col.kind is not ColumnKind.TEXT:
            source = detection.matched[col.name]
            col_exprs, col_problems = _map_column(frame, source, col, detection)
            exprs.extend(col_exprs)
            problems.extend(col_problems)
        if progress is not None:
            progress("map", done, len(coded))
    if problems:
        return pl.DataFrame(), problems
    return _assemble(frame, detection, exprs), []


def _assemble(frame: pl.DataFrame, detection: Detection, exprs: list[pl.Expr]) -> pl.DataFrame:
    """Canonical columns in schema order (absent ones as typed nulls), then the extras."""
    schema = canonical_schema()
    mapped = frame.select(exprs) if exprs else pl.DataFrame(height=frame.height)
    present = set(mapped.columns)
    absent = [pl.lit(None, dtype=t).alias(n) for n, t in schema.items() if n not in present]
    mapped = mapped.with_columns(absent)
    mapped = mapped.with_columns(_derived(present))
    mapped = mapped.with_columns(
        _minor(),
        pl.col("gender_htcds").fill_null(vocabulary().missing_gender.value),
        pl.lit(detection.generation.value).alias("source_generation"),
        pl.int_range(1, frame.height + 1, dtype=pl.UInt32).alias("source_row"),
    )
    text = [
        detection.matched[c.name]
        for c in detection.spec.columns
        if c.kind is ColumnKind.TEXT and c.name in detection.matched
    ]
    keep = [*text, *detection.extras]
    extras = frame.select(
        pl.when(pl.col(h) == "").then(None).otherwise(pl.col(h)).alias(EXTRA_PREFIX + h)
        for h in keep
    )
    return pl.concat([mapped.select(list(schema)), extras], how="horizontal")


def _write_atomic(frame: pl.DataFrame, out: Path) -> None:
    """Write to a temporary file in the target folder, then rename: never a partial Parquet."""
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex}.tmp")
    try:
        frame.write_parquet(tmp)
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()


def _concatenated_columns() -> frozenset[str]:
    """The ``*Concatenated`` text columns, each followed by a flag column in the k-anon files."""
    return frozenset(
        k
        for spec in generation_specs().values()
        for c in spec.columns
        if c.kind is ColumnKind.TEXT and c.name.endswith("Concatenated")
        for k in c.keys
    )


def _shape_problems(detection: Detection) -> list[Problem]:
    return [
        Problem(column=name, reason=f"required column of {detection.generation} is missing")
        for name in detection.missing_required
    ]


def _ignore(stage: str, completed: int, total: int) -> None:
    """The default progress callback: report nothing."""


def _report(
    source: Path, out: Path, table: RawTable, detection: Detection, frame: pl.DataFrame
) -> ImportReport:
    return ImportReport(
        source=str(source),
        output=str(out),
        generation=detection.generation,
        title=detection.spec.title,
        source_format=table.source_format,
        delimiter=table.delimiter,
        header_row=table.header_row,
        rows=table.frame.height,
        columns=len(table.header),
        rows_written=frame.height,
        columns_written=frame.width,
        extras=detection.extras,
        missing_optional=detection.missing_optional,
        order_matches_documentation=detection.order_matches_documentation,
        dropped_header_cells=table.dropped_header_cells,
        repaired_rows=table.repaired_rows,
    )


def import_ctdc(
    path: Path | str, out_parquet: Path | str, progress: Progress | None = None
) -> ImportReport:
    """Import one CTDC file into ``out_parquet``; refuse it whole on any problem.

    Raises :class:`CtdcImportError` listing every problem (unreadable rows, unrecognised header,
    missing required columns, every unknown code by column and value with its first rows); in
    that case ``out_parquet`` is not created or changed.
    """
    tick = progress or _ignore
    source, out = Path(path), Path(out_parquet)
    tick("read", 0, 1)
    table, problems = read_table(source, known_column_names(), _concatenated_columns())
    tick("read", 1, 1)
    try:
        detection = detect_generation(table.header)
    except CtdcImportError as exc:
        raise CtdcImportError([*problems, *exc.problems]) from None
    frame, map_problems = to_canonical(table, detection, tick)
    problems = [*problems, *_shape_problems(detection), *map_problems]
    if problems:
        raise CtdcImportError(problems)
    tick("write", 0, 1)
    _write_atomic(frame, out)
    tick("write", 1, 1)
    return _report(source, out, table, detection, frame)
