"""Gap sizes for the suggestions, counted from the referral gap report.

The referral matching reports each need with no suitable service as a gap with group codes and an
area (referrals.matching.Gap; DESIGN.md "A gap is a result"). Suggestions rank pairs by the size of
those gaps per network group and area. The mapping from gap group codes to network groups is data
(rules file ``gap_groups``); one gap counts once for each network group it maps to, and a gap of a
girl or a boy counts for "children" as well (``group_implies`` read backwards).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache

from titian.network.vocab import (
    RULES_FILE,
    Group,
    NetworkRulesError,
    group_implications,
    load_rules,
)


@cache
def gap_group_map() -> Mapping[str, frozenset[Group]]:
    """Referral gap group code -> network groups (rules file ``gap_groups``)."""
    section = load_rules().get("gap_groups")
    if not isinstance(section, dict):
        raise NetworkRulesError(f"{RULES_FILE}: gap_groups: expected a mapping")
    out: dict[str, frozenset[Group]] = {}
    for code, groups in section.items():
        if not isinstance(groups, list):
            raise NetworkRulesError(f"{RULES_FILE}: gap_groups.{code}: expected a list")
        try:
            out[str(code)] = frozenset(Group(g) for g in groups)
        except ValueError as exc:
            raise NetworkRulesError(f"{RULES_FILE}: gap_groups.{code}: {exc}") from exc
    return out


def network_groups(codes: Iterable[str]) -> frozenset[Group]:
    """The network groups a gap with these group codes counts for, broader groups included."""
    mapping = gap_group_map()
    found: set[Group] = set()
    for code in codes:
        if code not in mapping:
            raise ValueError(f"gap group: {code!r} has no entry in {RULES_FILE} gap_groups")
        found |= mapping[code]
    for broad, narrow in group_implications().items():
        if found & narrow:
            found.add(broad)
    return frozenset(found)


def count_gap_sizes(
    gaps: Iterable[tuple[Iterable[str], str | None]],
) -> dict[tuple[Group, str | None], int]:
    """Gap sizes keyed by (group, area), from (group codes, area) of each gap of one country;
    area None is a nationwide gap."""
    sizes: Counter[tuple[Group, str | None]] = Counter()
    for codes, area in gaps:
        for group in network_groups(codes):
            sizes[(group, area)] += 1
    return dict(sizes)
