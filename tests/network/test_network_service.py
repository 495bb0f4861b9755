"""The network analysis on the database: small registers in, expected gaps, brokers,
isolates and suggestions out (the pure rules are tested in tests/unit/network)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date

import networkx as nx
import pytest
from sqlalchemy.orm import Session

from tests.network.factory import create_actor, relate
from tests.support.fixtures import World
from titian.actors.models import Actor
from titian.auth.policies import Principal
from titian.auth.service import principal_for
from titian.errors import Forbidden
from titian.network import service
from titian.network.exports import read_graphml
from titian.network.gaps import GapStatus
from titian.network.suggestions import GapSizes
from titian.network.vocab import ActorKind as K
from titian.network.vocab import Direction, Group, RelationshipType

T = RelationshipType


def build(db: Session, spec: str) -> dict[str, Actor]:
    """A register from a compact text: ``name:kind[:group,group][:area]`` per actor, then
    ``a-b[:type]`` per relationship, separated by spaces."""
    actors: dict[str, Actor] = {}
    for token in spec.split():
        if "-" in token.split(":")[0]:
            ends, _, kind = token.partition(":")
            a, b = ends.split("-")
            relate(db, actors[a], actors[b], T(kind) if kind else T.REFERRAL_PARTNER)
            continue
        name, kind, *rest = token.split(":")
        groups = tuple(Group(g) for g in rest[0].split(",") if g) if rest else ()
        areas = (rest[1],) if len(rest) > 1 else ()
        actors[name] = create_actor(db, f"Org {name}", K(kind), groups=groups, areas=areas)
    return actors


@pytest.fixture
def programme(world: World) -> Principal:
    return principal_for(world["programme"])


# (register, group, {justice: status})
GAP_TABLE = [
    # direct link: connected
    ("p:police s:shelter:women p-s", Group.WOMEN, {"p": GapStatus.CONNECTED}),
    # one intermediary (2 hops): still connected; three hops: long path
    ("p:police m:ministry_labour s:shelter:women p-m m-s", Group.WOMEN, {"p": GapStatus.CONNECTED}),
    (
        "p:police a:academia b:international_org s:shelter:women p-a a-b b-s",
        Group.WOMEN,
        {"p": GapStatus.LONG_PATH},
    ),
    # a shelter exists but nobody links to it: no path
    ("p:police s:shelter:women", Group.WOMEN, {"p": GapStatus.NO_PATH}),
    # nobody serves men: a service gap (no support)
    ("p:police s:shelter:women p-s", Group.MEN, {"p": GapStatus.NO_SUPPORT}),
    # children implies boys
    ("c:judiciary n:ngo:children c-n", Group.BOYS, {"c": GapStatus.CONNECTED}),
]


@pytest.mark.parametrize(("spec", "group", "expected"), GAP_TABLE)
def test_gaps_table(
    db: Session, programme: Principal, spec: str, group: Group, expected: dict[str, GapStatus]
) -> None:
    actors = build(db, spec)
    report = service.analyse(db, programme, "TH", groups=[group]).report
    got = {r.justice_id: r.status for r in report.rows}
    assert got == {str(actors[k].id): v for k, v in expected.items()}


def test_relationship_type_filter_and_ended_relationships(
    db: Session, programme: Principal
) -> None:
    actors = build(db, "p:police s:shelter:women p-s:training")
    only_referrals = [T.REFERRAL_PARTNER, T.MOU_SOP]
    report = service.analyse(db, programme, "TH", groups=[Group.WOMEN], types=only_referrals)
    assert report.report.rows[0].status is GapStatus.NO_PATH
    relate(db, actors["p"], actors["s"], T.MOU_SOP, active=False, end=date(2024, 1, 1))
    again = service.analyse(db, programme, "TH", groups=[Group.WOMEN], types=only_referrals)
    assert again.report.rows[0].status is GapStatus.NO_PATH


def test_brokers_isolates_and_other_countries(db: Session, programme: Principal) -> None:
    actors = build(
        db,
        "p:police h:anti_trafficking_committee s:shelter:women l:legal_aid:men x:academia"
        " p-h h-s h-l",
    )
    create_actor(db, "Cambodian shelter", K.SHELTER, country="KH", groups=(Group.WOMEN,))
    found = service.analyse(db, programme, "TH")
    assert [b.actor_id for b in found.brokers.brokers] == [str(actors["h"].id)]
    assert found.isolates == (str(actors["x"].id),)
    read = found.read()
    assert read.organisations == 5 and read.relationships == 3
    assert read.brokers[0].name == "Org h"


def test_brokers_are_computed_once_per_state_of_the_register(
    db: Session, programme: Principal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The network page asks for brokers on every view: the same register gives the cached
    report; a new relationship, an edit of an organisation or another set of types computes
    them again."""
    actors = build(db, "p:police h:anti_trafficking_committee s:shelter:women p-h h-s")
    runs: list[str] = []
    real = service.brokers

    def counted(graph: nx.MultiDiGraph, **kw: object) -> object:
        runs.append(str(kw.get("country")))
        return real(graph, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "brokers", counted)
    first = service.analyse(db, programme, "TH").brokers
    assert service.analyse(db, programme, "TH").brokers is first and len(runs) == 1
    relate(db, actors["p"], actors["s"], T.REFERRAL_PARTNER)
    db.flush()
    second = service.analyse(db, programme, "TH").brokers
    assert len(runs) == 2 and second.brokers == ()  # p-s direct: nobody is between them now
    actors["h"].name = "Renamed committee"
    db.flush()
    service.analyse(db, programme, "TH")
    service.analyse(db, programme, "TH", types=[T.REFERRAL_PARTNER])
    assert len(runs) == 4


