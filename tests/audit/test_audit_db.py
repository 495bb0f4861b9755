"""The audit log on a real database: same-transaction writes and hand-made tampering."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from tests.support.fixtures import World
from titian.audit import service as audit
from titian.audit.models import AuditEvent


def test_events_are_chained_and_verify(db: Session, world: World) -> None:
    assert audit.verify(db).ok
    count = db.scalar(select(func.count(AuditEvent.seq)))
    assert count and count >= 14  # 4 agencies + 10 users created by the world fixture


def test_event_rolls_back_with_its_change(db: Session, world: World) -> None:
    before = db.scalar(select(func.count(AuditEvent.seq)))
    nested = db.begin_nested()
    audit.record(db, None, "test.thing", "thing", "1")
    nested.rollback()
    assert db.scalar(select(func.count(AuditEvent.seq))) == before
    assert audit.verify(db).ok


def test_hand_made_update_is_named(db: Session, world: World) -> None:
    db.flush()
    db.execute(text("UPDATE audit_event SET action = 'nothing.to.see' WHERE seq = 5"))
    db.expire_all()
    verdict = audit.verify(db)
    assert not verdict.ok and verdict.seq == 5 and "altered" in verdict.problem


def test_hand_made_delete_is_named(db: Session, world: World) -> None:
    db.flush()
    db.execute(text("DELETE FROM audit_event WHERE seq = 7"))
    db.expire_all()
    verdict = audit.verify(db)
    assert not verdict.ok and verdict.seq == 7 and "deleted" in verdict.problem


def test_deleting_the_newest_event_is_named(db: Session, world: World) -> None:
    db.flush()
    last = db.scalar(select(func.max(AuditEvent.seq)))
    db.execute(text("DELETE FROM audit_event WHERE seq = :s"), {"s": last})
    db.expire_all()
    verdict = audit.verify(db)
    assert not verdict.ok and verdict.seq == last


def test_reading_a_user_is_audited(db: Session, world: World) -> None:
    from titian.auth import service
    from titian.auth.service import principal_for

    actor = principal_for(world["admin_a"])
    service.get_user(db, actor, world["caseworker_a"].id)
    event = db.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert event is not None and event.action == "user.read"
    assert event.actor_id == world["admin_a"].id
    assert event.entity_id == str(world["caseworker_a"].id)
