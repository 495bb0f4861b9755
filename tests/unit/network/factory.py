"""Small synthetic networks written as one line each, for tables of cases.

Nodes: ``ID:kind[group,group]@AREA,AREA/CC~lang,lang`` where everything after the kind is
optional (country defaults to TH). Edges: ``A-B`` mutual, ``A>B`` one way from A to B, with an
optional ``:type`` suffix (default referral_partner).
"""

from __future__ import annotations

import re
from datetime import date

import networkx as nx

from titian.network.graph import ActorNode, RelationshipEdge, build_graph
from titian.network.vocab import ActorKind, Direction, Group, RelationshipType

_NODE = re.compile(
    r"^(?P<id>\w+):(?P<kind>\w+)(\[(?P<groups>[\w,]*)\])?(@(?P<areas>[\w,-]+))?"
    r"(/(?P<country>[A-Z]{2}))?(~(?P<langs>[\w,-]+))?$"
)
_EDGE = re.compile(r"^(?P<a>\w+)(?P<dir>[->])(?P<b>\w+)(:(?P<type>\w+))?$")


def _split(text: str | None) -> frozenset[str]:
    return frozenset(t for t in (text or "").split(",") if t)


def create_actor(
    id: str,
    kind: ActorKind,
    *,
    country: str = "TH",
    areas: frozenset[str] = frozenset(),
    groups: frozenset[Group] = frozenset(),
    languages: frozenset[str] = frozenset(),
    active: bool = True,
) -> ActorNode:
    return ActorNode(id, f"Org {id}", kind, country, areas, groups, languages, active)


def create_relationship(
    source: str,
    target: str,
    *,
    type: RelationshipType = RelationshipType.REFERRAL_PARTNER,
    direction: Direction = Direction.MUTUAL,
    id: str | None = None,
    start: date | None = None,
    end: date | None = None,
    active: bool = True,
    evidence: str = "",
) -> RelationshipEdge:
    return RelationshipEdge(
        id or f"{source}-{target}", source, target, type, direction, start, end, active, evidence
    )


def parse_actors(spec: str) -> list[ActorNode]:
    actors = []
    for token in spec.split():
        m = _NODE.match(token)
        assert m, f"bad node token {token!r}"
        actors.append(
            create_actor(
                m["id"],
                ActorKind(m["kind"]),
                country=m["country"] or "TH",
                areas=_split(m["areas"]),
                groups=frozenset(Group(g) for g in _split(m["groups"])),
                languages=_split(m["langs"]),
            )
        )
    return actors


def parse_relationships(spec: str) -> list[RelationshipEdge]:
    rels = []
    for token in spec.split():
        m = _EDGE.match(token)
        assert m, f"bad edge token {token!r}"
        direction = Direction.MUTUAL if m["dir"] == "-" else Direction.ONE_WAY
        kind = RelationshipType(m["type"] or "referral_partner")
        rid = f"{m['a']}{m['dir']}{m['b']}:{kind.value}"
        rels.append(create_relationship(m["a"], m["b"], type=kind, direction=direction, id=rid))
    return rels


def network(nodes: str, edges: str = "") -> nx.MultiDiGraph:
    return build_graph(parse_actors(nodes), parse_relationships(edges))
