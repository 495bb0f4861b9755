"""Checks of one flat (tabular) HSDS row: required columns of the data package, cell types, and
the HSDS object schema of its table (HSDS 3.0 ``datapackage.json``; 3.1 capacity tables)."""

from __future__ import annotations

from typing import Any

from titian.services.hsds_errors import HsdsError
from titian.services.hsds_records import Origin
from titian.services.hsds_schemas import HSDS_TABLES, ColumnSpec, TableSpec, object_validator


def required_message(name: str) -> str:
    """Same wording as ``jsonschema`` so that the two checks of one column report once."""
    return f"{name!r} is a required property"


def flat_row_errors(spec: TableSpec, row: dict[str, Any], origin: Origin) -> list[HsdsError]:
    """Missing required columns, then every schema violation of the row."""
    out = [
        origin.error(col.name, required_message(col.name))
        for col in spec.columns
        if col.required and row.get(col.name) in (None, "")
    ]
    if spec.name in HSDS_TABLES:
        validator = object_validator(spec.name)
        for err in validator.iter_errors(row):
            field = ".".join(str(p) for p in err.absolute_path)
            if err.validator == "required":
                field = err.message.split("'")[1]
            out.append(origin.error(field, err.message))
    return out


def coerce_cell(column: ColumnSpec | None, text: str) -> tuple[Any, str | None]:
    """The typed value of a CSV cell (``None`` when empty) and an error message, if any.
    Numbers become ``int`` when whole; dates and times stay ISO strings (checked by schema)."""
    if text == "":
        return None, None
    if column is None or column.type != "number":
        return text, None
    try:
        number = float(text)
    except ValueError:
        return None, f"{text!r} is not a number"
    if number != number or number in (float("inf"), float("-inf")):
        return None, f"{text!r} is not a finite number"
    return (int(number) if number.is_integer() and "." not in text else number), None


def cell_text(value: Any) -> str:
    """A typed value written back into a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
