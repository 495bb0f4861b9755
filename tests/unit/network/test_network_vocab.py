"""Vocabulary rules: sectors and roles of kinds, group implications, gap group mapping."""

from __future__ import annotations

import pytest

from titian.network.gap_sizes import count_gap_sizes, gap_group_map, network_groups
from titian.network.thresholds import load_thresholds
from titian.network.vocab import (
    ActorKind,
    Group,
    NetworkRulesError,
    Role,
    Sector,
    expand_groups,
    kind_profiles,
    kinds_with_role,
    role_of,
    sector_of,
)

K = ActorKind


def test_every_kind_has_a_profile() -> None:
    assert set(kind_profiles()) == set(ActorKind)


def test_justice_kinds_are_the_documented_five() -> None:
    assert kinds_with_role(Role.JUSTICE) == {
        K.POLICE,
        K.PROSECUTION,
        K.JUDICIARY,
        K.LABOUR_INSPECTION,
        K.IMMIGRATION,
    }


@pytest.mark.parametrize(
    ("kind", "sector", "role"),
    [
        (K.POLICE, Sector.STATE, Role.JUSTICE),
        (K.IMMIGRATION, Sector.STATE, Role.JUSTICE),
        (K.MINISTRY_SOCIAL_WELFARE, Sector.STATE, Role.SUPPORT),
        (K.MINISTRY_LABOUR, Sector.STATE, Role.COORDINATION),
        (K.ANTI_TRAFFICKING_COMMITTEE, Sector.STATE, Role.COORDINATION),
        (K.SHELTER, Sector.NON_STATE, Role.SUPPORT),
        (K.DISABLED_PERSONS_ORG, Sector.NON_STATE, Role.SUPPORT),
        (K.UNION, Sector.NON_STATE, Role.SUPPORT),
        (K.INTERNATIONAL_ORG, Sector.NON_STATE, Role.COORDINATION),
        (K.RECRUITMENT_AGENCY, Sector.NON_STATE, Role.OTHER),
        (K.ACADEMIA, Sector.NON_STATE, Role.OTHER),
    ],
)
def test_sector_and_role_of_kind(kind: ActorKind, sector: Sector, role: Role) -> None:
    assert (sector_of(kind), role_of(kind)) == (sector, role)


G = Group


@pytest.mark.parametrize(
    ("served", "expanded"),
    [
        (set(), set()),
        ({G.CHILDREN}, {G.CHILDREN, G.GIRLS, G.BOYS}),
        ({G.GIRLS}, {G.GIRLS}),
        ({G.GIRLS, G.BOYS}, {G.GIRLS, G.BOYS}),
        ({G.WOMEN, G.MIGRANT}, {G.WOMEN, G.MIGRANT}),
    ],
)
def test_expand_groups(served: set[Group], expanded: set[Group]) -> None:
    assert expand_groups(frozenset(served)) == expanded


@pytest.mark.parametrize(
    ("codes", "groups"),
    [
        (["women"], {G.WOMEN}),
        (["girls"], {G.GIRLS, G.CHILDREN}),
        (["boys", "undocumented"], {G.BOYS, G.CHILDREN, G.MIGRANT}),
        (["hearing", "mobility"], {G.DISABILITY}),
        (["non_binary"], {G.LGBTQI}),
        (["language"], set()),
        ([], set()),
    ],
)
def test_network_groups_of_gap_codes(codes: list[str], groups: set[Group]) -> None:
    assert network_groups(codes) == groups


def test_unknown_gap_code_is_an_error_naming_it() -> None:
    with pytest.raises(ValueError, match="'martians'"):
        network_groups(["martians"])


def test_gap_group_map_covers_the_referral_codes() -> None:
    referral_codes = {
        "women",
        "men",
        "girls",
        "boys",
        "non_binary",
        "seeing",
        "hearing",
        "mobility",
        "cognition",
        "self_care",
        "communication",
        "language",
        "foreign_nationals",
        "stateless",
        "undocumented",
        "lgbtqi",
    }
    assert set(gap_group_map()) == referral_codes


def test_count_gap_sizes_counts_each_gap_once_per_group() -> None:
    gaps = [
        (["girls", "foreign_nationals", "undocumented"], "TH-50"),
        (["women"], "TH-50"),
        (["women"], None),
    ]
    assert count_gap_sizes(gaps) == {
        (G.GIRLS, "TH-50"): 1,
        (G.CHILDREN, "TH-50"): 1,
        (G.MIGRANT, "TH-50"): 1,
        (G.WOMEN, "TH-50"): 1,
        (G.WOMEN, None): 1,
    }


def test_thresholds_are_positive() -> None:
    limits = load_thresholds()
    assert limits.long_path_hops == 2
    assert limits.betweenness_samples < limits.betweenness_exact_max_nodes


@pytest.mark.parametrize(
    ("rules", "reader", "message"),
    [
        ({"kinds": []}, "kinds", "kinds: expected a mapping"),
        ({"kinds": {"wizard": {}}}, "kinds", "kinds: 'wizard' is not one of"),
        (
            {"kinds": {"police": {"sector": "state", "role": "judge"}}},
            "kinds",
            "kinds.police.role: 'judge' is not one of",
        ),
        (
            {"kinds": {"police": {"sector": "state", "role": "justice"}}},
            "kinds",
            "kinds: no entry for prosecution",
        ),
        ({"group_implies": {"children": "girls"}}, "groups", "group_implies.children: expected"),
        ({"group_implies": {"kids": []}}, "groups", "group_implies: 'kids' is not one of"),
        ({"gap_groups": {"women": ["ladies"]}}, "gap", "gap_groups.women"),
        ({"analysis": {"long_path_hops": 0}}, "thresholds", "analysis.long_path_hops: 0"),
    ],
)
def test_rules_file_errors_name_the_key(
    monkeypatch: pytest.MonkeyPatch, rules: dict[str, object], reader: str, message: str
) -> None:
    from titian.network import gap_sizes, thresholds, vocab

    for module in (vocab, gap_sizes, thresholds):
        monkeypatch.setattr(module, "load_rules", lambda: rules)
    readers = {
        "kinds": vocab.kind_profiles.__wrapped__,
        "groups": vocab.group_implications.__wrapped__,
        "gap": gap_sizes.gap_group_map.__wrapped__,
        "thresholds": thresholds.load_thresholds.__wrapped__,
    }
    with pytest.raises(NetworkRulesError, match=f"network/data/network.yaml: {message}"):
        readers[reader]()
