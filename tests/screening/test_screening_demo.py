"""The demo screenings: a few per country, some presumed victims that set their case, idempotent."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.cases.models import Case
from titian.demo import cases as demo_cases
from titian.demo.loader import DemoState, load_agencies, load_users
from titian.demo.screening import load_screenings
from titian.screening.models import ScreeningSession


def test_demo_screenings(db: Session) -> None:
    state = DemoState(cases_per_country=4)
    load_agencies(db, state)
    load_users(db, state)
    demo_cases.load_cases(db, state)
    load_screenings(db, state)
    rows = db.scalars(select(ScreeningSession)).all()
    assert len(rows) >= 16
    presumed = [r for r in rows if r.outcome == "presumed_victim"]
    assert presumed and {r.status.value for r in rows} == {"finished", "stopped"}
    for row in presumed:
        case = db.get(Case, row.case_id)
        assert case is not None and case.identification_status in ("presumed", "confirmed")
    before = {r.id: r.version for r in rows}
    load_screenings(db, state)
    assert {r.id: r.version for r in db.scalars(select(ScreeningSession))} == before
