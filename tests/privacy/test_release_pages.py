"""The release page and its JSON twin show which parties have approved and which are awaited."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.analytics import support
from tests.privacy.release_support import party_approver
from tests.support.fixtures import ApiAs, WebAs, World


def test_page_shows_who_has_and_has_not_approved(
    client: TestClient, world: World, web_as: WebAs
) -> None:
    made = support.release(world, "requested")
    party_approver(world)
    page_url = f"/releases/{made.id}"
    csrf = web_as.login(world["analyst"])
    page = client.get(page_url)
    assert page.text.count("awaiting approval") == 2 and ">Approve</button>" in page.text
    assert "Agency A shelter, Operator" in page.text  # both awaited, in order
    form = {"csrf_token": csrf, "version": "1", "reason": "operator agrees"}
    assert client.post(f"{page_url}/approve", data=form, follow_redirects=False).status_code == 303
    page = client.get(page_url)
    assert "approved by analyst" in page.text and page.text.count("awaiting approval") == 1
    assert ">Approve</button>" not in page.text and "Your agency has approved." in page.text
    assert '<dd id="release-status">requested</dd>' in page.text
    csrf = web_as.login(world["approver_a"])
    assert ">Approve</button>" in client.get(page_url).text
    form["csrf_token"] = csrf
    assert client.post(f"{page_url}/approve", data=form, follow_redirects=False).status_code == 303
    page = client.get(page_url)
    assert '<dd id="release-status">approved</dd>' in page.text
    assert "approved by approver_a" in page.text and "awaiting approval" not in page.text


def test_api_lists_the_parties_approvals(client: TestClient, world: World, api_as: ApiAs) -> None:
    made = support.release(world, "requested")
    headers = api_as.headers(world["analyst"])
    body = client.post(
        f"/api/v1/releases/{made.id}/approve", json={"version": 1}, headers=headers
    ).json()
    assert body["status"] == "requested"
    assert sorted((a["agency_name"], a["approved"]) for a in body["approvals"]) == [
        ("Agency A shelter", False), ("Operator", True),
    ]  # fmt: skip
    again = client.post(f"/api/v1/releases/{made.id}/approve", json={"version": 1}, headers=headers)
    assert again.status_code == 409 and "already approved" in again.json()["message"]
