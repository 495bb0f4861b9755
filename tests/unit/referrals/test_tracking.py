"""The referral state machine and the sharing rules: tables of cases (no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from titian.cases.vocab import DataCategory, ReceiverClass
from titian.cases.vocab import ServiceType as CaseServiceType
from titian.referrals.sharing import identifying_categories, receiver_class_for, sharing_rules
from titian.referrals.tracking import (
    ACTIVE_STATES,
    END_STATES,
    Party,
    ReferralAction,
    ReferralState,
    TransitionError,
    allowed_actions,
    next_state,
    parties,
    seconds_between,
)

S, A = ReferralState, ReferralAction
SENDER = frozenset({Party.SENDER})
RECEIVER = frozenset({Party.RECEIVER})
REASON = {"reason": "no place until next month"}

ALLOWED = [
    (S.DRAFT, A.SEND, SENDER, {}, S.SENT),
    (S.SENT, A.ACCEPT, RECEIVER, {}, S.ACCEPTED),
    (S.SENT, A.DECLINE, RECEIVER, REASON, S.DECLINED),
    (S.ACCEPTED, A.START, RECEIVER, {}, S.IN_PROGRESS),
    (S.IN_PROGRESS, A.COMPLETE, RECEIVER, {}, S.COMPLETED),
    (S.ACCEPTED, A.COMPLETE, RECEIVER, {}, S.COMPLETED),
    (S.DRAFT, A.WITHDRAW, SENDER, REASON, S.WITHDRAWN),
    (S.SENT, A.WITHDRAW, SENDER, REASON, S.WITHDRAWN),
    (S.ACCEPTED, A.WITHDRAW, SENDER, REASON, S.WITHDRAWN),
    (S.IN_PROGRESS, A.WITHDRAW, SENDER, REASON, S.WITHDRAWN),
    (S.DRAFT, A.PERSON_DECLINE, SENDER, {"reason": "prefers family"}, S.PERSON_DECLINED),
]


@pytest.mark.parametrize(("state", "action", "party", "fields", "target"), ALLOWED)
def test_allowed_moves(
    state: S, action: A, party: frozenset[Party], fields: dict[str, str], target: S
) -> None:
    assert next_state(state, action, party, fields) == target
    assert action in allowed_actions(state, party)


REFUSED = [
    # wrong party
    (S.DRAFT, A.SEND, RECEIVER, {}, "party", "action"),
    (S.SENT, A.ACCEPT, SENDER, {}, "party", "action"),
    (S.SENT, A.DECLINE, SENDER, REASON, "party", "action"),
    (S.SENT, A.WITHDRAW, RECEIVER, REASON, "party", "action"),
    (S.ACCEPTED, A.START, SENDER, {}, "party", "action"),
    # wrong state
    (S.SENT, A.SEND, SENDER, {}, "state", "state"),
    (S.DRAFT, A.ACCEPT, RECEIVER, {}, "state", "state"),
    (S.DECLINED, A.ACCEPT, RECEIVER, {}, "state", "state"),
    (S.SENT, A.START, RECEIVER, {}, "state", "state"),
    (S.SENT, A.COMPLETE, RECEIVER, {}, "state", "state"),
    (S.COMPLETED, A.WITHDRAW, SENDER, REASON, "state", "state"),
    (S.WITHDRAWN, A.WITHDRAW, SENDER, REASON, "state", "state"),
    (S.SENT, A.PERSON_DECLINE, SENDER, REASON, "state", "state"),
    # missing reason
    (S.SENT, A.DECLINE, RECEIVER, {}, "required", "reason"),
    (S.SENT, A.DECLINE, RECEIVER, {"reason": "   "}, "required", "reason"),
    (S.SENT, A.WITHDRAW, SENDER, {"reason": None}, "required", "reason"),
    (S.DRAFT, A.PERSON_DECLINE, SENDER, {}, "required", "reason"),
]


@pytest.mark.parametrize(("state", "action", "party", "fields", "code", "field"), REFUSED)
def test_refused_moves(
    state: S, action: A, party: frozenset[Party], fields: dict[str, str], code: str, field: str
) -> None:
    with pytest.raises(TransitionError) as err:
        next_state(state, action, party, fields)
    assert (err.value.code, err.value.field) == (code, field)


@pytest.mark.parametrize(
    ("sender", "receiver", "off", "expected"),
    [
        (True, False, False, SENDER),
        (False, True, False, RECEIVER),
        (True, False, True, frozenset({Party.SENDER, Party.RECEIVER})),
        (False, False, True, frozenset()),
        (False, False, False, frozenset()),
    ],
)
def test_parties(sender: bool, receiver: bool, off: bool, expected: frozenset[Party]) -> None:
    assert parties(is_sender=sender, is_receiver=receiver, off_platform=off) == expected


def test_end_states_allow_nothing() -> None:
    both = frozenset(Party)
    for state in END_STATES:
        assert allowed_actions(state, both) == ()
    assert not ACTIVE_STATES & END_STATES
    assert S.DRAFT not in ACTIVE_STATES


@pytest.mark.parametrize(
    ("start", "minutes", "expected"),
    [(True, 90, 5400), (True, 0, 0), (True, -5, 0), (False, 10, None)],
)
def test_seconds_between(start: bool, minutes: int, expected: int | None) -> None:
    t0 = datetime(2026, 11, 1, 8, tzinfo=UTC)
    end = t0 + timedelta(minutes=minutes)
    assert seconds_between(t0 if start else None, end) == expected
    assert seconds_between(t0, None) is None


@pytest.mark.parametrize(
    ("categories", "expected"),
    [
        (["needs", "profile"], ()),
        (["needs", "identity", "contact"], ("identity", "contact")),
        (["health"], ("health",)),
        (["sogiesc", "needs", "sogiesc"], ("sogiesc",)),
        ([], ()),
    ],
)
def test_identifying_categories(categories: list[str], expected: tuple[str, ...]) -> None:
    assert identifying_categories(categories) == expected


def test_sharing_rules_name_known_values() -> None:
    rules = sharing_rules()
    categories = {c.value for c in DataCategory}
    assert rules.identifying <= categories and rules.special <= categories
    classes = {c.value for c in ReceiverClass}
    types = {t.value for t in CaseServiceType}
    for stype, klass in rules.receiver_class_by_service_type.items():
        assert stype in types and klass in classes
    assert receiver_class_for("shelter") == "shelter_providers"
    assert receiver_class_for("interpretation") is None
