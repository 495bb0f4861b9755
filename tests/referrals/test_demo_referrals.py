"""The demo referrals: every state, emergency overrides, declines with reasons, gaps from real
referrals; idempotent."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.demo.cases import load_cases
from titian.demo.loader import DemoState, load_agencies, load_users
from titian.demo.referrals import load_referrals
from titian.demo.services import load_services
from titian.referrals import gaps_store
from titian.referrals.models import Referral
from titian.referrals.tracking import ReferralState
from titian.referrals.vocab import GapSource


def test_demo_referrals(db: Session) -> None:
    state = DemoState()
    for step in (load_agencies, load_users, load_services, load_cases, load_referrals):
        step(db, state)
    rows = db.scalars(select(Referral)).all()
    states = Counter(r.state for r in rows)
    assert set(states) == set(ReferralState), states
    assert any(r.emergency_override and r.override_reason for r in rows)
    assert all(r.decline_reason for r in rows if r.state == ReferralState.DECLINED)
    assert all(r.withdraw_reason for r in rows if r.state == ReferralState.WITHDRAWN)
    assert any(r.seconds_to_acceptance is not None for r in rows)
    gaps = [
        g
        for c in ("TH", "KH", "PH", "VN")
        for g in gaps_store.read_gaps(db, c, source=GapSource.REFERRAL)
    ]
    assert gaps and state.summary["referrals with no suitable service"] >= 1
    before = len(rows)
    load_referrals(db, state)
    assert len(db.scalars(select(Referral)).all()) == before
