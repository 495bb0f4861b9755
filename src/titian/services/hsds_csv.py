"""The HSDS tabular form: a data package of CSV files (HSDS 3.0 ``datapackage.json``, 21 tables,
plus HSDS 3.1 ``service_capacity.csv`` and ``units.csv``).

Columns are found by name, never by position (data-standards.md). Every problem is located by file,
physical line (the header is line 1) and column.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from titian.services.hsds_errors import HsdsError
from titian.services.hsds_records import Origin, Record, RecordSet
from titian.services.hsds_schemas import PROFILE_URI, TableSpec, table_specs
from titian.services.hsds_tabular import cell_text, coerce_cell, flat_row_errors, required_message

DATAPACKAGE = "datapackage.json"


def read_csv_package(path: Path) -> RecordSet:
    """Read every known CSV of the package at ``path`` (a folder or its ``datapackage.json``)."""
    folder = path.parent if path.is_file() else path
    out = RecordSet()
    if not folder.is_dir():
        out.errors.append(HsdsError(str(path), None, "", "no such folder or data package"))
        return out
    paths = _resource_paths(folder, out)
    for spec in table_specs().values():
        file = folder / paths.get(spec.name, spec.path)
        if file.is_file():
            _read_table(spec, file, out)
    known = set(paths.values()) | {s.path for s in table_specs().values()}
    for extra in sorted(folder.glob("*.csv")):
        if extra.name not in known:
            msg = "not an HSDS table; ignored"
            out.warnings.append(Origin(extra.name, None).warning("", msg))
    return out


def _resource_paths(folder: Path, out: RecordSet) -> dict[str, str]:
    """Table name -> CSV file name, from the package's own ``datapackage.json`` when it is one."""
    meta = folder / DATAPACKAGE
    if not meta.is_file():
        return {}
    try:
        data = json.loads(meta.read_text("utf-8"))
        resources = data["resources"]
        return {str(r["name"]): str(r["path"]) for r in resources if r.get("name") in table_specs()}
    except (ValueError, KeyError, TypeError, AttributeError):
        msg = "not a readable data package; the HSDS 3.0 file names are used"
        out.warnings.append(Origin(DATAPACKAGE, None).warning("", msg))
        return {}


def _read_table(spec: TableSpec, file: Path, out: RecordSet) -> None:
    name = file.name
    try:
        with file.open(encoding="utf-8-sig", newline="") as handle:
            _read_rows(spec, name, csv.reader(handle), out)
    except (UnicodeDecodeError, csv.Error) as exc:
        out.errors.append(HsdsError(name, None, "", f"cannot read CSV: {exc}"))


def _read_rows(spec: TableSpec, name: str, reader: Any, out: RecordSet) -> None:
    header = next(reader, None)
    if header is None:
        return
    missing = _header_errors(spec, name, header, out)
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if not cells or cells == [""]:
            continue
        origin = Origin(name, start)
        if len(cells) != len(header):
            msg = f"{len(cells)} cells, but the header has {len(header)} columns"
            out.errors.append(origin.error("", msg))
            continue
        row = _typed_row(spec, header, cells, origin, out)
        errors = flat_row_errors(spec, row, origin)
        out.errors.extend(e for e in errors if (e.field, e.message) not in missing)
        if isinstance(row.get("id"), str):
            out.add(Record(spec.name, row["id"], row, origin), unique=True)


def _header_errors(
    spec: TableSpec, name: str, header: list[str], out: RecordSet
) -> set[tuple[str, str]]:
    origin = Origin(name, 1)
    for col in {c for c in header if header.count(c) > 1}:
        out.errors.append(origin.error(col, "column appears more than once"))
    missing = {c.name for c in spec.columns if c.required and c.name not in header}
    for col in sorted(missing):
        out.errors.append(origin.error(col, "required column is missing"))
    return {(col, required_message(col)) for col in missing}


def _typed_row(
    spec: TableSpec, header: list[str], cells: list[str], origin: Origin, out: RecordSet
) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for col, text in zip(header, cells, strict=True):
        value, problem = coerce_cell(spec.column(col), text)
        if problem:
            out.errors.append(origin.error(col, problem))
        elif value is not None:
            row[col] = value
    return row


def write_csv_package(tables: dict[str, list[dict[str, Any]]], folder: Path) -> list[Path]:
    """Write one CSV per non-empty table, with the HSDS columns first, and ``datapackage.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for spec in table_specs().values():
        rows = tables.get(spec.name) or []
        if rows:
            written.append(_write_table(spec, rows, folder))
    names = {p.name for p in written}
    meta = folder / DATAPACKAGE
    meta.write_text(json.dumps(_package(names), indent=2, ensure_ascii=False) + "\n", "utf-8")
    return [*written, meta]


def _write_table(spec: TableSpec, rows: list[dict[str, Any]], folder: Path) -> Path:
    columns = [c.name for c in spec.columns]
    columns += sorted({k for row in rows for k in row} - set(columns))
    file = folder / spec.path
    with file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell_text(row.get(c)) for c in columns])
    return file


def _package(names: set[str]) -> dict[str, Any]:
    from importlib import resources

    text = (resources.files("titian.services") / "hsds_schema" / DATAPACKAGE).read_text("utf-8")
    package: dict[str, Any] = json.loads(text)
    kept = [r for r in package["resources"] if r["path"] in names]
    for spec in table_specs().values():
        if spec.path in names and all(r["name"] != spec.name for r in kept):
            kept.append(_resource(spec))
    package["resources"] = kept
    package["titian_profile"] = PROFILE_URI
    return package


def _resource(spec: TableSpec) -> dict[str, Any]:
    fields = [
        {"name": c.name, "type": c.type, "constraints": {"required": c.required}}
        for c in spec.columns
    ]
    return {
        "name": spec.name,
        "path": spec.path,
        "profile": "tabular-data-resource",
        "schema": {"primaryKey": "id", "fields": fields},
    }
