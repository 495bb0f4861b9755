"""Suggested connections: tables of small graphs -> expected pairs, order and explanations."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from titian.network.gaps import GapStatus, PathOptions, analyse_gaps
from titian.network.suggestions import GapSizes, gap_size_for, suggest_connections
from titian.network.vocab import Group

from .factory import network
from .test_network_gaps import random_network

M, W = Group.MIGRANT, Group.WOMEN
ONLY_M = PathOptions(groups=(M,))

CASES = [
    # id, nodes, edges, gap sizes, [(justice, support, gap size, current hops, same area)]
    (
        "same area first",
        "P:police@TH-10 S1:shelter[migrant]@TH-20 S2:ngo[migrant]@TH-10",
        "",
        None,
        [("P", "S2", 0, None, True)],
    ),
    (
        "nationwide support counts as same area",
        "P:police@TH-10 S1:shelter[migrant]@TH-20 S2:ngo[migrant]",
        "",
        None,
        [("P", "S2", 0, None, True)],
    ),
    (
        "no partner in the area",
        "P:police@TH-10 S1:shelter[migrant]@TH-20",
        "",
        None,
        [("P", "S1", 0, None, False)],
    ),
    (
        "shared language first",
        "P:police~my S1:shelter[migrant]~th S2:ngo[migrant]~my,th",
        "",
        None,
        [("P", "S2", 0, None, True)],
    ),
    (
        "fewest justice partners first",
        "P:police Q:police S1:shelter[migrant] S2:ngo[migrant]",
        "Q-S1",
        None,
        [("P", "S2", 0, None, True)],
    ),
    (
        "ties by id",
        "P:police S2:shelter[migrant] S1:ngo[migrant]",
        "",
        None,
        [("P", "S1", 0, None, True)],
    ),
    (
        "bigger gap first",
        "P1:police@TH-10 P2:police@TH-20 S:shelter[migrant]",
        "",
        {(M, "TH-10"): 3, (M, "TH-20"): 7},
        [("P2", "S", 7, None, True), ("P1", "S", 3, None, True)],
    ),
    (
        "no path before long path",
        "P1:police P2:police X:ngo Y:ngo S:shelter[migrant]",
        "P2-X X-Y Y-S",
        None,
        [("P1", "S", 0, None, True), ("P2", "S", 0, 3, True)],
    ),
    (
        "gap size before path length",
        "P1:police@TH-10 P2:police@TH-20 X:ngo Y:ngo S:shelter[migrant]",
        "P2-X X-Y Y-S",
        {(M, "TH-20"): 1},
        [("P2", "S", 1, 3, True), ("P1", "S", 0, None, True)],
    ),
    ("connected agencies get nothing", "P:police X:ngo S:shelter[migrant]", "P-X X-S", None, []),
    ("no support, nothing to suggest", "P:police S:shelter[women]", "", None, []),
]


@pytest.mark.parametrize(
    ("nodes", "edges", "sizes", "expected"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_suggestion_table(
    nodes: str,
    edges: str,
    sizes: GapSizes | None,
    expected: list[tuple[str, str, int, int | None, bool]],
) -> None:
    found = suggest_connections(network(nodes, edges), "TH", sizes, options=ONLY_M)
    assert [
        (s.justice_id, s.support_id, s.gap_size, s.current_hops, s.same_area) for s in found
    ] == expected
    assert [s.rank for s in found] == list(range(1, len(found) + 1))


def test_one_pair_closing_several_gaps_is_one_suggestion() -> None:
    graph = network("P:police S:shelter[migrant,women] T:shelter[stateless]")
    found = suggest_connections(
        graph, "TH", {(M, None): 2, (W, None): 3, (Group.STATELESS, None): 4}
    )
    assert [(s.support_id, s.groups, s.gap_size) for s in found] == [
        ("T", (Group.STATELESS,), 4),
        ("S", (W, M), 3),
    ]


def test_explanation_names_the_gap_the_need_and_the_reasons() -> None:
    graph = network(
        "P:police@TH-10~th,my X:ngo Y:international_org S:shelter[children]@TH-10~my",
        "P-X X-Y Y-S",
    )
    sizes = {(Group.GIRLS, "TH-10"): 4}
    options = PathOptions(groups=(Group.GIRLS, Group.BOYS))
    (found,) = suggest_connections(graph, "th", sizes, options=options)
    assert found.explanation == (
        "Connect Org P (police, TH-10) with Org S (shelter, TH-10). "
        "It reaches support for girls and boys only in 3 steps, via Org X and Org Y. "
        "The gap report counts unmet needs: 4 of girls in TH-10. "
        "Both work in TH-10. Shared languages: my. Today the two are 3 steps apart."
    )
    assert found.pair_hops == 3
    assert found.shared_languages == ("my",)


def test_explanation_without_a_path() -> None:
    graph = network("P:police S:shelter[migrant]@TH-20")
    (found,) = suggest_connections(graph, "TH", options=ONLY_M)
    assert found.explanation == (
        "Connect Org P (police, TH, nationwide) with Org S (shelter, TH-20). "
        "It has no path to any support agency serving migrants. "
        "The justice agency works nationwide. Today the two have no path between them."
    )


def test_limit_keeps_the_best() -> None:
    nodes = " ".join(f"P{i}:police@TH-{i:02d}" for i in range(10, 20)) + " S:shelter[migrant]"
    sizes = {(M, f"TH-{i:02d}"): i for i in range(10, 20)}
    found = suggest_connections(network(nodes), "TH", sizes, limit=3, options=ONLY_M)
    assert [s.justice_id for s in found] == ["P19", "P18", "P17"]


def test_a_precomputed_report_gives_the_same_result() -> None:
    graph = network("P1:police P2:police X:ngo Y:ngo S:shelter[migrant,women]", "P2-X X-Y Y-S")
    report = analyse_gaps(graph, "TH")
    assert suggest_connections(graph, "TH", report=report) == suggest_connections(graph, "TH")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"limit": 0}, "limit"), ({"country": "KH"}, "report: computed for TH, not KH")],
)
def test_suggestion_errors(kwargs: dict[str, object], message: str) -> None:
    graph = network("P:police")
    args: dict[str, object] = {"country": "TH", "report": analyse_gaps(graph, "TH")} | kwargs
    with pytest.raises(ValueError, match=message):
        suggest_connections(graph, **args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("areas", "sizes", "expected"),
    [
        (("TH-10",), None, (0, None)),
        (("TH-10",), {(M, "TH-10"): 4}, (4, "TH-10")),
        (("TH-10", "TH-20"), {(M, "TH-10"): 4, (M, "TH-20"): 6}, (6, "TH-20")),
        (("TH-10",), {(M, None): 9}, (9, None)),
        (("TH-10",), {(M, "TH-20"): 9}, (0, None)),
        ((), {(M, "TH-10"): 4, (M, "TH-20"): 6, (W, "TH-10"): 1}, (10, None)),
        ((), {(M, None): 2, (M, "TH-10"): 4}, (2, None)),
        (("TH-10",), {(W, "TH-10"): 5}, (0, None)),
    ],
)
def test_gap_size_for(
    areas: tuple[str, ...], sizes: GapSizes | None, expected: tuple[int, str | None]
) -> None:
    assert gap_size_for(sizes, M, areas) == expected


def test_the_nearest_reachable_support_is_always_a_candidate() -> None:
    others = " ".join(f"S{i}:shelter[migrant]" for i in range(1, 10))
    graph = network(f"P:police~my X:ngo Y:ngo Z:shelter[migrant]~my {others}", "P-X X-Y Y-Z")
    (found,) = suggest_connections(graph, "TH", options=ONLY_M)
    assert (found.support_id, found.current_hops, found.shared_languages) == ("Z", 3, ("my",))


@settings(max_examples=80, deadline=None)
@given(
    random_network(),
    st.dictionaries(
        st.tuples(st.sampled_from([M, W]), st.sampled_from(["TH-10", "TH-20", None])),
        st.integers(0, 20),
        max_size=4,
    ),
)
def test_every_suggestion_closes_a_real_gap_and_ranks_in_order(
    graph: nx.MultiDiGraph, sizes: dict[tuple[Group, str | None], int]
) -> None:
    options = PathOptions(groups=(M, W))
    report = analyse_gaps(graph, "TH", options)
    found = suggest_connections(graph, "TH", sizes, limit=100, report=report)
    status = {(r.justice_id, r.group): r.status for r in report.rows}
    gaps = {GapStatus.LONG_PATH, GapStatus.NO_PATH}
    expected = {(j, g) for (j, g), s in status.items() if s in gaps}
    assert {(s.justice_id, g) for s in found for g in s.groups} == expected
    for s in found:
        support = graph.nodes[s.support_id]
        assert (support["role"], support["country"]) == ("support", "TH")
        assert all(g.value in support["groups"] for g in s.groups)
        assert s.pair_hops is None or s.pair_hops > options.long_path_hops
    assert [s.gap_size for s in found] == sorted((s.gap_size for s in found), reverse=True)
