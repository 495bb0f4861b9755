"""Plain records of organisations and relationships, and the graph built from them.

The register (models, services) turns its rows into :class:`ActorNode` and
:class:`RelationshipEdge`; everything in this package then works on the graph returned by
:func:`build_graph`. Contact people stay in the register: they are personal data of staff and no
analysis needs them, so they never enter the graph or its exports (data minimisation, DESIGN.md
"Do no harm first").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from titian.network.vocab import (
    ActorKind,
    Direction,
    Group,
    RelationshipType,
    Role,
    Sector,
    role_of,
    sector_of,
)

#: Separator of list values once flattened for export; no code may contain it.
LIST_SEPARATOR = ";"


class GraphInputError(ValueError):
    """An actor or relationship cannot enter the graph; the message names the record and field."""


def _check_codes(record: str, name: str, values: Iterable[str]) -> None:
    for value in values:
        if not value or LIST_SEPARATOR in value or value != value.strip():
            raise GraphInputError(f"{record}: {name}: {value!r} is not a valid code")


@dataclass(frozen=True)
class ActorNode:
    """One organisation of the actor register.

    ``country`` is ISO 3166-1 alpha-2; ``areas`` are ISO 3166-2 subdivision codes where the
    organisation works, empty meaning the whole country; ``groups`` are the groups it serves,
    empty meaning none recorded (never "everyone": an unrecorded service is not assumed);
    ``languages`` are BCP-47 tags it works in.
    """

    id: str
    name: str
    kind: ActorKind
    country: str
    areas: frozenset[str] = field(default_factory=frozenset)
    groups: frozenset[Group] = field(default_factory=frozenset)
    languages: frozenset[str] = field(default_factory=frozenset)
    active: bool = True

    def __post_init__(self) -> None:
        record = f"actor {self.id!r}"
        if not self.id:
            raise GraphInputError("actor: id: must not be empty")
        if len(self.country) != 2 or not self.country.isalpha() or not self.country.isupper():
            raise GraphInputError(f"{record}: country: {self.country!r} is not ISO 3166-1 alpha-2")
        _check_codes(record, "areas", self.areas)
        _check_codes(record, "languages", self.languages)

    @property
    def sector(self) -> Sector:
        """State or non-state, from the kind (vocab rules)."""
        return sector_of(self.kind)

    @property
    def role(self) -> Role:
        """Justice, support, coordination or other, from the kind (vocab rules)."""
        return role_of(self.kind)


@dataclass(frozen=True)
class RelationshipEdge:
    """One typed relationship between two organisations.

    ``direction`` one-way reads "source refers to / funds / trains target". ``start`` and ``end``
    are the first and last day in force (inclusive, either may be unknown); ``active`` is the
    recorded current state; ``evidence`` says where the relationship is documented.
    """

    id: str
    source: str
    target: str
    type: RelationshipType
    direction: Direction = Direction.MUTUAL
    start: date | None = None
    end: date | None = None
    active: bool = True
    evidence: str = ""

    def __post_init__(self) -> None:
        record = f"relationship {self.id!r}"
        if not self.id:
            raise GraphInputError("relationship: id: must not be empty")
        if self.source == self.target:
            raise GraphInputError(f"{record}: target: an organisation cannot relate to itself")
        if self.start and self.end and self.end < self.start:
            raise GraphInputError(f"{record}: end: {self.end} is before start {self.start}")

    def in_force(self, at: date | None) -> bool:
        """Whether the relationship counts.

        Without ``at``: the recorded current state (``active``). With ``at``: whether ``at`` lies
        in the known span (start and end inclusive, an open bound counts as unbounded). An
        inactive relationship without an end date has no known span and is in force at no date.
        """
        if at is None:
            return self.active
        if not self.active and self.end is None:
            return False
        if self.start is not None and at < self.start:
            return False
        return self.end is None or at <= self.end


def _node_attributes(actor: ActorNode) -> dict[str, object]:
    return {
        "name": actor.name,
        "kind": actor.kind.value,
        "sector": actor.sector.value,
        "role": actor.role.value,
        "country": actor.country,
        "areas": tuple(sorted(actor.areas)),
        "groups": tuple(sorted(g.value for g in actor.groups)),
        "languages": tuple(sorted(actor.languages)),
    }


def _edge_attributes(rel: RelationshipEdge) -> dict[str, object]:
    return {
        "relationship": rel.type.value,
        "direction": rel.direction.value,
        "start": rel.start,
        "end": rel.end,
        "active": rel.active,
        "evidence": rel.evidence,
    }


def _add_actors(graph: nx.MultiDiGraph, actors: Iterable[ActorNode]) -> set[str]:
    inactive: set[str] = set()
    for actor in actors:
        if actor.id in graph or actor.id in inactive:
            raise GraphInputError(f"actor {actor.id!r}: id: appears twice")
        if actor.active:
            graph.add_node(actor.id, **_node_attributes(actor))
        else:
            inactive.add(actor.id)
    return inactive


def build_graph(
    actors: Iterable[ActorNode],
    relationships: Iterable[RelationshipEdge],
    *,
    types: Collection[RelationshipType] | None = None,
    at: date | None = None,
) -> nx.MultiDiGraph:
    """The network as a directed multigraph: one node per active organisation (keyed by id),
    one edge per relationship in force (keyed by relationship id), source to target.

    ``types`` keeps only those relationship types (all when ``None``); ``at`` selects the
    relationships in force on that day instead of the recorded current state (see
    :meth:`RelationshipEdge.in_force`). Relationships of inactive organisations are left out.
    A relationship naming an organisation that is not in ``actors`` is an error, as are two
    records with the same id.
    """
    graph = nx.MultiDiGraph(at=at.isoformat() if at else None)
    graph.graph["types"] = tuple(sorted(t.value for t in types)) if types is not None else None
    inactive = _add_actors(graph, actors)
    seen: set[str] = set()
    for rel in relationships:
        if rel.id in seen:
            raise GraphInputError(f"relationship {rel.id!r}: id: appears twice")
        seen.add(rel.id)
        for end_name, actor_id in (("source", rel.source), ("target", rel.target)):
            if actor_id not in graph and actor_id not in inactive:
                raise GraphInputError(
                    f"relationship {rel.id!r}: {end_name}: {actor_id!r} is not an actor"
                )
        if rel.source in inactive or rel.target in inactive:
            continue
        if types is not None and rel.type not in types:
            continue
        if rel.in_force(at):
            graph.add_edge(rel.source, rel.target, key=rel.id, **_edge_attributes(rel))
    return graph
