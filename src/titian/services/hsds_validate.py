"""Validation of HSDS input against HSDS 3.0 and the Titian profile (docs/hsds-profile.md).

Two layers, both collected in full before anything is refused:

1. the HSDS 3.0 JSON Schema of each object (nested JSON) or row (tabular form);
2. the Titian profile: the ``*_row`` definitions of ``hsds-titian-profile.schema.json`` applied to
   every record wherever it was nested, and the rules a schema cannot say (age range order,
   capacity not above maximum, known language and ISO 3166 codes).
"""

from __future__ import annotations

import re
from typing import Any

import langcodes
import pycountry

from titian.services.hsds_errors import HsdsError, unique
from titian.services.hsds_json import read_json_document
from titian.services.hsds_records import Record, RecordSet
from titian.services.hsds_schemas import profile_validator, schema_errors

PROFILE_ROWS = {
    "service": "service_row",
    "language": "language_row",
    "taxonomy_term": "taxonomy_term_row",
    "service_capacity": "service_capacity_row",
    "unit": "unit_row",
}
_ISO_639 = re.compile(r"^[a-z]{2,3}$")
_ISO_3166 = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")


def validate_hsds_json(data: Any, source_name: str, kind: str | None = None) -> list[HsdsError]:
    """Every error of one HSDS JSON document (HSDS 3.0 schemas, then the Titian profile).
    ``source_name`` names the file in each error; ``kind`` overrides the detected object type."""
    records = read_json_document(data, source_name, kind)
    return unique([*records.errors, *profile_errors(records)])


def profile_errors(records: RecordSet) -> list[HsdsError]:
    """Titian profile errors of every record, in table then input order."""
    out: list[HsdsError] = []
    for table, definition in PROFILE_ROWS.items():
        validator = profile_validator(definition)
        for record in records.table(table).values():
            origin = record.origin
            out.extend(
                schema_errors(validator, record.fields, origin.file, origin.row, origin.prefix)
            )
    for record in records.table("service").values():
        out.extend(_age_range(record))
    for record in records.table("service_capacity").values():
        out.extend(_capacity(record))
    for record in records.table("language").values():
        out.extend(_language(record))
    for record in records.table("service_area").values():
        out.extend(_area(record))
    return out


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _age_range(record: Record) -> list[HsdsError]:
    low, high = _number(record.get("minimum_age")), _number(record.get("maximum_age"))
    if low is not None and high is not None and low > high:
        msg = f"maximum_age {high:g} is below minimum_age {low:g}"
        return [record.origin.error("maximum_age", msg)]
    return []


def _capacity(record: Record) -> list[HsdsError]:
    available, maximum = _number(record.get("available")), _number(record.get("maximum"))
    if available is not None and maximum is not None and available > maximum:
        msg = f"available {available:g} is more than maximum {maximum:g}"
        return [record.origin.error("available", msg)]
    return []


def _language(record: Record) -> list[HsdsError]:
    """HSDS 3.0: ``code`` is ISO 639-1, or 639-3 where no 639-1 code exists (languages.md)."""
    out: list[HsdsError] = []
    code = record.get("code")
    if isinstance(code, str) and _ISO_639.match(code) and not langcodes.tag_is_valid(code):
        out.append(record.origin.error("code", f"{code!r} is not an ISO 639 language code"))
    tag = record.get("titian_bcp47_tag")
    if isinstance(tag, str):
        if not langcodes.tag_is_valid(tag):
            out.append(record.origin.error("titian_bcp47_tag", f"{tag!r} is not a BCP-47 tag"))
        elif isinstance(code, str) and language_of(tag) != code:
            msg = f"{tag!r} is not a form of language {code!r}"
            out.append(record.origin.error("titian_bcp47_tag", msg))
    return out


def language_of(tag: str) -> str:
    """The ISO 639 code HSDS stores for a BCP-47 tag: its language subtag, shortest form."""
    return str(langcodes.Language.get(tag).language)


def _area(record: Record) -> list[HsdsError]:
    extent = record.get("extent")
    if record.get("extent_type") != "text" or not isinstance(extent, str):
        return []
    if _ISO_3166.match(extent) and not _iso_3166_known(extent):
        return [record.origin.error("extent", f"{extent!r} is not an ISO 3166-1 or 3166-2 code")]
    return []


def _iso_3166_known(code: str) -> bool:
    if "-" in code:
        return pycountry.subdivisions.get(code=code) is not None  # type: ignore[no-untyped-call]
    return pycountry.countries.get(alpha_2=code) is not None
