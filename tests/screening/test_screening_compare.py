"""Both lists for one person: "also screen against the other list" starts a session with the
same age and migration status, and the compare page and its JSON twin show them side by side."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.screening.conftest import PRESUMED, CaseMaker
from tests.screening.test_screening_service import _answer, _finish, _safe, _start
from tests.support.fixtures import ApiAs, WebAs, World
from titian.auth.policies import Principal
from titian.screening.models import ScreeningSession

P = Callable[[str], Principal]


def test_the_other_list_then_side_by_side(
    db: Session,
    make_case: CaseMaker,
    as_principal: P,
    world: World,
    client: TestClient,
    web_as: WebAs,
    api_as: ApiAs,
) -> None:
    who = as_principal("caseworker_a")
    case = make_case()
    labour = _start(db, who, case.id, age=24, migration_status="irregular_migrant")
    _answer(db, who, labour, PRESUMED)
    _safe(db, who, labour)
    _finish(db, who, labour)
    db.flush()
    csrf = web_as.login(world["caseworker_a"])
    result = client.get(f"/screening/{labour.id}/result")
    assert "Also screen against the sexual-exploitation list" in result.text
    assert f"/screening/compare?case_id={case.id}" in result.text
    only_one = client.get(f"/screening/compare?case_id={case.id}")
    assert only_one.status_code == 200 and "Not screened yet" in only_one.text

    started = client.post(
        f"/screening/{labour.id}/also",
        data={"csrf_token": csrf, "exploitation_kind": "sexual"},
        follow_redirects=False,
    )
    assert started.status_code == 303
    sexual = db.get(ScreeningSession, uuid.UUID(started.headers["location"].rsplit("/", 1)[1]))
    assert sexual is not None and sexual.id != labour.id
    assert (sexual.exploitation_kind, sexual.age, sexual.migration_status) == (
        "sexual",
        24,
        "irregular_migrant",
    )
    assert sexual.answers == {}  # each list asks its own questions
    _safe(db, who, sexual)
    _finish(db, who, sexual)
    db.flush()

    both = client.get(f"/screening/compare?case_id={case.id}")
    assert both.status_code == 200 and "Not screened yet" not in both.text
    twin = client.get(
        f"/api/v1/screening/compare?case_id={case.id}",
        headers=api_as.headers(world["caseworker_a"]),
    ).json()
    assert [c["purpose"] for c in twin["columns"]] == ["labour", "sexual"]
    assert twin["columns"][0]["outcome"] == "presumed_victim"
    assert twin["columns"][1]["list_status"] == "incomplete"  # the A·S list, said so
    assert twin["not_screened"] == []
    refused = client.post(
        f"/screening/{labour.id}/also",
        data={"csrf_token": csrf, "exploitation_kind": "nonsense"},
    )
    assert refused.status_code == 422 and "exploitation_kind" in refused.text
