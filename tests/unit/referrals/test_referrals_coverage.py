"""Coverage scan and gap report: gaps before a case hits them (issue 4; C10)."""

from __future__ import annotations

import pytest

from titian.referrals.coverage import (
    coverage_scan,
    describe_gap,
    gap_report,
    index_services,
    standard_profiles,
)
from titian.referrals.matching import Eligibility, match
from titian.referrals.vocab import ExclusionReason as X
from titian.referrals.vocab import GapGroup as Gr
from titian.referrals.vocab import GapKind, GapSource, ServiceType
from titian.referrals.vocab import GenderEligibility as G

from .referrals_builders import DIRECTORY, SHELTER, offer

AREAS = {"TH": ["TH-10", "TH-50"]}


def _keys(gaps: list) -> set[tuple[str, frozenset[Gr], str | None]]:  # type: ignore[type-arg]
    return {(g.area, g.groups, g.language) for g in gaps}


def test_standard_profiles_cover_every_group() -> None:
    profiles = standard_profiles()
    assert {p.group for p in profiles} == set(Gr) - {Gr.LANGUAGE}
    with_languages = standard_profiles(["th", "ksw", "zsm", "ms"])
    extra = [p for p in with_languages if p.group is Gr.LANGUAGE]
    assert [p.key for p in extra] == ["language:th", "language:ksw", "language:ms"]
    assert all(p.age == 30 for p in extra)


def test_each_standard_profile_carries_only_its_group() -> None:
    for p in standard_profiles(["th"]):
        groups = set(Gr) & set(
            match(p.need_profile(SHELTER, "TH", "TH-10"), []).gap.groups  # type: ignore[union-attr]
        )
        assert groups == {p.group}, p.key


def test_coverage_of_the_fixture_directory() -> None:
    gaps = coverage_scan(DIRECTORY, AREAS, service_types=[SHELTER])
    assert _keys(gaps) == {
        ("TH-10", frozenset({Gr.HEARING}), None),
        ("TH-10", frozenset({Gr.COMMUNICATION}), None),
        ("TH-50", frozenset({Gr.HEARING}), None),
        ("TH-50", frozenset({Gr.MOBILITY}), None),
        ("TH-50", frozenset({Gr.COMMUNICATION}), None),
    }
    assert all(g.source is GapSource.COVERAGE_SCAN for g in gaps)
    assert all(g.kind is GapKind.NO_ELIGIBLE_SERVICE for g in gaps)


def test_language_profiles_find_language_gaps() -> None:
    gaps = coverage_scan(DIRECTORY, AREAS, service_types=[SHELTER], languages={"TH": ["th", "ksw"]})
    language_gaps = {(g.area, g.language) for g in gaps if Gr.LANGUAGE in g.groups}
    assert language_gaps == {("TH-10", "ksw"), ("TH-50", "ksw")}


def test_no_shelter_for_adult_men_in_a_province() -> None:
    women_only = offer(
        "W", "Women's shelter", areas=frozenset({"TH-10"}),
        eligibility=Eligibility(genders=frozenset({G.WOMEN, G.GIRLS})),
    )  # fmt: skip
    gaps = coverage_scan([women_only], {"TH": ["TH-10"]}, service_types=[SHELTER])
    men = [g for g in gaps if Gr.MEN in g.groups]
    assert len(men) == 1
    assert men[0].blocking_reasons == {X.GENDER_NOT_ACCEPTED}
    assert describe_gap(men[0]) == "no shelter service for men in TH-10"
    assert {g for gap in gaps for g in gap.groups} >= {Gr.MEN, Gr.BOYS}


@pytest.mark.parametrize("service_type", [ServiceType.SHELTER, ServiceType.LEGAL_AID])
def test_coverage_scan_equals_match_over_the_whole_directory(service_type: ServiceType) -> None:
    """The fast scan records exactly the gaps ``match`` records for each standard profile."""
    directory = (*DIRECTORY, offer("L", "Legal aid", service_types=frozenset({service_type})))
    areas = {"TH": ["TH-10", "TH-50", "TH-30"]}
    languages = {"TH": ["th", "ksw", "my"]}
    expected = []
    for area in areas["TH"]:
        for profile in standard_profiles(languages["TH"]):
            need = profile.need_profile(service_type, "TH", area)
            gap = match(need, directory, source=GapSource.COVERAGE_SCAN).gap
            if gap is not None:
                expected.append(gap)
    got = coverage_scan(directory, areas, service_types=[service_type], languages=languages)
    key = lambda g: (g.area, sorted(g.groups), g.language or "")  # noqa: E731
    assert sorted(got, key=key) == sorted(expected, key=key)


def test_empty_directory_is_a_gap_everywhere() -> None:
    gaps = coverage_scan([], {"TH": ["TH-10"]})
    assert len(gaps) == len(ServiceType) * len(standard_profiles())
    assert all(g.candidates == 0 and g.blocking_reasons == frozenset() for g in gaps)


def test_lgbtqi_profile_records_no_affirming_service() -> None:
    gaps = coverage_scan([offer("S", "Open shelter")], {"TH": ["TH-10"]}, service_types=[SHELTER])
    lgbtqi = [(g.kind, set(g.groups)) for g in gaps if Gr.LGBTQI in g.groups]
    assert lgbtqi == [(GapKind.NO_AFFIRMING_SERVICE, {Gr.LGBTQI})]
    assert not any(
        g.kind is GapKind.NO_AFFIRMING_SERVICE for g in gaps if Gr.LGBTQI not in g.groups
    )


def test_index_by_country_and_type() -> None:
    index = index_services(DIRECTORY)
    assert set(index) == {("TH", SHELTER)}
    assert len(index[("TH", SHELTER)]) == len(DIRECTORY)


def test_gap_report_counts_each_group_and_marks_lgbtqi() -> None:
    gaps = [
        match(p.need_profile(SHELTER, "TH", "TH-10"), []).gap for p in standard_profiles(["km"])
    ]
    gaps += [gaps[1]]  # the men's gap twice
    rows = gap_report([g for g in gaps if g is not None])
    by_group = {(r.group, r.detail): r for r in rows}
    assert by_group[(Gr.MEN, "")].count == 2
    assert by_group[(Gr.LANGUAGE, "km")].count == 1
    assert by_group[(Gr.LGBTQI, "")].special_category is True
    assert not any(r.special_category for r in rows if r.group is not Gr.LGBTQI)
    assert len(rows) == len(Gr)
