"""Open Referral HSDS import and export of the service directory (DESIGN.md: "Services import and
export Open Referral HSDS"), following the Titian profile in docs/hsds-profile.md.

Reading never raises on bad content: ``read_hsds_json`` and ``read_hsds_csv_package`` return an
``HsdsSource`` holding every problem found. ``parse_directory`` joins one or more sources and
raises ``HsdsImportError`` with *every* error of every source, or returns the ``Directory``: an
import is all-or-nothing (DESIGN.md, "Clear errors, nothing lost"). Pure functions: no database.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from titian.services.hsds_build import build_directory
from titian.services.hsds_csv import read_csv_package, write_csv_package
from titian.services.hsds_errors import HsdsError, HsdsImportError, unique
from titian.services.hsds_export import to_hsds_json, to_hsds_tables, to_hsds_tabular_json
from titian.services.hsds_json import read_json_document
from titian.services.hsds_model import Directory, DirectoryUnit
from titian.services.hsds_records import RecordSet
from titian.services.hsds_schemas import PROFILE_URI
from titian.services.hsds_taxonomy import gesi_taxonomy
from titian.services.hsds_validate import profile_errors, validate_hsds_json
from titian.services.vocab import IssueLevel

HSDS_VERSION = "3.0"
TITIAN_PROFILE_URI = PROFILE_URI
BED_UNIT = DirectoryUnit(id=str(uuid.uuid5(uuid.UUID(gesi_taxonomy().id), "unit:bed")), name="Bed")
"""The unit of shelter capacity: ``available`` beds of a ``service_capacity`` (HSDS 3.1)."""


@dataclass(frozen=True)
class HsdsSource:
    """One read input (a JSON file or a CSV package): its records and the problems found."""

    name: str
    records: RecordSet
    errors: tuple[HsdsError, ...]
    warnings: tuple[HsdsError, ...]


def _source(name: str, records: RecordSet) -> HsdsSource:
    errors = unique([*records.errors, *profile_errors(records)])
    return HsdsSource(name, records, tuple(errors), tuple(records.warnings))


def hsds_source_from_json(data: Any, source_name: str, kind: str | None = None) -> HsdsSource:
    """An already-decoded JSON document as a source; ``kind`` (``service``, ``organization`` …)
    overrides the detection by file name and keys."""
    return _source(source_name, read_json_document(data, source_name, kind))


def read_hsds_json(path: Path | str, kind: str | None = None) -> HsdsSource:
    """Read one HSDS JSON file; unreadable JSON is an error of the source, not an exception."""
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        return _failed(file.name, f"cannot read file: {exc}")
    except json.JSONDecodeError as exc:
        return _failed(file.name, f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
    return hsds_source_from_json(data, file.name, kind)


def _failed(name: str, message: str) -> HsdsSource:
    return HsdsSource(name, RecordSet(), (HsdsError(name, None, "", message),), ())


def read_hsds_csv_package(path: Path | str) -> HsdsSource:
    """Read an HSDS CSV data package: a folder of CSV files or its ``datapackage.json``."""
    folder = Path(path)
    return _source(folder.name, read_csv_package(folder))


def parse_directory(*sources: HsdsSource) -> Directory:
    """Join the sources into one ``Directory``. Raises ``HsdsImportError`` listing every error of
    every source and every join error (unknown organization, location, unit, term …)."""
    merged = RecordSet()
    errors: list[HsdsError] = []
    for source in sources:
        errors.extend(source.errors)
        merged.extend(source.records)
    errors.extend(merged.errors)  # merge conflicts between sources
    merged.errors = []
    directory, join_errors = build_directory(merged)
    errors.extend(join_errors)
    errors = [e for e in unique(errors) if e.level is IssueLevel.ERROR]
    if errors:
        raise HsdsImportError(errors)
    return directory


def write_hsds_csv_package(directory: Directory, out_dir: Path | str) -> list[Path]:
    """Write the directory as an HSDS CSV data package; returns the files written."""
    return write_csv_package(to_hsds_tables(directory), Path(out_dir))


__all__ = [
    "BED_UNIT",
    "HSDS_VERSION",
    "TITIAN_PROFILE_URI",
    "Directory",
    "HsdsError",
    "HsdsImportError",
    "HsdsSource",
    "hsds_source_from_json",
    "parse_directory",
    "read_hsds_csv_package",
    "read_hsds_json",
    "to_hsds_json",
    "to_hsds_tables",
    "to_hsds_tabular_json",
    "validate_hsds_json",
    "write_hsds_csv_package",
]
