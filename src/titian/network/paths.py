"""Adjacency lists and breadth-first searches used by the analysis.

A path is a chain of relationships in force. Undirected (the default), any relationship is a
channel both ways: organisations that train, fund or meet each other can pick up the phone. In
directed mode a one-way relationship is followed only from source to target (who refers to whom)
and a mutual one both ways. Hops are counted in relationships, so a direct link is 1 hop.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Mapping

import networkx as nx

from titian.network.vocab import Direction

Adjacency = dict[str, list[str]]


def scope_nodes(graph: nx.MultiDiGraph, country: str | None) -> set[str]:
    """Nodes of one country (ISO alpha-2, any case), or every node when ``country`` is None."""
    if country is None:
        return set(graph.nodes)
    code = country.upper()
    return {n for n, c in graph.nodes(data="country") if c == code}


def _has_mutual(keydict: Mapping[str, Mapping[str, object]]) -> bool:
    return any(d.get("direction") == Direction.MUTUAL.value for d in keydict.values())


def adjacency(
    graph: nx.MultiDiGraph, nodes: Collection[str], *, directed: bool, backward: bool = False
) -> Adjacency:
    """Neighbour lists of ``nodes`` inside ``nodes`` (edges leaving the set are ignored).

    Undirected: every neighbour. Directed and forward: nodes reachable in one step. Directed and
    backward: nodes that reach this one in one step (used to search from the targets).
    """
    allowed = nodes if isinstance(nodes, set | frozenset) else set(nodes)
    succ, pred = graph.succ, graph.pred
    adj: Adjacency = {}
    for u in allowed:
        if not directed:
            adj[u] = [v for v in set(succ[u]) | set(pred[u]) if v in allowed]
            continue
        along, against = (pred[u], succ[u]) if backward else (succ[u], pred[u])
        found = {v for v in along if v in allowed}
        found.update(v for v, keys in against.items() if v in allowed and _has_mutual(keys))
        adj[u] = list(found)
    return adj


def multi_source_bfs(
    adj: Adjacency, sources: Iterable[str]
) -> tuple[dict[str, int], dict[str, str]]:
    """Distance of every reachable node to its nearest source, and the next hop towards it.

    One search from all sources at once costs as much as one single-source search, instead of
    one search per pair (Cormen et al., *Introduction to Algorithms*, 22.2, with a super-source).
    """
    dist: dict[str, int] = {}
    queue: deque[str] = deque()
    for s in sources:
        if s in adj and s not in dist:
            dist[s] = 0
            queue.append(s)
    parent: dict[str, str] = {}
    while queue:
        u = queue.popleft()
        du = dist[u] + 1
        for v in adj[u]:
            if v not in dist:
                dist[v] = du
                parent[v] = u
                queue.append(v)
    return dist, parent


def path_to_source(parent: Mapping[str, str], node: str) -> tuple[str, ...]:
    """The nodes from ``node`` to its nearest source, both ends included."""
    path = [node]
    while path[-1] in parent:
        path.append(parent[path[-1]])
    return tuple(path)


def hops_between(adj: Adjacency, start: str, goal: str) -> int | None:
    """Hops of a shortest path from ``start`` to ``goal`` (forward adjacency), None if none."""
    if start not in adj or goal not in adj:
        return None
    if start == goal:
        return 0
    dist = {start: 0}
    queue = deque([start])
    while queue:
        u = queue.popleft()
        for v in adj[u]:
            if v not in dist:
                if v == goal:
                    return dist[u] + 1
                dist[v] = dist[u] + 1
                queue.append(v)
    return None
