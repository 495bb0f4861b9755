"""Use cases of the network: relationships, the graph from the register, analysis, exports.

The analysis itself is pure (``titian.network.analysis``); this module only loads the register
into :class:`~titian.network.graph.ActorNode` and :class:`~titian.network.graph.RelationshipEdge`
records and hands them over.

**Gap sizes hook.** Suggestions are ranked by unmet need when gap sizes are known
(``titian.network.gap_sizes``). The service directory area keeps them (a ``service_gap`` table);
this module does not depend on it. Give figures directly with ``analyse(..., gap_sizes=...)``, or
let the owning area register a provider once at import time::

    from titian.network import service as network_service

    def gap_sizes_for(session, country):          # -> GapSizes | None
        ...count rows of service_gap with gap_sizes.count_gap_sizes...

    network_service.register_gap_sizes_provider(gap_sizes_for)

``analyse`` asks the providers in order when no figures are passed; the first that answers
something other than None wins. Without any, suggestions rank on path length alone.

**Brokers are cached.** Betweenness is the one expensive figure (docs/network-analysis.md: about
28 breadth-first searches on a register of 50,000 organisations), and the network page asks for
it on every view. :func:`cached_brokers` keeps the last reports in this process, keyed by the
country, the relationship types, today's date (what is "in force") and the state of the register
(``repository.register_state``): any change to an organisation or a relationship computes them
again. Reports are immutable, so sharing one is safe.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable
from datetime import date
from typing import IO, Literal, TextIO

import networkx as nx
from sqlalchemy.orm import Session

from titian.actors import repository as actors_repository
from titian.actors.models import Actor
from titian.actors.service import actor_node
from titian.audit import service as audit
from titian.auth.policies import Principal
from titian.errors import FieldError, Invalid
from titian.kit.clock import utcnow
from titian.kit.locking import ensure_version
from titian.network import exports, repository
from titian.network.analysis import (
    BrokerReport,
    PathOptions,
    analyse_gaps,
    brokers,
    components,
    isolates,
    suggest_connections,
)
from titian.network.graph import RelationshipEdge, build_graph
from titian.network.models import Relationship
from titian.network.report import NetworkAnalysis
from titian.network.schemas import (
    RelationshipCreate,
    RelationshipEnd,
    RelationshipRead,
    RelationshipUpdate,
)
from titian.network.suggestions import GapSizes
from titian.network.vocab import Direction, Group, RelationshipType

GapSizesProvider = Callable[[Session, str], GapSizes | None]
_PROVIDERS: list[GapSizesProvider] = []

ExportFormat = Literal["graphml", "gexf", "nodes_csv", "edges_csv"]


def register_gap_sizes_provider(provider: GapSizesProvider) -> None:
    """Let another area give unmet-need figures per (group, area) for a country (module doc)."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def provided_gap_sizes(session: Session, country: str) -> GapSizes | None:
    for provider in _PROVIDERS:
        sizes = provider(session, country)
        if sizes is not None:
            return sizes
    return None


def today() -> date:
    return utcnow().date()


def in_force_today(rel: Relationship, on: date) -> bool:
    """Whether a relationship counts as a working link on day ``on`` when no analysis date is
    asked for: recorded active and its last day in force (``end_date``, inclusive) not passed.
    An ended relationship stays in the register as history but links nobody any more."""
    return rel.is_active and (rel.end_date is None or rel.end_date >= on)


def relationship_read(
    rel: Relationship, names: dict[uuid.UUID, Actor], on: date | None = None
) -> RelationshipRead:
    source, target = names[rel.source_id], names[rel.target_id]
    return RelationshipRead(
        id=rel.id,
        source_id=rel.source_id,
        source_name=source.name,
        source_country=source.country,
        target_id=rel.target_id,
        target_name=target.name,
        target_country=target.country,
        type=rel.type,
        direction=rel.direction,
        start_date=rel.start_date,
        end_date=rel.end_date,
        is_active=rel.is_active,
        evidence=rel.evidence,
        dialogue_id=rel.dialogue_id,
        in_force=in_force_today(rel, on or today()),
        version=rel.version,
    )


def read_relationships(session: Session, rels: Iterable[Relationship]) -> list[RelationshipRead]:
    rows = list(rels)
    ids = {r.source_id for r in rows} | {r.target_id for r in rows}
    actors = {a.id: a for a in actors_repository.all_actors(session) if a.id in ids}
    on = today()
    return [relationship_read(r, actors, on) for r in rows]


