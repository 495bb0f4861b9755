"""Demo step 90: statistics consents, the synthetic snapshot moved aside, a real snapshot and its
dialogue companion (scanned for names, titles and free text)."""

from __future__ import annotations

from datetime import date

import pyarrow.parquet as pq
from sqlalchemy.orm import Session

from tests.analytics.support import install_snapshot
from tests.privacy.snapshot_support import cells, identity, load_cases, load_dialogues
from tests.support.fixtures import World
from titian.analytics.indicators import companion_path
from titian.analytics.service import latest_snapshot
from titian.cases import service, service_consent
from titian.cases.profile import CaseProfile
from titian.cases.schemas import CaseCreate
from titian.demo.loader import DemoState
from titian.demo.snapshot import SYNTHETIC_RENAMED, demo_snapshot, is_current, real_snapshots
from titian.privacy.snapshot_writer import snapshot_dir
from titian.settings import Settings


def test_demo_step_writes_the_newest_real_snapshot_once(
    db: Session, world: World, settings: Settings
) -> None:
    loaded = load_cases(db, count=5)  # consenting; case 3 has a gap referral only, case 4 both
    worker = loaded.worker
    demo_cases = []
    for i in range(12):
        data = CaseCreate(
            profile=CaseProfile.model_validate({"gender": "woman", "age_band": "30-38"}),
            identity=identity(40 + i),
            identified_on=date(2026, 5, 2),
        )
        case = service.create_case(db, worker, data)
        case.number = f"TH-DEMO-{i + 1:03d}"
        demo_cases.append(case)
    db.flush()
    talks = load_dialogues(db, world.operator)
    synthetic = install_snapshot(settings.data_dir, rows=300)
    state = DemoState()
    demo_snapshot(db, state)
    assert not synthetic.exists() and (synthetic.parent / SYNTHETIC_RENAMED).exists()
    # the synthetic companion stays beside the moved file (same timestamp: still its companion)
    assert companion_path(synthetic.parent / SYNTHETIC_RENAMED) is not None
    [real] = real_snapshots(synthetic.parent)
    assert latest_snapshot(settings) == real
    # the real companion: the demo's held dialogues, one row per seat, no names, titles or text
    companion = companion_path(real)
    assert companion is not None and pq.read_metadata(companion).num_rows == talks.seats
    found = "\n".join(cells(real) + cells(companion)).lower()
    assert [s for s in talks.secrets + loaded.secrets if s.lower() in found] == []
    assert 0 < state.summary["statistics consents"] <= 12
    given = [
        c
        for c in demo_cases
        if any(r.state == "given" for r in service_consent.records_of(db, c.id))
    ]
    assert state.summary["snapshot people"] == len(given) + len(loaded.consenting)
    # referral gaps (C10) reach the snapshot: a gap referral never sent counts too
    rows = pq.read_table(real).to_pylist()
    assert sorted(r["service_gap"] for r in rows if r["service_gap"] is not None) == [
        False, False, False, True, True,
    ]  # fmt: skip

    again = DemoState()
    demo_snapshot(db, again)
    assert "statistics consents" not in again.summary and "snapshot people" not in again.summary
    assert real_snapshots(synthetic.parent) == [real]


def test_a_snapshot_of_an_older_schema_is_replaced(
    db: Session, world: World, settings: Settings
) -> None:
    """After an upgrade the newest real snapshot lacks the new columns (the engine refuses it):
    the demo step writes a current one instead of keeping it."""
    load_cases(db, count=3)
    load_dialogues(db, world.operator)
    demo_snapshot(db, DemoState())
    [real] = real_snapshots(snapshot_dir(settings))
    assert is_current(real)
    table = pq.read_table(real)
    old = real.with_name("cases-20200101T000000Z.parquet")  # older, then made the newest below
    pq.write_table(table.drop_columns(["service_gap"]), old)
    companion = companion_path(real)
    assert companion is not None
    real.unlink()
    companion.unlink()  # the newest snapshot's name is then free again within the same second
    assert real_snapshots(old.parent) == [old] and not is_current(old)
    again = DemoState()
    demo_snapshot(db, again)
    newest = real_snapshots(old.parent)[-1]
    assert newest != old and is_current(newest) and again.summary["snapshot people"] == 3
