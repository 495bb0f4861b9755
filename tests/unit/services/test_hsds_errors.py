"""A bad HSDS input is refused as a whole, with every error listed by file, row and field
(issue 4 acceptance: "An invalid HSDS file leaves the database unchanged and lists every error")."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any

import pytest

from titian.errors import Invalid
from titian.services.hsds import (
    HsdsImportError,
    hsds_source_from_json,
    parse_directory,
    read_hsds_csv_package,
    read_hsds_json,
    to_hsds_json,
    validate_hsds_json,
    write_hsds_csv_package,
)
from titian.services.hsds_errors import HsdsError
from titian.services.vocab import IssueLevel

from .hsds_factories import create_directory, uid


def _services() -> list[dict[str, Any]]:
    return copy.deepcopy(to_hsds_json(create_directory()))


def _set(obj: Any, path: str, value: Any) -> None:
    *head, last = path.split(".")
    for part in head:
        obj = obj[int(part)] if part.isdigit() else obj[part]
    if value is _DELETE:
        del obj[int(last) if last.isdigit() else last]
    else:
        obj[int(last) if last.isdigit() else last] = value


_DELETE = object()

# (path in the exported service 0, new value, expected field, words of the message)
JSON_CASES = [
    ("status", "open", "status", "is not one of"),
    ("id", "not-a-uuid", "id", "is not a 'uuid'"),
    ("name", _DELETE, "name", "required property"),
    ("email", "nope", "email", "is not a 'email'"),
    ("minimum_age", -1, "minimum_age", "less than the minimum"),
    ("minimum_age", 12.5, "minimum_age", "not of type 'integer'"),
    ("maximum_age", 5, "maximum_age", "below minimum_age"),
    ("url", "not a uri", "url", "is not a 'uri'"),
    ("last_modified", "yesterday", "last_modified", "date-time"),
    ("schedules.0.opens_at", "25:99", "schedules[0].opens_at", "ISO 8601 time"),
    ("schedules.0.freq", "DAILY", "schedules[0].freq", "is not one of"),
    ("phones.0.number", _DELETE, "phones[0].number", "required property"),
    ("languages.0.code", "english", "languages[0].code", "does not match"),
    ("languages.0.code", "xx", "languages[0].code", "not an ISO 639"),
    ("service_areas.0.extent", "TH-99", "service_areas[0].extent", "ISO 3166"),
    ("capacities.0.available", 11, "capacities[0].available", "more than maximum"),
    ("capacities.0.available", "3", "capacities[0].available", "not of type 'number'"),
    ("capacities.0.updated", _DELETE, "capacities[0].updated", "required property"),
    ("capacities.0.unit.name", _DELETE, "capacities[0].unit.name", "required property"),
    ("capacities.0.unit.id", _DELETE, "capacities[0].unit.id", "required property"),
    (
        "attributes.0.taxonomy_term.code",
        "service-type:magic",
        "attributes[0].taxonomy_term.code",
        "is not one of",
    ),
    (
        "service_at_locations.0.location.location_type",
        "boat",
        "service_at_locations[0].location.location_type",
        "is not one of",
    ),
    (
        "organization.locations.0.addresses.0.country",
        _DELETE,
        "organization.locations[0].addresses[0].country",
        "required property",
    ),
]


@pytest.mark.parametrize(("path", "value", "field", "words"), JSON_CASES)
def test_each_json_error_names_row_and_field(path: str, value: Any, field: str, words: str) -> None:
    services = _services()
    _set(services[0], path, value)
    errors = validate_hsds_json(services, "bad.json", kind="service")
    if not errors:  # some rules only show when the records are joined
        with pytest.raises(HsdsImportError) as caught:
            parse_directory(hsds_source_from_json(services, "bad.json", kind="service"))
        errors = list(caught.value.errors)
    assert any(
        e.file == "bad.json" and e.row == 0 and e.field == field and words in e.message
        for e in errors
    ), errors


def test_all_json_errors_are_listed_at_once() -> None:
    services = _services()
    for path, value, _field, _words in JSON_CASES[:6]:
        _set(services[0], path, value)
    _set(services[1], "status", "closed")
    _set(services[1], "organization_id", "7")
    with pytest.raises(HsdsImportError) as caught:
        parse_directory(hsds_source_from_json(services, "bad.json", kind="service"))
    where = {(e.row, e.field) for e in caught.value.errors}
    assert {(0, "status"), (0, "id"), (0, "name"), (0, "email"), (0, "minimum_age")} <= where
    assert {(1, "status"), (1, "organization_id")} <= where
    assert all(e.level is IssueLevel.ERROR for e in caught.value.errors)


def test_import_error_is_an_invalid_with_every_error_in_its_details() -> None:
    services = _services()
    _set(services[0], "status", "open")
    _set(services[1], "status", "shut")
    with pytest.raises(HsdsImportError) as caught:
        parse_directory(hsds_source_from_json(services, "bad.json", kind="service"))
    error = caught.value
    assert isinstance(error, Invalid)
    assert error.status_code == 422
    assert [(e["row"], e["field"]) for e in error.details["errors"]] == [
        (0, "status"),
        (1, "status"),
    ]
    assert "bad.json[1]: status:" in str(error)


def _rewrite(file: Path, edit: Any) -> None:
    with file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    with file.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _cell(rows: list[list[str]], line: int, column: str, value: str) -> None:
    rows[line - 1][rows[0].index(column)] = value


def _drop_column(rows: list[list[str]], column: str) -> None:
    index = rows[0].index(column)
    for row in rows:
        del row[index]


@pytest.fixture
def bad_package(tmp_path: Path) -> Path:
    write_hsds_csv_package(create_directory(), tmp_path)
    _rewrite(tmp_path / "services.csv", lambda r: _cell(r, 3, "status", "open"))
    _rewrite(tmp_path / "services.csv", lambda r: _cell(r, 2, "minimum_age", "twelve"))
    _rewrite(tmp_path / "locations.csv", lambda r: _cell(r, 2, "latitude", "north"))
    _rewrite(tmp_path / "schedules.csv", lambda r: _cell(r, 2, "opens_at", "25:99"))
    _rewrite(tmp_path / "phones.csv", lambda r: _drop_column(r, "number"))
    _rewrite(tmp_path / "contacts.csv", lambda r: r.append(list(r[1])))
    _rewrite(tmp_path / "languages.csv", lambda r: r.append(["only", "two"]))
    _rewrite(tmp_path / "service_capacity.csv", lambda r: _cell(r, 2, "unit_id", uid("nounit")))
    return tmp_path


def test_every_csv_error_names_file_line_and_column(bad_package: Path) -> None:
    with pytest.raises(HsdsImportError) as caught:
        parse_directory(read_hsds_csv_package(bad_package))
    where = {(e.file, e.row, e.field) for e in caught.value.errors}
    expected = {
        ("services.csv", 3, "status"),
        ("services.csv", 2, "minimum_age"),
        ("locations.csv", 2, "latitude"),
        ("schedules.csv", 2, "opens_at"),
        ("phones.csv", 1, "number"),
        ("contacts.csv", 3, "id"),
        ("languages.csv", 6, ""),
        ("service_capacity.csv", 2, "unit_id"),
    }
    assert expected <= where, sorted(where)
    files = {e.file for e in caught.value.errors}
    assert len(files) >= 7


def test_a_missing_required_column_is_reported_once(bad_package: Path) -> None:
    source = read_hsds_csv_package(bad_package)
    phone_errors = [e for e in source.errors if e.file == "phones.csv"]
    assert phone_errors == [HsdsError("phones.csv", 1, "number", "required column is missing")]


def test_csv_line_numbers_count_multi_line_cells(tmp_path: Path) -> None:
    write_hsds_csv_package(create_directory(), tmp_path)
    _rewrite(tmp_path / "services.csv", lambda r: _cell(r, 2, "description", "two\nlines"))
    _rewrite(tmp_path / "services.csv", lambda r: _cell(r, 3, "status", "open"))
    source = read_hsds_csv_package(tmp_path)
    assert [(e.file, e.row, e.field) for e in source.errors] == [("services.csv", 4, "status")]


def _no_organization(service: dict[str, Any]) -> None:
    service.pop("organization")


def _ghost_location(service: dict[str, Any]) -> None:
    sal = service["service_at_locations"][0]
    sal.pop("location")
    sal["location_id"] = uid("nowhere")


def _ghost_term(service: dict[str, Any]) -> None:
    service["attributes"] = [{"id": uid("attr"), "taxonomy_term_id": uid("no-term")}]


@pytest.mark.parametrize(
    ("edit", "field", "words"),
    [
        (_no_organization, "organization_id", "not in the import"),
        (_ghost_location, "service_at_locations[0].location_id", "not in the import"),
        (_ghost_term, "attributes[0].taxonomy_term_id", "not in the import"),
    ],
)
def test_join_errors(edit: Any, field: str, words: str) -> None:
    service = _services()[0]
    edit(service)
    with pytest.raises(HsdsImportError) as caught:
        parse_directory(hsds_source_from_json([service], "bad.json", kind="service"))
    assert [(e.row, e.field) for e in caught.value.errors if words in e.message] == [(0, field)]


def _titian_attribute(owner: dict[str, Any], owner_table: str, code: str) -> dict[str, Any]:
    from titian.services.hsds_gesi import attribute_json

    return attribute_json(owner["id"], owner_table, code)


def test_titian_term_on_an_organization_is_an_error() -> None:
    services = _services()
    services[0]["organization"]["attributes"] = [
        _titian_attribute(services[0]["organization"], "organization", "service-type:shelter")
    ]
    with pytest.raises(HsdsImportError) as caught:
        parse_directory(hsds_source_from_json(services, "bad.json", kind="service"))
    assert any(
        e.field == "organization.attributes[0].taxonomy_term_id" and "cannot be linked" in e.message
        for e in caught.value.errors
    )


def test_two_cost_terms_are_an_error() -> None:
    services = _services()
    services[0]["attributes"].append(_titian_attribute(services[0], "service", "cost:fee"))
    services[0]["attributes"][-1]["id"] = uid("second-cost")
    with pytest.raises(HsdsImportError) as caught:
        parse_directory(hsds_source_from_json(services, "bad.json", kind="service"))
    assert any("more than one cost term" in e.message for e in caught.value.errors)


def test_conflicting_copies_of_one_object_are_an_error() -> None:
    services = _services()
    services[1]["phones"] = [dict(services[0]["phones"][0], number="+66 999")]
    with pytest.raises(HsdsImportError) as caught:
        parse_directory(hsds_source_from_json(services, "bad.json", kind="service"))
    fields = {(e.row, e.field) for e in caught.value.errors}
    assert (1, "phones[0].number") in fields
    assert (1, "phones[0].service_id") in fields


def test_errors_of_several_files_are_listed_together(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x",', encoding="utf-8")
    unknown = tmp_path / "mystery.json"
    unknown.write_text('{"foo": 1}', encoding="utf-8")
    services = _services()
    services[0]["status"] = "open"
    with pytest.raises(HsdsImportError) as caught:
        parse_directory(
            read_hsds_json(broken),
            read_hsds_json(unknown),
            hsds_source_from_json(services, "services.json", kind="service"),
        )
    files = [e.file for e in caught.value.errors]
    assert files == ["broken.json", "mystery.json", "services.json"]
    assert "not JSON" in caught.value.errors[0].message


def test_warnings_never_refuse_an_import() -> None:
    services = _services()
    services[0]["organization"]["parent_organization_id"] = uid("absent-parent")
    directory = parse_directory(hsds_source_from_json(services, "ok.json", kind="service"))
    assert directory.organizations[0].parent_organization_id is None
    assert [w.field for w in directory.warnings] == ["organization.parent_organization_id"]


def test_json_text_of_errors_round_trips() -> None:
    error = HsdsError("services.csv", 3, "status", "bad")
    assert json.loads(json.dumps(error.as_dict()))["row"] == 3
    assert str(error) == "services.csv:3: status: bad"


def test_missing_package_folder_is_an_error(tmp_path: Path) -> None:
    source = read_hsds_csv_package(tmp_path / "absent")
    assert [e.message for e in source.errors] == ["no such folder or data package"]


def test_a_file_that_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    write_hsds_csv_package(create_directory(), tmp_path)
    (tmp_path / "phones.csv").write_bytes(b"id,number\n\xff\xfe,1\n")
    source = read_hsds_csv_package(tmp_path)
    assert [(e.file, e.field) for e in source.errors] == [("phones.csv", "")]
    assert "cannot read CSV" in source.errors[0].message


def test_unknown_csv_files_are_warned_about(tmp_path: Path) -> None:
    write_hsds_csv_package(create_directory(), tmp_path)
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    directory = parse_directory(read_hsds_csv_package(tmp_path))
    assert [(w.file, w.level) for w in directory.warnings] == [("notes.csv", IssueLevel.WARNING)]


def test_an_empty_package_is_an_empty_directory(tmp_path: Path) -> None:
    directory = parse_directory(read_hsds_csv_package(tmp_path))
    assert directory.services == ()
    assert directory.organizations == ()


def test_errors_sort_with_single_objects_first() -> None:
    errors = [
        HsdsError("b.json", 2, "x", "m"),
        HsdsError("a.json", None, "x", "m"),
        HsdsError("b.json", 0, "x", "m"),
    ]
    assert [(e.file, e.row) for e in sorted(errors, key=HsdsError.sort_key)] == [
        ("a.json", None),
        ("b.json", 0),
        ("b.json", 2),
    ]


def test_the_service_inside_a_service_at_location_is_validated() -> None:
    services = _services()
    sal = dict(services[0]["service_at_locations"][0])
    sal["service"] = dict(services[0], status="open")
    errors = validate_hsds_json([sal], "service_at_location_list.json")
    assert [(e.row, e.field) for e in errors] == [(0, "service.status")]
