"""Building the graph: records, validation, relationship types and dates."""

from __future__ import annotations

from datetime import date

import pytest

from titian.network.graph import ActorNode, GraphInputError, RelationshipEdge, build_graph
from titian.network.vocab import ActorKind, Direction, Group, RelationshipType

from .factory import create_actor, create_relationship

R = RelationshipType
D = date


def _actors() -> list[ActorNode]:
    return [
        create_actor("p", ActorKind.POLICE, areas=frozenset({"TH-10"})),
        create_actor("s", ActorKind.SHELTER, groups=frozenset({Group.CHILDREN})),
        create_actor("n", ActorKind.NGO),
    ]


@pytest.mark.parametrize(
    ("start", "end", "active", "at", "expected"),
    [
        (None, None, True, None, True),
        (None, None, False, None, False),
        (D(2024, 1, 1), D(2024, 12, 31), False, None, False),
        (D(2024, 1, 1), None, True, D(2023, 12, 31), False),
        (D(2024, 1, 1), None, True, D(2024, 1, 1), True),
        (D(2024, 1, 1), D(2024, 12, 31), False, D(2024, 12, 31), True),
        (D(2024, 1, 1), D(2024, 12, 31), False, D(2025, 1, 1), False),
        (None, None, False, D(2024, 6, 1), False),
        (None, D(2024, 12, 31), False, D(2020, 6, 1), True),
    ],
)
def test_in_force(
    start: date | None, end: date | None, active: bool, at: date | None, expected: bool
) -> None:
    rel = create_relationship("p", "s", start=start, end=end, active=active)
    assert rel.in_force(at) is expected
    assert build_graph(_actors(), [rel], at=at).has_edge("p", "s") is expected


def test_nodes_carry_plain_attributes() -> None:
    graph = build_graph(_actors(), [])
    assert graph.nodes["s"] == {
        "name": "Org s",
        "kind": "shelter",
        "sector": "non_state",
        "role": "support",
        "country": "TH",
        "areas": (),
        "groups": ("children",),
        "languages": (),
    }
    assert graph.nodes["p"]["areas"] == ("TH-10",)


def test_parallel_relationships_are_kept_with_their_ids() -> None:
    rels = [
        create_relationship("p", "s", id="r1"),
        create_relationship("p", "s", id="r2", type=R.TRAINING, direction=Direction.ONE_WAY),
    ]
    graph = build_graph(_actors(), rels)
    assert sorted(graph["p"]["s"]) == ["r1", "r2"]
    assert graph["p"]["s"]["r2"]["relationship"] == "training"
    assert graph["p"]["s"]["r2"]["direction"] == "one_way"


@pytest.mark.parametrize(
    ("types", "kept"),
    [
        (None, {"r1", "r2", "r3"}),
        ({R.REFERRAL_PARTNER}, {"r1"}),
        ({R.TRAINING, R.FUNDING}, {"r2", "r3"}),
        (set(), set()),
    ],
)
def test_types_filter(types: set[RelationshipType] | None, kept: set[str]) -> None:
    rels = [
        create_relationship("p", "s", id="r1"),
        create_relationship("p", "n", id="r2", type=R.TRAINING),
        create_relationship("n", "s", id="r3", type=R.FUNDING),
    ]
    graph = build_graph(_actors(), rels, types=types)
    assert {k for _, _, k in graph.edges(keys=True)} == kept
    assert len(graph) == 3


def test_inactive_actor_leaves_out_its_relationships() -> None:
    actors = [*_actors(), create_actor("x", ActorKind.NGO, active=False)]
    rels = [create_relationship("p", "x"), create_relationship("p", "s")]
    graph = build_graph(actors, rels)
    assert "x" not in graph
    assert graph.number_of_edges() == 1


@pytest.mark.parametrize(
    ("actors", "rels", "message"),
    [
        (
            [create_actor("p", ActorKind.POLICE), create_actor("p", ActorKind.NGO)],
            [],
            "actor 'p': id: appears twice",
        ),
        (
            [create_actor("p", ActorKind.POLICE)],
            [create_relationship("p", "ghost", id="r9")],
            "relationship 'r9': target: 'ghost' is not an actor",
        ),
        (
            [create_actor("p", ActorKind.POLICE), create_actor("s", ActorKind.NGO)],
            [create_relationship("p", "s", id="r1"), create_relationship("s", "p", id="r1")],
            "relationship 'r1': id: appears twice",
        ),
    ],
)
def test_build_graph_errors(
    actors: list[ActorNode], rels: list[RelationshipEdge], message: str
) -> None:
    with pytest.raises(GraphInputError, match=message):
        build_graph(actors, rels)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"country": "Thailand"}, "country"),
        ({"country": "th"}, "country"),
        ({"areas": frozenset({"TH-10;TH-20"})}, "areas"),
        ({"languages": frozenset({""})}, "languages"),
    ],
)
def test_actor_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(GraphInputError, match=f"actor 'a': {message}"):
        create_actor("a", ActorKind.NGO, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("source", "target", "start", "end", "message"),
    [
        ("a", "a", None, None, "target: an organisation cannot relate to itself"),
        ("a", "b", D(2024, 2, 1), D(2024, 1, 1), "end: 2024-01-01 is before start 2024-02-01"),
    ],
)
def test_relationship_errors(
    source: str, target: str, start: date | None, end: date | None, message: str
) -> None:
    with pytest.raises(GraphInputError, match=f"relationship 'r': {message}"):
        create_relationship(source, target, id="r", start=start, end=end)
