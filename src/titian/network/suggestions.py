"""Suggested connections: justice agency and support agency pairs that close a path gap.

Rule (issue 6, item 5). For every justice agency with a long path or no path to the support of a
group (:mod:`titian.network.gaps`), one support agency of the country serving that group is
chosen. Candidates: those working in one of the justice agency's areas, or nationwide (any area
when the justice agency itself is nationwide), the ``candidates_per_area`` with the fewest justice
partners of each area, plus the nearest one already reachable; only when there is none, the
country's ``candidates_per_area`` with the fewest justice partners, marked "not same area". Among
candidates: the most shared working languages first, then the fewest justice partners already (a
new partner brings another organisation into the referral system and spreads the load), then by
id. When one pair closes gaps of several groups, it is one suggestion.

Suggestions are ranked by the largest service gap among their groups (from the gap report of
the referral matching, when given), then by the length of the current path (no path first), then
by how many groups the pair serves, then same-area pairs first, then by ids.

Gap size of a group for a justice agency: with areas, the largest figure among its areas (or the
nationwide figure when none of its areas has one); nationwide agencies take the nationwide figure,
or else the sum over all areas; no figure at all counts 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from titian.network.gaps import (
    CountryGapReport,
    GapStatus,
    JusticeGap,
    PathOptions,
    analyse_gaps,
    role_members,
    support_by_group,
)
from titian.network.paths import adjacency, hops_between, scope_nodes
from titian.network.thresholds import load_thresholds
from titian.network.vocab import GROUP_LABELS, Group, Role

GapSizes = Mapping[tuple[Group, str | None], int]


@dataclass(frozen=True)
class Suggestion:
    """One suggested relationship, with the figures behind its rank and a plain explanation.

    ``current_hops`` is the justice agency's worst current distance to the support of the
    pair's groups (None: no path); ``pair_hops`` the current distance between the two."""

    rank: int
    justice_id: str
    support_id: str
    groups: tuple[Group, ...]
    gap_size: int
    current_hops: int | None
    pair_hops: int | None
    same_area: bool
    shared_languages: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class _Choice:
    support: str
    same_area: bool
    shared: tuple[str, ...]


@dataclass
class _Draft:
    justice: str
    choice: _Choice
    gaps: list[tuple[JusticeGap, int, str | None]]


def gap_size_for(
    gap_sizes: GapSizes | None, group: Group, areas: tuple[str, ...]
) -> tuple[int, str | None]:
    """The gap figure of a group for an agency working in ``areas`` and the area it comes
    from (None: nationwide); the rule is in the module docstring."""
    if not gap_sizes:
        return 0, None
    found = [(gap_sizes[(group, a)], a) for a in areas if (group, a) in gap_sizes]
    if found:
        return max(found, key=lambda pair: (pair[0], pair[1] or ""))
    if (group, None) in gap_sizes:
        return gap_sizes[(group, None)], None
    if areas:
        return 0, None
    return sum(v for (g, a), v in gap_sizes.items() if g == group and a is not None), None


def justice_partners(graph: nx.MultiDiGraph, node: str) -> int:
    """How many justice agencies an organisation already has a relationship with."""
    nbrs = set(graph.succ[node]) | set(graph.pred[node])
    return sum(1 for v in nbrs if graph.nodes[v].get("role") == Role.JUSTICE.value)


class _Chooser:
    """Picks the support agency for one justice agency and one group (module docstring)."""

    def __init__(
        self, graph: nx.MultiDiGraph, support: list[str], per_area: int, degree: dict[str, int]
    ) -> None:
        self.graph = graph
        for s in support:
            if s not in degree:
                degree[s] = justice_partners(graph, s)
        ordered = sorted(support, key=lambda s: (degree[s], s))
        self.degree = degree
        self.by_area: dict[str | None, list[str]] = {}
        for s in ordered:
            for area in graph.nodes[s]["areas"] or (None,):
                self.by_area.setdefault(area, []).append(s)
        self.per_area = per_area
        self.everyone = ordered[:per_area]

    def choose(self, justice: str, nearest: str | None) -> _Choice:
        data = self.graph.nodes[justice]
        areas: tuple[str, ...] = data["areas"]
        national = self.by_area.get(None, [])[: self.per_area]
        if areas:
            pool = [s for a in areas for s in self.by_area.get(a, [])[: self.per_area]]
            pool += national
        else:
            pool = self.everyone + national
        if nearest is not None and self._covers(nearest, areas):
            pool.append(nearest)
        same_area = bool(pool)
        languages = set(data["languages"])
        best = min(
            set(pool or self.everyone),
            key=lambda s: (
                -len(languages.intersection(self.graph.nodes[s]["languages"])),
                self.degree[s],
                s,
            ),
        )
        shared = tuple(sorted(languages.intersection(self.graph.nodes[best]["languages"])))
        return _Choice(best, same_area, shared)

    def _covers(self, support: str, areas: tuple[str, ...]) -> bool:
        own = self.graph.nodes[support]["areas"]
        return not areas or not own or bool(set(areas) & set(own))


def _drafts(
    graph: nx.MultiDiGraph, report: CountryGapReport, gap_sizes: GapSizes | None
) -> dict[tuple[str, str], _Draft]:
    in_country = scope_nodes(graph, report.country)
    by_group = support_by_group(graph, role_members(graph, in_country, Role.SUPPORT))
    per_area = load_thresholds().candidates_per_area
    degree: dict[str, int] = {}
    choosers: dict[Group, _Chooser] = {}
    drafts: dict[tuple[str, str], _Draft] = {}
    for row in report.rows:
        if row.status not in (GapStatus.LONG_PATH, GapStatus.NO_PATH):
            continue
        if row.group not in choosers:
            choosers[row.group] = _Chooser(graph, by_group[row.group], per_area, degree)
        choice = choosers[row.group].choose(row.justice_id, row.nearest_support)
        size, area = gap_size_for(gap_sizes, row.group, graph.nodes[row.justice_id]["areas"])
        key = (row.justice_id, choice.support)
        drafts.setdefault(key, _Draft(row.justice_id, choice, [])).gaps.append((row, size, area))
    return drafts


