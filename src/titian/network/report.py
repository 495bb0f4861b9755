"""The analysis of one country as read models: ids turned into names for pages and JSON."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from titian.network.analysis import BrokerReport, Component, CountryGapReport, Suggestion
from titian.network.schemas import (
    AnalysisRead,
    BrokerRead,
    ComponentRead,
    GapRead,
    GraphEdgeRead,
    GraphNodeRead,
    GraphRead,
    GroupSummaryRead,
    SuggestionRead,
)


@dataclass(frozen=True)
class NetworkAnalysis:
    """Everything the pure analysis said about one country, with the graph it ran on."""

    graph: nx.MultiDiGraph
    report: CountryGapReport
    brokers: BrokerReport
    isolates: tuple[str, ...]
    components: tuple[Component, ...]
    suggestions: tuple[Suggestion, ...]
    gap_sizes_used: bool

    def name(self, node: str | None) -> str:
        if node is None:
            return ""
        return str(self.graph.nodes[node]["name"]) if node in self.graph else node

    def read(self) -> AnalysisRead:
        country = self.report.country
        in_country = [n for n, d in self.graph.nodes(data=True) if d["country"] == country]
        internal = self.graph.subgraph(in_country)
        return AnalysisRead(
            country=country,
            organisations=len(in_country),
            relationships=internal.number_of_edges(),
            summaries=[
                GroupSummaryRead(underserved=s.underserved, **vars(s))
                for s in self.report.summaries
            ],
            gaps=[self._gap(g) for g in self.report.gaps()],
            brokers=[
                BrokerRead(
                    actor_id=b.actor_id, name=b.name, kind=b.kind, role=b.role, score=b.score
                )
                for b in self.brokers.brokers
            ],
            brokers_approximate=self.brokers.approximate,
            isolates=[self._isolate(n) for n in self.isolates],
            components=[
                ComponentRead(
                    actors=list(c.actors),
                    justice=c.justice,
                    support=c.support,
                    groups_served=list(c.groups_served),
                )
                for c in self.components
            ],
            suggestions=[self._suggestion(s) for s in self.suggestions],
            gap_sizes_used=self.gap_sizes_used,
        )

    def _gap(self, gap: object) -> GapRead:
        from titian.network.gaps import JusticeGap

        assert isinstance(gap, JusticeGap)
        return GapRead(
            justice_id=gap.justice_id,
            justice_name=self.name(gap.justice_id),
            group=gap.group,
            status=gap.status.value,
            hops=gap.hops,
            nearest_support=gap.nearest_support,
            nearest_support_name=self.name(gap.nearest_support) or None,
            path=list(gap.path),
            path_names=[self.name(n) for n in gap.path],
        )

    def _isolate(self, node: str) -> BrokerRead:
        data = self.graph.nodes[node]
        return BrokerRead(
            actor_id=node, name=data["name"], kind=data["kind"], role=data["role"], score=0.0
        )

    def _suggestion(self, s: Suggestion) -> SuggestionRead:
        return SuggestionRead(
            rank=s.rank,
            justice_id=s.justice_id,
            justice_name=self.name(s.justice_id),
            support_id=s.support_id,
            support_name=self.name(s.support_id),
            groups=list(s.groups),
            gap_size=s.gap_size,
            current_hops=s.current_hops,
            pair_hops=s.pair_hops,
            same_area=s.same_area,
            shared_languages=list(s.shared_languages),
            explanation=s.explanation,
        )


def graph_read(graph: nx.MultiDiGraph) -> GraphRead:
    """Nodes and edges for the map and the table, in id order."""
    nodes = [
        GraphNodeRead(
            id=n,
            name=d["name"],
            kind=d["kind"],
            role=d["role"],
            country=d["country"],
            groups=list(d.get("groups", ())),
        )
        for n, d in sorted(graph.nodes(data=True))
    ]
    edges = [
        GraphEdgeRead(
            id=str(k), source=u, target=v, relationship=d["relationship"], direction=d["direction"]
        )
        for u, v, k, d in sorted(graph.edges(keys=True, data=True), key=lambda e: str(e[2]))
    ]
    return GraphRead(nodes=nodes, edges=edges)
