"""Relationships, the analysis of a country, the graph and its exports."""

from __future__ import annotations

import io
import uuid
from typing import Literal

from fastapi import APIRouter, Query, status
from fastapi.responses import Response

from titian.api.deps import Actor
from titian.gateway.db import DB
from titian.network import repository, service
from titian.network.report import graph_read
from titian.network.schemas import (
    AnalysisRead,
    GraphRead,
    RelationshipCreate,
    RelationshipEnd,
    RelationshipRead,
    RelationshipUpdate,
)
from titian.network.vocab import Group, RelationshipType

router = APIRouter(prefix="/network", tags=["network"])

MEDIA = {
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "nodes_csv": ("text/csv; charset=utf-8", "nodes.csv"),
    "edges_csv": ("text/csv; charset=utf-8", "edges.csv"),
}


@router.get("/relationships", response_model=list[RelationshipRead])
def list_relationships(
    actor: Actor,
    db: DB,
    country: str | None = None,
    type: RelationshipType | None = None,
    actor_id: uuid.UUID | None = None,
) -> list[RelationshipRead]:
    """Relationships with either end in ``country`` (NETWORK_READ, every agency)."""
    rels = repository.list_relationships(db, actor, country=country, type=type, actor_id=actor_id)
    return service.read_relationships(db, rels)


@router.post("/relationships", response_model=RelationshipRead, status_code=status.HTTP_201_CREATED)
def create_relationship(body: RelationshipCreate, actor: Actor, db: DB) -> RelationshipRead:
    """Record a typed relationship with direction, dates and evidence (NETWORK_EDIT)."""
    return service.read_relationships(db, [service.create_relationship(db, actor, body)])[0]


@router.get("/relationships/{relationship_id}", response_model=RelationshipRead)
def get_relationship(relationship_id: uuid.UUID, actor: Actor, db: DB) -> RelationshipRead:
    """One relationship, with whether it counts as a working link today (NETWORK_READ)."""
    rel = repository.get_relationship(db, actor, relationship_id)
    return service.read_relationships(db, [rel])[0]


@router.patch("/relationships/{relationship_id}", response_model=RelationshipRead)
def update_relationship(
    relationship_id: uuid.UUID, body: RelationshipUpdate, actor: Actor, db: DB
) -> RelationshipRead:
    """Edit a relationship; a stale ``version`` answers 409."""
    rel = service.update_relationship(db, actor, relationship_id, body)
    return service.read_relationships(db, [rel])[0]


@router.post("/relationships/{relationship_id}/end", response_model=RelationshipRead)
def end_relationship(
    relationship_id: uuid.UUID, body: RelationshipEnd, actor: Actor, db: DB
) -> RelationshipRead:
    """End a relationship that existed (``end_date`` default today): it stays as history and no
    longer counts as a working link in the gap analysis. A stale ``version`` answers 409."""
    rel = service.end_relationship(db, actor, relationship_id, body)
    return service.read_relationships(db, [rel])[0]


@router.delete("/relationships/{relationship_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_relationship(relationship_id: uuid.UUID, actor: Actor, db: DB) -> None:
    """Delete a relationship recorded by mistake (an ended one is edited, not deleted)."""
    service.delete_relationship(db, actor, relationship_id)


@router.get("/analysis", response_model=AnalysisRead)
def analysis(
    actor: Actor,
    db: DB,
    country: str,
    group: list[Group] = Query(default=[]),
    type: list[RelationshipType] = Query(default=[]),
    limit: int = Query(default=20, ge=1, le=200),
) -> AnalysisRead:
    """Gaps, brokers, isolates, components and suggested connections of one country
    (docs/network-analysis.md)."""
    found = service.analyse(
        db, actor, country, groups=group or None, types=type or None, limit=limit
    )
    return found.read()


@router.get("/graph", response_model=GraphRead)
def graph(
    actor: Actor,
    db: DB,
    country: str | None = None,
    type: list[RelationshipType] = Query(default=[]),
) -> GraphRead:
    """Organisations and relationships in force, for a map or a table."""
    return graph_read(service.load_graph(db, actor, country=country, types=type or None))


@router.get("/export")
def export(
    actor: Actor,
    db: DB,
    format: Literal["graphml", "gexf", "nodes_csv", "edges_csv"] = "graphml",
    country: str | None = None,
) -> Response:
    """The network as GraphML or GEXF (Gephi), or nodes / edges CSV. No contact people."""
    media, suffix = MEDIA[format]
    if format.endswith("csv"):
        text = io.StringIO()
        service.export(db, actor, format, text, country=country)
        content: bytes = text.getvalue().encode("utf-8")
    else:
        binary = io.BytesIO()
        service.export(db, actor, format, binary, country=country)
        content = binary.getvalue()
    name = f"titian-network{'-' + country.upper() if country else ''}.{suffix}"
    return Response(
        content, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
