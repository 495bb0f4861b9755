"""Focused rules of matching: reason texts, ranking, caveats, ages, areas, capacity, inputs."""

from __future__ import annotations

from typing import Any

import pytest

from titian.referrals.languages import LanguageLevel
from titian.referrals.matching import (
    Eligibility,
    EligibleService,
    ExcludedService,
    MatchingInputError,
    NeedProfile,
    assess,
    describe_genders,
    match,
)
from titian.referrals.matching_inputs import area_ancestors, area_distance
from titian.referrals.vocab import CaveatReason as K
from titian.referrals.vocab import CitizenshipStatus as C
from titian.referrals.vocab import Cost, GapSource, Gender, ServiceType, WgDomain
from titian.referrals.vocab import ExclusionReason as X
from titian.referrals.vocab import FitReason as R
from titian.referrals.vocab import GenderEligibility as G

from .referrals_builders import DIRECTORY, MEN, NATIONAL, WOMEN, need, offer


def _excluded(outcome: EligibleService | ExcludedService) -> dict[X, str]:
    assert isinstance(outcome, ExcludedService)
    return {r.code: r.text for r in outcome.reasons}


def _eligible(outcome: EligibleService | ExcludedService) -> EligibleService:
    assert isinstance(outcome, EligibleService)
    return outcome


@pytest.mark.parametrize(
    ("accepted", "text"),
    [
        ({G.WOMEN}, "women only"),
        ({G.MEN}, "men only"),
        ({G.WOMEN, G.GIRLS}, "women and girls only"),
        ({G.GIRLS, G.BOYS}, "girls and boys only"),
        ({G.WOMEN, G.GIRLS, G.NON_BINARY}, "women, girls and non-binary people only"),
    ],
)
def test_gender_restriction_text(accepted: set[G], text: str) -> None:
    assert describe_genders(frozenset(accepted)) == text


@pytest.mark.parametrize(
    ("eligibility", "fields", "code", "text"),
    [
        ({"genders": {G.WOMEN}}, {"gender": Gender.MAN}, X.GENDER_NOT_ACCEPTED, "women only"),
        ({"non_citizens": False}, {"citizenship": C.FOREIGN_NATIONAL}, X.CITIZENS_ONLY,
         "citizens only"),
        ({"stateless": False}, {"citizenship": C.STATELESS}, X.STATELESS_NOT_ACCEPTED,
         "does not accept stateless people"),
        ({"undocumented": False}, {"citizenship": C.UNDOCUMENTED}, X.UNDOCUMENTED_NOT_ACCEPTED,
         "identity documents required"),
        ({"age_min": 18}, {"age": 16}, X.CHILDREN_NOT_ACCEPTED, "adults only"),
        ({"age_min": 18}, {"age": None}, X.CHILDREN_NOT_ACCEPTED,
         "adults only (age uncertain: treated as a child)"),
        ({"age_max": 17}, {"age": 18}, X.ADULTS_NOT_ACCEPTED, "children only"),
        ({"age_min": 25}, {"age": 20}, X.AGE_OUT_OF_RANGE, "from age 25"),
        ({"age_max": 59}, {"age": 60}, X.AGE_OUT_OF_RANGE, "up to age 59"),
        ({"age_min": 12, "age_max": 15}, {"age": 10}, X.AGE_OUT_OF_RANGE, "ages 12-15"),
        ({"unaccompanied_children": False}, {"age": 14, "unaccompanied": True},
         X.UNACCOMPANIED_CHILDREN_NOT_ACCEPTED, "no unaccompanied children"),
    ],
)  # fmt: skip
def test_exclusion_reason_and_text(
    eligibility: dict[str, Any], fields: dict[str, Any], code: X, text: str
) -> None:
    service = offer("S", "S", eligibility=Eligibility(**eligibility))
    assert _excluded(assess(need(**fields), service)) == {code: text}


def test_no_sign_language_text() -> None:
    got = assess(need(wg_domains={WgDomain.HEARING}), offer("S", "S"))
    assert _excluded(got) == {X.NO_SIGN_LANGUAGE: "no sign language"}


def test_accompanied_child_is_not_excluded_by_unaccompanied_rule() -> None:
    service = offer("S", "S", eligibility=Eligibility(unaccompanied_children=False))
    assert _eligible(assess(need(age=14, unaccompanied=False), service)).caveats == ()