def _gap_size(draft: _Draft) -> int:
    """The largest gap among the pair's groups: groups overlap (a girl counts for girls and for
    children), so a sum would count one person twice."""
    return max(size for _, size, _ in draft.gaps)


def _worst_hops(draft: _Draft) -> int | None:
    hops = [row.hops for row, _, _ in draft.gaps]
    return None if None in hops else max(h for h in hops if h is not None)


def _rank_key(draft: _Draft) -> tuple[int, int, int, bool, str, str]:
    worst = _worst_hops(draft)
    return (
        -_gap_size(draft),
        -(worst if worst is not None else 1_000_000),
        -len(draft.gaps),
        not draft.choice.same_area,
        draft.justice,
        draft.choice.support,
    )


def _name(graph: nx.MultiDiGraph, node: str) -> str:
    data = graph.nodes[node]
    where = ", ".join(data["areas"]) or f"{data['country']}, nationwide"
    return f"{data['name']} ({data['kind']}, {where})"


def _listing(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _reach_sentences(graph: nx.MultiDiGraph, draft: _Draft) -> list[str]:
    """One sentence per distinct current path, naming the groups it concerns."""
    by_path: dict[tuple[GapStatus, int | None, tuple[str, ...]], list[str]] = {}
    for row, _, _ in draft.gaps:
        key = (row.status, row.hops, row.path[1:-1])
        by_path.setdefault(key, []).append(GROUP_LABELS[row.group])
    out = []
    for (status, hops, via), labels in by_path.items():
        groups = _listing(labels)
        if status is GapStatus.NO_PATH:
            out.append(f"It has no path to any support agency serving {groups}.")
        else:
            names = _listing([graph.nodes[n]["name"] for n in via])
            out.append(f"It reaches support for {groups} only in {hops} steps, via {names}.")
    return out


def _figure_sentences(draft: _Draft) -> list[str]:
    by_area: dict[str | None, list[str]] = {}
    for row, size, area in draft.gaps:
        if size:
            by_area.setdefault(area, []).append(f"{size} of {GROUP_LABELS[row.group]}")
    return [
        f"The gap report counts unmet needs: {_listing(items)} in {area or 'the country'}."
        for area, items in by_area.items()
    ]


def _area_sentence(graph: nx.MultiDiGraph, draft: _Draft) -> str:
    j_areas = set(graph.nodes[draft.justice]["areas"])
    s_areas = set(graph.nodes[draft.choice.support]["areas"])
    if j_areas & s_areas:
        return f"Both work in {_listing(sorted(j_areas & s_areas))}."
    if not s_areas:
        return "The support agency works nationwide."
    if not j_areas:
        return "The justice agency works nationwide."
    return "No support agency serving these groups works in the same area."


def explain(graph: nx.MultiDiGraph, draft: _Draft, pair_hops: int | None) -> str:
    """Plain sentences: what is missing, how big the need is, and why this partner."""
    justice, support = _name(graph, draft.justice), _name(graph, draft.choice.support)
    parts = [f"Connect {justice} with {support}."]
    parts += _reach_sentences(graph, draft)
    parts += _figure_sentences(draft)
    parts.append(_area_sentence(graph, draft))
    if draft.choice.shared:
        parts.append(f"Shared languages: {', '.join(draft.choice.shared)}.")
    now = f"are {pair_hops} steps apart" if pair_hops is not None else "have no path between them"
    parts.append(f"Today the two {now}.")
    return " ".join(parts)


def suggest_connections(
    graph: nx.MultiDiGraph,
    country: str,
    gap_sizes: GapSizes | None = None,
    limit: int = 20,
    *,
    report: CountryGapReport | None = None,
    options: PathOptions | None = None,
) -> tuple[Suggestion, ...]:
    """The ``limit`` best new relationships for one country, ranked and explained as the module
    docstring says. ``gap_sizes`` maps (group, area or None for nationwide) to unmet need;
    ``report`` reuses a gap report already computed with the same graph (else ``options``)."""
    if limit < 1:
        raise ValueError(f"limit: {limit} is not a positive integer")
    if report is None:
        report = analyse_gaps(graph, country, options)
    elif report.country != country.upper():
        raise ValueError(f"report: computed for {report.country}, not {country}")
    drafts = sorted(_drafts(graph, report, gap_sizes).values(), key=_rank_key)[:limit]
    opts = report.options
    walk = scope_nodes(graph, None if opts.cross_border else report.country)
    forward = adjacency(graph, walk, directed=opts.directed) if drafts else {}
    out = []
    for rank, draft in enumerate(drafts, start=1):
        pair_hops = hops_between(forward, draft.justice, draft.choice.support)
        out.append(
            Suggestion(
                rank=rank,
                justice_id=draft.justice,
                support_id=draft.choice.support,
                groups=tuple(row.group for row, _, _ in draft.gaps),
                gap_size=_gap_size(draft),
                current_hops=_worst_hops(draft),
                pair_hops=pair_hops,
                same_area=draft.choice.same_area,
                shared_languages=draft.choice.shared,
                explanation=explain(graph, draft, pair_hops),
            )
        )
    return tuple(out)
