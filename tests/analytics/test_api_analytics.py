"""The analytics API: the same protected figures as the service, and clear 422s."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.analytics.support import with_snapshot
from tests.support.fixtures import ApiAs, World
from titian.privacy.sdc_release import MASK


def test_indicators_are_protected_and_state_their_denominator(
    world: World, api_as: ApiAs, client: TestClient
) -> None:
    with_snapshot(world)
    headers = api_as.headers(world["analyst"])
    response = client.get(
        "/api/v1/analytics/indicators",
        params={"country": "KH", "indicator": ["titian_women_share_by_form",
                                               "titian_ethnicity_gender"]},
        headers=headers,
    )  # fmt: skip
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["country"] == "KH" and body["threshold"] == 11
    for indicator in body["indicators"]:
        assert indicator["denominator"]
        for table in indicator["tables"]:
            for cell in table["cells"]:
                assert cell["count"] is None or cell["count"] == 0 or cell["count"] >= 11
                if cell["count"] is None:
                    assert cell["display"] == MASK and cell["share"] is None


def test_bad_queries_answer_422_with_the_field(
    world: World, api_as: ApiAs, client: TestClient
) -> None:
    with_snapshot(world)
    headers = api_as.headers(world["analyst"])
    bad_country = client.get("/api/v1/analytics/indicators?country=FR", headers=headers)
    assert bad_country.status_code == 422
    assert bad_country.json()["errors"][0]["field"] == "country"
    unknown = client.get("/api/v1/analytics/indicators?indicator=nope", headers=headers)
    assert unknown.status_code == 422 and "nope" in unknown.json()["message"]
    catalogue = client.get("/api/v1/analytics/catalogue?source=ctdc", headers=headers).json()
    assert {i["id"] for i in catalogue["indicators"]} >= {"ctdc_women_share_by_form"}
