"""GESI indicators: DuckDB over Parquet files only, then disclosure control on every table.

Analytics never reads the operational tables (DESIGN.md, "How data flows"). That is structural
here: :func:`connect` opens an in-memory DuckDB database whose only readable files are the given
Parquet files (a CTDC import or a de-identified case snapshot): ``allowed_paths`` names them,
external access is switched off and the configuration locked, so no query can reach any other
file, database or the network. No database driver or SQLAlchemy session is imported here.

Each indicator's SQL file is its definition (:func:`raw_tables`). When a catalogue also has a batch
file, :func:`compute` counts the indicators over ``people`` in that one statement
(:func:`batch_raw_tables`; same counts, checked by ``tests/analytics/test_indicator_batch.py``).

A Titian case snapshot may have a **dialogue companion** beside it (``dialogues-<stamp>.parquet``,
:func:`companion_path`): the connection may read it too, views it as ``seat_src`` (an empty view
without one) and :func:`dataset_hash` covers it.

Every table then passes :func:`titian.privacy.suppression.suppress_tables` (small-cell threshold,
secondary suppression, optional rounding) before any figure leaves (disclosure-control.md; C15).
Tables that count the same population once each (``linked: all_records`` in the catalogue) are
protected together, so their shared margins (e.g. the gender totals) cannot be used to recover a
masked cell of another table.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from titian.analytics.catalogue import (
    Catalogue,
    CatalogueError,
    Indicator,
    Source,
    asean_alpha3,
    categories,
    check_dialogue_snapshot_columns,
    check_snapshot_columns,
    dialogue_snapshot_columns,
    ethnicity_codes,
    load_catalogue,
    snapshot_columns,
    sql_text,
)
from titian.i18n import N_, Message
from titian.privacy.sdc_release import TOTAL_LABEL, CellStatus, ReleasedCell
from titian.privacy.sdc_settings import RoundingRule, SdcError
from titian.privacy.sdc_table import TOTAL, CellId, Table, cell_id
from titian.privacy.suppression import ReleasedTable, suppress_tables

COUNTRY = re.compile(r"^[A-Z]{2}$")
Progress = Callable[[str, int, int], None]


class AnalyticsError(ValueError):
    """Bad input to the indicator engine; the message names the file, indicator or value."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def companion_path(path: Path) -> Path | None:
    """The dialogue companion of a Titian case snapshot: the file beside it whose name carries
    the same timestamp (``cases-<stamp>.parquet`` -> ``dialogues-<stamp>.parquet``; the part after
    the first ``-`` is kept, so a moved ``synthetic-<stamp>`` file keeps its companion), when it
    exists; None otherwise."""
    if "-" not in path.name:
        return None
    found = path.with_name("dialogues-" + path.name.split("-", 1)[1])
    return found if found != path and found.is_file() else None


def companions(source: Source, paths: Sequence[Path]) -> list[Path]:
    """The companion files a source reads beside ``paths`` (Titian only)."""
    if source is not Source.TITIAN:
        return []
    return [c for c in (companion_path(p) for p in paths) if c is not None]


def dataset_files(source: Source, paths: Sequence[Path]) -> list[Path]:
    """Every file the engine reads for ``paths``: the files, then their companions."""
    return [*paths, *companions(source, paths)]


def _files_hash(paths: Sequence[Path]) -> str:
    joined = "".join(file_sha256(p) for p in paths)
    return hashlib.sha256(joined.encode()).hexdigest() if len(paths) > 1 else joined


def dataset_hash(source: Source, paths: Sequence[Path]) -> str:
    """One hash for every file read (:func:`dataset_files`: their own hashes, in order), so a
    changed dialogue companion is a different dataset. A single file without a companion keeps
    its own SHA-256."""
    return _files_hash(dataset_files(source, paths))


def dataset_hashes(source: Source, paths: Sequence[Path]) -> dict[str, str]:
    """The hash of the data each kind of indicator reads (``Indicator.table``): ``people`` the
    case files, ``seats`` their dialogue companions (absent when there is none). The
    differencing register compares tables by the data they count."""
    out = {"people": _files_hash(paths)}
    found = companions(source, paths)
    if found:
        out["seats"] = _files_hash(found)
    return out


