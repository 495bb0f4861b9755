"""The release workflow on a real database: C15, four eyes, publication with file hashes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from tests.analytics import support
from tests.privacy.release_support import approved_release, party_approver
from tests.support.factories import create_user
from tests.support.fixtures import World
from titian.analytics.catalogue import Source
from titian.analytics.indicators import companion_path, dataset_hash, file_sha256
from titian.analytics.schemas import IndicatorQuery
from titian.auth.policies import Principal, Role
from titian.errors import Conflict, Forbidden, Invalid, NotFound, RuleViolation
from titian.privacy import register, repository, service
from titian.privacy.models import ReleaseAction, ReleaseStatus
from titian.privacy.schemas import ProtocolCreate, ReleaseCreate, ReleaseDecision


def _request(world: World, protocol_id: object, country: str = "TH") -> ReleaseCreate:
    return ReleaseCreate(
        title="GESI figures",
        purpose="National report on identification by gender.",
        source=Source.TITIAN,
        country=country,
        indicators=["titian_gender_age", "titian_disability_gender"],
        protocol_id=protocol_id,  # type: ignore[arg-type]
    )


def test_no_release_without_a_protocol_in_force(db: Session, world: World) -> None:
    support.with_snapshot(world)
    future = support.protocol(world, signed=dt.date.today() + dt.timedelta(days=30))
    with pytest.raises(RuleViolation) as caught:
        service.request_release(db, support.requester(world), _request(world, future.id))
    assert caught.value.details["rule"] == "C15"


def test_a_protocol_the_agency_did_not_sign_does_not_exist_for_it(
    db: Session, world: World
) -> None:
    support.with_snapshot(world)
    data = ProtocolCreate(
        title="Agency A only",
        scope="Aggregate statistics for agency A only.",
        signed_on=dt.date(2026, 1, 1),
        party_ids=[world.agency_a.id],
    )
    admin_a = support.principal(world, "caseworker_a")
    with pytest.raises(Forbidden):
        service.create_protocol(db, admin_a, data)
    other = service.create_protocol(db, support.principal(world, "analyst"), data)
    with pytest.raises(NotFound):
        repository.get_protocol(db, support.principal(world, "caseworker_b"), other.id)


def test_request_approve_publish_with_hashes_and_log(
    db: Session, world: World, tmp_path: Path
) -> None:
    made = support.release(world, "requested")
    assert made.status is ReleaseStatus.REQUESTED
    assert made.parameters["threshold"] == 11
    with pytest.raises(Forbidden, match="second person"):
        service.decide_release(
            db, support.requester(world), made.id, ReleaseDecision(version=1), True
        )
    first = service.decide_release(
        db, support.principal(world, "analyst"), made.id, ReleaseDecision(version=1), True
    )
    assert first.status is ReleaseStatus.REQUESTED  # agency A, the other party, has not approved
    approved = service.decide_release(
        db, party_approver(world), made.id, ReleaseDecision(version=1), True
    )
    assert approved.status is ReleaseStatus.APPROVED
    published = service.publish_release(
        db, support.requester(world), made.id, ReleaseDecision(version=2, reason="sent")
    )
    assert published.status is ReleaseStatus.PUBLISHED
    names = {f.name for f in published.files}
    assert names == {"titian_gender_age.csv", "titian_detained_gender.csv", "release.json"}
    for f in published.files:
        assert hashlib.sha256(Path(f.path).read_bytes()).hexdigest() == f.sha256
    body = json.loads(
        Path(next(f.path for f in published.files if f.name == "release.json")).read_text()
    )
    assert body["parameters"]["threshold"] == 11 and body["dataset_sha256"] == made.dataset_sha256
    read = service.release_read(db, published)
    assert [e.action for e in read.log] == [
        ReleaseAction.REQUEST, ReleaseAction.APPROVE, ReleaseAction.APPROVE, ReleaseAction.PUBLISH,
    ]  # fmt: skip
    assert [e.actor_username for e in read.log] == [
        "requester", "analyst", "approver_a", "requester",
    ]  # fmt: skip
    assert read.log[-1].details["files"]["release.json"] == next(
        f.sha256 for f in published.files if f.name == "release.json"
    )
    with pytest.raises(Conflict):
        service.publish_release(db, support.requester(world), made.id, ReleaseDecision(version=3))


def test_every_party_to_the_protocol_approves_before_publication(db: Session, world: World) -> None:
    made = support.release(world, "requested")
    analyst, approver_a = support.principal(world, "analyst"), party_approver(world)
    assert [r.id for r in service.pending_for(db, approver_a)] == [made.id]
    service.decide_release(db, analyst, made.id, ReleaseDecision(version=1), True)
    read = service.release_read(db, made)
    assert [(a.agency_name, a.approved, a.approved_by) for a in read.approvals] == [
        (world.agency_a.name, False, None), ("Operator", True, "analyst"),
    ]  # fmt: skip
    assert service.pending_for(db, analyst) == []
    with pytest.raises(Conflict, match="only an approved release is published"):
        service.publish_release(db, support.requester(world), made.id, ReleaseDecision(version=1))
    other = support.principal(world, "operator_admin")
    with pytest.raises(Forbidden):
        service.decide_release(db, other, made.id, ReleaseDecision(version=1), True)
    with pytest.raises(Conflict, match="already approved"):  # the operator has approved
        service.decide_release(
            db, _second_operator_approver(db, world), made.id, ReleaseDecision(version=1), True
        )
    done = service.decide_release(db, approver_a, made.id, ReleaseDecision(version=1), True)
    assert done.status is ReleaseStatus.APPROVED
    assert done.approved_by == approver_a.user_id
    assert service.pending_for(db, approver_a) == []


def test_one_party_rejecting_rejects(db: Session, world: World) -> None:
    made = support.release(world, "approved")  # the operator approved
    rejected = service.decide_release(
        db, party_approver(world), made.id, ReleaseDecision(version=1, reason="too fine"), False
    )
    assert rejected.status is ReleaseStatus.REJECTED


def test_a_protocol_of_one_agency_needs_one_second_person(db: Session, world: World) -> None:
    support.with_snapshot(world)
    alone = service.create_protocol(
        db, support.principal(world, "analyst"),
        ProtocolCreate(title="Operator only", scope="Aggregate statistics, operator only.",
                       signed_on=dt.date(2026, 1, 1)),
    )  # fmt: skip
    made = service.request_release(db, support.requester(world), _request(world, alone.id))
    approved = service.decide_release(
        db, support.principal(world, "analyst"), made.id, ReleaseDecision(version=1), True
    )
    assert approved.status is ReleaseStatus.APPROVED
    assert [a.approved for a in service.release_read(db, approved).approvals] == [True]


def _second_operator_approver(db: Session, world: World) -> Principal:
    if "analyst_two" not in world.users:
        world.users["analyst_two"] = create_user(db, world.operator, [Role.ANALYST], "analyst_two")
        db.flush()
    return support.principal(world, "analyst_two")


def test_publish_refuses_a_changed_dataset(db: Session, world: World) -> None:
    made = approved_release(world)
    snapshot = support.with_snapshot(world)
    snapshot.write_bytes(snapshot.read_bytes() + b"\0")
    with pytest.raises(Conflict, match="dataset changed"):
        service.publish_release(db, support.requester(world), made.id, ReleaseDecision(version=2))


def test_publish_refuses_a_changed_dialogue_companion(db: Session, world: World) -> None:
    made = approved_release(world)
    snapshot = support.with_snapshot(world)
    companion = companion_path(snapshot)
    assert companion is not None
    assert made.dataset_sha256 == dataset_hash(Source.TITIAN, [snapshot]) != file_sha256(snapshot)
    assert made.parameters["datasets"] == {
        "people": file_sha256(snapshot), "seats": file_sha256(companion),
    }  # fmt: skip
    companion.write_bytes(companion.read_bytes() + b"\0")
    with pytest.raises(Conflict, match="dataset changed"):
        service.publish_release(db, support.requester(world), made.id, ReleaseDecision(version=2))


def test_registered_tables_name_the_file_they_count(db: Session, world: World) -> None:
    """People tables are tagged with the case file, dialogue tables with the companion, so a new
    companion does not make people tables of the same case file look like other data."""
    snapshot = support.with_snapshot(world)
    companion = companion_path(snapshot)
    assert companion is not None
    proto = support.protocol(world)
    data = ReleaseCreate(
        title="Dialogue figures",
        purpose="National report on policy dialogues.",
        source=Source.TITIAN,
        country="TH",
        indicators=["titian_gender_age", "titian_dialogue_seats_role_gender"],
        protocol_id=proto.id,
    )
    made = service.request_release(db, support.requester(world), data)
    results, _, _ = service._compute(  # the tables as published
        db, IndicatorQuery(source=Source.TITIAN, country="TH", indicators=data.indicators), None
    )
    tagged = {t.indicator: t.dataset for t in register.from_results(made, results)}
    assert tagged == {
        "titian_gender_age": file_sha256(snapshot),
        "titian_dialogue_seats_role_gender": file_sha256(companion),
    }


def test_reject_needs_a_reason_and_a_second_person(db: Session, world: World) -> None:
    made = support.release(world, "requested")
    analyst = support.principal(world, "analyst")
    with pytest.raises(Invalid):
        service.decide_release(db, analyst, made.id, ReleaseDecision(version=1), False)
    rejected = service.decide_release(
        db, analyst, made.id, ReleaseDecision(version=1, reason="too detailed"), False
    )
    assert rejected.status is ReleaseStatus.REJECTED
    with pytest.raises(Conflict):
        service.publish_release(db, analyst, made.id, ReleaseDecision(version=2))


def test_a_role_without_release_permissions_cannot_request(db: Session, world: World) -> None:
    proto = support.protocol(world)
    with pytest.raises(Forbidden):
        service.request_release(
            db, support.principal(world, "programme"), _request(world, proto.id)
        )


def test_pending_releases_are_shown_to_the_second_person_only(db: Session, world: World) -> None:
    made = support.release(world, "requested")
    assert [r.id for r in service.pending_for(db, support.principal(world, "analyst"))] == [made.id]
    assert service.pending_for(db, support.requester(world)) == []
