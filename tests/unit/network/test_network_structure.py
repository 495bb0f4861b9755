"""Brokers, isolates and components on small graphs."""

from __future__ import annotations

import dataclasses

import pytest

from titian.network import structure
from titian.network.structure import BrokerScope, brokers, components, isolates
from titian.network.thresholds import load_thresholds
from titian.network.vocab import Group

from .factory import network

TREE = (
    "P1:police P2:police X:international_org Y:anti_trafficking_committee "
    "S1:shelter[migrant] S2:legal_aid[women]",
    "P1-X P2-X X-S1 X>Y Y-S2",
)


@pytest.mark.parametrize(
    ("nodes", "edges", "scope", "expected"),
    [
        ("P:police X:academia S:shelter", "P-X X-S", BrokerScope.ALL, [("X", 1.0)]),
        (*TREE, BrokerScope.ALL, [("X", 0.9), ("Y", 0.4)]),
        (*TREE, BrokerScope.JUSTICE_SUPPORT, [("X", 1.0), ("Y", 0.5)]),
        (
            "A:ngo B:ngo C:ngo D:ngo",
            "A-B B-C C-D D-A",
            BrokerScope.ALL,
            [("A", 1 / 6), ("B", 1 / 6), ("C", 1 / 6), ("D", 1 / 6)],
        ),
        ("P:police S:shelter", "P-S", BrokerScope.ALL, []),
        ("P:police S:shelter", "", BrokerScope.JUSTICE_SUPPORT, []),
        ("X:ngo Y:ngo", "X-Y", BrokerScope.JUSTICE_SUPPORT, []),
    ],
)
def test_broker_table(
    nodes: str, edges: str, scope: BrokerScope, expected: list[tuple[str, float]]
) -> None:
    report = brokers(network(nodes, edges), scope=scope)
    assert [(b.actor_id, round(b.score, 6)) for b in report.brokers] == [
        (a, round(s, 6)) for a, s in expected
    ]
    assert report.approximate is False
    assert report.samples is None


def test_brokers_top_and_attributes() -> None:
    report = brokers(network(*TREE), top=1)
    (top,) = report.brokers
    assert (top.actor_id, top.kind, top.role, top.country) == (
        "X",
        "international_org",
        "coordination",
        "TH",
    )
    assert report.nodes == 6


def test_brokers_of_one_country_ignore_the_others() -> None:
    graph = network(
        "P:police X:ngo S:shelter K1:ngo/KH K2:ngo/KH K3:ngo/KH", "P-X X-S K1-K2 K2-K3 X-K1"
    )
    assert [b.actor_id for b in brokers(graph, country="TH").brokers] == ["X"]
    assert [b.actor_id for b in brokers(graph, country="KH").brokers] == ["K2"]
    assert brokers(graph).brokers[0].actor_id == "X"


@pytest.mark.parametrize("scope", list(BrokerScope))
def test_large_graphs_use_seeded_sampling(
    monkeypatch: pytest.MonkeyPatch, scope: BrokerScope
) -> None:
    small = dataclasses.replace(load_thresholds(), betweenness_exact_max_nodes=4)
    monkeypatch.setattr(structure, "load_thresholds", lambda: small)
    nodes = " ".join(f"P{i}:police" for i in range(300)) + " X:ngo S:shelter[women]"
    edges = " ".join(f"P{i}-X" for i in range(300)) + " X-S"
    graph = network(nodes, edges)
    first, second = brokers(graph, scope=scope), brokers(graph, scope=scope)
    assert first.approximate is True
    assert first.samples == small.betweenness_samples
    assert first == second
    assert first.brokers[0].actor_id == "X"


@pytest.mark.parametrize(
    ("nodes", "edges", "country", "expected"),
    [
        ("P:police S:shelter N:ngo", "P-S", None, ("N",)),
        ("P:police S:shelter N:ngo", "", "TH", ("N", "P", "S")),
        ("P:police K:ngo/KH N:ngo/KH", "P-K", "KH", ("N",)),
        ("P:police K:ngo/KH N:ngo/KH", "P-K", "TH", ()),
    ],
)
def test_isolates(nodes: str, edges: str, country: str | None, expected: tuple[str, ...]) -> None:
    assert isolates(network(nodes, edges), country=country) == expected


def test_components_largest_first_with_counts() -> None:
    graph = network(
        "P1:police P2:police S1:shelter[children] S2:ngo[migrant] X:academia Z:ngo K:ngo/KH",
        "P1-S1 S1>X P2-S2 S2-K",
    )
    found = components(graph, country="TH")
    assert [c.actors for c in found] == [("P1", "S1", "X"), ("P2", "S2"), ("Z",)]
    first = found[0]
    assert (first.size, first.justice, first.support) == (3, 1, 1)
    assert first.groups_served == (Group.GIRLS, Group.BOYS, Group.CHILDREN)
    assert [c.actors for c in components(graph)][:2] == [("K", "P2", "S2"), ("P1", "S1", "X")]