def _check_inputs(paths: Sequence[Path], country: str | None) -> None:
    if not paths:
        raise AnalyticsError("source: no Parquet file given")
    for path in paths:
        if path.suffix != ".parquet":
            raise AnalyticsError(f"{path}: analytics reads Parquet files only")
        if not path.is_file():
            raise AnalyticsError(f"{path}: file not found")
    if country is not None and not COUNTRY.match(country):
        raise AnalyticsError(f"country: {country!r} is not an ISO 3166-1 alpha-2 code")


def _columns(con: duckdb.DuckDBPyConnection, relation: str) -> dict[str, str]:
    rows = con.execute(f"DESCRIBE {relation}").fetchall()
    return {str(r[0]): str(r[1]) for r in rows}


def _quoted(paths: Sequence[Path]) -> str:
    return ", ".join("'" + str(p.resolve()).replace("'", "''") + "'" for p in paths)


def _list(codes: Sequence[str]) -> str:
    """A SQL ``IN`` list of configuration codes (reference lists are macros, not tables, so
    that DuckDB drops them from queries that do not use them)."""
    if not codes:
        return "(NULL)"
    return "(" + ", ".join("'" + c.replace("'", "''") + "'" for c in codes) + ")"


def _lock(con: duckdb.DuckDBPyConnection, paths: Sequence[Path]) -> None:
    """Only these files may ever be read; no other file, database or network access."""
    con.execute(f"SET allowed_paths = [{_quoted(paths)}]")
    con.execute("SET enable_external_access = false")
    # The same footer is read by every scan of a statement: parse it once.
    con.execute("SET parquet_metadata_cache = true")
    con.execute("SET lock_configuration = true")


def _seat_view(con: duckdb.DuckDBPyConnection, found: Sequence[Path], country: str | None) -> None:
    """View ``seat_src`` over the dialogue companions (columns checked like the case snapshot's),
    or an EMPTY view of the same columns and types when there is none: the dialogue indicators
    then return empty tables (no data), never an error."""
    cols = dialogue_snapshot_columns()
    wanted = ", ".join(c.name for c in cols)
    if not found:
        empty = ", ".join(f"NULL::{c.type} AS {c.name}" for c in cols)
        con.execute(f"CREATE VIEW seat_src AS SELECT {empty} WHERE false")
        return
    files = _quoted(found)
    con.execute(f"CREATE VIEW raw_seats AS SELECT * FROM read_parquet([{files}])")  # noqa: S608
    problems = check_dialogue_snapshot_columns(_columns(con, "raw_seats"))
    if problems:
        raise AnalyticsError(f"{found[0]}: not a Titian dialogue snapshot: " + "; ".join(problems))
    where = "" if country is None else f" WHERE country = '{country}'"
    scan = f"SELECT {wanted} FROM read_parquet([{files}]){where}"  # noqa: S608
    con.execute(f"CREATE VIEW seat_src AS {scan}")


def _source_view(con: duckdb.DuckDBPyConnection, cat: Catalogue, paths: Sequence[Path]) -> str:
    files = _quoted(paths)
    con.execute(f"CREATE VIEW raw_files AS SELECT * FROM read_parquet([{files}])")  # noqa: S608
    if cat.source is not Source.TITIAN:
        return "*"
    problems = check_snapshot_columns(_columns(con, "raw_files"))
    if problems:
        raise AnalyticsError(f"{paths[0]}: not a Titian snapshot: " + "; ".join(problems))
    return ", ".join(c.name for c in snapshot_columns())


