"""The three doors of the register, network and dialogues: API, pages, dashboard panel."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import networkx as nx
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.network.factory import create_actor, relate
from tests.network.records import records
from tests.support.fixtures import ApiAs, WebAs, World
from titian.dialogues import service as dialogues
from titian.dialogues.schemas import CommitmentCreate
from titian.i18n.formatting import formats
from titian.network.vocab import ActorKind, Group


def _register(db: Session) -> None:
    police = create_actor(db, "Door Police", ActorKind.POLICE)
    shelter = create_actor(db, "Door Shelter", ActorKind.SHELTER, groups=(Group.WOMEN,))
    create_actor(db, "Door LGBTQI Collective", ActorKind.LGBTQI_ORG, groups=(Group.LGBTQI,))
    relate(db, police, shelter)


def test_api_analysis_and_graph(
    db: Session, world: World, api_as: ApiAs, client: TestClient
) -> None:
    _register(db)
    headers = api_as.headers(world["caseworker_b"])  # another agency reads programme data
    body = client.get("/api/v1/network/analysis?country=TH&group=lgbtqi", headers=headers).json()
    assert [s["group"] for s in body["summaries"]] == ["lgbtqi"]
    assert body["summaries"][0]["no_path"] == 1
    assert body["suggestions"][0]["support_name"] == "Door LGBTQI Collective"
    assert [i["name"] for i in body["isolates"]] == ["Door LGBTQI Collective"]
    graph = client.get("/api/v1/network/graph?country=TH", headers=headers).json()
    assert len(graph["nodes"]) == 3 and len(graph["edges"]) == 1


def test_api_graphml_download_reimports(
    db: Session, world: World, api_as: ApiAs, client: TestClient
) -> None:
    _register(db)
    response = client.get(
        "/api/v1/network/export?format=graphml&country=TH",
        headers=api_as.headers(world["caseworker_a"]),
    )
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    graph = nx.read_graphml(io.BytesIO(response.content), force_multigraph=True)
    names = sorted(d["name"] for _, d in graph.nodes(data=True))
    assert names == ["Door LGBTQI Collective", "Door Police", "Door Shelter"]
    (edge,) = graph.edges(data=True)
    assert (
        edge[2]["relationship"] == "referral_partner" and edge[2]["evidence"] == "MoU signed 2025"
    )


def test_api_contacts_only_for_editors(
    db: Session, world: World, api_as: ApiAs, client: TestClient
) -> None:
    path = f"/api/v1/actors/{records(world).shelter.id}"
    editor = client.get(path, headers=api_as.headers(world["programme"])).json()
    reader = client.get(path, headers=api_as.headers(world["caseworker_a"])).json()
    assert editor["contacts"][0]["name"] == "Somchai Test"
    assert reader["contacts"] is None


def test_api_import_refused_reports_rows(
    db: Session, world: World, api_as: ApiAs, client: TestClient
) -> None:
    headers = {**api_as.headers(world["programme"]), "content-type": "text/csv"}
    csv = "name,country,kind\nGood,TH,ngo\nBad,ZZ,ngo\n"
    response = client.post("/api/v1/actors/import", content=csv, headers=headers)
    assert response.status_code == 422
    report = response.json()["report"]
    assert report["rejected"] == [
        {"line": 3, "field": "country", "message": report["rejected"][0]["message"]}
    ]
    ok = client.post(
        "/api/v1/actors/import", content="name,country,kind\nGood,TH,ngo\n", headers=headers
    )
    assert ok.status_code == 200 and ok.json()["created"] == 1


def test_network_page_table_map_gaps_and_no_inline_script(
    db: Session, world: World, web_as: WebAs, client: TestClient
) -> None:
    _register(db)
    web_as.login(world["caseworker_a"])
    page = client.get("/network?country=TH")
    assert page.status_code == 200
    html = page.text
    assert 'id="network-table"' in html and "Door Police" in html
    assert "Suggested connections" in html and "Door LGBTQI Collective" in html
    assert '<script src="/static/vendor/cytoscape.min.js" defer></script>' in html
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    inline = [attrs for attrs, body in scripts if body.strip() and "application/json" not in attrs]
    assert inline == []  # the CSP forbids inline script: only the JSON data block has content
    filtered = client.get("/network?country=TH&group=lgbtqi&type=training").text
    assert "No relationship matches these filters." in filtered
    static = client.get("/static/vendor/cytoscape.min.js")
    assert static.status_code == 200 and "cytoscape" in static.text[:2000].lower()


def test_dialogue_page_shows_figures_and_hides_names_from_readers(
    db: Session, world: World, web_as: WebAs, client: TestClient
) -> None:
    r = records(world)
    r.participant.person = "Khun Secret Person"
    db.flush()
    web_as.login(world["caseworker_a"])
    page = client.get(f"/dialogues/{r.dialogue.id}").text
    assert "Who was in the room" in page and "Groups not represented" in page
    assert "Khun Secret Person" not in page
    web_as.login(world["programme"])
    assert "Khun Secret Person" in client.get(f"/dialogues/{r.dialogue.id}").text


def test_dashboard_shows_overdue_commitment_to_programme_officer(
    db: Session, world: World, web_as: WebAs, client: TestClient
) -> None:
    r = records(world)
    due = dialogues.today() - timedelta(days=4)
    dialogues.add_commitment(
        db, None, r.dialogue.id, CommitmentCreate(description="Sign the referral MoU", due_on=due)
    )
    web_as.login(world["programme"])
    page = client.get("/").text
    assert "Dialogue commitments to follow up" in page
    # The date in the page's locale (panels.Line formats dates with fmt.date).
    assert f"Overdue {formats('en').date(due)}: Sign the referral MoU" in page
    web_as.login(world["caseworker_a"])
    assert "Sign the referral MoU" not in client.get("/").text


def test_import_page_reports_refused_rows(
    db: Session, world: World, web_as: WebAs, client: TestClient
) -> None:
    csrf = web_as.login(world["programme"])
    response = client.post(
        "/actors/import",
        data={"csrf_token": csrf, "text": "name,country,kind\nAlpha,TH,ngo\nBeta,TH,bakery\n"},
    )
    assert response.status_code == 422
    assert "Import refused: nothing was written" in response.text
    assert "<td>3</td><td>kind</td>" in response.text


def test_actor_edit_page_saves_lists_and_clears_areas(
    db: Session, world: World, web_as: WebAs, client: TestClient
) -> None:
    actor = create_actor(db, "Editable Org", ActorKind.NGO, areas=("TH-57",))
    csrf = web_as.login(world["programme"])
    response = client.post(
        f"/actors/{actor.id}",
        data={
            "csrf_token": csrf,
            "version": "1",
            "name": "Editable Org",
            "kind": "ngo",
            "groups": ["women", "migrant"],
            "languages": "th, my",
            "areas": "",
            "is_active": "on",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    db.refresh(actor)
    assert (actor.groups, actor.languages, actor.areas) == ("migrant;women", "my;th", "")
    stale = client.post(
        f"/actors/{actor.id}",
        data={"csrf_token": csrf, "version": "1", "name": "Other", "kind": "ngo"},
    )
    assert stale.status_code == 409
