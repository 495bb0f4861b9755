"""The command line: ``titian actors import``, ``network gaps|export``, ``dialogues ...``,
against a fresh database loaded with the demo steps of this area."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from tests.conftest import database_url_for
from tests.support.cli import cli_environment
from titian.cli import context
from titian.cli.main import app
from titian.db import migrate
from titian.demo import actors, dialogues, loader

runner = CliRunner()


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("network_cli")
    url = database_url_for(f"netcli_{worker_id}", tmp)
    with pytest.MonkeyPatch.context() as patch, cli_environment(patch, url, tmp / "var"):
        patch.setattr(context.console, "width", 300)  # no wrapping of table cells
        migrate.upgrade(url)
        with context.transaction() as session:
            state = loader.DemoState()
            for step in (loader.load_agencies, loader.load_users, actors.load_actors):
                step(session, state)
            dialogues.load_dialogues(session, state)
        yield url


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_gaps_json_shows_the_demo_gaps(cli_db: str) -> None:
    body = json.loads(run("network", "gaps", "--country", "LA", "--json"))
    summaries = {s["group"]: s for s in body["summaries"]}
    assert summaries["men"]["support_agencies"] == 0  # nobody serves men in the LA demo
    assert summaries["men"]["no_support"] == summaries["men"]["justice_agencies"] > 0
    assert body["suggestions"] and body["organisations"] == 23


def test_export_graphml_and_csv(cli_db: str, tmp_path: Path) -> None:
    out = tmp_path / "th.graphml"
    run("network", "export", str(out), "--format", "graphml", "--country", "TH")
    graph = nx.read_graphml(out, force_multigraph=True)
    assert graph.number_of_nodes() == 23 and graph.number_of_edges() > 20
    run("network", "export", str(tmp_path / "all.csv"), "--format", "csv")
    nodes = (tmp_path / "all-nodes.csv").read_text().splitlines()
    edges = (tmp_path / "all-edges.csv").read_text().splitlines()
    assert len(nodes) == 8 * 23 + 1 and edges[0].startswith("id,source,target,relationship")
    run("network", "export", str(tmp_path / "th.gexf"), "--format", "gexf", "--country", "TH")
    assert (tmp_path / "th.gexf").read_text().count("<node ") == 23


def test_dialogues_list_show_and_overdue(cli_db: str) -> None:
    listing = run("dialogues", "list")
    assert "Referral pathway review" in listing
    overdue = run("dialogues", "commitments", "--overdue")
    assert "Publish a joint referral SOP" in overdue
    assert "Agree interpreters" not in overdue  # done: not overdue
    from sqlalchemy import select

    from titian.dialogues.models import Dialogue

    with context.transaction() as session:
        first = session.scalars(select(Dialogue).where(Dialogue.country == "VN")).one()
        shown = run("dialogues", "show", str(first.id))
    assert "Reintegration and livelihood" in shown and "women 75 %" in shown
    assert "victim support agencies 75 %" in shown


def test_actors_import_all_or_nothing(cli_db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,country,kind\nNew Org,TH,ngo\nOther,TH,bakery\n", encoding="utf-8")
    result = runner.invoke(app, ["actors", "import", str(bad)])
    assert result.exit_code == 1
    good = tmp_path / "good.csv"
    good.write_text(
        "name,country,kind,groups\nSafe Harbour Women's Shelter Chiang Rai,TH,shelter,children\n"
        "Brand New Org,TH,ngo,women\n",
        encoding="utf-8",
    )
    output = run("actors", "import", str(good))
    assert "1 organisations created, 1 merged" in output