def connect(
    source: Source, paths: Sequence[Path], country: str | None = None
) -> duckdb.DuckDBPyConnection:
    """A locked DuckDB connection: view ``src`` over the files, then the catalogue's base SQL.

    For a Titian snapshot, also view ``seat_src`` over the dialogue companion found beside each
    file (:func:`companion_path`; an empty view when there is none); the companions are the only
    other files the connection may read."""
    _check_inputs(paths, country)
    cat = load_catalogue(source)
    seat_files = companions(source, paths)
    con = duckdb.connect(":memory:")
    try:
        _lock(con, [*paths, *seat_files])
        wanted = _source_view(con, cat, paths)
        where = ""
        if country is not None:
            if cat.country_column not in _columns(con, "raw_files"):
                raise AnalyticsError(f"{paths[0]}: no column {cat.country_column!r} to filter on")
            where = f" WHERE {cat.country_column} = '{country}'"
        # Straight over the files (not over raw_files): one view less to bind per scan.
        scan = f"SELECT {wanted} FROM read_parquet([{_quoted(paths)}]){where}"  # noqa: S608
        con.execute(f"CREATE VIEW src AS {scan}")
        if source is Source.TITIAN:
            _seat_view(con, seat_files, country)
        con.execute(f"CREATE MACRO is_asean(x) AS x IN {_list(asean_alpha3())}")
        con.execute(f"CREATE MACRO is_ethnicity(x) AS x IN {_list(ethnicity_codes(country))}")
        con.execute(sql_text(cat.base_sql))
    except duckdb.Error as exc:
        con.close()
        raise AnalyticsError(f"{paths[0]}: cannot be read as {source} Parquet ({exc})") from exc
    except AnalyticsError:
        con.close()
        raise
    return con


@dataclass(frozen=True)
class RawTable:
    """True counts of one table, never shown: only :class:`ProtectedTable` leaves."""

    slice_value: str | None
    table: Table


def _categories(indicator: Indicator, country: str | None) -> dict[str, tuple[str, ...]]:
    return {d.name: categories(d.codes, country) for d in indicator.dimensions}


def _checked_key(
    indicator: Indicator, row: tuple[object, ...], allowed: Sequence[tuple[str, frozenset[str]]]
) -> tuple[str, ...]:
    key = tuple(["" if v is None else str(v) for v in row[:-1]])
    for (name, codes), value in zip(allowed, key, strict=True):
        if value not in codes:
            raise AnalyticsError(
                f"indicator {indicator.id}: {name} value {value!r} is not in its code list"
            )
    return key


def _split(
    indicator: Indicator, rows: Iterable[tuple[object, ...]], country: str | None
) -> list[RawTable]:
    """Rows of (dimension values..., n) as one table, or one per slice value seen (in code-list
    order); a value outside its code list is an error naming the indicator and the value."""
    cats = _categories(indicator, country)
    dims = indicator.table_dimensions
    names = tuple(d.name for d in dims)
    slice_pos = indicator.names.index(indicator.slice) if indicator.slice else None
    allowed = [(name, frozenset(cats[name])) for name in indicator.names]
    groups: dict[str | None, dict[tuple[str, ...], int]] = {}
    for row in rows:
        key = _checked_key(indicator, row, allowed)
        part = None if slice_pos is None else key[slice_pos]
        cell = key if slice_pos is None else key[:slice_pos] + key[slice_pos + 1 :]
        groups.setdefault(part, {})[cell] = int(str(row[-1]))
    order = [None] if slice_pos is None else [c for c in cats[indicator.slice or ""] if c in groups]
    table_cats = tuple(cats[n] for n in names)
    return [RawTable(part, Table(names, table_cats, groups.get(part, {}))) for part in order]


def raw_tables(
    con: duckdb.DuckDBPyConnection, indicator: Indicator, country: str | None = None
) -> list[RawTable]:
    """Run the indicator's SQL; one table, or one per slice value seen (in code-list order)."""
    try:
        result = con.execute(sql_text(indicator.sql))
    except duckdb.Error as exc:
        raise AnalyticsError(
            f"indicator {indicator.id}: sql/{indicator.sql} failed: {exc}"
        ) from exc
    columns = [d[0] for d in result.description or []]
    if columns != [*indicator.names, "n"]:
        raise CatalogueError(f"sql/{indicator.sql}: returns {columns}, expected names + 'n'")
    return _split(indicator, result.fetchall(), country)


BATCH_COLUMNS = ["indicator", "d1", "d2", "d3", "n"]


