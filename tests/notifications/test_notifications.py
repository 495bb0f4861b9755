"""Notifications: to an agency or one user of it; listing and marking read are scoped."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.support.fixtures import ApiAs, WebAs, World
from titian.auth.service import principal_for
from titian.errors import NotFound
from titian.notifications import service


def test_agency_and_personal_notifications_are_scoped(db: Session, world: World) -> None:
    everyone = service.notify_agency(db, world.agency_a.id, "test", "For agency A", "/x")
    personal = service.notify_agency(
        db, world.agency_a.id, "test", "For caseworker A", user_id=world["caseworker_a"].id
    )
    worker, colleague = principal_for(world["caseworker_a"]), principal_for(world["norole_a"])
    assert {n.id for n in service.list_for(db, worker)} == {everyone.id, personal.id}
    assert [n.id for n in service.list_for(db, colleague)] == [everyone.id]
    assert service.list_for(db, principal_for(world["caseworker_b"])) == []
    with pytest.raises(NotFound):
        service.mark_read(db, colleague, personal.id)
    with pytest.raises(NotFound):
        service.mark_read(db, principal_for(world["caseworker_b"]), everyone.id)
    assert service.unread_count(db, worker) == 2
    service.mark_read(db, worker, everyone.id)
    assert service.unread_count(db, worker) == 1
    assert [n.id for n in service.list_for(db, worker, unread_only=True)] == [personal.id]


def test_notifications_api_and_page(
    db: Session, world: World, client: TestClient, api_as: ApiAs, web_as: WebAs
) -> None:
    note = service.notify_agency(
        db, world.agency_a.id, "test", "Case TH-2026-ABCDEF shared", "/cases"
    )
    headers = api_as.headers(world["caseworker_a"])
    listed = client.get("/api/v1/notifications", headers=headers).json()
    assert [n["id"] for n in listed] == [str(note.id)]
    done = client.post(f"/api/v1/notifications/{note.id}/read", headers=headers)
    assert done.status_code == 200 and done.json()["read_at"]
    other = client.post(
        f"/api/v1/notifications/{note.id}/read", headers=api_as.headers(world["caseworker_b"])
    )
    assert other.status_code == 404
    web_as.login(world["caseworker_a"])
    page = client.get("/notifications")
    assert page.status_code == 200 and "TH-2026-ABCDEF" in page.text
