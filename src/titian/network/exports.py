"""Exports of the network: GraphML and GEXF (for Gephi), nodes and edges as CSV.

GraphML (Brandes et al., GraphML primer) and GEXF 1.2 carry only scalar attributes, so the graph
is first flattened: lists become ``;``-joined codes, dates ISO 8601 strings, absent values are
left out. A plain ``networkx.read_graphml(path, force_multigraph=True)`` gives back the flattened
graph exactly; :func:`read_graphml` also restores lists and dates, giving back the graph of
:func:`titian.network.graph.build_graph`.

GEXF adds what Gephi shows natively: the organisation's name as label, the relationship type as
edge label, and start and end dates as the edge's time interval (Gephi timeline). Direction stays
an attribute: a GEXF graph with both directed and undirected edges does not read back into
networkx. Contact people never enter the graph, so no export carries them.
CSV cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) are prefixed with
``'`` (OWASP, "CSV Injection").
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from datetime import date
from enum import Enum
from os import PathLike
from typing import IO, TextIO

import networkx as nx

from titian.network.graph import LIST_SEPARATOR

NODE_FIELDS = ("name", "kind", "sector", "role", "country", "areas", "groups", "languages")
EDGE_FIELDS = ("relationship", "direction", "start", "end", "active", "evidence")
LIST_FIELDS = frozenset({"areas", "groups", "languages", "types"})
DATE_FIELDS = frozenset({"start", "end"})
_READER_DEFAULTS = frozenset({"node_default", "edge_default"})  # added by nx.read_graphml
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Destination = str | PathLike[str] | IO[bytes]


def flat_value(value: object) -> str | int | float | bool | None:
    """One attribute as a scalar GraphML and GEXF accept (None: leave the attribute out)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list | frozenset | set):
        items = sorted(str(flat_value(v)) for v in value)
        return LIST_SEPARATOR.join(items)
    return str(value)


def _flat(data: Mapping[str, object]) -> dict[str, object]:
    out = {k: flat_value(v) for k, v in data.items()}
    return {k: v for k, v in out.items() if v is not None}


def flatten_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with scalar attributes only, nodes and edges in id order."""
    flat = nx.MultiDiGraph(**_flat(graph.graph))
    for node in sorted(graph.nodes):
        flat.add_node(node, **_flat(graph.nodes[node]))
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]):
        flat.add_edge(u, v, key=key, **_flat(data))
    return flat


def _restore(data: Mapping[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in data.items():
        if key in LIST_FIELDS and isinstance(value, str):
            out[key] = tuple(value.split(LIST_SEPARATOR)) if value else ()
        elif key in DATE_FIELDS and isinstance(value, str):
            out[key] = date.fromisoformat(value)
        else:
            out[key] = value
    return out


def restore_graph(flat: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The inverse of :func:`flatten_graph`: lists and dates back, absent values as None."""
    kept = {k: v for k, v in flat.graph.items() if k not in _READER_DEFAULTS}
    graph = nx.MultiDiGraph(**_restore(kept))
    graph.graph.setdefault("at", None)
    graph.graph.setdefault("types", None)
    for node, data in flat.nodes(data=True):
        graph.add_node(node, **_restore(data))
    for u, v, key, data in flat.edges(keys=True, data=True):
        restored = _restore(data)
        restored.setdefault("start", None)
        restored.setdefault("end", None)
        graph.add_edge(u, v, key=key, **restored)
    return graph


def write_graphml(graph: nx.MultiDiGraph, dest: Destination) -> None:
    """GraphML of the flattened graph; edge ids are the relationship ids."""
    nx.write_graphml(flatten_graph(graph), dest)


def read_graphml(source: Destination) -> nx.MultiDiGraph:
    """A GraphML file written by :func:`write_graphml`, back as :func:`build_graph` made it."""
    return restore_graph(nx.read_graphml(source, force_multigraph=True))


def gexf_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The flattened graph with Gephi's native fields (module docstring)."""
    flat = flatten_graph(graph)
    for _, data in flat.nodes(data=True):
        data["label"] = data.get("name", "")
    for _, _, key, data in flat.edges(keys=True, data=True):
        data["id"] = key
        data["label"] = data.get("relationship", "")
    return flat


def write_gexf(graph: nx.MultiDiGraph, dest: Destination) -> None:
    """GEXF 1.2 for Gephi (module docstring)."""
    nx.write_gexf(gexf_graph(graph), dest, version="1.2draft")


def csv_cell(value: object) -> str:
    """One CSV cell: flattened, empty for absent, formula starts neutralised."""
    flat = flat_value(value)
    if flat is None:
        return ""
    text = str(flat).lower() if isinstance(flat, bool) else str(flat)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _node_rows(graph: nx.MultiDiGraph) -> Iterator[list[str]]:
    yield ["id", *NODE_FIELDS]
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        yield [csv_cell(node), *(csv_cell(data.get(f)) for f in NODE_FIELDS)]


def _edge_rows(graph: nx.MultiDiGraph) -> Iterator[list[str]]:
    yield ["id", "source", "target", *EDGE_FIELDS]
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]):
        ends = (csv_cell(key), csv_cell(u), csv_cell(v))
        yield [*ends, *(csv_cell(data.get(f)) for f in EDGE_FIELDS)]


def write_nodes_csv(graph: nx.MultiDiGraph, out: TextIO) -> None:
    """Nodes as CSV (id, then NODE_FIELDS), in id order; lists ``;``-joined."""
    csv.writer(out, lineterminator="\n").writerows(_node_rows(graph))


def write_edges_csv(graph: nx.MultiDiGraph, out: TextIO) -> None:
    """Edges as CSV (id, source, target, then EDGE_FIELDS), in id order; dates ISO 8601."""
    csv.writer(out, lineterminator="\n").writerows(_edge_rows(graph))
