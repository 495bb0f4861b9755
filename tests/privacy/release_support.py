"""Releases approved by every party to the test protocol (its parties: the operator agency, where
'requester' and 'analyst' work, and agency A, whose approver is 'approver_a')."""

from __future__ import annotations

from tests.analytics import support
from tests.support.factories import create_user
from tests.support.fixtures import World
from titian.auth.policies import Principal, Role
from titian.privacy import service
from titian.privacy.models import Release
from titian.privacy.schemas import ReleaseDecision


def party_approver(world: World) -> Principal:
    """An analyst of agency A (RELEASE_APPROVE), the second party of the test protocol."""
    if "approver_a" not in world.users:
        db = support.session_of(world)
        world.users["approver_a"] = create_user(db, world.agency_a, [Role.ANALYST], "approver_a")
        db.flush()
    return support.principal(world, "approver_a")


def approved_release(world: World) -> Release:
    """Requested by 'requester', approved by 'analyst' (operator) and 'approver_a' (agency A)."""
    made = support.release(world, "approved")
    decision = ReleaseDecision(version=made.version, reason="agency A agrees")
    db = support.session_of(world)
    approved = service.decide_release(db, party_approver(world), made.id, decision, True)
    db.flush()
    return approved
