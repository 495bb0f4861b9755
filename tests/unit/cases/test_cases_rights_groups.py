"""Checklist tables per group (issue 3 acceptance): the items derived and their due dates.

Identification on 2 March 2026, test day limits: rights information 3, interpreter 1, guardian 5,
recovery services 7, detention review 2, reflection 30, risk assessment 14.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.unit.cases.cases_builders import (
    IDENTIFIED_ON,
    TODAY,
    country_with_test_limits,
    make_profile,
)

from titian.cases.rights import ChecklistItem, derive_checklist

D = IDENTIFIED_ON  # 2026-03-02
R3, I1, G5, S7, X2, P30, K14 = (
    date(2026, 3, 5),
    date(2026, 3, 3),
    date(2026, 3, 7),
    date(2026, 3, 9),
    date(2026, 3, 4),
    date(2026, 4, 1),
    date(2026, 3, 16),
)

EVERYONE: dict[str, date | None] = {
    "C8.rights_information": R3,
    "C9.recovery_services_offer": S7,
    "C4.record_language": I1,
    "C5.ask_gender_preference": R3,
}
CHILD: dict[str, date | None] = {
    "child.guardian": G5,
    "child.assent": None,
    "child.friendly_interview": None,
    "child.indicator_screening": None,
    "child.child_services": S7,
}
MINORITY_LANGUAGE: dict[str, date | None] = {
    "C4.interpreter_own_language": I1,
    "C4.interpreter_screening": I1,
    "C8.material_in_language": R3,
}
MIGRANT: dict[str, date | None] = {
    "C13.ask_origin_objection": R3,
    "migrant.reflection_period": P30,
    "C12.risk_assessment": K14,
}
LGBTQI: dict[str, date | None] = {
    "lgbtqi.affirming_services": S7,
    "lgbtqi.shelter_by_wishes": S7,
    "lgbtqi.name_and_pronouns": None,
    "lgbtqi.sogiesc_not_shared": None,
}
MALE: dict[str, date | None] = {"C10.male_shelter": S7, "C7.non_punishment_review": None}
SAME_GENDER: dict[str, date | None] = {"C5.same_gender_staff": None}

LGBTQI_DISCLOSED: dict[str, Any] = {"sogiesc_consent": True, "sogiesc": {"lgbtqi": True}}


def _derive(country: str = "TH", **profile: Any) -> dict[str, ChecklistItem]:
    items = derive_checklist(make_profile(**profile), country_with_test_limits(country), D, TODAY)
    return {item.item_id: item for item in items}


def _due(items: dict[str, ChecklistItem]) -> dict[str, date | None]:
    return {item_id: item.due_on for item_id, item in items.items()}


GROUP_CASES = [
    # --- women and girls ---
    pytest.param(
        {"gender": "woman", "interviewer_gender_preference": "female"},
        {**EVERYONE, **SAME_GENDER},
        id="woman-prefers-female-staff",
    ),
    pytest.param(
        {"gender": "woman", "interviewer_gender_preference": None},
        {**EVERYONE, "women.female_staff_offer": R3},
        id="woman-preference-not-yet-asked",
    ),
    pytest.param(
        {
            "gender": "woman",
            "date_of_birth": date(2011, 1, 9),
            "interviewer_gender_preference": "female",
        },
        {**EVERYONE, **SAME_GENDER, **CHILD},
        id="girl-15",
    ),
    # --- men and boys ---
    pytest.param({"gender": "man"}, {**EVERYONE, **MALE}, id="man"),
    pytest.param(
        {"gender": "man", "date_of_birth": None, "age_band": "9-17"},
        {**EVERYONE, **MALE, **CHILD, "child.establish_age": None},
        id="boy-estimated-9-17",
    ),
    pytest.param(
        {
            "gender": "man",
            "custody_status": "immigration_detention",
            "charges": [{"offence_type": "immigration"}],
        },
        {**EVERYONE, **MALE, "C6.release_from_detention": X2},
        id="man-presumed-victim-in-immigration-detention",
    ),
    pytest.param(
        {"gender": "man", "interviewer_gender_preference": "male"},
        {**EVERYONE, **MALE, **SAME_GENDER},
        id="man-prefers-male-staff",
    ),
    # --- ethnic minorities (language) ---
    pytest.param(
        {"preferred_language": "ksw", "ethnicity_code": "karen"},
        {**EVERYONE, **MINORITY_LANGUAGE},
        id="karen-speaker-thai-citizen",
    ),
    pytest.param(
        {"preferred_language": "tts", "other_languages": ["th"], "ethnicity_code": "isan"},
        {**EVERYONE, **MINORITY_LANGUAGE},
        id="isan-speaker-not-matched-to-thai",
    ),
    pytest.param({"preferred_language": "th-TH"}, EVERYONE, id="thai-speaker-no-interpreter"),
    # --- migrants and stateless people ---
    pytest.param(
        {"citizenships": ["MM"], "preferred_language": "my"},
        {**EVERYONE, **MIGRANT, **MINORITY_LANGUAGE},
        id="myanmar-national-objection-not-asked",
    ),
    pytest.param(
        {
            "citizenships": ["LA"],
            "preferred_language": "lo",
            "objects_to_origin_notification": False,
        },
        {**EVERYONE, **MIGRANT, **MINORITY_LANGUAGE, "C13.consular_notice": None},
        id="lao-national-no-objection",
    ),
    pytest.param(
        {
            "citizenships": ["KH"],
            "preferred_language": "km",
            "objects_to_origin_notification": True,
        },
        {**EVERYONE, **MIGRANT, **MINORITY_LANGUAGE},
        id="cambodian-national-objects",
    ),
    pytest.param(
        {
            "citizenship_status": "stateless",
            "citizenships": [],
            "migration_statuses": ["stateless_person"],
            "preferred_language": "rhg",
        },
        {
            **EVERYONE,
            **MINORITY_LANGUAGE,
            "C12.risk_assessment": K14,
            "stateless.protection_referral": S7,
            "stateless.return_destination": None,
        },
        id="stateless-rohingya",
    ),
    # --- LGBTQI people ---
    pytest.param(LGBTQI_DISCLOSED, {**EVERYONE, **LGBTQI}, id="lgbtqi-disclosed-with-consent"),
    pytest.param(
        {"sogiesc_consent": True, "sogiesc": {"lgbtqi": False}},
        EVERYONE,
        id="sogiesc-consent-not-lgbtqi",
    ),
    pytest.param(
        {"gender": "non_binary", "pronouns": "they"},
        EVERYONE,
        id="non-binary-without-sogiesc-consent-gets-no-disclosure-based-items",
    ),
    # --- children ---
    pytest.param(
        {"date_of_birth": None},
        {**EVERYONE, **CHILD, "child.establish_age": None},
        id="no-age-at-all-presumed-child",
    ),
    pytest.param(
        {"date_of_birth": None, "age_band": "18-20"},
        {**EVERYONE, **CHILD, "child.establish_age": None},
        id="estimated-18-20-presumed-child",
    ),
    pytest.param(
        {"date_of_birth": None, "age_band": "18-20", "age_established": True},
        EVERYONE,
        id="established-18-20-adult",
    ),
    pytest.param(
        {"date_of_birth": None, "age_band": "21-23"}, EVERYONE, id="estimated-21-23-adult"
    ),
    pytest.param(
        {"date_of_birth": date(2008, 3, 3)},
        {**EVERYONE, **CHILD},
        id="eighteenth-birthday-tomorrow-child",
    ),
    pytest.param({"date_of_birth": date(2008, 3, 2)}, EVERYONE, id="eighteen-today-adult"),
]


@pytest.mark.parametrize(("profile", "expected"), GROUP_CASES)
def test_items_and_due_dates_per_group(profile: dict[str, Any], expected: dict[str, Any]) -> None:
    assert _due(_derive(**profile)) == expected


WG_DOMAINS = [
    ("seeing", R3),
    ("hearing", I1),
    ("mobility", S7),
    ("cognition", R3),
    ("self_care", S7),
    ("communication", I1),
]


@pytest.mark.parametrize(("domain", "due"), WG_DOMAINS)
@pytest.mark.parametrize("answer", ["a_lot_of_difficulty", "cannot_do_at_all", "some_difficulty"])
def test_disability_accommodation_per_wg_domain(domain: str, due: date, answer: str) -> None:
    items = _derive(wg_ss={domain: answer})
    assert _due(items) == {**EVERYONE, f"access.{domain}": due}
    assert items[f"access.{domain}"].details["domain"] == domain
    assert items[f"access.{domain}"].details["wg_level"] == answer


@pytest.mark.parametrize("domain", [d for d, _ in WG_DOMAINS])
@pytest.mark.parametrize("answer", ["no_difficulty", "refused", "dont_know"])
def test_no_accommodation_without_difficulty(domain: str, answer: str) -> None:
    assert _due(_derive(wg_ss={domain: answer})) == EVERYONE


def test_several_domains_give_one_item_each() -> None:
    answers = {
        "seeing": "some_difficulty",
        "hearing": "cannot_do_at_all",
        "mobility": "no_difficulty",
    }
    items = _derive(wg_ss=answers)
    assert {i for i in items if i.startswith("access.")} == {"access.seeing", "access.hearing"}


def test_communication_accommodation_names_the_usual_language() -> None:
    items = _derive(preferred_language="ksw", wg_ss={"communication": "a_lot_of_difficulty"})
    assert items["access.communication"].details["language"] == "ksw"


def test_interpreter_item_names_the_language_to_provide() -> None:
    items = _derive(preferred_language="hnj")
    assert items["C4.interpreter_own_language"].details == {"language": "hnj"}


def test_written_material_uses_the_written_language_when_recorded() -> None:
    items = _derive(preferred_language="ms", written_language="ms-Arab", citizenships=["MY"])
    assert items["C8.material_in_language"].details == {"written_language": "ms-Arab"}


def test_same_gender_item_names_the_preference() -> None:
    items = _derive(interviewer_gender_preference="female")
    assert items["C5.same_gender_staff"].details == {"gender_preference": "female"}


def test_lgbtqi_items_hidden_where_country_hides_sogiesc() -> None:
    items = _derive(country="MY", citizenships=["MY"], preferred_language="ms", **LGBTQI_DISCLOSED)
    assert not [i for i in items if i.startswith("lgbtqi.")]


def test_malay_speaker_in_malaysia_needs_no_interpreter_even_as_zsm() -> None:
    items = _derive(country="MY", citizenships=["MY"], preferred_language="zsm")
    assert "C4.interpreter_own_language" not in items


def test_singapore_mandarin_speaker_matches_official_chinese() -> None:
    items = _derive(country="SG", citizenships=["SG"], preferred_language="cmn")
    assert "C4.interpreter_own_language" not in items


def test_detention_of_a_possible_victim_is_not_a_c6_item() -> None:
    items = _derive(identification_status="possible", custody_status="police_cell")
    assert "C6.release_from_detention" not in items
    assert "C7.non_punishment_review" in items


def test_not_a_victim_gets_no_items() -> None:
    assert _derive(identification_status="not_a_victim") == {}


def test_due_dates_follow_the_country_settings() -> None:
    items = derive_checklist(
        make_profile(citizenships=["MM"], preferred_language="my"),
        country_with_test_limits("TH").model_copy(
            update={
                "day_limits": country_with_test_limits().day_limits.model_copy(
                    update={"reflection_period": 90}
                )
            }
        ),
        D,
        TODAY,
    )
    by_id = {i.item_id: i for i in items}
    assert by_id["migrant.reflection_period"].due_on == date(2026, 5, 31)
