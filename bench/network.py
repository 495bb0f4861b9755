"""Benchmark of the network analysis (issue 6, item 9).

Generates a synthetic register of 50,000 organisations and 500,000 relationships across the ten
ASEAN member states and Timor-Leste, then times, in the same run:

- baseline: one plain ``networkx.single_source_shortest_path_length`` (BFS) from one police unit
  over the whole graph;
- the full gap analysis of one country (every justice agency x every group);
- the suggestions for that country (given the gap report), and brokers (sampled betweenness).

Each figure is the median of ``--repeat`` runs and is printed with its ratio to the baseline.
All data is synthetic: no real organisation or person. Run:
``.venv/bin/python bench/network.py [--actors N] [--relationships M] [--country TH]``.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

import networkx as nx
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from titian.countries.registry import ASEAN_CODES, all_countries, subdivisions
from titian.network.analysis import (
    BrokerScope,
    CountryGapReport,
    Suggestion,
    analyse_gaps,
    brokers,
    suggest_connections,
)
from titian.network.graph import ActorNode, RelationshipEdge, build_graph
from titian.network.vocab import ActorKind, Direction, Group, RelationshipType, Role, role_of

T = TypeVar("T")
K, G, R = ActorKind, Group, RelationshipType

# Rough shares of the register per country (larger states hold more organisations).
COUNTRY_SHARE = {
    "ID": 20, "PH": 14, "VN": 12, "TH": 12, "MM": 10, "MY": 8,
    "KH": 7, "LA": 5, "SG": 4, "TL": 4, "BN": 4,
}  # fmt: skip
KIND_SHARE = {
    K.POLICE: 15, K.PROSECUTION: 4, K.JUDICIARY: 4, K.LABOUR_INSPECTION: 3, K.IMMIGRATION: 3,
    K.MINISTRY_SOCIAL_WELFARE: 3, K.NGO: 15, K.SHELTER: 6, K.LEGAL_AID: 5, K.HEALTH: 6,
    K.FAITH_BASED: 4, K.MIGRANT_ASSOCIATION: 3, K.DISABLED_PERSONS_ORG: 2, K.LGBTQI_ORG: 1,
    K.WOMENS_ORG: 3, K.ETHNIC_COMMUNITY_ORG: 2, K.UNION: 3, K.MINISTRY_LABOUR: 1,
    K.MINISTRY_FOREIGN_AFFAIRS: 1, K.ANTI_TRAFFICKING_COMMITTEE: 1, K.INTERNATIONAL_ORG: 2,
    K.EMPLOYER: 6, K.RECRUITMENT_AGENCY: 3, K.ACADEMIA: 2,
}  # fmt: skip
# Services for men, boys and LGBTQI people are the scarce ones in the region.
GROUP_SHARE = {
    G.WOMEN: 25, G.CHILDREN: 20, G.GIRLS: 10, G.MIGRANT: 15, G.MEN: 4, G.BOYS: 3,
    G.DISABILITY: 5, G.ETHNIC_MINORITY: 7, G.STATELESS: 4, G.LGBTQI: 3,
}  # fmt: skip
SPECIALIST = {
    K.WOMENS_ORG: {G.WOMEN, G.GIRLS},
    K.DISABLED_PERSONS_ORG: {G.DISABILITY},
    K.LGBTQI_ORG: {G.LGBTQI},
    K.MIGRANT_ASSOCIATION: {G.MIGRANT},
    K.ETHNIC_COMMUNITY_ORG: {G.ETHNIC_MINORITY},
    K.UNION: {G.MIGRANT, G.MEN},
}
TYPE_SHARE = {
    R.REFERRAL_PARTNER: 30, R.MOU_SOP: 10, R.DIALOGUE: 20, R.TRAINING: 15,
    R.INFORMATION_SHARING: 20, R.FUNDING: 5,
}  # fmt: skip
ONE_WAY = {R.TRAINING: 1.0, R.FUNDING: 1.0, R.REFERRAL_PARTNER: 0.5}


def weighted(rng: random.Random, shares: dict[T, int], n: int) -> list[T]:
    return rng.choices(list(shares), weights=list(shares.values()), k=n)


@dataclass
class Pool:
    """Organisations of one place with cumulative activity weights (preferential attachment)."""

    ids: list[str]
    cum: list[float]

    def pick(self, rng: random.Random) -> str:
        return self.ids[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


def _groups(rng: random.Random, kind: ActorKind) -> frozenset[Group]:
    if role_of(kind) is not Role.SUPPORT:
        return frozenset()
    groups = set(SPECIALIST.get(kind, set()))
    groups |= set(weighted(rng, GROUP_SHARE, rng.randint(0 if groups else 1, 3)))
    return frozenset(groups)


def make_actors(rng: random.Random, n: int, progress: Progress) -> list[ActorNode]:
    countries = weighted(rng, COUNTRY_SHARE, n)
    kinds = weighted(rng, KIND_SHARE, n)
    settings = all_countries()
    areas = {c: [code for code, _ in subdivisions(c)] for c in ASEAN_CODES}
    task = progress.add_task("organisations", total=n)
    actors = []
    for i, (country, kind) in enumerate(zip(countries, kinds, strict=True)):
        national = rng.random() < 0.1 or not areas[country]
        where = frozenset() if national else frozenset(rng.sample(areas[country], 1))
        langs = list(settings[country].official_languages) + list(
            settings[country].minority_languages
        )
        spoken = {langs[0]} | set(rng.sample(langs, min(len(langs), rng.randint(0, 2))))
        actors.append(
            ActorNode(
                f"a{i:06d}", f"Org {i}", kind, country, where, _groups(rng, kind), frozenset(spoken)
            )
        )
        if i % 5000 == 0:
            progress.update(task, completed=i)
    progress.update(task, completed=n)
    return actors


def make_pools(rng: random.Random, actors: Sequence[ActorNode]) -> dict[str, Pool]:
    """Pools by country and by country area. Activity is log-normal: a few hubs, and a long tail
    of organisations with one or two relationships, as in mapped referral networks."""
    members: dict[str, list[tuple[str, float]]] = {}
    for actor in actors:
        activity = rng.lognormvariate(0.0, 1.6)
        for key in (actor.country, *actor.areas):
            members.setdefault(key, []).append((actor.id, activity))
    return {
        key: Pool([i for i, _ in items], list(itertools.accumulate(w for _, w in items)))
        for key, items in members.items()
    }


def _relationship(rng: random.Random, i: int, a: str, b: str) -> RelationshipEdge:
    kind = weighted(rng, TYPE_SHARE, 1)[0]
    one_way = rng.random() < ONE_WAY.get(kind, 0.0)
    start = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    ended = rng.random() < 0.15
    end = start + timedelta(days=rng.randrange(30, 1500)) if ended else None
    return RelationshipEdge(
        f"r{i:07d}",
        a,
        b,
        kind,
        Direction.ONE_WAY if one_way else Direction.MUTUAL,
        start,
        end,
        not ended,
        "synthetic",
    )


def make_relationships(
    rng: random.Random, actors: Sequence[ActorNode], m: int, progress: Progress
) -> list[RelationshipEdge]:
    """90 % within a country (70 % of those within the same area), 10 % across borders."""
    pools = make_pools(rng, actors)
    everyone = make_pools(rng, [ActorNode(a.id, "", a.kind, "XX") for a in actors])["XX"]
    by_id = {a.id: a for a in actors}
    task = progress.add_task("relationships", total=m)
    rels: list[RelationshipEdge] = []
    while len(rels) < m:
        source = by_id[everyone.pick(rng)]
        roll = rng.random()
        if roll < 0.1:
            target = everyone.pick(rng)
        elif source.areas and roll < 0.73:
            target = pools[next(iter(source.areas))].pick(rng)
        else:
            target = pools[source.country].pick(rng)
        if target != source.id:
            rels.append(_relationship(rng, len(rels), source.id, target))
        if len(rels) % 50_000 == 0:
            progress.update(task, completed=len(rels))
    progress.update(task, completed=m)
    return rels


def timed(fn: Callable[[], T], repeat: int) -> tuple[float, T]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    assert result is not None
    return statistics.median(times), result


def synthetic_gap_sizes(rng: random.Random, country: str) -> dict[tuple[Group, str | None], int]:
    areas = [code for code, _ in subdivisions(country)]
    return {(g, a): rng.randint(0, 12) for g in Group for a in areas if rng.random() < 0.3}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=50_000)
    parser.add_argument("--relationships", type=int, default=500_000)
    parser.add_argument("--country", default="TH")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    console = Console()
    rng = random.Random(args.seed)
    with Progress(console=console) as progress:
        actors = make_actors(rng, args.actors, progress)
        rels = make_relationships(rng, actors, args.relationships, progress)
        task = progress.add_task("building the graph", total=1)
        start = time.perf_counter()
        graph = build_graph(actors, rels)
        build_s = time.perf_counter() - start
        progress.update(task, completed=1)
    console.print(
        f"graph: {graph.number_of_nodes():,} organisations, {graph.number_of_edges():,} "
        f"relationships in force (of {len(rels):,}), built in {build_s:.2f} s"
    )
    run(console, rng, graph, args.country, args.repeat)


def run(
    console: Console, rng: random.Random, graph: nx.MultiDiGraph, country: str, repeat: int
) -> None:
    nodes = graph.nodes(data=True)
    police = sorted(n for n, d in nodes if d["country"] == country and d["kind"] == "police")
    source = police[0]
    base_s, reached = timed(lambda: nx.single_source_shortest_path_length(graph, source), repeat)
    gap_s, report = timed(lambda: analyse_gaps(graph, country), repeat)
    sizes = synthetic_gap_sizes(rng, country)
    sug_s, found = timed(
        lambda: suggest_connections(graph, country, sizes, limit=50, report=report), repeat
    )
    brk_s, brk = timed(lambda: brokers(graph, country=country, scope=BrokerScope.ALL), 1)
    table = Table(title=f"Network analysis, {country} (median of {repeat})")
    for col in ("figure", "seconds", "x one BFS"):
        table.add_column(col, justify="right" if col != "figure" else "left")
    rows = [
        (f"baseline: one nx BFS over the whole graph ({len(reached):,} reached)", base_s),
        (f"gap analysis ({len(report.rows):,} justice x group rows)", gap_s),
        (f"suggestions, top {len(found)} (given the report)", sug_s),
        (
            f"brokers, {'sampled' if brk.approximate else 'exact'} betweenness "
            f"({brk.samples or brk.nodes} sources, 1 run)",
            brk_s,
        ),
    ]
    for label, seconds in rows:
        table.add_row(label, f"{seconds:.3f}", f"{seconds / base_s:.1f}")
    console.print(table)
    show_results(console, report, found)


def show_results(console: Console, report: CountryGapReport, found: Sequence[Suggestion]) -> None:
    table = Table(title="Justice agencies per group")
    for col in ("group", "support", "connected", "long path", "no path", "no support"):
        table.add_column(col)
    for s in report.summaries:
        counts = (s.support_agencies, s.connected, s.long_path, s.no_path, s.no_support)
        table.add_row(s.group.value, *(str(v) for v in counts))
    console.print(table)
    for suggestion in found[:3]:
        console.print(f"#{suggestion.rank}: {suggestion.explanation}")


if __name__ == "__main__":
    main()
