"""Matching over the database directory through the API: one SQL query of candidates, then the
pure rules (docs/matching.md). Profiles -> matches, exclusions with reasons, gaps."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.orm import Session

from tests.services.conftest import SmallDirectory
from tests.services.profiles import CASES, Case, check
from tests.support.fixtures import ApiAs
from titian.services.service_matching import match_need, need_from_json


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_profile_table_through_the_api(
    case: Case, client: TestClient, api_as: ApiAs, directory: SmallDirectory
) -> None:
    headers = api_as.headers(directory.world["caseworker_a"])
    response = client.post("/api/v1/services/match", json=case.profile, headers=headers)
    assert response.status_code == 200, response.text
    check(case, response.json())


def test_candidates_come_from_one_query(db: Session, directory: SmallDirectory) -> None:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    connection = db.connection()
    event.listen(connection, "before_cursor_execute", count)
    try:
        result = match_need(db, need_from_json(CASES[0].profile))
    finally:
        event.remove(connection, "before_cursor_execute", count)
    assert len(statements) == 1 and "directory_service_type" in statements[0]
    assert len(result.eligible) == 2


@pytest.mark.parametrize(
    ("profile", "field"),
    [
        ({"need": "shelter", "country": "TH"}, "area"),
        ({"need": "spa", "country": "TH", "area": "TH-10"}, "need"),
        ({"need": "shelter", "country": "TH", "area": "KH-12"}, "area"),
        ({"need": "shelter", "country": "TH", "area": "TH-10", "lgbtqi": True}, "lgbtqi"),
        ({"need": "shelter", "country": "TH", "area": "TH-10", "age": "old"}, "age"),
        ({"need": "shelter", "country": "TH", "area": "TH-10", "name": "X"}, "name"),
        (
            {"need": "shelter", "country": "TH", "area": "TH-10", "wg_domains": "hearing"},
            "wg_domains",
        ),
    ],
)
def test_bad_profiles_are_refused_by_field(
    profile: dict[str, object],
    field: str,
    client: TestClient,
    api_as: ApiAs,
    directory: SmallDirectory,
) -> None:
    headers = api_as.headers(directory.world["caseworker_a"])
    response = client.post("/api/v1/services/match", json=profile, headers=headers)
    assert response.status_code == 422
    assert field in {e["field"] for e in response.json()["errors"]}
