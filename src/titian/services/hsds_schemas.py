"""The JSON Schemas that HSDS input is checked against, all shipped in ``hsds_schema/``.

- HSDS 3.0: one JSON Schema (draft 2020-12, per the specification README) per object, linked by
  relative ``$ref``, resolved here with ``referencing`` from the packaged copies (never fetched);
  the tabular data package (``datapackage.json``) gives CSV column types and required columns.
- HSDS 3.1 ``service_capacity`` and ``unit`` (data-standards.md (c)) and the Titian profile rules:
  ``titian_profile.schema.json``, the same file as ``docs/schemas/hsds-titian-profile.schema.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlparse

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from titian.services.hsds_errors import HsdsError

HSDS_BASE_URI = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
PROFILE_URI = "urn:titian:hsds-profile:1.0.0"
PROFILE_FILE = "titian_profile.schema.json"
_REQUIRED = re.compile(r"^'(.+)' is a required property$")

HSDS_TABLES = (
    "organization", "program", "service", "attribute", "service_at_location", "location",
    "phone", "contact", "address", "schedule", "funding", "service_area", "required_document",
    "language", "accessibility", "taxonomy_term", "metadata", "meta_table_description",
    "cost_option", "organization_identifier", "taxonomy",
)  # fmt: skip
CAPACITY_TABLES = ("service_capacity", "unit")

# HSDS 3.1 tables (data-standards.md (c)): CSV name, column types and required columns.
_CAPACITY_FIELDS: dict[str, tuple[str, tuple[tuple[str, str, bool], ...]]] = {
    "service_capacity": (
        "service_capacity.csv",
        (
            ("id", "string", True), ("service_id", "string", True), ("unit_id", "string", True),
            ("available", "number", True), ("maximum", "number", False),
            ("description", "string", False), ("updated", "datetime", True),
        ),
    ),
    "unit": (
        "units.csv",
        (
            ("id", "string", True), ("name", "string", True), ("scheme", "string", False),
            ("identifier", "string", False), ("uri", "string", False),
        ),
    ),
}  # fmt: skip


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    type: str
    required: bool


@dataclass(frozen=True)
class TableSpec:
    """One CSV resource of the data package: its table name, file name and columns in order."""

    name: str
    path: str
    columns: tuple[ColumnSpec, ...]

    def column(self, name: str) -> ColumnSpec | None:
        return next((c for c in self.columns if c.name == name), None)


def _read(name: str) -> Any:
    text = (resources.files("titian.services") / "hsds_schema" / name).read_text("utf-8")
    return json.loads(text)


@cache
def table_specs() -> dict[str, TableSpec]:
    """Every table Titian reads or writes, keyed by HSDS table name, in data-package order."""
    out: dict[str, TableSpec] = {}
    for res in _read("datapackage.json")["resources"]:
        cols = tuple(
            ColumnSpec(f["name"], f["type"], bool(f.get("constraints", {}).get("required")))
            for f in res["schema"]["fields"]
        )
        out[res["name"]] = TableSpec(res["name"], res["path"], cols)
    for name, (path, fields) in _CAPACITY_FIELDS.items():
        out[name] = TableSpec(name, path, tuple(ColumnSpec(*f) for f in fields))
    return out


@cache
def registry() -> Registry[Any]:
    """All HSDS object schemas under their canonical 3.0 URIs, plus the Titian profile."""
    pairs = [
        (HSDS_BASE_URI + f"{name}.json", Resource.from_contents(_read(f"{name}.json"), DRAFT202012))
        for name in HSDS_TABLES
    ]
    profile = Resource.from_contents(_read(PROFILE_FILE), DRAFT202012)
    return Registry().with_resources([*pairs, (PROFILE_URI, profile)])


def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parsed = urlparse(value)
    return bool(parsed.scheme) and bool(parsed.netloc or parsed.path)


def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return "T" in value or " " in value


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=("uuid", "email", "date"))
    checker.checks("uri")(_is_uri)
    checker.checks("date-time")(_is_datetime)
    return checker


_PARSERS = {
    "date": date.fromisoformat,
    "time": time.fromisoformat,
    "datetime": datetime.fromisoformat,
}


def _datapackage_type(
    validator: Any, kind: Any, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    """HSDS 3.0 marks dates and times with ``datapackage_type``, not ``format``: check them."""
    parse = _PARSERS.get(str(kind))
    if parse is None or not isinstance(instance, str):
        return
    try:
        parse(instance)
    except ValueError:
        yield ValidationError(f"{instance!r} is not a valid ISO 8601 {kind}")


_HsdsValidator = validators.extend(Draft202012Validator, {"datapackage_type": _datapackage_type})


@cache
def object_validator(table: str) -> Validator:
    """Validator of one HSDS 3.0 object (nested form), e.g. ``service``."""
    schema = {"$ref": HSDS_BASE_URI + f"{table}.json"}
    validator: Validator = _HsdsValidator(
        schema, registry=registry(), format_checker=_format_checker()
    )
    return validator


@cache
def profile_validator(definition: str) -> Validator:
    """Validator of one ``$defs`` entry of the Titian profile, e.g. ``service_row``."""
    schema = {"$ref": f"{PROFILE_URI}#/$defs/{definition}"}
    validator: Validator = _HsdsValidator(
        schema, registry=registry(), format_checker=_format_checker()
    )
    return validator


@cache
def profile_service_validator() -> Validator:
    """Validator of a whole nested service against the published Titian profile schema (HSDS 3.0
    service plus the profile rules), as an outside consumer of Titian's export would use it."""
    validator: Validator = _HsdsValidator(
        {"$ref": PROFILE_URI}, registry=registry(), format_checker=_format_checker()
    )
    return validator


def profile_definitions() -> frozenset[str]:
    return frozenset(_read(PROFILE_FILE)["$defs"])


def json_path(parts: Any) -> str:
    """``['phones', 0, 'number']`` -> ``phones[0].number``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _field_of(error: ValidationError) -> str:
    path = json_path(error.absolute_path)
    match = _REQUIRED.match(error.message)
    if error.validator == "required" and match:
        return f"{path}.{match.group(1)}" if path else match.group(1)
    return path


def schema_errors(
    validator: Validator, instance: Any, file: str, row: int | None, prefix: str = ""
) -> list[HsdsError]:
    """Every schema violation as an ``HsdsError``; ``prefix`` is the object's path in its row."""
    out = []
    for error in validator.iter_errors(instance):
        field = _field_of(error)
        joined = f"{prefix}.{field}" if prefix and field else (prefix or field)
        out.append(HsdsError(file, row, joined, _short(error.message)))
    return sorted(out, key=lambda e: (e.field, e.message))


def _short(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"
