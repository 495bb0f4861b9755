"""Structure of the network: brokers, isolated organisations and connected components.

Brokers are ranked by betweenness centrality (Freeman 1977; Brandes 2001) on the undirected
simple graph: how often an organisation lies on the shortest paths between others. Scope
``justice_support`` counts only paths from justice to support agencies (Brandes 2008, subset
betweenness), which is who actually bridges the two ends of the footbridge. Above
``betweenness_exact_max_nodes`` nodes (rules file) the score is estimated from a seeded sample of
``betweenness_samples`` sources (Brandes and Pich 2007), and the result says so.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

import networkx as nx

from titian.network.gaps import role_members, serves
from titian.network.paths import adjacency, scope_nodes
from titian.network.thresholds import load_thresholds
from titian.network.vocab import Group, Role


class BrokerScope(StrEnum):
    """Which shortest paths betweenness counts."""

    ALL = "all"
    JUSTICE_SUPPORT = "justice_support"


@dataclass(frozen=True)
class Broker:
    """One organisation and its betweenness: the share of shortest paths (all pairs, or
    justice-support pairs) that run through it, between 0 and 1."""

    actor_id: str
    name: str
    kind: str
    role: str
    country: str
    score: float


@dataclass(frozen=True)
class BrokerReport:
    """Top brokers, and whether the scores are exact or sampled from ``samples`` sources."""

    scope: BrokerScope
    brokers: tuple[Broker, ...]
    nodes: int
    approximate: bool
    samples: int | None


@dataclass(frozen=True)
class Component:
    """One connected component: its organisations (sorted ids), how many are justice and
    support agencies, and the groups its support agencies serve."""

    actors: tuple[str, ...]
    justice: int
    support: int
    groups_served: tuple[Group, ...]

    @property
    def size(self) -> int:
        """Number of organisations."""
        return len(self.actors)


def simple_graph(graph: nx.MultiDiGraph, country: str | None) -> nx.Graph:
    """Undirected simple graph of a country's internal relationships (or of all)."""
    nodes = scope_nodes(graph, country)
    return nx.Graph(adjacency(graph, nodes, directed=False))


def _subset_scores(
    simple: nx.Graph, justice: list[str], support: list[str], sample: int | None, seed: int
) -> dict[str, float]:
    sources = justice
    if sample is not None and sample < len(justice):
        sources = random.Random(seed).sample(justice, sample)
    if not sources or not support:
        return dict.fromkeys(simple, 0.0)
    raw = nx.betweenness_centrality_subset(simple, sources, support, normalized=False)
    # networkx halves undirected subset counts; justice and support never overlap, so doubling
    # gives pairs through v. Scale to all justice sources, then to a share of all pairs.
    factor = 2.0 * len(justice) / len(sources) / (len(justice) * len(support))
    return {v: b * factor for v, b in raw.items()}


def brokers(
    graph: nx.MultiDiGraph,
    *,
    country: str | None = None,
    scope: BrokerScope = BrokerScope.ALL,
    top: int = 10,
) -> BrokerReport:
    """The ``top`` organisations by betweenness (ties by id), within one country's internal
    relationships or in the whole network; exact or sampled as the module docstring says."""
    limits = load_thresholds()
    simple = simple_graph(graph, country)
    n = simple.number_of_nodes()
    approximate = n > limits.betweenness_exact_max_nodes
    k = min(limits.betweenness_samples, n) if approximate else None
    if scope is BrokerScope.ALL:
        scores = nx.betweenness_centrality(simple, k=k, seed=limits.betweenness_seed)
    else:
        justice = role_members(graph, simple, Role.JUSTICE)
        support = role_members(graph, simple, Role.SUPPORT)
        scores = _subset_scores(simple, justice, support, k, limits.betweenness_seed)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:top]
    found = tuple(_broker(graph, node, score) for node, score in ranked if score > 0)
    return BrokerReport(scope, found, n, approximate, k)


def _broker(graph: nx.MultiDiGraph, node: str, score: float) -> Broker:
    data = graph.nodes[node]
    return Broker(node, data["name"], data["kind"], data["role"], data["country"], score)


def isolates(graph: nx.MultiDiGraph, *, country: str | None = None) -> tuple[str, ...]:
    """Organisations (of a country, or all) with no relationship in force with anyone,
    sorted by id. One with only cross-border relationships is not isolated."""
    nodes = scope_nodes(graph, country)
    return tuple(sorted(n for n in nodes if graph.degree(n) == 0))


def components(graph: nx.MultiDiGraph, *, country: str | None = None) -> tuple[Component, ...]:
    """Connected components of a country's internal relationships (or of the whole network),
    direction ignored, largest first (ties by smallest id); single organisations included."""
    simple = simple_graph(graph, country)
    found = []
    for members in nx.connected_components(simple):
        actors = tuple(sorted(members))
        justice = role_members(graph, actors, Role.JUSTICE)
        support = role_members(graph, actors, Role.SUPPORT)
        groups: set[Group] = set()
        for node in support:
            groups |= serves(graph, node)
        ordered = tuple(g for g in Group if g in groups)
        found.append(Component(actors, len(justice), len(support), ordered))
    return tuple(sorted(found, key=lambda c: (-c.size, c.actors[0])))
