"""The referral state machine (issue 4, item 6; rights-checklist C1 and C3).

States: ``draft`` → ``sent`` → ``accepted`` | ``declined`` (with a reason) → ``in_progress`` →
``completed``; the sender may ``withdraw`` (with a reason) at any point before an end state.
``person_declined`` records that the person refused every offered service (C3: a refusal is a
valid outcome, not non-compliance; reports count it apart from "not offered").

Who acts: the *sender* (the agency that owns the case) sends, withdraws and records the person's
refusal; the *receiver* (the agency running the chosen service) accepts, declines, starts and
completes. When the provider has no Titian account the referral is off-platform, and the sender
records the provider's answers on its behalf.

The receiving agency sees the referred case only while the referral is *active* (``sent``,
``accepted``, ``in_progress``): GBVIMS ISP (case files shared only through a referral).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ReferralState(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"
    PERSON_DECLINED = "person_declined"


class ReferralAction(StrEnum):
    SEND = "send"
    ACCEPT = "accept"
    DECLINE = "decline"
    START = "start"
    COMPLETE = "complete"
    WITHDRAW = "withdraw"
    PERSON_DECLINE = "person_decline"


class Party(StrEnum):
    """Which side of the referral an agency is on."""

    SENDER = "sender"
    RECEIVER = "receiver"


ACTIVE_STATES: frozenset[ReferralState] = frozenset(
    {ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.IN_PROGRESS}
)
"""While a referral is in one of these states the receiver may see the referred case."""

END_STATES: frozenset[ReferralState] = frozenset(
    {
        ReferralState.DECLINED,
        ReferralState.COMPLETED,
        ReferralState.WITHDRAWN,
        ReferralState.PERSON_DECLINED,
    }
)


@dataclass(frozen=True)
class Transition:
    """One allowed move: from which states, to which state, by which party, with which required
    text fields (a decline or a withdrawal states its reason)."""

    action: ReferralAction
    sources: frozenset[ReferralState]
    target: ReferralState
    party: Party
    required: tuple[str, ...] = ()


_S = ReferralState
TRANSITIONS: dict[ReferralAction, Transition] = {
    t.action: t
    for t in (
        Transition(ReferralAction.SEND, frozenset({_S.DRAFT}), _S.SENT, Party.SENDER),
        Transition(ReferralAction.ACCEPT, frozenset({_S.SENT}), _S.ACCEPTED, Party.RECEIVER),
        Transition(
            ReferralAction.DECLINE, frozenset({_S.SENT}), _S.DECLINED, Party.RECEIVER, ("reason",)
        ),
        Transition(ReferralAction.START, frozenset({_S.ACCEPTED}), _S.IN_PROGRESS, Party.RECEIVER),
        Transition(
            ReferralAction.COMPLETE,
            frozenset({_S.ACCEPTED, _S.IN_PROGRESS}),
            _S.COMPLETED,
            Party.RECEIVER,
        ),
        Transition(
            ReferralAction.WITHDRAW,
            frozenset({_S.DRAFT, _S.SENT, _S.ACCEPTED, _S.IN_PROGRESS}),
            _S.WITHDRAWN,
            Party.SENDER,
            ("reason",),
        ),
        Transition(
            ReferralAction.PERSON_DECLINE,
            frozenset({_S.DRAFT}),
            _S.PERSON_DECLINED,
            Party.SENDER,
            ("reason",),
        ),
    )
}


class TransitionError(ValueError):
    """A refused move: ``code`` is ``state``, ``party`` or ``required``; ``field`` names the
    offending field."""

    def __init__(self, code: str, field: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.field = field
        self.message = message


def parties(*, is_sender: bool, is_receiver: bool, off_platform: bool) -> frozenset[Party]:
    """The parties an agency acts as. Off-platform, the sender records the receiver's answers."""
    found: set[Party] = set()
    if is_sender:
        found.add(Party.SENDER)
        if off_platform:
            found.add(Party.RECEIVER)
    if is_receiver:
        found.add(Party.RECEIVER)
    return frozenset(found)


def next_state(
    state: ReferralState,
    action: ReferralAction,
    acting_as: frozenset[Party],
    fields: Mapping[str, str | None] | None = None,
) -> ReferralState:
    """The state after ``action``, or :class:`TransitionError` saying why it is refused."""
    move = TRANSITIONS[action]
    if move.party not in acting_as:
        raise TransitionError(
            "party", "action", f"only the {move.party.value} agency may {action.value}"
        )
    if state not in move.sources:
        raise TransitionError(
            "state", "state", f"a referral in state '{state.value}' cannot {action.value}"
        )
    given = fields or {}
    for name in move.required:
        if not (given.get(name) or "").strip():
            raise TransitionError("required", name, f"{action.value} needs a {name}")
    return move.target


def allowed_actions(
    state: ReferralState, acting_as: frozenset[Party]
) -> tuple[ReferralAction, ...]:
    """Actions the acting party may take from ``state``, in table order."""
    return tuple(
        t.action for t in TRANSITIONS.values() if state in t.sources and t.party in acting_as
    )


def is_active(state: ReferralState) -> bool:
    return state in ACTIVE_STATES


def seconds_between(start: datetime | None, end: datetime | None) -> int | None:
    """Whole seconds from ``start`` to ``end`` (time to acceptance), or None when one is
    missing; never negative."""
    if start is None or end is None:
        return None
    return max(0, int((end - start).total_seconds()))