def batch_raw_tables(
    con: duckdb.DuckDBPyConnection,
    cat: Catalogue,
    indicators: Sequence[Indicator],
    country: str | None = None,
) -> dict[str, list[RawTable]]:
    """The same tables as :func:`raw_tables` for each of ``indicators``, from the catalogue's
    batch SQL: one statement for the whole set instead of one per indicator.

    The batch file returns one row per non-empty cell: the indicator id, its dimension values in
    the catalogue's order (``d1``-``d3``, unused ones NULL) and ``n``. The indicators' own SQL
    files stay their definition; ``tests/analytics/test_indicator_batch.py`` checks that both
    give the same counts.
    """
    if cat.batch_sql is None:
        raise CatalogueError(f"catalogue/{cat.source}.yaml: no batch_sql")
    not_batched = [i.id for i in indicators if not i.batched]
    if not_batched:
        raise CatalogueError(f"sql/{cat.batch_sql}: does not compute {not_batched} (own SQL)")
    try:
        result = con.execute(sql_text(cat.batch_sql))
    except duckdb.Error as exc:
        raise AnalyticsError(f"sql/{cat.batch_sql} failed: {exc}") from exc
    columns = [d[0] for d in result.description or []]
    if columns != BATCH_COLUMNS:
        raise CatalogueError(f"sql/{cat.batch_sql}: returns {columns}, expected {BATCH_COLUMNS}")
    known = {i.id for i in cat.indicators if i.batched}
    wanted = {i.id: i for i in indicators}
    rows: dict[str, list[tuple[object, ...]]] = {i: [] for i in wanted}
    for ind_id, d1, d2, d3, n in result.fetchall():
        if ind_id not in known:
            raise CatalogueError(
                f"sql/{cat.batch_sql}: returns {ind_id!r}, not in the catalogue's batched "
                "indicators"
            )
        if ind_id not in wanted:
            continue
        width = len(wanted[ind_id].names)
        values = (d1, d2, d3)
        if any(v is not None for v in values[width:]):
            raise CatalogueError(
                f"sql/{cat.batch_sql}: {ind_id} has {width} dimensions but returns {values}"
            )
        rows[ind_id].append((*values[:width], n))
    return {i: _split(ind, rows[i], country) for i, ind in wanted.items()}


@dataclass(frozen=True)
class ProtectedTable:
    """A disclosure-controlled table: what may be printed, served or released."""

    slice_value: str | None
    released: ReleasedTable


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    tables: tuple[ProtectedTable, ...]


def _shared_cells_published(released: Sequence[ReleasedTable]) -> bool:
    """True when every cell that several linked tables share is published in all of them.

    The shared cells are then known constants, so the system of equations that an attacker can
    build from all the tables splits into one system per table: protecting each table alone is
    then as safe as protecting them together (and much faster).
    """
    seen: dict[CellId, list[bool]] = {}
    for table in released:
        for key, cell in table.cells.items():
            cid = cell_id(table.dimensions, key)
            seen.setdefault(cid, []).append(cell.status is CellStatus.PUBLISHED)
    return all(all(flags) for flags in seen.values() if len(flags) > 1)


NOTE_WITHHELD = N_(
    "Disclosure control found no safe suppression pattern: the whole table is withheld."
)


def _withheld(table: Table, threshold: int, rounding: RoundingRule | None) -> ReleasedTable:
    """Every cell masked: the safe answer when no suppression pattern could be found (a table
    whose cells are all masked discloses nothing)."""
    cells = {key: ReleasedCell.masked() for key in table.cells()}
    note = Message(NOTE_WITHHELD)
    return ReleasedTable(table.dimensions, table.categories, cells, threshold, rounding, (note,))


def _suppress(
    tables: Sequence[Table], threshold: int, rounding: RoundingRule | None
) -> tuple[ReleasedTable, ...]:
    try:
        return suppress_tables(tables, threshold, rounding)
    except SdcError:
        return tuple(_withheld(t, threshold, rounding) for t in tables)