def create_relationship(
    session: Session, principal: Principal | None, data: RelationshipCreate
) -> Relationship:
    """Record a relationship between two registered organisations (NETWORK_EDIT)."""
    if principal is not None:
        actors_repository.require_edit(principal)
    for field, actor_id in (("source_id", data.source_id), ("target_id", data.target_id)):
        if session.get(Actor, actor_id) is None:
            raise Invalid("unknown organisation", [FieldError(field, "no such organisation")])
    rel = Relationship(**data.model_dump())
    session.add(rel)
    session.flush()
    audit.record(
        session, principal, "relationship.create", "relationship", rel.id, {"type": rel.type.value}
    )
    return rel


def update_relationship(
    session: Session, principal: Principal, relationship_id: uuid.UUID, data: RelationshipUpdate
) -> Relationship:
    rel = repository.get_relationship(session, principal, relationship_id)
    actors_repository.require_edit(principal)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    ensure_version(rel, data.version, changes, changes)
    for name, value in changes.items():
        setattr(rel, name, value)
    if rel.start_date and rel.end_date and rel.end_date < rel.start_date:
        raise Invalid("dates refused", [FieldError("end_date", "before start_date")])
    session.flush()
    audit.record(
        session,
        principal,
        "relationship.update",
        "relationship",
        rel.id,
        {"fields": sorted(changes)},
    )
    return rel


def end_relationship(
    session: Session, principal: Principal, relationship_id: uuid.UUID, data: RelationshipEnd
) -> Relationship:
    """End a relationship that existed: its last day in force is ``end_date`` (default today).
    It stays in the register as history; from the day after its end date (at once when the date
    is today or earlier) it no longer counts as a working link (``in_force_today``)."""
    rel = repository.get_relationship(session, principal, relationship_id)
    actors_repository.require_edit(principal)
    on = today()
    end = data.end_date or on
    ensure_version(rel, data.version, ["end_date"], {"end_date": end})
    if not in_force_today(rel, on):
        raise Invalid(
            "already ended", [FieldError("end_date", "the relationship has already ended")]
        )
    if rel.start_date and end < rel.start_date:
        raise Invalid("dates refused", [FieldError("end_date", "before start_date")])
    rel.end_date = end
    if end <= on:
        rel.is_active = False
    session.flush()
    audit.record(
        session,
        principal,
        "relationship.end",
        "relationship",
        rel.id,
        {"end_date": end.isoformat()},
    )
    return rel


def delete_relationship(session: Session, principal: Principal, relationship_id: uuid.UUID) -> None:
    rel = repository.get_relationship(session, principal, relationship_id)
    actors_repository.require_edit(principal)
    session.delete(rel)
    session.flush()
    audit.record(session, principal, "relationship.delete", "relationship", relationship_id)


def edge(rel: Relationship, on: date | None = None) -> RelationshipEdge:
    """The graph record of a relationship. With ``on`` (the current state of day ``on``), a
    relationship whose end date has passed is not ``active`` (``in_force_today``); without it,
    ``active`` is the recorded flag and ``build_graph(at=...)`` reads the dates."""
    return RelationshipEdge(
        id=str(rel.id),
        source=str(rel.source_id),
        target=str(rel.target_id),
        type=rel.type,
        direction=rel.direction,
        start=rel.start_date,
        end=rel.end_date,
        active=in_force_today(rel, on) if on is not None else rel.is_active,
        evidence=rel.evidence,
    )


def load_graph(
    session: Session,
    principal: Principal | None,
    *,
    country: str | None = None,
    types: Collection[RelationshipType] | None = None,
    at: date | None = None,
) -> nx.MultiDiGraph:
    """The network of the whole register (``build_graph``), or only the organisations of one
    country and the relationships between them (``principal`` None = the command line).

    Without ``at``, the relationships in force today: recorded active and not past their end
    date (an ended relationship is not a working link); with ``at``, those in force that day."""
    if principal is not None:
        actors_repository.require_read(principal)
    actors = [actor_node(a) for a in actors_repository.all_actors(session)]
    on = today() if at is None else None
    rels = [edge(r, on) for r in repository.all_relationships(session)]
    graph = build_graph(actors, rels, types=types, at=at)
    if country:
        keep = [n for n, d in graph.nodes(data=True) if d["country"] == country.upper()]
        sub = graph.subgraph(keep).copy()
        sub.graph.update(graph.graph)
        return sub
    return graph


