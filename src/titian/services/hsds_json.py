"""Read HSDS 3.0 JSON documents: every shape the Open Referral examples use.

Shapes (HSDS 3.0 ``openapi.json`` and ``examples/``): one object (``service_full.json``), a page
(``{"contents": [...]}``, ``service_list.json``), a bare list (Titian's export), the tabular form
(``{"services.csv": [rows]}``, ``tabular.json``) and the API root (``base.json``). Each object is
checked against its HSDS schema, then flattened into records (``hsds_records``).
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from titian.services.hsds_errors import HsdsError
from titian.services.hsds_records import Origin, Record, RecordSet
from titian.services.hsds_schemas import (
    CAPACITY_TABLES,
    HSDS_TABLES,
    TableSpec,
    object_validator,
    schema_errors,
    table_specs,
)
from titian.services.hsds_tabular import cell_text, flat_row_errors

KINDS = ("service_at_location", "taxonomy_term", "organization", "service", "location", "taxonomy")

# Array property -> table of its items (HSDS 3.0 object schemas; ``capacities`` from HSDS 3.1).
ARRAYS = {
    "phones": "phone", "schedules": "schedule", "service_areas": "service_area",
    "service_at_locations": "service_at_location", "languages": "language", "funding": "funding",
    "cost_options": "cost_option", "required_documents": "required_document",
    "contacts": "contact", "attributes": "attribute", "metadata": "metadata",
    "locations": "location", "programs": "program", "addresses": "address",
    "organization_identifiers": "organization_identifier", "accessibility": "accessibility",
    "capacities": "service_capacity",
}  # fmt: skip
# Object property -> (table, foreign key the parent holds).
OBJECTS = {
    "organization": ("organization", "organization_id"), "program": ("program", "program_id"),
    "location": ("location", "location_id"), "service": ("service", "service_id"),
    "taxonomy_term": ("taxonomy_term", "taxonomy_term_id"),
    "taxonomy_detail": ("taxonomy", "taxonomy_id"), "unit": ("unit", "unit_id"),
}  # fmt: skip


def detect_kind(data: Any, source_name: str) -> str | None:
    """The HSDS object a document holds: from the file name (``service_list.json``), else from
    the keys of its first object."""
    stem = PurePath(source_name).stem
    for kind in KINDS:
        if stem == kind or stem.startswith(kind + "_"):
            return kind
    first = _first_object(data)
    return None if first is None else _kind_from_keys(first)


def _first_object(data: Any) -> dict[str, Any] | None:
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    if isinstance(data, list):
        data = next((item for item in data if isinstance(item, dict)), None)
    return data if isinstance(data, dict) else None


def _kind_from_keys(obj: dict[str, Any]) -> str | None:
    keys = set(obj)
    if "location_type" in keys:
        return "location"
    if "status" in keys:
        return "service"
    if keys & {"taxonomy_detail", "taxonomy_id", "term_uri", "parent_id", "code"}:
        return "taxonomy_term"
    if keys & {"location", "location_id"} and "name" not in keys:
        return "service_at_location"
    if "version" in keys and keys <= {"id", "name", "description", "uri", "version", "metadata"}:
        return "taxonomy"
    if {"id", "name", "description"} <= keys:
        return "organization"
    return None


def is_tabular(data: Any) -> bool:
    """The tabular JSON form: an object whose keys are CSV file names or table names."""
    if not isinstance(data, dict):
        return False
    known = {s.path for s in table_specs().values()} | set(table_specs())
    return all(isinstance(v, list) for v in data.values()) and set(data) <= known


def is_api_root(data: Any) -> bool:
    return isinstance(data, dict) and "id" not in data and "openapi_url" in data


def read_json_document(data: Any, source_name: str, kind: str | None = None) -> RecordSet:
    """Validate and flatten one JSON document; problems are collected in the returned set."""
    out = RecordSet()
    if is_api_root(data):
        out.warnings.append(Origin(source_name, None).warning("", "HSDS API root: no records"))
        return out
    if is_tabular(data):
        _read_tabular(data, source_name, out)
        return out
    kind = kind or detect_kind(data, source_name)
    if kind is None:
        msg = "cannot tell which HSDS object this document holds (service, organization …)"
        out.errors.append(HsdsError(source_name, None, "", msg))
        return out
    for row, item in _items(data):
        _read_object(kind, item, Origin(source_name, row), out)
    return out


def _items(data: Any) -> list[tuple[int | None, Any]]:
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    if isinstance(data, list):
        return list(enumerate(data))
    return [(None, data)]


def _read_object(kind: str, item: Any, origin: Origin, out: RecordSet) -> None:
    if kind in HSDS_TABLES:
        out.errors.extend(schema_errors(object_validator(kind), item, origin.file, origin.row))
    if kind == "service_at_location" and isinstance(item, dict) and "service" in item:
        # The API's service_at_location carries its service, which the 3.0 schema does not list.
        validator = object_validator("service")
        out.errors.extend(
            schema_errors(validator, item["service"], origin.file, origin.row, "service")
        )
    elif not isinstance(item, dict):
        out.errors.append(origin.error("", f"expected an object, got {type(item).__name__}"))
    if isinstance(item, dict):
        flatten(kind, item, origin, out, parent=None)


def _read_tabular(data: dict[str, list[Any]], source_name: str, out: RecordSet) -> None:
    by_path = {s.path: s for s in table_specs().values()}
    for key, rows in data.items():
        spec = by_path.get(key) or table_specs()[key]
        file = f"{source_name} ({spec.path})"
        for index, row in enumerate(rows):
            origin = Origin(file, index)
            if not isinstance(row, dict):
                out.errors.append(origin.error("", "expected an object"))
                continue
            row = _as_cells(spec, row)
            out.errors.extend(flat_row_errors(spec, row, origin))
            if isinstance(row.get("id"), str):
                out.add(Record(spec.name, row["id"], row, origin), unique=True)


def _as_cells(spec: TableSpec, row: dict[str, Any]) -> dict[str, Any]:
    """Tabular JSON is the CSV form written as JSON: a number in a text column is read as the
    text of a CSV cell would be (the official ``tabular.json`` writes identifiers as numbers)."""
    out = dict(row)
    for name, value in row.items():
        column = spec.column(name)
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if column is not None and column.type == "string" and is_number:
            out[name] = cell_text(value)
    return out


def flatten(
    table: str, obj: dict[str, Any], origin: Origin, out: RecordSet, parent: Record | None
) -> Record | None:
    """Add ``obj`` and everything nested in it; links to ``parent`` are filled from context."""
    fields = {k: v for k, v in obj.items() if not isinstance(v, dict | list)}
    record_id = obj.get("id")
    record = Record(table, record_id, fields, origin) if isinstance(record_id, str) else None
    if record is None and table in CAPACITY_TABLES:  # HSDS 3.1 objects: no 3.0 schema saw them
        out.errors.append(origin.error("id", "'id' is a required property"))
    if record is not None and parent is not None:
        _link_to_parent(record, parent, out)
    for name, value in obj.items():
        if isinstance(value, dict) and name in OBJECTS:
            child_table, key = OBJECTS[name]
            child = flatten(child_table, value, _nested(origin, name), out, None)
            if record is not None and child is not None:
                _set_link(record, key, child.id, out)
        elif isinstance(value, list) and name in ARRAYS:
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    flatten(ARRAYS[name], item, _nested(origin, f"{name}[{i}]"), out, record)
    if record is not None:
        out.add(record)
    return record


def _nested(origin: Origin, name: str) -> Origin:
    return Origin(origin.file, origin.row, origin.at(name))


def _link_to_parent(record: Record, parent: Record, out: RecordSet) -> None:
    if record.table == "metadata":
        return
    if record.table == "attribute":
        _set_link(record, "link_id", parent.id, out)
        entity = record.get("link_entity")
        if entity is not None and entity != parent.table:
            msg = f"link_entity {entity!r} replaced by {parent.table!r}, the enclosing object"
            out.warnings.append(record.origin.warning("link_entity", msg))
        record.fields["link_entity"] = parent.table
        return
    _set_link(record, f"{parent.table}_id", parent.id, out)


def _set_link(record: Record, key: str, value: str, out: RecordSet) -> None:
    old = record.get(key)
    if old is not None and old != value:
        msg = f"{key} {old!r} disagrees with the enclosing object {value!r}"
        out.errors.append(record.origin.error(key, msg))
        return
    record.fields[key] = value


__all__ = ["detect_kind", "flatten", "read_json_document"]
