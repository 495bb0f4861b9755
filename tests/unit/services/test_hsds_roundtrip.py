"""Export then import gives the same directory, in every HSDS form (issue 4: import and export,
JSON and the CSV data package)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from titian.services.hsds import (
    hsds_source_from_json,
    parse_directory,
    read_hsds_csv_package,
    read_hsds_json,
    to_hsds_json,
    to_hsds_tabular_json,
    validate_hsds_json,
    write_hsds_csv_package,
)
from titian.services.hsds_model import Directory, GesiProfile
from titian.services.hsds_schemas import profile_service_validator
from titian.services.hsds_taxonomy import gesi_taxonomy
from titian.services.vocab import (
    AccessibilityFeature,
    CitizenshipAccepted,
    CostType,
    GenderAccepted,
    LanguageMode,
    ServiceType,
)

from .hsds_factories import FIXTURES, create_directory


def _via_json(directory: Directory) -> Directory:
    data = json.loads(json.dumps(to_hsds_json(directory)))
    return parse_directory(hsds_source_from_json(data, "export.json", kind="service"))


def _via_tabular_json(directory: Directory) -> Directory:
    data = json.loads(json.dumps(to_hsds_tabular_json(directory)))
    return parse_directory(hsds_source_from_json(data, "export_tabular.json"))


def _via_csv(directory: Directory, folder: Path) -> Directory:
    write_hsds_csv_package(directory, folder)
    return parse_directory(read_hsds_csv_package(folder))


def test_json_round_trip_keeps_services_and_their_organizations() -> None:
    directory = create_directory()
    again = _via_json(directory)
    assert again.services == directory.services
    assert again.locations == directory.locations
    # An organization without a service only travels in the tabular form.
    assert again.organizations == directory.organizations[:1]


def test_tabular_json_round_trip() -> None:
    directory = create_directory()
    assert _via_tabular_json(directory) == directory


def test_csv_round_trip(tmp_path: Path) -> None:
    directory = create_directory()
    assert _via_csv(directory, tmp_path) == directory
    names = {p.name for p in tmp_path.iterdir()}
    assert {"services.csv", "service_capacity.csv", "units.csv", "datapackage.json"} <= names
    package = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    assert {r["path"] for r in package["resources"]} == names - {"datapackage.json"}


def test_export_validates_against_hsds_and_the_profile_schema() -> None:
    exported = to_hsds_json(create_directory())
    assert validate_hsds_json(exported, "export.json", kind="service") == []
    validator = profile_service_validator()
    for service in exported:
        assert list(validator.iter_errors(service)) == []


def test_export_writes_gesi_as_titian_attributes() -> None:
    (shelter, _legal) = to_hsds_json(create_directory())
    codes = {a["taxonomy_term"]["code"] for a in shelter["attributes"]}
    assert {"service-type:shelter", "gender-accepted:women", "accepts:stateless"} <= codes
    assert {"accepts:unaccompanied_children", "inclusion:lgbtqi_affirming", "cost:free"} <= codes
    assert "accessibility:sign_language" in codes
    assert all(a["taxonomy_term"]["taxonomy"] == "titian-gesi" for a in shelter["attributes"])
    jawi = next(lang for lang in shelter["languages"] if lang["name"] == "Malay (Jawi)")
    assert (jawi["code"], jawi["titian_bcp47_tag"]) == ("ms", "ms-Arab")
    assert jawi["attributes"][0]["taxonomy_term"]["code"] == "language-mode:interpretation"
    assert shelter["capacities"][0]["unit"]["name"] == "Bed"
    assert (shelter["minimum_age"], shelter["maximum_age"]) == (12, 60)


def test_export_is_stable() -> None:
    assert to_hsds_json(create_directory()) == to_hsds_json(create_directory())


def test_language_modes_survive() -> None:
    (shelter, _legal) = _via_json(create_directory()).services
    assert shelter.language_codes(LanguageMode.SPOKEN) == ("th",)
    assert shelter.language_codes(LanguageMode.INTERPRETATION) == ("my", "ms-Arab")


EXAMPLE_SOURCES = [
    *(p.name for p in sorted((FIXTURES / "json").glob("*.json"))),
    "csv",
]


def _example(name: str) -> Directory:
    if name == "csv":
        return parse_directory(read_hsds_csv_package(FIXTURES / "csv"))
    return parse_directory(read_hsds_json(FIXTURES / "json" / name))


@pytest.mark.parametrize("name", EXAMPLE_SOURCES)
def test_examples_round_trip_through_csv(name: str, tmp_path: Path) -> None:
    directory = _example(name)
    assert _via_csv(directory, tmp_path) == directory


@pytest.mark.parametrize("name", EXAMPLE_SOURCES)
def test_examples_round_trip_through_tabular_json(name: str) -> None:
    directory = _example(name)
    assert _via_tabular_json(directory) == directory


@pytest.mark.parametrize("name", ["service_full.json", "service_at_location_full.json"])
def test_full_service_examples_round_trip_through_json(name: str) -> None:
    directory = _example(name)
    assert _via_json(directory) == directory


def _subset(values: type) -> st.SearchStrategy[frozenset]:  # type: ignore[type-arg]
    return st.frozensets(st.sampled_from(list(values)))


profiles = st.builds(
    GesiProfile,
    genders_accepted=_subset(GenderAccepted),
    citizenship_accepted=_subset(CitizenshipAccepted),
    accepts_unaccompanied_children=st.booleans(),
    minimum_age=st.one_of(st.none(), st.integers(0, 17)),
    maximum_age=st.one_of(st.none(), st.integers(18, 130)),
    accessibility=_subset(AccessibilityFeature),
    lgbtqi_affirming=st.booleans(),
    service_types=_subset(ServiceType),
    cost=st.one_of(st.none(), st.sampled_from(list(CostType))),
)


@settings(max_examples=60, deadline=None)
@given(profile=profiles)
def test_any_gesi_profile_round_trips(profile: GesiProfile) -> None:
    base = create_directory()
    service = replace(base.services[1], gesi=profile)
    directory = replace(base, services=(base.services[0], service))
    assert _via_json(directory).services[1].gesi == profile


def test_every_taxonomy_term_can_be_exported() -> None:
    base = create_directory()
    full = GesiProfile(
        genders_accepted=frozenset(GenderAccepted),
        citizenship_accepted=frozenset(CitizenshipAccepted),
        accepts_unaccompanied_children=True,
        accessibility=frozenset(AccessibilityFeature),
        lgbtqi_affirming=True,
        service_types=frozenset(ServiceType),
        cost=CostType.FEE,
    )
    directory = replace(base, services=(replace(base.services[1], gesi=full),))
    (service,) = to_hsds_json(directory)
    exported = {a["taxonomy_term"]["code"] for a in service["attributes"]}
    expected = set(gesi_taxonomy().codes()) - {
        "cost:free",
        "cost:reduced",
        "language-mode:spoken",
        "language-mode:interpretation",
    }
    assert exported == expected