def analyse(
    session: Session,
    principal: Principal | None,
    country: str,
    *,
    gap_sizes: GapSizes | None = None,
    groups: Collection[Group] | None = None,
    types: Collection[RelationshipType] | None = None,
    limit: int = 20,
) -> NetworkAnalysis:
    """Gaps, brokers, isolates, components and suggested connections of one country.

    ``gap_sizes`` ranks suggestions by unmet need; when None, registered providers are asked
    (module docstring). ``groups`` limits the gap analysis to those groups."""
    code = country.upper()
    graph = load_graph(session, principal, types=types)
    sizes = gap_sizes if gap_sizes is not None else provided_gap_sizes(session, code)
    options = PathOptions(groups=tuple(groups)) if groups else PathOptions()
    report = analyse_gaps(graph, code, options)
    return NetworkAnalysis(
        graph=graph,
        report=report,
        brokers=cached_brokers(session, graph, code, types),
        isolates=isolates(graph, country=code),
        components=components(graph, country=code),
        suggestions=suggest_connections(graph, code, sizes, limit, report=report),
        gap_sizes_used=sizes is not None,
    )


_BROKERS: OrderedDict[tuple[object, ...], BrokerReport] = OrderedDict()
BROKER_CACHE_SIZE = 32


def cached_brokers(
    session: Session,
    graph: nx.MultiDiGraph,
    country: str,
    types: Collection[RelationshipType] | None = None,
) -> BrokerReport:
    """``brokers(graph, country=country)``, computed once per state of the register (module
    docstring). ``graph`` must be the register's graph as :func:`load_graph` builds it today with
    these ``types``."""
    kinds = tuple(sorted(t.value for t in types)) if types else ()
    key = (repository.register_state(session), today(), country, kinds)
    found = _BROKERS.get(key)
    if found is None:
        found = brokers(graph, country=country)
        _BROKERS[key] = found
        while len(_BROKERS) > BROKER_CACHE_SIZE:
            _BROKERS.popitem(last=False)
    else:
        _BROKERS.move_to_end(key)
    return found


def add_dialogue_relationships(
    session: Session,
    principal: Principal | None,
    dialogue_id: uuid.UUID,
    actor_ids: Iterable[uuid.UUID],
    held_on: date,
    evidence: str,
) -> int:
    """Record that these organisations met at a dialogue: one mutual ``dialogue`` relationship
    per pair not already joined by an active one. Returns how many were added."""
    ids = sorted(set(actor_ids))
    existing = repository.dialogue_pairs(session)
    added = 0
    for i, source in enumerate(ids):
        for target in ids[i + 1 :]:
            if frozenset((source, target)) in existing:
                continue
            session.add(
                Relationship(
                    source_id=source,
                    target_id=target,
                    type=RelationshipType.DIALOGUE,
                    direction=Direction.MUTUAL,
                    start_date=held_on,
                    evidence=evidence[:500],
                    dialogue_id=dialogue_id,
                )
            )
            added += 1
    session.flush()
    audit.record(
        session, principal, "relationship.dialogue", "dialogue", dialogue_id, {"added": added}
    )
    return added


def remove_dialogue_relationships(
    session: Session, principal: Principal | None, dialogue_id: uuid.UUID, actor_id: uuid.UUID
) -> int:
    """Delete the co-participant relationships a held dialogue added for one organisation that,
    it turns out, did not take part (a participant recorded by mistake). Returns how many."""
    found = list(repository.dialogue_relationships(session, dialogue_id, actor_id))
    for rel in found:
        session.delete(rel)
    session.flush()
    audit.record(
        session,
        principal,
        "relationship.dialogue_remove",
        "dialogue",
        dialogue_id,
        {"actor_id": str(actor_id), "removed": len(found)},
    )
    return len(found)


def export(
    session: Session,
    principal: Principal | None,
    fmt: ExportFormat,
    dest: IO[bytes] | TextIO,
    *,
    country: str | None = None,
) -> int:
    """Write the network (or one country's) in ``fmt``; returns the number of organisations.
    Contact people never enter the graph, so no export carries them. Audited."""
    graph = load_graph(session, principal, country=country)
    if fmt == "graphml":
        exports.write_graphml(graph, dest)  # type: ignore[arg-type]
    elif fmt == "gexf":
        exports.write_gexf(graph, dest)  # type: ignore[arg-type]
    elif fmt == "nodes_csv":
        exports.write_nodes_csv(graph, dest)  # type: ignore[arg-type]
    elif fmt == "edges_csv":
        exports.write_edges_csv(graph, dest)  # type: ignore[arg-type]
    else:
        raise Invalid("unknown format", [FieldError("format", f"{fmt!r} is not a format")])
    audit.record(
        session,
        principal,
        "network.export",
        "network",
        "",
        {"format": fmt, "country": country or "", "nodes": graph.number_of_nodes()},
    )
    return int(graph.number_of_nodes())
