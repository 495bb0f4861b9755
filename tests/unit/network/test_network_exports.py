"""Exports: GraphML re-imports into networkx with the same nodes, edges and attributes; GEXF
reads back; CSV rows are flat and safe to open in a spreadsheet."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from titian.network.exports import (
    csv_cell,
    flat_value,
    flatten_graph,
    read_graphml,
    write_edges_csv,
    write_gexf,
    write_graphml,
    write_nodes_csv,
)
from titian.network.graph import build_graph
from titian.network.vocab import (
    REFERRAL_CHANNEL_TYPES,
    ActorKind,
    Direction,
    Group,
    RelationshipType,
)

from .factory import create_actor, create_relationship


def _graph() -> nx.MultiDiGraph:
    actors = [
        create_actor(
            "p1",
            ActorKind.POLICE,
            areas=frozenset({"TH-10", "TH-50"}),
            languages=frozenset({"th", "my"}),
        ),
        create_actor("s1", ActorKind.SHELTER, groups=frozenset({Group.CHILDREN, Group.MIGRANT})),
        create_actor("k1", ActorKind.INTERNATIONAL_ORG, country="KH"),
    ]
    rels = [
        create_relationship(
            "p1", "s1", id="r1", start=date(2024, 3, 1), evidence="=HYPERLINK(mou.pdf)"
        ),
        create_relationship(
            "p1",
            "s1",
            id="r2",
            type=RelationshipType.TRAINING,
            direction=Direction.ONE_WAY,
            start=date(2023, 1, 1),
            end=date(2026, 12, 31),
        ),
        create_relationship("k1", "s1", id="r3", type=RelationshipType.FUNDING),
    ]
    return build_graph(actors, rels)


def _as_data(graph: nx.MultiDiGraph) -> tuple[object, ...]:
    nodes = sorted(graph.nodes(data=True))
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: e[2])
    defaults = {"node_default", "edge_default"}  # networkx's reader adds these, empty
    return nodes, edges, {k: v for k, v in graph.graph.items() if k not in defaults}


def test_graphml_reimports_into_networkx_unchanged(tmp_path: Path) -> None:
    graph = _graph()
    path = tmp_path / "network.graphml"
    write_graphml(graph, path)
    plain = nx.read_graphml(path, force_multigraph=True)
    assert _as_data(plain) == _as_data(flatten_graph(graph))
    assert plain.nodes["p1"]["areas"] == "TH-10;TH-50"
    assert plain.edges["p1", "s1", "r2"]["end"] == "2026-12-31"
    assert "end" not in plain.edges["p1", "s1", "r1"]
    assert plain.edges["k1", "s1", "r3"]["active"] is True


def test_graphml_read_back_restores_the_built_graph() -> None:
    graph = _graph()
    buffer = io.BytesIO()
    write_graphml(graph, buffer)
    buffer.seek(0)
    assert _as_data(read_graphml(buffer)) == _as_data(graph)


def test_graphml_of_an_empty_graph() -> None:
    buffer = io.BytesIO()
    write_graphml(build_graph([], []), buffer)
    buffer.seek(0)
    assert read_graphml(buffer).number_of_nodes() == 0


def test_gexf_carries_labels_direction_and_time(tmp_path: Path) -> None:
    path = tmp_path / "network.gexf"
    write_gexf(_graph(), path)
    text = path.read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text
    assert 'timeformat="date"' in text
    back = nx.read_gexf(path)
    assert sorted(back.nodes) == ["k1", "p1", "s1"]
    assert back.nodes["p1"]["label"] == "Org p1"
    edges = {d["id"]: d for _, _, d in back.edges(data=True)}
    assert set(edges) == {"r1", "r2", "r3"}
    assert edges["r2"]["label"] == "training"
    assert edges["r1"]["direction"] == "mutual"


def test_nodes_csv() -> None:
    out = io.StringIO()
    write_nodes_csv(_graph(), out)
    assert out.getvalue().splitlines() == [
        "id,name,kind,sector,role,country,areas,groups,languages",
        "k1,Org k1,international_org,non_state,coordination,KH,,,",
        "p1,Org p1,police,state,justice,TH,TH-10;TH-50,,my;th",
        "s1,Org s1,shelter,non_state,support,TH,,children;migrant,",
    ]


def test_edges_csv() -> None:
    out = io.StringIO()
    write_edges_csv(_graph(), out)
    assert out.getvalue().splitlines() == [
        "id,source,target,relationship,direction,start,end,active,evidence",
        "r1,p1,s1,referral_partner,mutual,2024-03-01,,true,'=HYPERLINK(mou.pdf)",
        "r2,p1,s1,training,one_way,2023-01-01,2026-12-31,true,",
        "r3,k1,s1,funding,mutual,,,true,",
    ]


@pytest.mark.parametrize(
    ("value", "flat"),
    [
        (None, None),
        (True, True),
        (3, 3),
        (date(2024, 1, 2), "2024-01-02"),
        (Group.MIGRANT, "migrant"),
        (("b", "a"), "a;b"),
        (frozenset({Group.WOMEN, Group.BOYS}), "boys;women"),
        ((), ""),
    ],
)
def test_flat_value(value: object, flat: object) -> None:
    assert flat_value(value) == flat
    assert type(flat_value(value)) is type(flat)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+66 2 123", "'+66 2 123"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Foundation", "Foundation"),
        (None, ""),
        (False, "false"),
    ],
)
def test_csv_cell(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


def test_graphml_keeps_the_selection_the_graph_was_built_with() -> None:
    actors = [create_actor("p", ActorKind.POLICE), create_actor("s", ActorKind.SHELTER)]
    rels = [create_relationship("p", "s", id="r1", start=date(2024, 1, 1))]
    graph = build_graph(actors, rels, types=REFERRAL_CHANNEL_TYPES, at=date(2025, 6, 30))
    buffer = io.BytesIO()
    write_graphml(graph, buffer)
    buffer.seek(0)
    back = read_graphml(buffer)
    assert back.graph == {"at": "2025-06-30", "types": ("mou_sop", "referral_partner")}
    assert _as_data(back) == _as_data(graph)
