"""The Titian profile: vocabularies, the ``titian-gesi`` taxonomy file, the published schema, and
how GESI facts are read from HSDS attributes."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from titian.services import vocab
from titian.services.hsds import (
    HsdsImportError,
    hsds_source_from_json,
    parse_directory,
    to_hsds_json,
)
from titian.services.hsds_gesi import term_json
from titian.services.hsds_model import DirectoryServiceArea, GesiProfile
from titian.services.hsds_taxonomy import gesi_taxonomy
from titian.services.vocab import (
    AccessibilityFeature,
    CitizenshipAccepted,
    CostType,
    GenderAccepted,
    GesiFacet,
    LanguageMode,
    ServiceType,
    WgDomain,
)

from .hsds_factories import create_directory, uid

ROOT = Path(__file__).resolve().parents[3]
DOC_SCHEMA = ROOT / "docs" / "schemas" / "hsds-titian-profile.schema.json"
PACKAGED_SCHEMA = (
    ROOT / "src" / "titian" / "services" / "hsds_schema" / "titian_profile.schema.json"
)


def test_service_type_values_match_the_issue() -> None:
    assert [t.value for t in ServiceType] == [
        "shelter", "medical", "psychosocial", "legal_aid", "interpretation", "livelihood",
        "education", "family_tracing", "repatriation_support", "compensation_claims",
        "case_management",
    ]  # fmt: skip


FACET_ENUMS: list[tuple[GesiFacet, set[str]]] = [
    (GesiFacet.GENDER_ACCEPTED, {v.value for v in GenderAccepted}),
    (
        GesiFacet.ACCEPTS,
        {v.value for v in CitizenshipAccepted} | {vocab.UNACCOMPANIED_CHILDREN},
    ),
    (GesiFacet.ACCESSIBILITY, {v.value for v in AccessibilityFeature}),
    (GesiFacet.SERVICE_TYPE, {v.value for v in ServiceType}),
    (GesiFacet.COST, {v.value for v in CostType}),
    (GesiFacet.LANGUAGE_MODE, {v.value for v in LanguageMode}),
    (GesiFacet.INCLUSION, {vocab.LGBTQI_AFFIRMING}),
]


@pytest.mark.parametrize(
    ("facet", "values"), FACET_ENUMS, ids=[str(facet.value) for facet, _ in FACET_ENUMS]
)
def test_taxonomy_file_and_enums_agree(facet: GesiFacet, values: set[str]) -> None:
    terms = {t.value for t in gesi_taxonomy().terms if t.facet is facet}
    assert terms == values


def test_every_facet_is_covered() -> None:
    assert {facet for facet, _ in FACET_ENUMS} == set(GesiFacet)


def test_accessibility_terms_cover_every_wg_domain() -> None:
    terms = [t for t in gesi_taxonomy().terms if t.facet is GesiFacet.ACCESSIBILITY]
    assert all(t.wg_domain is not None for t in terms)
    assert {t.wg_domain for t in terms} == set(WgDomain)


def test_ids_are_uuid5_of_the_codes() -> None:
    tax = gesi_taxonomy()
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, "urn:titian:hsds-profile")
    assert tax.id == str(uuid.uuid5(namespace, "titian-gesi"))
    shelter = tax.term(GesiFacet.SERVICE_TYPE, "shelter")
    assert shelter.id == str(uuid.uuid5(namespace, "service-type:shelter"))
    assert len({t.id for t in tax.terms}) == len(tax.terms)


def test_published_schema_is_the_packaged_one() -> None:
    assert DOC_SCHEMA.read_bytes() == PACKAGED_SCHEMA.read_bytes()


def test_published_schema_is_valid_2020_12_and_lists_every_code() -> None:
    schema = json.loads(DOC_SCHEMA.read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    codes = schema["$defs"]["taxonomy_term_row"]["then"]["properties"]["code"]["enum"]
    assert codes == list(gesi_taxonomy().codes())


@pytest.mark.parametrize(
    ("profile", "child_only", "domains"),
    [
        (GesiProfile(), False, set()),
        (GesiProfile(maximum_age=17), True, set()),
        (GesiProfile(minimum_age=18, maximum_age=18), False, set()),
        (
            GesiProfile(
                accessibility=frozenset(
                    {AccessibilityFeature.SIGN_LANGUAGE, AccessibilityFeature.CAPTIONED_OR_WRITTEN}
                )
            ),
            False,
            {WgDomain.HEARING},
        ),
        (
            GesiProfile(
                accessibility=frozenset(
                    {AccessibilityFeature.EASY_READ, AccessibilityFeature.PERSONAL_ASSISTANCE}
                )
            ),
            False,
            {WgDomain.COGNITION, WgDomain.SELF_CARE},
        ),
    ],
)
def test_profile_helpers(profile: GesiProfile, child_only: bool, domains: set[WgDomain]) -> None:
    assert profile.child_only is child_only
    assert profile.wg_domains() == domains


@pytest.mark.parametrize(
    ("area", "code"),
    [
        (DirectoryServiceArea("a", extent="TH-10", extent_type="text"), "TH-10"),
        (DirectoryServiceArea("a", extent="KH", extent_type="text"), "KH"),
        (DirectoryServiceArea("a", extent="Bangkok", extent_type="text"), None),
        (DirectoryServiceArea("a", extent="TH", extent_type="geojson"), None),
    ],
)
def test_iso_3166_areas(area: DirectoryServiceArea, code: str | None) -> None:
    assert area.iso_3166_code == code


def _service_with(attributes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    (shelter, _legal) = to_hsds_json(create_directory())
    shelter["attributes"] = attributes
    return [shelter]


def _attr(name: str, term: dict[str, Any] | None, term_id: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": uid(name), "link_type": "eligibility"}
    if term is not None:
        out["taxonomy_term"] = term
    if term_id is not None:
        out["taxonomy_term_id"] = term_id
    return out


def test_titian_terms_are_recognised_by_code_from_another_publisher() -> None:
    """A third party may give our terms its own ids: the code and taxonomy name decide."""
    term = {
        "id": uid("their-term"),
        "name": "Stateless",
        "description": "d",
        "code": "accepts:stateless",
        "taxonomy": "titian-gesi",
    }
    source = hsds_source_from_json(_service_with([_attr("a", term)]), "x.json", kind="service")
    gesi = parse_directory(source).services[0].gesi
    assert gesi.citizenship_accepted == {CitizenshipAccepted.STATELESS}
    assert gesi.genders_accepted == frozenset()


def test_titian_terms_are_recognised_by_id_alone() -> None:
    shelter = gesi_taxonomy().term(GesiFacet.SERVICE_TYPE, "legal_aid")
    attrs = [_attr("a", None, shelter.id)]
    source = hsds_source_from_json(_service_with(attrs), "x.json", kind="service")
    assert parse_directory(source).services[0].gesi.service_types == {ServiceType.LEGAL_AID}


def test_other_taxonomies_are_kept_as_plain_attributes() -> None:
    term = {"id": uid("openeligibility"), "name": "Food", "description": "d", "code": "1103"}
    source = hsds_source_from_json(_service_with([_attr("a", term)]), "x.json", kind="service")
    directory = parse_directory(source)
    (service,) = directory.services
    assert service.gesi.service_types == frozenset()
    assert service.attributes[0].taxonomy_term_id == term["id"]
    assert directory.taxonomy_terms[0].code == "1103"


def test_unknown_titian_code_by_taxonomy_id_is_an_error() -> None:
    term = {**term_json(gesi_taxonomy().terms[0]), "code": "accepts:aliens", "taxonomy": "x"}
    source = hsds_source_from_json(_service_with([_attr("a", term)]), "x.json", kind="service")
    with pytest.raises(HsdsImportError) as caught:
        parse_directory(source)
    assert [(e.row, e.field) for e in caught.value.errors] == [
        (0, "attributes[0].taxonomy_term_id")
    ]
    assert "accepts:aliens" in caught.value.errors[0].message


def test_unknown_titian_code_with_the_taxonomy_name_is_a_schema_error() -> None:
    term = {**term_json(gesi_taxonomy().terms[0]), "code": "accepts:aliens"}
    source = hsds_source_from_json(_service_with([_attr("a", term)]), "x.json", kind="service")
    assert [(e.row, e.field) for e in source.errors] == [(0, "attributes[0].taxonomy_term.code")]


def test_every_taxonomy_code_is_documented() -> None:
    doc = (ROOT / "docs" / "hsds-profile.md").read_text("utf-8")
    missing = [code for code in gesi_taxonomy().codes() if f"`{code}`" not in doc]
    assert missing == []
