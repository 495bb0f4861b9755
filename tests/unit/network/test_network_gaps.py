"""Gap analysis: tables of small graphs -> expected status and hops per justice agency."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from titian.network.gaps import GapStatus, PathOptions, analyse_gaps
from titian.network.graph import build_graph
from titian.network.vocab import ActorKind, Direction, Group

from .factory import create_actor, create_relationship, network

S = GapStatus
OK, LONG, NONE, NOSUP = S.CONNECTED, S.LONG_PATH, S.NO_PATH, S.NO_SUPPORT
M = Group.MIGRANT

CASES = [
    # id, nodes, edges, group, options, {justice: (status, hops)}
    ("direct", "P:police S:shelter[migrant]", "P-S", M, {}, {"P": (OK, 1)}),
    ("one broker", "P:police X:ngo S:shelter[migrant]", "P-X X-S", M, {}, {"P": (OK, 2)}),
    (
        "long",
        "P:police X:ngo Y:international_org S:shelter[migrant]",
        "P-X X-Y Y-S",
        M,
        {},
        {"P": (LONG, 3)},
    ),
    (
        "long accepted with a higher threshold",
        "P:police X:ngo Y:ngo S:shelter[migrant]",
        "P-X X-Y Y-S",
        M,
        {"long_path_hops": 3},
        {"P": (OK, 3)},
    ),
    ("no path", "P:police S:shelter[migrant]", "", M, {}, {"P": (NONE, None)}),
    ("no support for the group", "P:police S:shelter[women]", "P-S", M, {}, {"P": (NOSUP, None)}),
    (
        "support serving no recorded group serves nobody",
        "P:police S:shelter",
        "P-S",
        Group.WOMEN,
        {},
        {"P": (NOSUP, None)},
    ),
    (
        "nearest of two",
        "P:police X:ngo Y:ngo S1:shelter[migrant] S2:legal_aid[migrant]",
        "P-X X-Y Y-S1 P-S2",
        M,
        {},
        {"P": (OK, 1)},
    ),
    (
        "children include girls",
        "P:police S:shelter[children]",
        "P-S",
        Group.GIRLS,
        {},
        {"P": (OK, 1)},
    ),
    (
        "girls are not all children",
        "P:police S:shelter[girls]",
        "P-S",
        Group.CHILDREN,
        {},
        {"P": (NOSUP, None)},
    ),
    (
        "support abroad does not count",
        "P:police S:shelter[migrant]/KH",
        "P-S",
        M,
        {},
        {"P": (NOSUP, None)},
    ),
    (
        "justice abroad is not reported",
        "P:police/KH Q:police S:shelter[migrant]",
        "P-S Q-S",
        M,
        {},
        {"Q": (OK, 1)},
    ),
    (
        "no path through another country by default",
        "P:police X:ngo/KH S:shelter[migrant]",
        "P-X X-S",
        M,
        {},
        {"P": (NONE, None)},
    ),
    (
        "cross-border path when allowed",
        "P:police X:ngo/KH S:shelter[migrant]",
        "P-X X-S",
        M,
        {"cross_border": True},
        {"P": (OK, 2)},
    ),
    (
        "one way towards support, directed",
        "P:police S:shelter[migrant]",
        "P>S",
        M,
        {"directed": True},
        {"P": (OK, 1)},
    ),
    (
        "one way from support, directed",
        "P:police S:shelter[migrant]",
        "S>P",
        M,
        {"directed": True},
        {"P": (NONE, None)},
    ),
    (
        "one way from support, undirected",
        "P:police S:shelter[migrant]",
        "S>P",
        M,
        {},
        {"P": (OK, 1)},
    ),
    (
        "mutual, directed",
        "P:police S:shelter[migrant]",
        "S-P",
        M,
        {"directed": True},
        {"P": (OK, 1)},
    ),
    (
        "directed chain needs every step forwards",
        "P:police X:ngo S:shelter[migrant]",
        "P>X S>X",
        M,
        {"directed": True},
        {"P": (NONE, None)},
    ),
    (
        "every justice kind, coordination as broker",
        "P:police J:judiciary L:labour_inspection I:immigration A:prosecution "
        "C:anti_trafficking_committee S:ministry_social_welfare[migrant]",
        "P-C J-C L-S I-C C-S",
        M,
        {},
        {"P": (OK, 2), "J": (OK, 2), "L": (OK, 1), "I": (OK, 2), "A": (NONE, None)},
    ),
    (
        "a justice agency is not a path end for support",
        "P:police Q:police S:shelter[migrant]",
        "P-Q Q-S",
        M,
        {},
        {"P": (OK, 2), "Q": (OK, 1)},
    ),
]


@pytest.mark.parametrize(
    ("nodes", "edges", "group", "options", "expected"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_gap_table(
    nodes: str,
    edges: str,
    group: Group,
    options: dict[str, object],
    expected: dict[str, tuple[GapStatus, int | None]],
) -> None:
    opts = PathOptions(groups=(group,), **options)  # type: ignore[arg-type]
    report = analyse_gaps(network(nodes, edges), "TH", opts)
    assert {r.justice_id: (r.status, r.hops) for r in report.rows} == expected


def test_path_runs_from_justice_to_nearest_support() -> None:
    graph = network("P:police X:ngo Y:ngo S:shelter[migrant]", "P-X Y>X Y-S")
    (row,) = analyse_gaps(graph, "th", PathOptions(groups=(M,))).rows
    assert row.path == ("P", "X", "Y", "S")
    assert row.nearest_support == "S"


def test_summary_counts_each_status() -> None:
    graph = network(
        "P1:police P2:police P3:police X:ngo Y:ngo S:shelter[migrant]",
        "P1-S P2-X X-Y Y-S",
    )
    report = analyse_gaps(graph, "TH", PathOptions(groups=(M, Group.WOMEN)))
    migrant, women = report.summaries
    assert (migrant.support_agencies, migrant.justice_agencies) == (1, 3)
    assert (migrant.connected, migrant.long_path, migrant.no_path) == (1, 1, 1)
    assert migrant.underserved == 2
    assert (women.no_support, women.underserved) == (3, 3)
    assert {(r.justice_id, r.group) for r in report.gaps()} == {
        ("P2", M),
        ("P3", M),
        ("P1", Group.WOMEN),
        ("P2", Group.WOMEN),
        ("P3", Group.WOMEN),
    }


def test_default_groups_are_all_groups() -> None:
    report = analyse_gaps(network("P:police"), "TH")
    assert [s.group for s in report.summaries] == list(Group)


def test_long_path_threshold_must_be_positive() -> None:
    with pytest.raises(ValueError, match="long_path_hops"):
        PathOptions(long_path_hops=0)


_KINDS = [ActorKind.POLICE, ActorKind.PROSECUTION, ActorKind.SHELTER, ActorKind.NGO]


@st.composite
def random_network(draw: st.DrawFn) -> nx.MultiDiGraph:
    """Up to 14 organisations of TH (a few of KH) with random groups, relationships and
    directions."""
    n = draw(st.integers(2, 14))
    actors = [
        create_actor(
            f"a{i}",
            draw(st.sampled_from(_KINDS)),
            country=draw(st.sampled_from(["TH", "TH", "TH", "KH"])),
            areas=frozenset(draw(st.sets(st.sampled_from(["TH-10", "TH-20"]), max_size=1))),
            groups=frozenset(draw(st.sets(st.sampled_from([M, Group.WOMEN]), max_size=2))),
            languages=frozenset(draw(st.sets(st.sampled_from(["th", "my"]), max_size=2))),
        )
        for i in range(n)
    ]
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.booleans()).filter(
                lambda p: p[0] != p[1]
            ),
            max_size=2 * n,
        )
    )
    rels = [
        create_relationship(
            f"a{a}", f"a{b}", id=f"r{i}", direction=Direction.MUTUAL if m else Direction.ONE_WAY
        )
        for i, (a, b, m) in enumerate(pairs)
    ]
    return build_graph(actors, rels)


def _reference(graph: nx.MultiDiGraph, directed: bool, cross_border: bool) -> nx.DiGraph:
    """The same paths built the obvious way: networkx, mutual edges both ways."""
    keep = [n for n, c in graph.nodes(data="country") if cross_border or c == "TH"]
    ref = nx.DiGraph()
    ref.add_nodes_from(keep)
    for u, v, d in graph.subgraph(keep).edges(data=True):
        ref.add_edge(u, v)
        if not directed or d["direction"] == "mutual":
            ref.add_edge(v, u)
    return ref


@settings(max_examples=120, deadline=None)
@given(random_network(), st.booleans(), st.booleans())
def test_hops_equal_networkx_shortest_path_to_nearest_support(
    graph: nx.MultiDiGraph, directed: bool, cross_border: bool
) -> None:
    ref = _reference(graph, directed, cross_border)
    options = PathOptions(groups=(M,), directed=directed, cross_border=cross_border)
    report = analyse_gaps(graph, "TH", options)
    support = [
        n
        for n, d in graph.nodes(data=True)
        if d["role"] == "support" and "migrant" in d["groups"] and d["country"] == "TH"
    ]
    for row in report.rows:
        lengths = nx.single_source_shortest_path_length(ref, row.justice_id)
        reachable = [lengths[s] for s in support if s in lengths]
        assert row.hops == (min(reachable) if reachable else None)
        if row.hops is not None:
            assert len(row.path) == row.hops + 1
            assert row.path[-1] == row.nearest_support
            assert all(ref.has_edge(a, b) for a, b in zip(row.path, row.path[1:], strict=False))