def test_suggestions_close_the_no_path_gap_and_rank_by_gap_size(
    db: Session, programme: Principal
) -> None:
    actors = build(
        db,
        "p:police::TH-57 q:police::TH-10 s:shelter:women:TH-57 m:migrant_association:migrant:TH-10",
    )
    plain = service.analyse(db, programme, "TH", groups=[Group.WOMEN, Group.MIGRANT])
    assert {(s.justice_id, s.support_id) for s in plain.suggestions} >= {
        (str(actors["p"].id), str(actors["s"].id)),
        (str(actors["q"].id), str(actors["m"].id)),
    }
    sizes: GapSizes = {(Group.MIGRANT, "TH-10"): 12, (Group.WOMEN, "TH-57"): 2}
    ranked = service.analyse(
        db, programme, "TH", groups=[Group.WOMEN, Group.MIGRANT], gap_sizes=sizes
    )
    top = ranked.suggestions[0]
    assert (top.justice_id, top.support_id, top.gap_size) == (
        str(actors["q"].id),
        str(actors["m"].id),
        12,
    )
    assert ranked.gap_sizes_used and not plain.gap_sizes_used


@pytest.fixture
def provider() -> Iterator[list[str]]:
    asked: list[str] = []

    def sizes(session: Session, country: str) -> GapSizes | None:
        asked.append(country)
        return {(Group.WOMEN, None): 7} if country == "TH" else None

    service.register_gap_sizes_provider(sizes)
    yield asked
    service._PROVIDERS.remove(sizes)


def test_gap_sizes_hook(db: Session, programme: Principal, provider: list[str]) -> None:
    build(db, "p:police s:shelter:women")
    found = service.analyse(db, programme, "TH", groups=[Group.WOMEN])
    assert provider == ["TH"] and found.gap_sizes_used
    assert found.suggestions[0].gap_size == 7
    explicit = service.analyse(db, programme, "TH", groups=[Group.WOMEN], gap_sizes={})
    assert provider == ["TH"] and explicit.suggestions[0].gap_size == 0


def test_readers_without_network_permission_are_refused(db: Session, world: World) -> None:
    with pytest.raises(Forbidden):
        service.analyse(db, principal_for(world["norole_a"]), "TH")


def test_graphml_export_through_the_database_reimports_into_networkx(
    db: Session, programme: Principal
) -> None:
    actors = build(db, "p:police s:shelter:women,girls:TH-57 p-s")
    relate(db, actors["s"], actors["p"], T.TRAINING, Direction.ONE_WAY, start=date(2025, 1, 1))
    actors["s"].contacts  # noqa: B018 - loaded; contacts must still not appear
    buffer = io.BytesIO()
    service.export(db, programme, "graphml", buffer, country="TH")
    buffer.seek(0)
    plain = nx.read_graphml(io.BytesIO(buffer.getvalue()), force_multigraph=True)
    graph = service.load_graph(db, programme, country="TH")
    assert set(plain.nodes) == set(graph.nodes)
    assert {k for _, _, k in plain.edges(keys=True)} == {k for _, _, k in graph.edges(keys=True)}
    shelter = plain.nodes[str(actors["s"].id)]
    assert shelter["groups"] == "girls;women" and shelter["areas"] == "TH-57"
    restored = read_graphml(io.BytesIO(buffer.getvalue()))
    assert dict(restored.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(restored.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))


def test_csv_and_gexf_exports_carry_no_contact_people(db: Session, programme: Principal) -> None:
    from titian.actors import service as actors_service
    from titian.actors.schemas import ContactCreate

    actors = build(db, "p:police s:shelter:women p-s")
    actors_service.add_contact(
        db, programme, actors["s"].id, ContactCreate(name="Wanida Secretname", phone="+66 555")
    )
    texts = []
    for fmt in ("nodes_csv", "edges_csv"):
        out = io.StringIO()
        service.export(db, programme, fmt, out)  # type: ignore[arg-type]
        texts.append(out.getvalue())
    gexf = io.BytesIO()
    service.export(db, programme, "gexf", gexf)
    texts.append(gexf.getvalue().decode())
    assert texts[0].startswith("id,name,kind,sector,role,country,areas,groups,languages")
    assert all("Secretname" not in t and "+66 555" not in t for t in texts)
