"""Every public Open Referral HSDS 3.0 example (JSON and CSV) imports (issue 4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from titian.services.hsds import (
    parse_directory,
    read_hsds_csv_package,
    read_hsds_json,
    validate_hsds_json,
)
from titian.services.hsds_json import detect_kind
from titian.services.vocab import IssueLevel

from .hsds_factories import FIXTURES

EXAMPLES = sorted((FIXTURES / "json").glob("*.json"))
# file -> (organizations, services, locations, taxonomy terms)
COUNTS = {
    "base.json": (0, 0, 0, 0),
    "location.json": (0, 0, 1, 0),
    "organization_full.json": (1, 0, 1, 0),
    "organization_list.json": (1, 0, 0, 0),
    "service_at_location_full.json": (1, 1, 1, 1),
    "service_at_location_list.json": (1, 1, 1, 0),
    "service_full.json": (1, 1, 1, 1),
    "service_list.json": (1, 1, 0, 0),
    "tabular.json": (1, 1, 1, 1),
    "taxonomy.json": (0, 0, 0, 0),
    "taxonomy_list.json": (0, 0, 0, 0),
    "taxonomy_term.json": (0, 0, 0, 1),
    "taxonomy_term_list.json": (0, 0, 0, 1),
}


def test_every_example_is_listed() -> None:
    assert sorted(p.name for p in EXAMPLES) == sorted(COUNTS)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_json_example_validates(path: Path) -> None:
    assert validate_hsds_json(json.loads(path.read_text("utf-8")), path.name) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_json_example_imports(path: Path) -> None:
    directory = parse_directory(read_hsds_json(path))
    found = (
        len(directory.organizations),
        len(directory.services),
        len(directory.locations),
        len(directory.taxonomy_terms),
    )
    assert found == COUNTS[path.name]
    assert all(w.level is IssueLevel.WARNING for w in directory.warnings)


def test_service_full_fields_are_mapped() -> None:
    directory = parse_directory(read_hsds_json(FIXTURES / "json" / "service_full.json"))
    (service,) = directory.services
    assert service.name == "Community Counselling"
    assert (service.gesi.minimum_age, service.gesi.maximum_age) == (12, 100)
    assert [lang.code for lang in service.languages] == ["ur"]
    assert service.locations[0].location_id == directory.locations[0].id
    assert directory.locations[0].accessibility[0].details is not None
    assert ("wait_time", "wait_time") in service.extra_fields
    assert service.attributes[0].taxonomy_term_id == directory.taxonomy_terms[0].id


def test_csv_example_imports_with_warnings_for_dangling_links() -> None:
    directory = parse_directory(read_hsds_csv_package(FIXTURES / "csv"))
    assert (len(directory.organizations), len(directory.services)) == (1, 1)
    (service,) = directory.services
    assert len(service.phones) == 1
    assert len(service.contacts) == 1
    assert service.contacts[0].phones[0].number == '"+44 1234 234567"'
    assert service.schedules[0].byday == "TH,FR"
    warned = {(w.file, w.row, w.field) for w in directory.warnings}
    assert ("locations.csv", 2, "organization_id") in warned
    assert ("attributes.csv", 2, "id") in warned
    assert directory.locations[0].organization_id is None


def test_csv_package_can_be_named_by_its_datapackage_json() -> None:
    by_file = parse_directory(read_hsds_csv_package(FIXTURES / "csv" / "datapackage.json"))
    assert by_file == parse_directory(read_hsds_csv_package(FIXTURES / "csv"))


def test_tabular_json_and_csv_give_the_same_directory() -> None:
    from_json = parse_directory(read_hsds_json(FIXTURES / "json" / "tabular.json"))
    assert from_json == parse_directory(read_hsds_csv_package(FIXTURES / "csv"))


def test_sources_combine() -> None:
    directory = parse_directory(
        read_hsds_json(FIXTURES / "json" / "organization_full.json"),
        read_hsds_json(FIXTURES / "json" / "service_list.json"),
    )
    assert len(directory.organizations) == 1
    assert directory.services[0].organization_id == directory.organizations[0].id


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("service_full.json", {}, "service"),
        ("organization_list.json", {}, "organization"),
        ("x.json", {"id": "a", "status": "active"}, "service"),
        ("x.json", {"id": "a", "location_type": "physical"}, "location"),
        ("x.json", {"contents": [{"id": "a", "location": {}}]}, "service_at_location"),
        ("x.json", {"id": "a", "name": "n", "description": "d"}, "organization"),
        ("x.json", {"id": "a", "name": "n", "description": "d", "version": "1"}, "taxonomy"),
        ("x.json", [{"id": "a", "code": "c"}], "taxonomy_term"),
        ("x.json", {"foo": 1}, None),
    ],
)
def test_detect_kind(name: str, data: object, kind: str | None) -> None:
    assert detect_kind(data, name) == kind
