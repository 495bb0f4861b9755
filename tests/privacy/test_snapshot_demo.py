"""Demo step 90: statistics consents, the synthetic snapshot moved aside, a real snapshot."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from tests.analytics.support import install_snapshot
from tests.privacy.snapshot_support import identity, load_cases
from tests.support.fixtures import World
from titian.analytics.service import latest_snapshot
from titian.cases import service, service_consent
from titian.cases.profile import CaseProfile
from titian.cases.schemas import CaseCreate
from titian.demo.loader import DemoState
from titian.demo.snapshot import SYNTHETIC_RENAMED, demo_snapshot, real_snapshots
from titian.settings import Settings


def test_demo_step_writes_the_newest_real_snapshot_once(
    db: Session, world: World, settings: Settings
) -> None:
    worker = load_cases(db, count=1).worker
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
    synthetic = install_snapshot(settings.data_dir, rows=300)
    state = DemoState()
    demo_snapshot(db, state)
    assert not synthetic.exists() and (synthetic.parent / SYNTHETIC_RENAMED).exists()
    [real] = real_snapshots(synthetic.parent)
    assert latest_snapshot(settings) == real
    assert 0 < state.summary["statistics consents"] <= 12
    given = [
        c
        for c in demo_cases
        if any(r.state == "given" for r in service_consent.records_of(db, c.id))
    ]
    assert state.summary["snapshot people"] == len(given) + 1  # + the one case of load_cases

    again = DemoState()
    demo_snapshot(db, again)
    assert "statistics consents" not in again.summary and "snapshot people" not in again.summary
    assert real_snapshots(synthetic.parent) == [real]
