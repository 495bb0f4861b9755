"""Recognising the CTDC generation of a header, and the generation files themselves."""

from __future__ import annotations

import pytest
from tests.fixtures import ctdc_gen as gen

from titian.analytics.ctdc import CtdcImportError, Generation
from titian.analytics.ctdc.detect import (
    ColumnKind,
    available_flags,
    detect_generation,
    generation_specs,
    known_column_names,
    parser_for,
)


@pytest.mark.parametrize(
    ("header", "generation"),
    [
        (gen.K_ANONYMISED_COLUMNS, Generation.K_ANONYMISED),
        (gen.K_ANONYMISED_62_COLUMNS, Generation.K_ANONYMISED),
        (gen.SYNTHETIC_2021_COLUMNS, Generation.SYNTHETIC_2021),
        (gen.SYNTHETIC_2024_COLUMNS, Generation.SYNTHETIC_2024),
        (gen.VICTIM_PERPETRATOR_COLUMNS, Generation.VICTIM_PERPETRATOR_2022),
    ],
)
def test_documented_headers_are_recognised(header: tuple[str, ...], generation: Generation) -> None:
    detection = detect_generation(header)
    assert detection.generation is generation
    assert detection.missing_required == ()


def test_names_match_case_insensitively() -> None:
    header = ["MajorityEntry" if c == "majorityEntry" else c for c in gen.K_ANONYMISED_COLUMNS]
    header = ["CountryofExploitation" if c == "CountryOfExploitation" else c for c in header]
    detection = detect_generation(header)
    assert detection.matched["majorityEntry"] == "MajorityEntry"
    assert detection.matched["CountryOfExploitation"] == "CountryofExploitation"
    assert detection.extras == ()


def test_k_anonymised_62_columns_lacks_only_the_optional_slavery_flag() -> None:
    detection = detect_generation(gen.K_ANONYMISED_62_COLUMNS)
    assert detection.missing_optional == ("isSlaveryAndPractices",)
    assert detection.order_matches_documentation


@pytest.mark.parametrize(
    ("header", "old", "new", "generation"),
    [
        (
            gen.SYNTHETIC_2021_COLUMNS,
            "meansOfControlThreatOfLawEnforce",
            "meansOfControlThreatOfLawEnforcement",
            Generation.SYNTHETIC_2021,
        ),
        (
            gen.K_ANONYMISED_COLUMNS,
            "meansOfControlThreatOfLawEnforcement",
            "meansOfControlThreatOfLawEnforce",
            Generation.K_ANONYMISED,
        ),
        (
            gen.SYNTHETIC_2024_COLUMNS,
            "meansWithholdDocs",
            "meansWithholdDocuments",
            Generation.SYNTHETIC_2024,
        ),
    ],
)
def test_documented_alternative_spellings_are_accepted(
    header: tuple[str, ...], old: str, new: str, generation: Generation
) -> None:
    renamed = [new if c == old else c for c in header]
    detection = detect_generation(renamed)
    assert detection.generation is generation
    assert detection.matched[old] == new
    assert detection.missing_required == ()


def test_unknown_columns_are_kept_as_extras_and_break_documented_order() -> None:
    detection = detect_generation([*gen.SYNTHETIC_2021_COLUMNS, "myNote"])
    assert detection.extras == ("myNote",)
    assert not detection.order_matches_documentation


def test_missing_required_columns_are_listed() -> None:
    header = [c for c in gen.SYNTHETIC_2021_COLUMNS if c not in ("gender", "typeOfSexOther")]
    assert detect_generation(header).missing_required == ("gender", "typeOfSexOther")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["yearOfRegistration", "gender", "ageBroad"], "matches: none"),
        (
            [*gen.K_ANONYMISED_COLUMNS, "IP_Gender"],
            "matches: k_anonymised, victim_perpetrator_2022",
        ),
        (["yearOfRegistration", "sectorOfLabourAgriculture", "meansThreats"], "2025 onwards"),
        (["yearOfRegistration", "typeOfExploitationOrganRemoval"], "2025 onwards"),
    ],
)
def test_unrecognised_ambiguous_or_unsupported_headers_are_refused(
    header: list[str], message: str
) -> None:
    with pytest.raises(CtdcImportError, match=message):
        detect_generation(header)


