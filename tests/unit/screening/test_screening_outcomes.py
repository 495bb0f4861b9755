"""Tables of synthetic answer sets and the outcome each must get, for adults and children."""

from __future__ import annotations

from typing import Any

import pytest

from titian.screening.answers import MigrationStatus
from titian.screening.catalogue import CatalogueStatus
from titian.screening.indicators import AgeBasis, Outcome, ScreeningError, score

from .factory import create_answers

NI = Outcome.NOT_INDICATED
EM = Outcome.EXPLOITED_MIGRANT
RME = Outcome.RECRUITMENT_MEANS_AND_EXPLOITATION
PV = Outcome.PRESUMED_VICTIM
PCV = Outcome.PRESUMED_CHILD_VICTIM

D1_POS = ("d1.nature_job_location_employer", "d1.wages")  # S + M
D2_POS = ("d2.threat_inform", "d2.withhold_money", "d2.isolation")  # 3 M (adult)
D3_POS = ("d3.economic", "d3.lack_information", "d3.beliefs")  # 2 M + W (adult)
D4_POS = ("d4.excessive_hours", "d4.low_no_salary")  # S + M
D5_POS = ("d5.documents", "d5.isolation")  # 2 S
D6_POS = ("d6.economic", "d6.family_situation", "d6.unknown_area")  # 3 M

ADULT_LABOUR: list[tuple[str, tuple[str, ...], Outcome]] = [
    ("nothing observed", (), NI),
    ("weak alone never counts", ("d1.education", "d4.no_education", "d5.threat_inform"), NI),
    ("one strong alone", ("d4.excessive_hours",), NI),
    ("two medium alone", ("d4.bad_living", "d4.hazardous"), NI),
    ("D4 strong + medium", D4_POS, EM),
    ("D4 strong + weak", ("d4.excessive_hours", "d4.no_education"), EM),
    ("D4 three medium", ("d4.bad_living", "d4.hazardous", "d4.wage_manipulation"), EM),
    ("D4 two medium + weak", ("d4.bad_living", "d4.hazardous", "d4.no_education"), EM),
    ("D5 alone, two strong", ("d5.documents", "d5.debt_bondage"), NI),
    ("D4 + D5, recruitment unknown", D4_POS + D5_POS, EM),
    ("D1 + D4", D1_POS + D4_POS, RME),
    ("D2 + D4", D2_POS + D4_POS, RME),
    ("D3 + D4", D3_POS + D4_POS, RME),
    ("D1 + D4 + D5", D1_POS + D4_POS + D5_POS, PV),
    ("D2 + D4 + D6", D2_POS + D4_POS + D6_POS, PV),
    ("D3 + D4 + D5 + D6", D3_POS + D4_POS + D5_POS + D6_POS, PV),
    ("means everywhere but no exploitation", D1_POS + D2_POS + D5_POS + D6_POS, NI),
]


@pytest.mark.parametrize(
    ("case", "observed", "expected"), ADULT_LABOUR, ids=[c[0] for c in ADULT_LABOUR]
)
def test_adult_labour_outcomes(case: str, observed: tuple[str, ...], expected: Outcome) -> None:
    result = score(create_answers(*observed, age=34))
    assert result.outcome is expected, case
    assert result.is_presumed_victim == (expected is PV)
    assert result.catalogue.list_id == "A_L"


