"""The flat form shared by JSON and CSV input: one record per HSDS object, keyed by table and id.

HSDS JSON nests objects (a phone inside a contact inside a location); the tabular form links rows by
``*_id`` columns (data-standards.md (c)). Both are read into records that carry their foreign keys
and their origin (file, row, path), so that the directory is built, and every error is located, the
same way for both forms. The same object may appear several times in HSDS JSON (the official
examples repeat one phone under five parents): repeats merge when their values agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from titian.services.hsds_errors import HsdsError
from titian.services.vocab import IssueLevel


@dataclass(frozen=True)
class Origin:
    """Where a record came from: ``prefix`` is its path inside the row (empty for a CSV row)."""

    file: str
    row: int | None
    prefix: str = ""

    def at(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def error(self, name: str, message: str) -> HsdsError:
        return HsdsError(self.file, self.row, self.at(name), message)

    def warning(self, name: str, message: str) -> HsdsError:
        return HsdsError(self.file, self.row, self.at(name), message, IssueLevel.WARNING)


@dataclass
class Record:
    """One HSDS object without its nested arrays; ``fields`` holds scalars and ``*_id`` links."""

    table: str
    id: str
    fields: dict[str, Any]
    origin: Origin

    def get(self, name: str) -> Any:
        return self.fields.get(name)

    def text(self, name: str) -> str | None:
        value = self.fields.get(name)
        return None if value is None else str(value)


@dataclass
class RecordSet:
    """Records by table, in input order, with the problems met while collecting them."""

    tables: dict[str, dict[str, Record]] = field(default_factory=dict)
    errors: list[HsdsError] = field(default_factory=list)
    warnings: list[HsdsError] = field(default_factory=list)

    def table(self, name: str) -> dict[str, Record]:
        return self.tables.get(name, {})

    def find(self, table: str, record_id: object) -> Record | None:
        return self.tables.get(table, {}).get(record_id) if isinstance(record_id, str) else None

    def add(self, record: Record, *, unique: bool = False) -> None:
        """Add ``record``; a repeat id merges when values agree. With ``unique`` (a CSV table,
        whose primary key is ``id``) any repeat is an error."""
        rows = self.tables.setdefault(record.table, {})
        first = rows.get(record.id)
        if first is None:
            rows[record.id] = record
            return
        if unique:
            self.errors.append(
                record.origin.error("id", f"duplicate id {record.id} (first at {_where(first)})")
            )
            return
        self._merge(first, record)

    def _merge(self, first: Record, again: Record) -> None:
        for name, value in again.fields.items():
            old = first.fields.get(name)
            if old is None:
                first.fields[name] = value
            elif value is not None and old != value:
                self.errors.append(
                    again.origin.error(
                        name,
                        f"{first.table} {first.id} appears again with {name}={value!r}, "
                        f"but {old!r} at {_where(first)}",
                    )
                )

    def extend(self, other: RecordSet) -> None:
        """Merge another source into this one (same rules as repeated JSON objects)."""
        for rows in other.tables.values():
            for record in rows.values():
                self.add(Record(record.table, record.id, dict(record.fields), record.origin))
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)


def _where(record: Record) -> str:
    origin = record.origin
    row = "" if origin.row is None else f" row {origin.row}"
    path = f" {origin.prefix}" if origin.prefix else ""
    return f"{origin.file}{row}{path}"