@pytest.mark.parametrize(
    ("eligibility", "fields", "caveat"),
    [
        ({"genders": {G.WOMEN}}, {"gender": Gender.NOT_STATED}, K.GENDER_TO_CONFIRM),
        ({"genders": {G.WOMEN}}, {"gender": Gender.DIFFERENT_TERM}, K.GENDER_TO_CONFIRM),
        ({"non_citizens": False}, {"citizenship": C.UNKNOWN}, K.CITIZENSHIP_TO_CONFIRM),
        ({"stateless": False}, {"citizenship": C.UNKNOWN}, K.CITIZENSHIP_TO_CONFIRM),
        ({"non_citizens": False}, {"citizenship": C.UNDOCUMENTED}, K.CITIZENSHIP_TO_CONFIRM),
        ({"age_min": 12, "age_max": 17}, {"age_uncertain": True}, K.AGE_TO_CONFIRM),
        ({}, {"languages_preferred": ()}, K.LANGUAGE_NOT_RECORDED),
    ],
)
def test_unsettled_restrictions_give_caveats_not_exclusions(
    eligibility: dict[str, Any], fields: dict[str, Any], caveat: K
) -> None:
    got = _eligible(assess(need(**fields), offer("S", "S", eligibility=Eligibility(**eligibility))))
    assert [c.code for c in got.caveats] == [caveat]


def test_service_without_declared_languages_is_a_caveat() -> None:
    got = _eligible(assess(need(), offer("S", "S", languages=frozenset())))
    assert [c.code for c in got.caveats] == [K.SERVICE_LANGUAGES_NOT_DECLARED]


def test_communication_need_met_only_in_an_understood_language_is_flagged() -> None:
    service = offer("S", "S", accessibility=frozenset({"communication_support"}))
    person = need(
        wg_domains={WgDomain.COMMUNICATION},
        languages_preferred=("shn",),
        languages_understood=("th",),
    )
    got = _eligible(assess(person, service))
    assert got.language_level is LanguageLevel.CONFIRMED_UNDERSTOOD
    assert [c.code for c in got.caveats] == [K.USUAL_LANGUAGE_NEEDED]


def test_scores_and_reasons_of_a_full_fit() -> None:
    got = _eligible(assess(need(gender=Gender.WOMAN), WOMEN))
    assert [r.code for r in got.reasons] == [
        R.SERVES_AREA,
        R.CAPACITY_FREE,
        R.LANGUAGE_EXACT,
        R.FREE_OF_CHARGE,
    ]
    assert got.score == 60 + 40 + 400 + 20
    assert "4 free" in [r.text for r in got.reasons]


def test_language_outranks_distance() -> None:
    local_interpreter = offer(
        "L", "Local", areas=frozenset({"TH-10"}), languages=frozenset(),
        interpretation_offered=frozenset({"my"}),
    )  # fmt: skip
    national_burmese = offer("N", "National", languages=frozenset({"my"}))
    result = match(need(languages_preferred=("my",)), [local_interpreter, national_burmese])
    assert [e.service_id for e in result.eligible] == ["N", "L"]
    assert [e.language_level for e in result.eligible] == [
        LanguageLevel.EXACT,
        LanguageLevel.INTERPRETER,
    ]


def test_capacity_zero_excludes_but_unknown_does_not() -> None:
    unknown = offer("U", "Unknown capacity")
    full = offer("Z", "Zero", capacity_free=0)
    result = match(need(), [unknown, full])
    assert [e.service_id for e in result.eligible] == ["U"]
    assert [r.code for r in result.excluded[0].reasons] == [X.NO_CAPACITY]


def test_cost_ranks_but_never_excludes() -> None:
    services = [offer(c.value, c.value, cost=c) for c in Cost]
    result = match(need(), services)
    assert [e.service_id for e in result.eligible] == ["free", "reduced", "fee", "not_stated"]


def test_other_countries_and_service_types_are_not_candidates() -> None:
    elsewhere = offer("KH", "Cambodia", country="KH")
    legal = offer("LA", "Legal aid", service_types=frozenset({ServiceType.LEGAL_AID}))
    result = match(need(), [elsewhere, legal])
    assert result.eligible == () and result.excluded == ()
    assert result.gap is not None and result.gap.candidates == 0


