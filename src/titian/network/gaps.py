"""Per country and group: can each justice agency reach a support agency serving that group?

Rule (issue 6, item 3): for each justice agency of the country and each group, the number of
hops to the nearest support agency of the same country that serves the group. Within
``long_path_hops`` the agency is *connected*; beyond it the path is *long*; with no chain at all
there is *no path*; when the country has no support agency serving the group at all, every
justice agency has *no support* - a service gap that no new relationship can close.

One multi-source search per group from all its support agencies gives every distance at once
(:func:`titian.network.paths.multi_source_bfs`), instead of one search per pair.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import networkx as nx

from titian.network.paths import adjacency, multi_source_bfs, path_to_source, scope_nodes
from titian.network.thresholds import load_thresholds
from titian.network.vocab import Group, Role, expand_groups


class GapStatus(StrEnum):
    """How one justice agency reaches the support of one group (see module docstring)."""

    CONNECTED = "connected"
    LONG_PATH = "long_path"
    NO_PATH = "no_path"
    NO_SUPPORT = "no_support"


def _default_long_path() -> int:
    return load_thresholds().long_path_hops


@dataclass(frozen=True)
class PathOptions:
    """How paths are counted. ``long_path_hops`` defaults to the rules file; ``directed``
    follows one-way relationships only forwards; ``cross_border`` lets a path run through
    organisations of other countries (the two ends are always in the country)."""

    long_path_hops: int = field(default_factory=_default_long_path)
    directed: bool = False
    cross_border: bool = False
    groups: tuple[Group, ...] = tuple(Group)

    def __post_init__(self) -> None:
        if self.long_path_hops < 1:
            raise ValueError(f"long_path_hops: {self.long_path_hops} is not a positive integer")


@dataclass(frozen=True)
class JusticeGap:
    """One justice agency and one group: status, hops and path to the nearest support agency
    (``path`` runs from the justice agency to that support agency; empty when there is none)."""

    justice_id: str
    group: Group
    status: GapStatus
    hops: int | None
    nearest_support: str | None
    path: tuple[str, ...]


@dataclass(frozen=True)
class GroupGapSummary:
    """Counts for one group in one country."""

    group: Group
    support_agencies: int
    justice_agencies: int
    connected: int
    long_path: int
    no_path: int
    no_support: int

    @property
    def underserved(self) -> int:
        """Justice agencies without a short path: long path, no path or no support at all."""
        return self.justice_agencies - self.connected


@dataclass(frozen=True)
class CountryGapReport:
    """Every justice agency and group of one country, with the counts per group."""

    country: str
    options: PathOptions
    rows: tuple[JusticeGap, ...]
    summaries: tuple[GroupGapSummary, ...]

    def gaps(self) -> tuple[JusticeGap, ...]:
        """The rows that are not connected."""
        return tuple(r for r in self.rows if r.status is not GapStatus.CONNECTED)


def serves(graph: nx.MultiDiGraph, node: str) -> frozenset[Group]:
    """Groups a node serves, broader groups expanded (``vocab.expand_groups``)."""
    return expand_groups(frozenset(Group(g) for g in graph.nodes[node].get("groups", ())))


def role_members(graph: nx.MultiDiGraph, nodes: Iterable[str], role: Role) -> list[str]:
    """The nodes among ``nodes`` with the given role, sorted by id."""
    return sorted(n for n in nodes if graph.nodes[n].get("role") == role.value)


def support_by_group(graph: nx.MultiDiGraph, support: Iterable[str]) -> dict[Group, list[str]]:
    """Support agencies per group they serve, each list sorted by id."""
    out: dict[Group, list[str]] = {g: [] for g in Group}
    for node in support:
        for group in serves(graph, node):
            out[group].append(node)
    return out


def _status(hops: int | None, limit: int) -> GapStatus:
    if hops is None:
        return GapStatus.NO_PATH
    return GapStatus.CONNECTED if hops <= limit else GapStatus.LONG_PATH


def _group_rows(
    group: Group,
    justice: list[str],
    sources: list[str],
    adj: dict[str, list[str]],
    limit: int,
) -> list[JusticeGap]:
    if not sources:
        return [JusticeGap(j, group, GapStatus.NO_SUPPORT, None, None, ()) for j in justice]
    dist, parent = multi_source_bfs(adj, sources)
    rows = []
    for j in justice:
        hops = dist.get(j)
        path = path_to_source(parent, j) if hops is not None else ()
        nearest = path[-1] if path else None
        rows.append(JusticeGap(j, group, _status(hops, limit), hops, nearest, path))
    return rows


def _summary(group: Group, support: int, rows: list[JusticeGap]) -> GroupGapSummary:
    count = dict.fromkeys(GapStatus, 0)
    for row in rows:
        count[row.status] += 1
    return GroupGapSummary(
        group=group,
        support_agencies=support,
        justice_agencies=len(rows),
        connected=count[GapStatus.CONNECTED],
        long_path=count[GapStatus.LONG_PATH],
        no_path=count[GapStatus.NO_PATH],
        no_support=count[GapStatus.NO_SUPPORT],
    )


def analyse_gaps(
    graph: nx.MultiDiGraph, country: str, options: PathOptions | None = None
) -> CountryGapReport:
    """The gap report of one country (ISO alpha-2): see the module docstring for the rule."""
    opts = options or PathOptions()
    code = country.upper()
    in_country = scope_nodes(graph, code)
    walk = scope_nodes(graph, None) if opts.cross_border else in_country
    adj = adjacency(graph, walk, directed=opts.directed, backward=True)
    justice = role_members(graph, in_country, Role.JUSTICE)
    by_group = support_by_group(graph, role_members(graph, in_country, Role.SUPPORT))
    rows: list[JusticeGap] = []
    summaries = []
    for group in opts.groups:
        group_rows = _group_rows(group, justice, by_group[group], adj, opts.long_path_hops)
        rows.extend(group_rows)
        summaries.append(_summary(group, len(by_group[group]), group_rows))
    return CountryGapReport(code, opts, tuple(rows), tuple(summaries))


def hops_by_group(report: CountryGapReport) -> Mapping[tuple[str, Group], JusticeGap]:
    """The report's rows keyed by (justice id, group)."""
    return {(r.justice_id, r.group): r for r in report.rows}