def protect(
    raw: dict[str, list[RawTable]],
    linked: Sequence[str],
    threshold: int,
    rounding: RoundingRule | None,
) -> dict[str, tuple[ProtectedTable, ...]]:
    """Suppress (and round) every table. Tables of ``linked`` indicators (one population) are
    protected together whenever a cell they share is masked in one of them (see
    :func:`_shared_cells_published`). A table for which no pattern is found is withheld whole."""
    out = {
        ind_id: tuple(
            ProtectedTable(t.slice_value, _suppress([t.table], threshold, rounding)[0])
            for t in tables
        )
        for ind_id, tables in raw.items()
    }
    together = [i for i in linked if i in raw and len(raw[i]) == 1]
    if len(together) > 1 and not _shared_cells_published([out[i][0].released for i in together]):
        released = _suppress([raw[i][0].table for i in together], threshold, rounding)
        for ind_id, rel in zip(together, released, strict=True):
            out[ind_id] = (ProtectedTable(None, rel),)
    return out


def compute(
    source: Source,
    paths: Sequence[Path],
    *,
    country: str | None = None,
    threshold: int,
    rounding: RoundingRule | None,
    only: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> list[IndicatorResult]:
    """Every indicator of the source's catalogue (or ``only`` these), disclosure-controlled.

    Several indicators over ``people`` are counted in one statement when the catalogue has a
    batch SQL file (:func:`batch_raw_tables`); a single one, and every indicator over another
    view (``table: seats``), runs its own SQL file.
    """
    cat = load_catalogue(source)
    chosen = [cat.get(i) for i in only] if only else list(cat.indicators)
    con = connect(source, paths, country)
    raw: dict[str, list[RawTable]] = {}
    batched = [i for i in chosen if i.batched] if cat.batch_sql is not None else []
    if len(batched) < 2:
        batched = []
    own = [i for i in chosen if i not in batched]
    try:
        if batched:
            if progress:
                progress("query", 0, len(own) + 1)
            raw = batch_raw_tables(con, cat, batched, country)
        seats = bool(companions(source, paths))
        for n, indicator in enumerate(own):
            if progress:
                progress("query", n + (1 if batched else 0), len(own) + (1 if batched else 0))
            # No dialogue companion: no data (no table), never a table of zeros.
            no_data = indicator.table == "seats" and not seats
            raw[indicator.id] = [] if no_data else raw_tables(con, indicator, country)
    finally:
        con.close()
    if progress:
        progress("protect", 0, 1)
    linked = [i.id for i in chosen if i.linked]
    protected = protect(raw, linked, threshold, rounding)
    if progress:
        progress("protect", 1, 1)
    return [IndicatorResult(i, protected[i.id]) for i in chosen]


def _cell_share(
    indicator: Indicator, released: ReleasedTable, key: tuple[str, ...]
) -> float | None:
    along = indicator.share_along
    if along is None or along not in released.dimensions:
        return None
    if key[released.dimensions.index(along)] == TOTAL:
        return None
    return released.share(key, along)


def table_dict(indicator: Indicator, table: ProtectedTable) -> dict[str, object]:
    """A protected table as plain data: cells with the published count (None when masked), the
    text shown, and the share along ``share_along`` (None when withheld)."""
    released = table.released
    cells = []
    for key, cell in released.cells.items():
        entry: dict[str, object] = {
            d: (TOTAL_LABEL if v == TOTAL else v)
            for d, v in zip(released.dimensions, key, strict=True)
        }
        entry["count"] = cell.value
        entry["display"] = released.render(key)
        entry["share"] = _cell_share(indicator, released, key)
        cells.append(entry)
    return {
        "slice": table.slice_value,
        "dimensions": list(released.dimensions),
        "categories": [list(c) for c in released.categories],
        "notes": list(released.notes),
        "cells": cells,
    }


def result_dict(result: IndicatorResult) -> dict[str, object]:
    ind = result.indicator
    return {
        "id": ind.id,
        "title": ind.title,
        "dimensions": list(ind.names),
        "slice": ind.slice,
        "share_along": ind.share_along,
        "headline": dict(ind.headline),
        "denominator": ind.denominator,
        "unit": ind.unit,
        "tables": [table_dict(ind, t) for t in result.tables],
    }
