"""Pydantic schemas of relationships, the analysis of a country and the graph for the map."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator

from titian.network.vocab import Direction, Group, RelationshipType


class RelationshipCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    source_id: uuid.UUID
    target_id: uuid.UUID
    type: RelationshipType
    direction: Direction = Direction.MUTUAL
    start_date: date | None = None
    end_date: date | None = None
    is_active: bool = True
    evidence: str = Field(default="", max_length=500, description="where it is documented")

    @model_validator(mode="after")
    def _span(self) -> RelationshipCreate:
        if self.source_id == self.target_id:
            raise ValueError("target_id: an organisation cannot relate to itself")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError("end_date: before start_date")
        return self


class RelationshipUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: int = Field(ge=1, description="The version you read; a stale one answers 409")
    type: RelationshipType | None = None
    direction: Direction | None = None
    start_date: date | None = None
    end_date: date | None = None
    is_active: bool | None = None
    evidence: str | None = Field(default=None, max_length=500)


class RelationshipEnd(BaseModel):
    """End a relationship that existed (an entry made by mistake is deleted instead)."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="The version you read; a stale one answers 409")
    end_date: date | None = Field(default=None, description="its last day in force; default today")


class RelationshipRead(BaseModel):
    id: uuid.UUID
    source_id: uuid.UUID
    source_name: str
    source_country: str
    target_id: uuid.UUID
    target_name: str
    target_country: str
    type: RelationshipType
    direction: Direction
    start_date: date | None
    end_date: date | None
    is_active: bool
    evidence: str
    dialogue_id: uuid.UUID | None
    in_force: bool = Field(
        description="counts as a working link today: active and its end date not passed"
    )
    version: int


class GroupSummaryRead(BaseModel):
    group: Group
    support_agencies: int
    justice_agencies: int
    connected: int
    long_path: int
    no_path: int
    no_support: int
    underserved: int


class GapRead(BaseModel):
    justice_id: str
    justice_name: str
    group: Group
    status: str
    hops: int | None
    nearest_support: str | None
    nearest_support_name: str | None
    path: list[str]
    path_names: list[str]


class BrokerRead(BaseModel):
    actor_id: str
    name: str
    kind: str
    role: str
    score: float


class ComponentRead(BaseModel):
    actors: list[str]
    justice: int
    support: int
    groups_served: list[Group]


class SuggestionRead(BaseModel):
    rank: int
    justice_id: str
    justice_name: str
    support_id: str
    support_name: str
    groups: list[Group]
    gap_size: int
    current_hops: int | None
    pair_hops: int | None
    same_area: bool
    shared_languages: list[str]
    explanation: str


class AnalysisRead(BaseModel):
    """The analysis of one country (docs/network-analysis.md); ``gap_sizes_used`` says whether
    unmet-need figures ranked the suggestions."""

    country: str
    organisations: int
    relationships: int
    summaries: list[GroupSummaryRead]
    gaps: list[GapRead]
    brokers: list[BrokerRead]
    brokers_approximate: bool
    isolates: list[BrokerRead]
    components: list[ComponentRead]
    suggestions: list[SuggestionRead]
    gap_sizes_used: bool


class GraphNodeRead(BaseModel):
    id: str
    name: str
    kind: str
    role: str
    country: str
    groups: list[str]


class GraphEdgeRead(BaseModel):
    id: str
    source: str
    target: str
    relationship: str
    direction: str


class GraphRead(BaseModel):
    """The network for the map and its table: organisations and relationships in force."""

    nodes: list[GraphNodeRead]
    edges: list[GraphEdgeRead]
