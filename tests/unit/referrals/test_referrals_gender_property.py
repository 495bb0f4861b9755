"""Property tests: gender never excludes unless a service's declared eligibility says so
(issue 4 acceptance; DESIGN.md "gender-blind rules"; rights-checklist C10)."""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from titian.referrals.matching import (
    Eligibility,
    MatchResult,
    NeedProfile,
    ServiceOffer,
    match,
)
from titian.referrals.vocab import (
    ALL_GENDER_GROUPS,
    AccessibilityFeature,
    CaveatReason,
    CitizenshipStatus,
    Cost,
    ExclusionReason,
    GapGroup,
    Gender,
    GenderEligibility,
    ServiceType,
    WgDomain,
)

AREAS = ["TH-10", "TH-50", "TH-30"]
LANGS = ["th", "my", "ksw", "kar", "km", "en", "shn"]
TYPES = [ServiceType.SHELTER, ServiceType.MEDICAL]
GENDER_GROUPS = {GapGroup(g.value) for g in GenderEligibility}
GENDER_CODES = {ExclusionReason.GENDER_NOT_ACCEPTED, CaveatReason.GENDER_TO_CONFIRM}


def _subset(values: list[Any], min_size: int = 0) -> st.SearchStrategy[frozenset[Any]]:
    return st.frozensets(st.sampled_from(values), min_size=min_size, max_size=len(values))


eligibilities = st.builds(
    Eligibility,
    genders=_subset(list(GenderEligibility), min_size=1),
    age_min=st.none() | st.integers(0, 30),
    age_max=st.none() | st.integers(30, 99),
    unaccompanied_children=st.booleans(),
    non_citizens=st.booleans(),
    stateless=st.booleans(),
    undocumented=st.booleans(),
)


def offers(eligibility: st.SearchStrategy[Eligibility]) -> st.SearchStrategy[ServiceOffer]:
    return st.builds(
        ServiceOffer,
        id=st.text("abcdef0123", min_size=4, max_size=4),
        agency_id=st.just("agency"),
        name=st.sampled_from(["Alpha", "Beta", "Gamma", "Delta"]),
        country=st.just("TH"),
        areas=_subset(AREAS),
        service_types=_subset(TYPES, min_size=1),
        eligibility=eligibility,
        accessibility=_subset(list(AccessibilityFeature)),
        languages=_subset(LANGS),
        interpretation_offered=_subset(LANGS),
        interpretation_any_language=st.booleans(),
        lgbtqi_affirming=st.booleans(),
        capacity_free=st.none() | st.integers(0, 5),
        cost=st.sampled_from(list(Cost)),
        active=st.booleans(),
    )


@st.composite
def needs(draw: st.DrawFn) -> NeedProfile:
    consented = draw(st.booleans())
    return NeedProfile(
        need=draw(st.sampled_from(TYPES)),
        country="TH",
        area=draw(st.sampled_from(AREAS)),
        gender=draw(st.sampled_from(list(Gender))),
        age=draw(st.none() | st.integers(0, 90)),
        age_uncertain=draw(st.booleans()),
        unaccompanied=draw(st.booleans()),
        wg_domains=draw(_subset(list(WgDomain))),
        accommodations_declined=draw(_subset(list(AccessibilityFeature))),
        languages_preferred=tuple(draw(st.lists(st.sampled_from(LANGS), max_size=3))),
        languages_understood=tuple(draw(st.lists(st.sampled_from(LANGS), max_size=2))),
        citizenship=draw(st.sampled_from(list(CitizenshipStatus))),
        sogiesc_consented=consented,
        lgbtqi=consented and draw(st.booleans()),
    )


def _without_gender(result: MatchResult) -> tuple[Any, ...]:
    gap = result.gap
    gap_view = None
    if gap is not None:
        gap_view = dataclasses.replace(gap, groups=gap.groups - GENDER_GROUPS)
    return result.eligible, result.excluded, gap_view


open_directories = st.lists(offers(st.just(Eligibility())), max_size=5, unique_by=lambda s: s.id)
any_directories = st.lists(offers(eligibilities), max_size=5, unique_by=lambda s: s.id)


@settings(max_examples=100, deadline=None)
@given(services=open_directories, person=needs(), other=st.sampled_from(list(Gender)))
def test_swapping_gender_never_changes_the_result_for_open_services(
    services: list[ServiceOffer], person: NeedProfile, other: Gender
) -> None:
    swapped = dataclasses.replace(person, gender=other)
    assert _without_gender(match(swapped, services)) == _without_gender(match(person, services))


def _non_gender_exclusions(result: MatchResult) -> dict[str, frozenset[Any]]:
    """Exclusion codes per candidate other than the gender code (an eligible service has none)."""
    codes: dict[str, frozenset[Any]] = {e.service_id: frozenset() for e in result.eligible}
    for x in result.excluded:
        codes[x.service_id] = frozenset(r.code for r in x.reasons) - GENDER_CODES
    return codes


@settings(max_examples=100, deadline=None)
@given(services=any_directories, person=needs(), other=st.sampled_from(list(Gender)))
def test_gender_changes_only_gender_reasons_and_only_where_declared(
    services: list[ServiceOffer], person: NeedProfile, other: Gender
) -> None:
    before = match(person, services)
    after = match(dataclasses.replace(person, gender=other), services)
    assert _non_gender_exclusions(before) == _non_gender_exclusions(after)
    declared = {s.id for s in services if s.eligibility.genders != ALL_GENDER_GROUPS}
    for result in (before, after):
        for x in result.excluded:
            if ExclusionReason.GENDER_NOT_ACCEPTED in {r.code for r in x.reasons}:
                assert x.service_id in declared


@settings(max_examples=100, deadline=None)
@given(services=any_directories, person=needs())
def test_no_candidate_is_dropped_and_a_gap_is_never_silent(
    services: list[ServiceOffer], person: NeedProfile
) -> None:
    result = match(person, services)
    candidates = {
        s.id for s in services if s.country == person.country and person.need in s.service_types
    }
    listed = [e.service_id for e in result.eligible] + [x.service_id for x in result.excluded]
    assert sorted(listed) == sorted(candidates)
    assert all(x.reasons for x in result.excluded)
    assert (result.gap is None) == (
        bool(result.eligible)
        and (not person.is_lgbtqi or any(e.lgbtqi_affirming for e in result.eligible))
    )
    scores = [e.score for e in result.eligible]
    assert scores == sorted(scores, reverse=True)


@settings(max_examples=60, deadline=None)
@given(services=any_directories, person=needs())
def test_affirming_services_rank_first_for_lgbtqi_people(
    services: list[ServiceOffer], person: NeedProfile
) -> None:
    result = match(person, services)
    flags = [e.lgbtqi_affirming for e in result.eligible]
    if person.is_lgbtqi:
        assert flags == sorted(flags, reverse=True)