def test_self_care_needs_personal_assistance_in_shelter_only() -> None:
    legal = offer("L", "Legal aid", service_types=frozenset({ServiceType.LEGAL_AID}))
    person = need(need=ServiceType.LEGAL_AID, wg_domains={WgDomain.SELF_CARE})
    assert isinstance(assess(person, legal), EligibleService)


def test_gap_holds_group_dimensions_only() -> None:
    person = need(gender=Gender.MAN, age=41, wg_domains={WgDomain.HEARING})
    gap = match(person, DIRECTORY).gap
    assert gap is not None
    assert gap.source is GapSource.REFERRAL
    assert set(gap.__dataclass_fields__) == {
        "country", "area", "service_type", "kind", "groups", "language",
        "blocking_reasons", "candidates", "source",
    }  # fmt: skip
    assert (gap.country, gap.area, gap.language, gap.candidates) == ("TH", "TH-10", "th", 6)


def test_lgbtqi_flag_is_ignored_for_ranking_without_consent_and_refused_as_input() -> None:
    with pytest.raises(MatchingInputError, match=r"need\.lgbtqi"):
        need(lgbtqi=True)
    plain = match(need(gender=Gender.WOMAN), [WOMEN, NATIONAL])
    assert [e.service_id for e in plain.eligible] == ["A", "D"]


@pytest.mark.parametrize(
    ("area", "served", "distance"),
    [
        ("TH-10", set(), 2),
        ("TH-10", {"TH-10"}, 0),
        ("TH-10", {"TH-50", "TH-10"}, 0),
        ("TH-10", {"TH-50"}, None),
        ("PH-ILN", {"PH-01"}, 1),  # province inside the Ilocos region
        ("PH-01", {"PH-ILN"}, 1),
        ("PH-ILN", {"PH-03"}, None),
    ],
)
def test_area_distance(area: str, served: set[str], distance: int | None) -> None:
    assert area_distance(area, frozenset(served)) == distance


def test_area_ancestors_of_a_philippine_province() -> None:
    assert area_ancestors("PH-ILN") == ("PH-01",)
    assert area_ancestors("TH-10") == ()


def test_outside_area_text_names_the_area() -> None:
    outcome = assess(need(area="TH-50", gender=Gender.MAN), MEN)
    assert _excluded(outcome) == {X.OUTSIDE_AREA: "does not serve TH-50"}


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: offer("S", "S", country="Thailand"), r"service\[S\]\.country"),
        (lambda: offer("S", "S", areas=frozenset({"KH-1"})), r"service\[S\]\.areas"),
        (lambda: offer("S", "S", accessibility=frozenset({"ramp"})), r"accessibility.*'ramp'"),
        (lambda: offer("S", "S", languages=frozenset({"xx-bogus"})), r"service\[S\]\.languages"),
        (lambda: offer("S", "S", service_types=frozenset()), r"service_types: empty"),
        (lambda: offer("S", "S", capacity_free=-1), r"capacity_free"),
        (lambda: offer("S", "S", cost="cheap"), r"cost"),
        (lambda: Eligibility(genders=frozenset()), r"eligibility\.genders"),
        (lambda: Eligibility(age_min=18, age_max=17), r"eligibility\.age_min"),
        (lambda: need(area="KH-1"), r"need\.area: 'KH-1'"),
        (lambda: need(gender="female"), r"need\.gender: unknown value 'female'"),
        (lambda: need(citizenship="alien"), r"need\.citizenship"),
        (lambda: need(wg_domains={"smell"}), r"need\.wg_domains"),
        (lambda: need(languages_preferred=("xx-bogus",)), r"need\.languages_preferred"),
        (lambda: need(need="housing"), r"need\.need"),
        (lambda: need(age=-1), r"need\.age"),
    ],
)
def test_malformed_inputs_name_the_field(build: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()


def test_need_normalises_language_tags() -> None:
    person = NeedProfile(
        need=ServiceType.SHELTER, country="th", area="th-10",
        languages_preferred=("zsm", "ms-MY", "bur"),
    )  # fmt: skip
    assert (person.country, person.area) == ("TH", "TH-10")
    assert person.languages_preferred == ("ms", "my")


def test_plain_string_values_are_read_as_the_vocabulary() -> None:
    women_only = offer("S", "S", eligibility=Eligibility(genders=frozenset({"women"})))
    outcome = assess(need(gender="man", citizenship="stateless"), women_only)
    assert _excluded(outcome) == {X.GENDER_NOT_ACCEPTED: "women only"}
