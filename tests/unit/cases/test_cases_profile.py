"""The profile model and its pure rules: languages, WG-SS, minority, country checks."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from tests.unit.cases.cases_builders import country_with_test_limits, make_profile

from titian.cases.profile import (
    SPECIAL_CATEGORY_FIELDS,
    LanguageMatch,
    country_problems,
    erase_sogiesc,
    is_foreign_national,
    is_official_language,
    is_stateless,
    language_match,
    lgbtqi_disclosed,
    minor_status,
    normalize_language,
    primary_language,
    wg_ss_status,
    wg_ss_wording,
    without_special_categories,
    written_script,
)
from titian.cases.vocab import AgeBand, MinorStatus, WgAnswer, WgDomain
from titian.countries.registry import get_country

TODAY = date(2026, 3, 2)

# --- languages (languages.md) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("zsm", "ms"),
        ("mya", "my"),
        ("ind", "id"),
        ("bur", "my"),
        ("may", "ms"),
        ("chi", "zh"),
        ("khm", "km"),
        ("lao", "lo"),
        ("tha", "th"),
        ("vie", "vi"),
        ("cmn", "zh"),
        ("tgl", "fil"),
        ("fil", "fil"),
        ("tet", "tet"),
        ("ksw", "ksw"),
        ("EN-us", "en-US"),
        ("ms-Arab-BN", "ms-Arab-BN"),
        ("zsm-Arab", "ms-Arab"),
        ("zh-Hant", "zh-Hant"),
        (" th ", "th"),
    ],
)
def test_normalize_language(tag: str, expected: str) -> None:
    assert normalize_language(tag) == expected


@pytest.mark.parametrize("tag", ["", "und", "en--US", "a", "x-foo", "zz-notalanguage-!"])
def test_invalid_language_tags_are_refused(tag: str) -> None:
    with pytest.raises(ValueError, match="language tag"):
        normalize_language(tag)


@pytest.mark.parametrize(
    ("person", "other", "expected"),
    [
        ("ksw", "ksw", LanguageMatch.EXACT),
        ("zsm", "ms-MY", LanguageMatch.EXACT),
        ("mww", "hmn", LanguageMatch.MACROLANGUAGE),
        ("hnj", "mww", LanguageMatch.MACROLANGUAGE),
        ("ksw", "kar", LanguageMatch.MACROLANGUAGE),
        ("pww", "kjp", LanguageMatch.MACROLANGUAGE),
        ("tts", "th", None),
        ("th", "lo", None),
        ("ms", "id", None),
        ("blk", "kar", None),
        ("rhg", "my", None),
    ],
)
def test_language_match(person: str, other: str, expected: LanguageMatch | None) -> None:
    assert language_match(person, other) == expected


@pytest.mark.parametrize(
    ("tag", "country", "expected"),
    [
        ("th", "TH", True),
        ("tts", "TH", False),
        ("shn", "TH", False),
        ("my", "TH", False),
        ("zsm", "MY", True),
        ("ta", "MY", False),
        ("en", "PH", True),
        ("ceb", "PH", False),
        ("zh-Hans", "SG", True),
        ("tet", "TL", True),
    ],
)
def test_is_official_language(tag: str, country: str, expected: bool) -> None:
    assert is_official_language(tag, get_country(country)) is expected


def test_written_script_explicit_or_likely() -> None:
    assert written_script("ms-Arab") == "Arab"
    assert written_script("zh-Hant") == "Hant"
    assert written_script("th") == "Thai"
    assert primary_language("ms-Arab-BN") == "ms"


def test_profile_languages_are_normalised_and_preferred_first() -> None:
    profile = make_profile(preferred_language="zsm", other_languages=["mya", "ms", "th"])
    assert profile.preferred_language == "ms"
    assert profile.languages == ("ms", "my", "th")


# --- WG-SS (data-standards.md (d)) --------------------------------------------------------------

ALL_NO = dict.fromkeys(WgDomain, WgAnswer.NO_DIFFICULTY)


@pytest.mark.parametrize(
    ("answers", "flag"),
    [
        (ALL_NO, False),
        ({**ALL_NO, WgDomain.SEEING: WgAnswer.SOME_DIFFICULTY}, False),
        ({**ALL_NO, WgDomain.HEARING: WgAnswer.A_LOT_OF_DIFFICULTY}, True),
        ({**ALL_NO, WgDomain.MOBILITY: WgAnswer.CANNOT_DO_AT_ALL}, True),
        ({WgDomain.COGNITION: WgAnswer.CANNOT_DO_AT_ALL}, True),
        ({**ALL_NO, WgDomain.SELF_CARE: WgAnswer.REFUSED}, None),
        ({**ALL_NO, WgDomain.COMMUNICATION: WgAnswer.DONT_KNOW}, None),
        ({WgDomain.SEEING: WgAnswer.SOME_DIFFICULTY}, None),
        ({}, None),
    ],
)
def test_disability3_with_missing_answer_rule(
    answers: dict[WgDomain, WgAnswer], flag: bool | None
) -> None:
    assert wg_ss_status(answers).disability3 is flag


def test_wg_domains_by_level() -> None:
    answers = {
        WgDomain.SEEING: WgAnswer.SOME_DIFFICULTY,
        WgDomain.HEARING: WgAnswer.CANNOT_DO_AT_ALL,
        WgDomain.MOBILITY: WgAnswer.NO_DIFFICULTY,
        WgDomain.COGNITION: WgAnswer.A_LOT_OF_DIFFICULTY,
        WgDomain.SELF_CARE: WgAnswer.REFUSED,
    }
    result = wg_ss_status(answers)
    assert result.severe_domains == (WgDomain.HEARING, WgDomain.COGNITION)
    assert result.some_domains == (WgDomain.SEEING,)
    assert result.missing_domains == (WgDomain.SELF_CARE, WgDomain.COMMUNICATION)
    assert result.accommodation_domains == (WgDomain.SEEING, WgDomain.HEARING, WgDomain.COGNITION)


ANSWER_MAPS = st.dictionaries(st.sampled_from(list(WgDomain)), st.sampled_from(list(WgAnswer)))


@given(ANSWER_MAPS)
def test_disability3_properties(answers: dict[WgDomain, WgAnswer]) -> None:
    result = wg_ss_status(answers)
    codes = [answers[d].code for d in WgDomain if d in answers and answers[d].code <= 4]
    if any(c >= 3 for c in codes):
        assert result.disability3 is True
    elif len(codes) == 6:
        assert result.disability3 is False
    else:
        assert result.disability3 is None
    assert set(result.severe_domains) <= set(result.accommodation_domains)
    assert not set(result.severe_domains) & set(result.missing_domains)


@given(ANSWER_MAPS, st.sampled_from(list(WgDomain)))
def test_a_worse_answer_never_removes_the_flag(
    answers: dict[WgDomain, WgAnswer], d: WgDomain
) -> None:
    before = wg_ss_status(answers).disability3
    after = wg_ss_status({**answers, d: WgAnswer.CANNOT_DO_AT_ALL}).disability3
    assert after is True
    assert before is not True or after is True


def test_wg_questions_never_use_the_label() -> None:
    introduction, questions = wg_ss_wording()
    texts = [introduction, *questions.values()]
    assert set(questions) == set(WgDomain)
    assert "health problem" in introduction
    assert not [t for t in texts if "disab" in t.lower()]


# --- minority (presumption of minority) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"date_of_birth": date(2010, 1, 1)}, MinorStatus.CHILD),
        ({"date_of_birth": date(2008, 3, 3)}, MinorStatus.CHILD),
        ({"date_of_birth": date(2008, 3, 2)}, MinorStatus.ADULT),
        (
            {"date_of_birth": date(2007, 3, 2), "date_of_birth_estimated": True},
            MinorStatus.PRESUMED_CHILD,
        ),
        ({"date_of_birth": date(2004, 3, 2), "date_of_birth_estimated": True}, MinorStatus.ADULT),
        (
            {
                "date_of_birth": date(2007, 3, 2),
                "date_of_birth_estimated": True,
                "age_established": True,
            },
            MinorStatus.ADULT,
        ),
        ({"date_of_birth": None}, MinorStatus.PRESUMED_CHILD),
        ({"date_of_birth": None, "age_established": True}, MinorStatus.PRESUMED_CHILD),
        ({"date_of_birth": None, "age_band": "0-8"}, MinorStatus.PRESUMED_CHILD),
        ({"date_of_birth": None, "age_band": "9-17", "age_established": True}, MinorStatus.CHILD),
        ({"date_of_birth": None, "age_band": "18-20"}, MinorStatus.PRESUMED_CHILD),
        ({"date_of_birth": None, "age_band": "18-20", "age_established": True}, MinorStatus.ADULT),
        ({"date_of_birth": None, "age_band": "21-23"}, MinorStatus.ADULT),
        ({"date_of_birth": None, "age_band": "48+"}, MinorStatus.ADULT),
    ],
)
def test_minor_status(changes: dict[str, Any], expected: MinorStatus) -> None:
    assert minor_status(make_profile(**changes), TODAY) == expected


def test_margin_can_be_set_by_the_caller() -> None:
    profile = make_profile(date_of_birth=None, age_band="21-23")
    assert minor_status(profile, TODAY, margin_years=6) == MinorStatus.PRESUMED_CHILD


@pytest.mark.parametrize("band", list(AgeBand))
def test_bands_never_straddle_eighteen(band: AgeBand) -> None:
    top = band.max_age
    assert band.min_age >= 18 or (top is not None and top < 18)


# --- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"gender": "woman", "gender_term": "x"}, "gender_term"),
        ({"sex_at_birth": "male", "sex_at_birth_term": "x"}, "sex_at_birth_term"),
        ({"sogiesc": {"lgbtqi": True}}, "separate SOGIESC consent"),
        ({"citizenships": []}, "at least one country"),
        ({"citizenship_status": "stateless"}, "must be empty"),
        ({"citizenships": ["XX"]}, "ISO 3166-1"),
        ({"age_band": "18-20"}, "only when the date of birth is unknown"),
        ({"preferred_language": "not a tag"}, "language tag"),
        ({"wg_ss": {"smell": "no_difficulty"}}, "wg_ss"),
        ({"name": "A. Person"}, "Extra inputs are not permitted"),
        (
            {
                "trafficking": {
                    "exploitation_started_on": date(2025, 2, 1),
                    "exploitation_ended_on": date(2025, 1, 1),
                }
            },
            "before exploitation_started_on",
        ),
    ],
)
def test_invalid_profiles_name_the_field(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        make_profile(**changes)


def test_country_codes_accept_alpha3_and_dedupe() -> None:
    profile = make_profile(
        citizenships=["mmr", "MM", "THA"], trafficking={"transit_countries": ["LAO"]}
    )
    assert profile.citizenships == ("MM", "TH")
    assert profile.trafficking.transit_countries == ("LA",)


def test_undocumented_may_keep_a_claimed_citizenship() -> None:
    profile = make_profile(citizenship_status="undocumented", citizenships=["MM"])
    assert is_foreign_national(profile, get_country("TH"))


@pytest.mark.parametrize(
    ("changes", "stateless", "foreign"),
    [
        ({}, False, False),
        ({"citizenships": ["MM"]}, False, True),
        ({"citizenships": ["TH", "MM"]}, False, False),
        ({"citizenship_status": "stateless", "citizenships": []}, True, False),
        ({"migration_statuses": ["stateless_person"]}, True, False),
        ({"citizenship_status": "unknown", "citizenships": []}, False, False),
    ],
)
def test_stateless_and_foreign(changes: dict[str, Any], stateless: bool, foreign: bool) -> None:
    profile = make_profile(**changes)
    assert is_stateless(profile) is stateless
    assert is_foreign_national(profile, get_country("TH")) is foreign


def test_sogiesc_hidden_by_country_settings() -> None:
    profile = make_profile(sogiesc_consent=True, sogiesc={"lgbtqi": True})
    assert country_problems(profile, get_country("TH")) == []
    assert lgbtqi_disclosed(profile, get_country("TH"))
    problems = country_problems(profile, get_country("MY"))
    assert problems == ["sogiesc: SOGIESC is not recorded in MY (country settings)"]
    assert not lgbtqi_disclosed(profile, get_country("MY"))


def test_ethnicity_code_comes_from_the_country_list() -> None:
    assert country_problems(make_profile(ethnicity_code="karen"), country_with_test_limits()) == []
    problems = country_problems(make_profile(ethnicity_code="martian"), get_country("TH"))
    assert problems == ["ethnicity_code: 'martian' is not in the list for TH"]


def test_withdrawing_sogiesc_consent_erases_the_fields() -> None:
    profile = make_profile(
        sogiesc_consent=True, sogiesc={"lgbtqi": True, "self_described_identity": "x"}
    )
    erased = erase_sogiesc(profile)
    assert erased.sogiesc is None
    assert erased.sogiesc_consent is False
    assert profile.sogiesc is not None  # the original is untouched (frozen)


def test_special_categories_are_left_out_of_the_default_view() -> None:
    profile = make_profile(
        gender="woman",
        sex_at_birth="another_term",
        sex_at_birth_term="x",
        sogiesc_consent=True,
        sogiesc={"lgbtqi": True},
    )
    shown = without_special_categories(profile)
    assert {f: getattr(shown, f) for f in SPECIAL_CATEGORY_FIELDS} == {
        "sogiesc_consent": False,
        "sogiesc": None,
        "sex_at_birth": None,
        "sex_at_birth_term": None,
    }
    assert shown.gender == profile.gender
    assert set(type(profile).model_fields) >= SPECIAL_CATEGORY_FIELDS
