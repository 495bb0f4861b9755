"""Referral services on the real database: matching stored as the offer list, gaps from real
referrals, C1 on send, access only while active, emergency override, the state machine, C3."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.referrals.conftest import Draft, Setup, consent, send
from titian.audit.models import AuditEvent
from titian.cases import repository as cases
from titian.cases import service_consent
from titian.cases.schemas import ConsentWithdraw
from titian.errors import Forbidden, Invalid, NotFound, RuleViolation
from titian.notifications.models import Notification
from titian.referrals import gaps_store, service
from titian.referrals.models import Referral
from titian.referrals.schemas import ReferralMove
from titian.referrals.service_moves import move
from titian.referrals.tracking import ReferralAction as A
from titian.referrals.tracking import ReferralState as S
from titian.referrals.vocab import GapSource
from titian.services.models import Organization


def _move(db: Session, s: Setup, r: Referral, user: str, action: A, reason: str | None = None):
    return move(db, s.p(user), r.id, action, ReferralMove(reason=reason, version=r.version))


def _sees_case(db: Session, s: Setup, user: str) -> bool:
    try:
        cases.get_case(db, s.p(user), s.case.id)
    except NotFound:
        return False
    return True


def test_find_services_keeps_ranked_offers_and_exclusions(
    db: Session, setup: Setup, draft: Draft
) -> None:
    r = draft(need="shelter", choose=None)
    assert [o["name"] for o in r.offered] == ["Rainbow house Bangkok"]
    excluded = {x["name"]: [c["code"] for c in x["reasons"]] for x in r.excluded}
    assert excluded["Women shelter Bangkok"] == ["gender_not_accepted"]
    assert r.gap is None and r.state == S.DRAFT


def test_a_gap_is_shown_and_recorded_from_the_real_referral(
    db: Session, setup: Setup, draft: Draft
) -> None:
    r = draft(need="medical", choose=None)
    assert r.offered == []
    assert r.gap is not None and r.gap["kind"] == "no_eligible_service" and r.gap["text"]
    assert "men" in r.gap["groups"]
    stored = gaps_store.read_gaps(db, "TH", source=GapSource.REFERRAL)
    assert len(stored) == 1 and stored[0].area == "TH-10"
    read = service.read_referral(db, setup.p("caseworker_a"), r.id)
    assert read.gap is not None and read.offered == []


def test_identifying_data_without_consent_is_refused(
    db: Session, setup: Setup, draft: Draft
) -> None:
    r = draft()
    with pytest.raises(RuleViolation) as err:
        send(db, setup, r, ("identity", "needs"))
    assert err.value.details["rule"] == "C1"
    assert r.state == S.DRAFT
    assert not _sees_case(db, setup, "caseworker_b")


def test_with_consent_it_is_sent_and_after_withdrawal_the_receiver_loses_access(
    db: Session, setup: Setup, draft: Draft
) -> None:
    cid = consent(db, setup)
    r = send(db, setup, draft(), ("identity", "needs"))
    assert r.state == S.SENT and r.consent_id == cid and r.identifying
    assert _sees_case(db, setup, "caseworker_b")
    notes = db.scalars(
        select(Notification).where(Notification.agency_id == setup.world.agency_b.id)
    )
    assert any(n.kind == "referral.received" for n in notes)
    read = service.read_referral(db, setup.p("caseworker_b"), r.id)
    assert read.view == "receiver" and read.case_access_open and read.offered == []
    _move(db, setup, r, "caseworker_a", A.WITHDRAW, "the person moved away")
    assert r.state == S.WITHDRAWN and r.withdraw_reason == "the person moved away"
    assert not _sees_case(db, setup, "caseworker_b")


def test_consent_withdrawal_closes_the_receivers_access(
    db: Session, setup: Setup, draft: Draft
) -> None:
    cid = consent(db, setup)
    send(db, setup, draft(), ("identity",))
    assert _sees_case(db, setup, "caseworker_b")
    service_consent.withdraw_consent(
        db, setup.p("caseworker_a"), setup.case.id, cid, ConsentWithdraw(reason="changed mind")
    )
    assert not _sees_case(db, setup, "caseworker_b")


def test_consent_for_another_service_type_does_not_cover(
    db: Session, setup: Setup, draft: Draft
) -> None:
    consent(db, setup, service_types=("shelter",))
    with pytest.raises(RuleViolation):
        send(db, setup, draft(), ("identity",))


def test_non_identifying_referral_needs_no_consent_and_opens_no_case(
    db: Session, setup: Setup, draft: Draft
) -> None:
    r = send(db, setup, draft(), ("needs",))
    assert r.state == S.SENT and not r.identifying and r.consent_id is None
    assert not _sees_case(db, setup, "caseworker_b")
    assert service.read_referral(db, setup.p("caseworker_b"), r.id).view == "receiver"


def test_emergency_override_needs_the_supervisor_and_a_reason(
    db: Session, setup: Setup, draft: Draft
) -> None:
    r = draft()
    with pytest.raises(Forbidden):
        send(db, setup, r, ("identity",), emergency_override=True, override_reason="danger")
    with pytest.raises(Invalid):
        send(db, setup, r, ("identity",), emergency_override=True, user="supervisor_a")
    r = send(
        db, setup, r, ("identity",), emergency_override=True, override_reason="imminent danger",
        user="supervisor_a",
    )  # fmt: skip
    assert r.state == S.SENT and r.emergency_override and r.override_reason == "imminent danger"
    assert r.override_by_id == setup.world["supervisor_a"].id
    actions = db.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == str(r.id))).all()
    assert "referral.emergency_override" in actions


def test_receiver_accepts_and_time_to_acceptance_is_kept(
    db: Session, setup: Setup, draft: Draft
) -> None:
    consent(db, setup)
    r = send(db, setup, draft(), ("identity",))
    with pytest.raises(Forbidden):
        _move(db, setup, r, "caseworker_a", A.ACCEPT)
    _move(db, setup, r, "caseworker_b", A.ACCEPT)
    assert r.state == S.ACCEPTED and r.seconds_to_acceptance is not None
    _move(db, setup, r, "caseworker_b", A.START)
    assert _sees_case(db, setup, "caseworker_b")
    _move(db, setup, r, "caseworker_b", A.COMPLETE)
    assert r.state == S.COMPLETED and r.closed_at is not None
    assert not _sees_case(db, setup, "caseworker_b")
    events = [e.action for e in service.read_referral(db, setup.p("caseworker_a"), r.id).events]
    assert events == ["create", "choose", "send", "accept", "start", "complete"]


def test_decline_needs_a_reason_and_closes_access(db: Session, setup: Setup, draft: Draft) -> None:
    consent(db, setup)
    r = send(db, setup, draft(), ("identity",))
    with pytest.raises(Invalid):
        _move(db, setup, r, "caseworker_b", A.DECLINE)
    _move(db, setup, r, "caseworker_b", A.DECLINE, "no lawyer for this language")
    assert r.state == S.DECLINED and r.decline_reason == "no lawyer for this language"
    assert not _sees_case(db, setup, "caseworker_b")


def test_scoping(db: Session, setup: Setup, draft: Draft) -> None:
    r = draft()
    for user in ("caseworker_b", "prosecutor", "norole_a"):
        with pytest.raises(NotFound):
            service.read_referral(db, setup.p(user), r.id)
    assert service.list_referrals(db, setup.p("caseworker_b")) == []
    send(db, setup, r, ("needs",))
    assert [x.id for x in service.list_referrals(db, setup.p("caseworker_b"))] == [r.id]
    with pytest.raises(NotFound):
        service.read_referral(db, setup.p("prosecutor"), r.id)


def test_choice_must_be_offered_and_refusal_is_counted_apart(
    db: Session, setup: Setup, draft: Draft
) -> None:
    from titian.referrals.schemas import ReferralChoose

    r = draft(need="shelter", choose=None)
    with pytest.raises(Invalid):
        service.choose_service(
            db, setup.p("caseworker_a"), r.id,
            ReferralChoose(service_id=setup.services["Women shelter Bangkok"], version=r.version),
        )  # fmt: skip
    _move(db, setup, r, "caseworker_a", A.PERSON_DECLINE, "prefers to stay with family")
    assert r.state == S.PERSON_DECLINED
    draft(need="medical", choose=None)  # not offered: a gap
    send(db, setup, draft(), ("needs",))
    counts = service.choice_counts(db, setup.p("caseworker_a"))
    assert (counts.chosen, counts.declined_by_person, counts.not_offered) == (1, 1, 1)
    assert counts.awaiting_choice == 1


def test_off_platform_referral_is_recorded_without_access(
    db: Session, setup: Setup, draft: Draft
) -> None:
    from tests.services.conftest import uid

    db.get_one(Organization, uuid.UUID(uid("org-a"))).agency_id = None
    db.flush()
    consent(db, setup, receiver_agency_id=None, receiver_class="legal_aid_providers")
    r = draft()
    assert r.off_platform and r.to_agency_id is None
    r = send(db, setup, r, ("identity",))
    assert r.state == S.SENT and r.consent_id is not None
    _move(db, setup, r, "caseworker_a", A.ACCEPT)
    assert r.state == S.ACCEPTED
    assert not any(g.active for g in cases.grants_of(db, setup.case.id))


def test_stale_version_is_a_conflict(db: Session, setup: Setup, draft: Draft) -> None:
    from titian.errors import Conflict

    r = draft()
    with pytest.raises(Conflict):
        move(db, setup.p("caseworker_a"), r.id, A.WITHDRAW, ReferralMove(reason="x", version=99))


def test_a_service_retired_after_the_offer_cannot_be_chosen(
    db: Session, setup: Setup, draft: Draft
) -> None:
    from titian.referrals.schemas import ReferralChoose
    from titian.services.models import Service

    referral = draft(choose=None)
    legal_aid = db.get_one(Service, setup.services["National legal aid"])
    legal_aid.status = "inactive"  # retired from the directory after the offer was made
    db.flush()
    choice = ReferralChoose(service_id=legal_aid.id, version=referral.version)
    with pytest.raises(Invalid) as refused:
        service.choose_service(db, setup.p("caseworker_a"), referral.id, choice)
    (error,) = refused.value.details["errors"]
    assert error["field"] == "service_id" and "left the directory" in error["message"]
