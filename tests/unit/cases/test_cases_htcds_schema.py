"""HTCDS v2.0 export and the published profile JSON Schema."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from tests.unit.cases.cases_builders import make_profile

from titian.cases.htcds import VOCABULARY_FIELDS, htcds_gender, htcds_value_map, iso639_2, to_htcds
from titian.cases.profile import CaseProfile, profile_json_schema

SCHEMA_FILE = Path(__file__).resolve().parents[3] / "docs" / "schemas" / "case-profile.schema.json"

HTCDS_GENDERS = {
    "Feminine",
    "Masculine",
    "TransgenderFeminine",
    "TransgenderMasculine",
    "NonConforming",
    "NonSpecifiedUnknown",
}
HTCDS_EXPLOITATION = {
    "ForcedLabour",
    "SexualExploitation",
    "ChildLabour",
    "ForcedMarriage",
    "Servitude",
    "ForcedMilitaryByNonStateActors",
    "OrganRemoval",
    "ForcedBegging",
    "ForcedAdoption",
    "Surrogacy",
    "Other",
}


@pytest.mark.parametrize("field", sorted(VOCABULARY_FIELDS))
def test_every_vocabulary_member_is_mapped(field: str) -> None:
    mapping = htcds_value_map(field)
    assert set(mapping) == {m.value for m in VOCABULARY_FIELDS[field]}


def test_mapped_values_are_htcds_system_names() -> None:
    assert set(htcds_value_map("prs_Gender").values()) <= HTCDS_GENDERS
    assert set(htcds_value_map("vic_TypeOfExploitation").values()) == HTCDS_EXPLOITATION
    industries = {v for v in htcds_value_map("vic_ForcedLabourIndustry").values() if v}
    assert all(v[0].isupper() and v[1] == "_" for v in industries)


@pytest.mark.parametrize(
    ("changes", "special", "expected"),
    [
        ({"gender": "woman"}, False, "Feminine"),
        ({"gender": "man"}, False, "Masculine"),
        ({"gender": "non_binary"}, False, "NonConforming"),
        ({"gender": "another_term", "gender_term": "kathoey"}, False, "NonConforming"),
        ({"gender": "prefers_not_to_say"}, False, "NonSpecifiedUnknown"),
        ({}, False, "NonSpecifiedUnknown"),
        ({"gender": "woman", "sex_at_birth": "male"}, False, "Feminine"),
        ({"gender": "woman", "sex_at_birth": "male"}, True, "Feminine"),
        (
            {"gender": "woman", "sex_at_birth": "male", "sogiesc_consent": True},
            True,
            "TransgenderFeminine",
        ),
        (
            {"gender": "man", "sex_at_birth": "female", "sogiesc_consent": True},
            True,
            "TransgenderMasculine",
        ),
        ({"gender": "man", "sex_at_birth": "male", "sogiesc_consent": True}, True, "Masculine"),
    ],
)
def test_gender_and_derived_trans_status(
    changes: dict[str, Any], special: bool, expected: str
) -> None:
    assert htcds_gender(make_profile(**changes), include_special_category=special) == expected


def test_to_htcds_fields_and_extensions() -> None:
    profile = make_profile(
        gender="man",
        preferred_language="my",
        other_languages=["th"],
        citizenships=["MM"],
        identification_status="presumed",
        deciding_body="police",
        wg_ss={"hearing": "a_lot_of_difficulty"},
        trafficking={
            "exploitation_forms": ["forced_labour", "forced_criminality"],
            "means_of_control": ["debt_bondage", "withholds_documents"],
            "sectors": ["fishing", "agriculture", "online_scam"],
            "recruiter_relationship": "friend",
            "countries_of_exploitation": ["TH"],
            "age_when_trafficked": 17,
        },
        charges=[{"offence_type": "immigration", "description": "entered without papers"}],
        milestones=[{"milestone": "report", "on": date(2026, 1, 5)}],
    )
    record = to_htcds(profile)
    assert record["prs_Gender"] == "Masculine"
    assert record["prs_Citizenship"] == ["MM"]
    assert (record["prs_PrimaryLanguage"], record["prs_SecondaryLanguage"]) == ("mya", "tha")
    assert record["vic_TraffickingStatus"] == "PossibleVictimOfTrafficking"
    assert record["vic_TraffickingStatusDecisionMakingOrg"] == "Police"
    assert record["vic_RelationshipToTrafficker"] == "Acquainted"
    assert record["vic_TypeOfExploitation"] == ["ForcedLabour", "Other"]
    assert record["vic_MethodsOfControl"] == ["DebtBondage", "WithholdsDocuments"]
    assert record["vic_ForcedLabourIndustry"] == ["A_AgricultureForestryAndFishing"]
    assert record["vic_AgeWhenTrafficked"] == 17
    ext = record["titian_extensions"]
    assert ext["forced_criminality"] is True
    assert ext["identification_status"] == "presumed"
    assert ext["disability3"] is True
    assert ext["sectors"] == ["fishing", "agriculture", "online_scam"]
    assert ext["charges"] == [
        {"offence_type": "immigration", "non_punishment_applicable": None, "outcome": "pending"}
    ]
    assert ext["milestones"] == [{"milestone": "report", "on": "2026-01-05"}]
    json.dumps(record)  # plain JSON values only


def test_special_categories_left_out_by_default() -> None:
    profile = make_profile(sex_at_birth="female", sogiesc_consent=True, sogiesc={"lgbtqi": True})
    assert "sogiesc" not in to_htcds(profile)["titian_extensions"]
    assert "sex_at_birth" not in to_htcds(profile)["titian_extensions"]
    full = to_htcds(profile, include_special_category=True)["titian_extensions"]
    assert full["sogiesc"]["lgbtqi"] is True
    assert full["sex_at_birth"] == "female"


@pytest.mark.parametrize(
    ("tag", "code"), [("my", "mya"), ("ms", "msa"), ("ksw", "ksw"), ("fil", "fil")]
)
def test_iso639_2(tag: str, code: str) -> None:
    assert iso639_2(tag) == code


# --- the published JSON Schema -----------------------------------------------------------------


def test_committed_schema_matches_the_model() -> None:
    """Regenerate as docs/rights-checklist.md says ("The profile JSON Schema")."""
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == profile_json_schema()


def test_schema_accepts_a_full_profile_and_refuses_identifying_fields() -> None:
    schema = profile_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    profile = make_profile(
        gender="woman",
        wg_ss={"seeing": "some_difficulty"},
        sogiesc_consent=True,
        sogiesc={"lgbtqi": True},
        needs=["shelter", "legal_aid"],
    )
    validator.validate(profile.model_dump(mode="json"))
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**profile.model_dump(mode="json"), "full_name": "Someone"})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"gender": "female"})


def test_profile_round_trips_through_json() -> None:
    profile = make_profile(
        trafficking={"sectors": ["construction"]}, charges=[{"offence_type": "other"}]
    )
    assert CaseProfile.model_validate_json(profile.model_dump_json()) == profile