CHILD_LABOUR: list[tuple[str, dict[str, Any], tuple[str, ...], Outcome]] = [
    ("nothing observed", {"age": 15}, (), NI),
    ("act + exploitation, no means", {"age": 15, "acts": ["recruitment"]}, D4_POS, PCV),
    ("harbouring + exploitation", {"age": 12, "acts": ["harbouring"]}, D4_POS, PCV),
    ("exploitation, no act recorded", {"age": 15}, D4_POS, EM),
    ("act inferred from a D1 answer", {"age": 15}, ("d1.wages", *D4_POS), PCV),
    ("act, no exploitation", {"age": 15, "acts": ["transportation"]}, D5_POS, NI),
    (
        "uncertain age presumed a child",
        {"age": 40, "age_uncertain": True, "acts": ["receipt"]},
        D4_POS,
        PCV,
    ),
    ("unknown age presumed a child", {"age": None, "acts": ["transfer"]}, D4_POS, PCV),
    ("17 is a child", {"age": 17, "acts": ["recruitment"]}, D4_POS, PCV),
    ("18 is an adult", {"age": 18, "acts": ["recruitment"]}, D4_POS, EM),
    ("full adult pattern", {"age": 16}, D1_POS + D4_POS + D5_POS, PCV),
    (
        "child weights: education strong",
        {"age": 16},
        ("d1.education", "d1.wages", "d4.excessive_hours", "d4.hazardous"),
        PCV,
    ),
    (
        "adult weights: education weak",
        {"age": 30},
        ("d1.education", "d1.wages", "d4.excessive_hours", "d4.hazardous"),
        EM,
    ),
    (
        "child: threats strong in D5",
        {"age": 16, "acts": ["recruitment"]},
        ("d5.threat_violence", "d5.strong_influence"),
        NI,
    ),
]


@pytest.mark.parametrize(
    ("case", "fields", "observed", "expected"), CHILD_LABOUR, ids=[c[0] for c in CHILD_LABOUR]
)
def test_child_labour_outcomes(
    case: str, fields: dict[str, Any], observed: tuple[str, ...], expected: Outcome
) -> None:
    result = score(create_answers(*observed, **fields))
    assert result.outcome is expected, case
    assert result.is_presumed_victim == (expected is PCV)
    assert result.catalogue.list_id == ("C_L" if result.screened_as_child else "A_L")


def test_child_d5_two_strong_is_positive_on_the_child_list_only() -> None:
    observed = ("d5.threat_violence", "d5.strong_influence")
    child = score(create_answers(*observed, age=16)).dimensions[4]
    adult = score(create_answers(*observed, age=30)).dimensions[4]
    assert (child.positive, child.strong) == (True, 2)
    assert (adult.positive, adult.medium) == (False, 2)


@pytest.mark.parametrize(
    ("fields", "basis"),
    [
        ({"age": 30}, AgeBasis.ADULT),
        ({"age": 10}, AgeBasis.UNDER_18),
        ({"age": 30, "age_uncertain": True}, AgeBasis.AGE_UNCERTAIN),
        ({"age": None}, AgeBasis.AGE_UNKNOWN),
    ],
)
def test_age_basis(fields: dict[str, Any], basis: AgeBasis) -> None:
    result = score(create_answers(**fields))
    assert result.age_basis is basis
    assert result.screened_as_child == (basis is not AgeBasis.ADULT)


def test_irregular_status_adds_the_legal_status_indicator() -> None:
    observed = (*D3_POS, *D4_POS, "d6.economic", "d6.family_situation")
    regular = score(create_answers(*observed, migration_status=MigrationStatus.REGULAR_MIGRANT))
    irregular = score(create_answers(*observed, migration_status="irregular_migrant"))
    assert regular.outcome is RME
    assert irregular.outcome is PV
    d6 = irregular.dimensions[5]
    fired = [(f.id, f.fired_by) for f in d6.fired]
    assert fired[-1] == ("d6.authorities_status", "migration_status")


def test_irregular_status_overrides_a_no_answer_on_legal_status() -> None:
    answers = create_answers(
        "d6.economic", absent=["d6.authorities_status"], migration_status="irregular_migrant"
    )
    assert any(f.id == "d6.authorities_status" for f in score(answers).dimensions[5].fired)