@pytest.mark.parametrize(
    ("generation", "listed", "required"),
    [
        (Generation.SYNTHETIC_2021, 37, 37),
        (Generation.SYNTHETIC_2024, 27, 27),
        (Generation.K_ANONYMISED, 63, 62),
    ],
)
def test_generation_files_hold_the_documented_column_counts(
    generation: Generation, listed: int, required: int
) -> None:
    spec = generation_specs()[generation]
    assert len(spec.columns) == listed
    assert sum(c.required for c in spec.columns) == required == spec.documented_columns


def test_every_generation_file_loads() -> None:
    assert set(generation_specs()) == set(Generation)
    assert "yearofregistration" in known_column_names()


@pytest.mark.parametrize(
    ("generation", "present", "absent"),
    [
        (Generation.SYNTHETIC_2021, "means_threats", "control_uses_children"),
        (Generation.SYNTHETIC_2024, "means_threats", "control_threats"),
        (Generation.K_ANONYMISED, "recruiter_htcds_acquainted", "sex_other"),
        (Generation.VICTIM_PERPETRATOR_2022, "exploitation_other", "recruiter_family"),
    ],
)
def test_available_flags_include_derived_unions(
    generation: Generation, present: str, absent: str
) -> None:
    flags = available_flags(generation)
    assert present in flags
    assert absent not in flags


def test_text_columns_are_only_the_free_text_ones() -> None:
    spec = generation_specs()[Generation.K_ANONYMISED]
    text = [c.name for c in spec.columns if c.kind is ColumnKind.TEXT]
    assert text == [
        "meansOfControlConcatenated",
        "typeOfExploitConcatenated",
        "typeOfLabourConcatenated",
        "typeOfSexConcatenated",
        "RecruiterRelationship",
    ]


def _parse(generation: Generation, column: str, value: str) -> dict[str, object] | None:
    spec = generation_specs()[generation]
    col = next(c for c in spec.columns if c.name == column)
    parse, _, _ = parser_for(col, spec)
    return parse(value)


UNKNOWN = None
K, S21, S24, VP = (
    Generation.K_ANONYMISED,
    Generation.SYNTHETIC_2021,
    Generation.SYNTHETIC_2024,
    Generation.VICTIM_PERPETRATOR_2022,
)


@pytest.mark.parametrize(
    ("generation", "column", "value", "parsed"),
    [
        (K, "isForcedLabour", "1", {"exploitation_forced_labour": True}),
        (K, "isForcedLabour", "1.0", {"exploitation_forced_labour": True}),
        (K, "isForcedLabour", "0", {"exploitation_forced_labour": False}),
        (K, "isForcedLabour", "-99", {"exploitation_forced_labour": None}),
        (K, "isForcedLabour", "unknown", {"exploitation_forced_labour": None}),
        (K, "isForcedLabour", "2", UNKNOWN),
        (S21, "isForcedLabour", "", {"exploitation_forced_labour": None}),
        (S21, "isForcedLabour", "0", UNKNOWN),
        (S21, "yearOfRegistration", "2002", {"year_of_registration": 2002}),
        (S21, "yearOfRegistration", "2021.0", {"year_of_registration": 2021}),
        (S21, "yearOfRegistration", "2021.5", UNKNOWN),
        (S21, "gender", "female", {"gender_htcds": "Feminine", "gender_ctdc": "Female"}),
        (S24, "gender", "Man", {"gender_htcds": "Masculine", "gender_ctdc": "Man"}),
        (S24, "gender", "Male", UNKNOWN),
        (K, "Datasource", "case Management", {"datasource": "CaseManagement"}),
        (K, "majorityStatus", "Minor", {"minor_at_registration": True}),
        (K, "majorityStatus", "Unknown", {"minor_at_registration": None}),
        (K, "citizenship", "ZZ",
         {"citizenship_alpha2": None, "citizenship_alpha3": None, "citizenship_asean": None}),
        (K, "citizenship", "PHL", UNKNOWN),
        (S21, "citizenship", "KHM",
         {"citizenship_alpha2": "KH", "citizenship_alpha3": "KHM", "citizenship_asean": True}),
        (S21, "traffickMonths", "61+",
         {"traffick_months_band": "61+", "traffick_months_lower": 61,
          "traffick_months_upper": None}),
        (S24, "traffickMonths", "61+ (5+ yrs)", UNKNOWN),
        (VP, "citizenshipRegion", "oceania",
         {"citizenship_region": "Oceania"}),
        (VP, "citizenshipRegion", "Atlantis", UNKNOWN),
    ],
)  # fmt: skip
def test_value_parsers_accept_only_the_generation_value_sets(
    generation: Generation, column: str, value: str, parsed: dict[str, object] | None
) -> None:
    assert _parse(generation, column, value) == parsed
