"""Shared test data for analytics and releases: a synthetic snapshot, a protocol, releases.

The snapshot is generated once per test process (40,000 synthetic people and a dialogue companion
of 400 synthetic dialogues, seeded) and copied into each test's data directory. Nothing here is
real data.
"""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import tempfile
from functools import cache
from pathlib import Path

from sqlalchemy.orm import Session, object_session

from tests.support.factories import create_user
from tests.support.fixtures import World
from titian.analytics.catalogue import Source
from titian.analytics.indicators import companion_path
from titian.auth.policies import Principal, Role
from titian.auth.service import principal_for
from titian.demo.analytics import write_snapshot
from titian.privacy import service
from titian.privacy.models import Release, SharingProtocol
from titian.privacy.schemas import ProtocolCreate, ReleaseCreate, ReleaseDecision
from titian.settings import Settings

SNAPSHOT_ROWS = 40_000
SNAPSHOT_DIALOGUES = 400


@cache
def cached_snapshot(rows: int = SNAPSHOT_ROWS, seed: int = 7) -> Path:
    """A synthetic case snapshot with its synthetic dialogue companion beside it."""
    folder = Path(tempfile.mkdtemp(prefix="titian-snapshot-"))
    atexit.register(shutil.rmtree, folder, True)
    target = folder / "cases-20260101T000000Z.parquet"
    return write_snapshot(target, rows, seed, dialogues=SNAPSHOT_DIALOGUES)


def install_snapshot(data_dir: Path, rows: int = SNAPSHOT_ROWS) -> Path:
    """The cached snapshot and its dialogue companion, copied into ``data_dir/snapshots``."""
    target = data_dir / "snapshots" / "cases-20260101T000000Z.parquet"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        source = cached_snapshot(rows)
        shutil.copy(source, target)
        companion = companion_path(source)
        if companion is not None:
            shutil.copy(companion, target.with_name(companion.name))
    return target


def session_of(world: World) -> Session:
    session = object_session(world.operator)
    assert session is not None
    return session


def with_snapshot(world: World) -> Path:
    settings = session_of(world).info["settings"]
    assert isinstance(settings, Settings)
    return install_snapshot(settings.data_dir)


def principal(world: World, name: str) -> Principal:
    return principal_for(world[name])


def protocol(world: World, signed: dt.date | None = None) -> SharingProtocol:
    db = session_of(world)
    data = ProtocolCreate(
        title="Test protocol",
        scope="Aggregate statistics for national reporting only.",
        signed_on=signed or dt.date(2026, 1, 1),
        valid_until=None,
        party_ids=[world.agency_a.id],
    )
    return service.create_protocol(db, principal(world, "analyst"), data)


def requester(world: World) -> Principal:
    """A second analyst of the operator agency, so that the 'analyst' persona can approve."""
    if "requester" not in world.users:
        db = session_of(world)
        world.users["requester"] = create_user(db, world.operator, [Role.ANALYST], "requester")
        db.flush()
    return principal(world, "requester")


def release(world: World, state: str = "requested") -> Release:
    """A release requested by 'requester' (and approved by 'analyst' when state='approved')."""
    with_snapshot(world)
    db = session_of(world)
    proto = protocol(world)
    data = ReleaseCreate(
        title="Test release",
        purpose="National report on identification by gender.",
        source=Source.TITIAN,
        country="TH",
        indicators=["titian_gender_age", "titian_detained_gender"],
        protocol_id=proto.id,
    )
    made = service.request_release(db, requester(world), data)
    if state == "approved":
        decision = ReleaseDecision(version=made.version, reason="ok")
        made = service.decide_release(db, principal(world, "analyst"), made.id, decision, True)
    db.flush()
    return made
