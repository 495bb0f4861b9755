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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from titian.analytics.ctdc.canonical import (
    EXTRA_PREFIX,
    Band,
    CtdcImportError,
    Generation,
    Problem,
    band_is_minor,
    canonical_schema,
    country_from_alpha2,
    country_from_alpha3,
    parse_band,
    vocabulary,
)
from titian.analytics.ctdc.detect import (
    ColumnKind,
    ColumnSpec,
    Detection,
    GenerationSpec,
    detect_generation,
    generation_specs,
    known_column_names,
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


Outputs = dict[str, object]
Parser = Callable[[str], Outputs | None]
"""A value parser: canonical outputs for one raw value, or None when the value is unknown."""


def _folded(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.casefold() for v in values)


def _number(value: str) -> int | None:
    """``"1"``, ``"1.0"``, ``"-99"`` as integers (XLSX and some exports write ``1.0``)."""
    head, _, tail = value.partition(".")
    body = head[1:] if head.startswith("-") else head
    if body.isdigit() and (not tail or set(tail) == {"0"}):
        return int(head)
    return None


def _choices(values: Iterable[str]) -> str:
    return ", ".join(repr(v) for v in values) or "none"


def _lookup_parser(
    spec: GenerationSpec, table: dict[str, object], outputs: tuple[str, ...], missing: Outputs
) -> Parser:
    folded = {k.casefold(): v for k, v in table.items()}
    gone = _folded(spec.missing)

    def parse(value: str) -> Outputs | None:
        if value.casefold() in gone:
            return missing
        hit = folded.get(value.casefold())
        if hit is None:
            return None
        return hit if isinstance(hit, dict) else {outputs[0]: hit}

    return parse


def _band_parser(
    spec: GenerationSpec, documented: tuple[str, ...], names: tuple[str, ...], minor: bool
) -> Parser:
    allowed: dict[Band, Outputs] = {}
    for raw in documented:
        band = parse_band(raw)
        if band is None:
            raise ValueError(f"{spec.generation}: undocumented band {raw!r}")
        out: Outputs = dict(zip(names, (band.label, band.lower, band.upper), strict=False))
        if minor:
            out[names[3]] = band_is_minor(band, vocabulary().adult_age)
        allowed[band] = out
    gone = _folded(spec.missing)
    empty: Outputs = dict.fromkeys(names)

    def parse(value: str) -> Outputs | None:
        if value.casefold() in gone:
            return empty
        band = parse_band(value)
        return None if band is None else allowed.get(band)

    return parse


def _year_parser(spec: GenerationSpec) -> Parser:
    low, high = spec.year_range
    gone = _folded(spec.missing)

    def parse(value: str) -> Outputs | None:
        if value.casefold() in gone:
            return {"year_of_registration": None}
        year = _number(value)
        ok = year is not None and low <= year <= high
        return {"year_of_registration": year} if ok else None

    return parse


def _flag_parser(spec: GenerationSpec, target: str) -> Parser:
    gone = _folded(spec.missing)

    def parse(value: str) -> Outputs | None:
        if value.casefold() in gone:
            return {target: None}
        number = _number(value)
        key = value if number is None else str(number)
        hit = spec.flag_values.get(key)
        return None if hit is None else {target: hit}

    return parse


def _country_parser(spec: GenerationSpec, target: str) -> Parser:
    names = (f"{target}_alpha2", f"{target}_alpha3", f"{target}_asean")
    gone = _folded((*spec.missing, *spec.country_missing))
    width = 2 if spec.country_codes == "alpha2" else 3

    def parse(value: str) -> Outputs | None:
        if value.casefold() in gone:
            return dict.fromkeys(names)
        if len(value) != width:
            return None
        if width == 2:
            found = country_from_alpha2(value, spec.country_aliases)
        else:
            found = country_from_alpha3(value)
        if found is None:
            return None
        return dict(zip(names, (found.alpha2, found.alpha3, found.asean), strict=True))

    return parse


def _multi_parser(spec: GenerationSpec, col: ColumnSpec) -> tuple[Parser, tuple[str, ...]]:
    mapping = {k.casefold(): v for k, v in (col.values or {}).items()}
    names = tuple(dict.fromkeys(mapping.values()))
    gone = _folded(spec.missing)

    def parse(value: str) -> Outputs | None:
        out: Outputs = dict.fromkeys(names)
        if value.casefold() in gone:
            return out
        for item in (p.strip().casefold() for p in value.split(";")):
            if item and item not in mapping:
                return None
            if item:
                out[mapping[item]] = True
        return out

    return parse, names


Built = tuple[Parser, tuple[str, ...], str]


def _missing_note(spec: GenerationSpec) -> str:
    return f"; missing: {_choices(spec.missing)}"


def _build_year(col: ColumnSpec, spec: GenerationSpec) -> Built:
    low, high = spec.year_range
    reason = f"not a year {low}-{high}{_missing_note(spec)}"
    return _year_parser(spec), ("year_of_registration",), reason


def _build_flag(col: ColumnSpec, spec: GenerationSpec) -> Built:
    target = col.target or ""
    allowed = _choices(spec.flag_values)
    reason = f"not a flag value of {spec.generation} (allowed: {allowed}{_missing_note(spec)})"
    return _flag_parser(spec, target), (target,), reason


def _build_gender(col: ColumnSpec, spec: GenerationSpec) -> Built:
    names: tuple[str, ...] = ("gender_htcds", "gender_ctdc")
    gender = vocabulary().gender
    table: dict[str, object] = {
        g: {"gender_htcds": gender[g].value, "gender_ctdc": g} for g in spec.gender
    }
    parse = _lookup_parser(spec, table, names, dict.fromkeys(names))
    return parse, names, f"unknown gender (allowed: {_choices(spec.gender)}{_missing_note(spec)})"


def _build_age(col: ColumnSpec, spec: GenerationSpec) -> Built:
    names = ("age_band", "age_lower", "age_upper", "age_band_minor")
    parse = _band_parser(spec, spec.age_bands, names, minor=True)
    allowed = _choices(spec.age_bands)
    return parse, names, f"unknown age band (allowed: {allowed}{_missing_note(spec)})"


def _build_months(col: ColumnSpec, spec: GenerationSpec) -> Built:
    names = ("traffick_months_band", "traffick_months_lower", "traffick_months_upper")
    parse = _band_parser(spec, spec.traffick_months, names, minor=False)
    allowed = _choices(spec.traffick_months)
    return parse, names, f"unknown traffickMonths band (allowed: {allowed}{_missing_note(spec)})"


def _build_majority(col: ColumnSpec, spec: GenerationSpec) -> Built:
    target = col.target or ""
    parse = _lookup_parser(spec, dict(spec.majority), (target,), {target: None})
    allowed = _choices(spec.majority)
    return parse, (target,), f"unknown majority status (allowed: {allowed}{_missing_note(spec)})"


def _build_country(col: ColumnSpec, spec: GenerationSpec) -> Built:
    target = col.target or ""
    names = (f"{target}_alpha2", f"{target}_alpha3", f"{target}_asean")
    gone = _choices((*spec.missing, *spec.country_missing))
    reason = f"not an ISO 3166-1 {spec.country_codes} country code (missing: {gone})"
    return _country_parser(spec, target), names, reason


def _build_region(col: ColumnSpec, spec: GenerationSpec) -> Built:
    target = col.target or ""
    regions: dict[str, object] = {r: r for r in vocabulary().un_regions}
    parse = _lookup_parser(spec, regions, (target,), {target: None})
    return parse, (target,), "not a UN M49 region name"


def _build_datasource(col: ColumnSpec, spec: GenerationSpec) -> Built:
    sources: dict[str, object] = {k: v.value for k, v in vocabulary().datasource.items()}
    parse = _lookup_parser(spec, sources, ("datasource",), {"datasource": None})
    reason = f"unknown Datasource (allowed: Case management, Hotline{_missing_note(spec)})"
    return parse, ("datasource",), reason


def _build_multi(col: ColumnSpec, spec: GenerationSpec) -> Built:
    parse, names = _multi_parser(spec, col)
    allowed = _choices(col.values or {})
    return parse, names, f"unknown item in a ';'-list (allowed: {allowed})"


_BUILDERS: dict[ColumnKind, Callable[[ColumnSpec, GenerationSpec], Built]] = {
    ColumnKind.YEAR: _build_year,
    ColumnKind.FLAG: _build_flag,
    ColumnKind.GENDER: _build_gender,
    ColumnKind.AGE_BAND: _build_age,
    ColumnKind.TRAFFICK_MONTHS: _build_months,
    ColumnKind.MAJORITY: _build_majority,
    ColumnKind.COUNTRY: _build_country,
    ColumnKind.REGION: _build_region,
    ColumnKind.DATASOURCE: _build_datasource,
    ColumnKind.MULTI: _build_multi,
}


def parser_for(col: ColumnSpec, spec: GenerationSpec) -> Built:
    """The parser of a coded column, its canonical output columns, and the unknown-value reason."""
    builder = _BUILDERS.get(col.kind)
    if builder is None:
        raise ValueError(f"column {col.name}: kind {col.kind} has no parser")
    return builder(col, spec)


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


def import_ctdc(
    path: Path | str, out_parquet: Path | str, progress: Progress | None = None
) -> ImportReport:
    """Import one CTDC file into ``out_parquet``; refuse it whole on any problem.

    Raises :class:`CtdcImportError` listing every problem (unreadable rows, unrecognised header,
    missing required columns, every unknown code by column and value with its first rows); in
    that case ``out_parquet`` is not created or changed.
    """
    source, out = Path(path), Path(out_parquet)
    if progress is not None:
        progress("read", 0, 1)
    table, problems = read_table(source, known_column_names(), _concatenated_columns())
    if progress is not None:
        progress("read", 1, 1)
    detection = detect_generation(table.header)
    problems = [*problems, *_shape_problems(detection)]
    frame, map_problems = to_canonical(table, detection, progress)
    problems.extend(map_problems)
    if problems:
        raise CtdcImportError(problems)
    if progress is not None:
        progress("write", 0, 1)
    _write_atomic(frame, out)
    if progress is not None:
        progress("write", 1, 1)
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