OTHER_FORMS: list[tuple[str, dict[str, Any], tuple[str, ...], Outcome, str]] = [
    (
        "adult forced marriage: purpose only",
        {"age": 25, "other_form": "forced_marriage"},
        ("fm.no_free_consent", "fm.household_servitude"),
        EM,
        "A_FM",
    ),
    (
        "adult forced marriage: deception",
        {"age": 25, "other_form": "forced_marriage"},
        (
            "fm.no_free_consent",
            "fm.household_servitude",
            "d1.marriage_adoption",
            "d1.nature_job_location_employer",
        ),
        RME,
        "A_FM",
    ),
    (
        "adult forced marriage: kept in it",
        {"age": 25, "other_form": "forced_marriage"},
        (
            "fm.no_free_consent",
            "fm.household_servitude",
            *D1_POS,
            "fm.cannot_leave",
            "d5.isolation",
        ),
        PV,
        "A_FM",
    ),
    (
        "child marriage with an act",
        {"age": 14, "other_form": "forced_marriage", "acts": ["transfer"]},
        ("fm.child_marriage", "fm.imposed_sexual_relations"),
        PCV,
        "C_FM",
    ),
    (
        "child forced criminality",
        {"age": 16, "other_form": "forced_criminality", "acts": ["recruitment"]},
        ("fc.made_to_offend", "fc.quotas_punished"),
        PCV,
        "C_FC",
    ),
    (
        "adult forced criminality, scam compound",
        {"age": 28, "other_form": "forced_criminality"},
        ("fc.made_to_offend", "fc.proceeds_taken", *D1_POS, *D5_POS),
        PV,
        "A_FC",
    ),
    (
        "adult organ removal",
        {"age": 35, "other_form": "organ_removal"},
        (
            "or.organ_removed",
            "or.payment_withheld",
            "or.deceived_procedure",
            "d1.wages",
            "d1.contract",
        ),
        RME,
        "A_OR",
    ),
]


@pytest.mark.parametrize(
    ("case", "fields", "observed", "expected", "list_id"),
    OTHER_FORMS,
    ids=[c[0] for c in OTHER_FORMS],
)
def test_other_forms_use_supplementary_questions_on_the_labour_list(
    case: str, fields: dict[str, Any], observed: tuple[str, ...], expected: Outcome, list_id: str
) -> None:
    result = score(create_answers(*observed, kind="other", **fields))
    assert result.outcome is expected, case
    assert result.catalogue.list_id == list_id
    assert result.base_catalogue is not None
    assert result.base_catalogue.list_id == list_id[0] + "_L"


@pytest.mark.parametrize(("age", "list_id"), [(30, "A_S"), (15, "C_S")])
def test_sexual_lists_are_incomplete_and_never_replaced_by_the_labour_list(
    age: int, list_id: str
) -> None:
    answers = create_answers("d5.forced_tasks_clients", *D4_POS, age=age, kind="sexual")
    result = score(answers)
    assert result.catalogue.list_id == list_id
    assert result.catalogue.status is CatalogueStatus.INCOMPLETE
    assert result.base_catalogue is None
    assert "d4.excessive_hours" in result.not_on_list
    assert result.outcome is NI
    assert any("INCOMPLETE" in line for line in result.explanation)


def test_unknown_indicator_id_is_refused_naming_the_field() -> None:
    with pytest.raises(ScreeningError, match=r"observed\[1\]: unknown indicator id 'd4.typo'"):
        score(create_answers("d4.excessive_hours", "d4.typo"))
    with pytest.raises(ScreeningError, match=r"absent\[0\]"):
        score(create_answers(absent=["zz.nothing"]))


def test_answered_and_unknown_counts() -> None:
    result = score(create_answers(*D4_POS, absent=["d4.hazardous", "d1.wages"]))
    d1, d4 = result.dimensions[0], result.dimensions[3]
    assert (d1.on_list, d1.answered, d1.unknown) == (10, 1, 9)
    assert (d4.on_list, d4.answered, d4.unknown) == (9, 3, 6)
    assert result.unknown_count == 67 - 4
