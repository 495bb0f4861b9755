"""Queries of policy dialogues, with the scope rule built in.

Scope rule (docs/dialogues.md): a dialogue belongs to the agency that organises it. A principal
with DIALOGUES_READ sees the dialogues of its own agency, every dialogue held in its agency's
country (a national dialogue is a shared record of who committed to what), and, in the operator
agency, every dialogue. Any other dialogue does not exist for them (404). Editing needs
DIALOGUES_EDIT and the owning agency (or the operator): a dialogue in scope that the principal
may not edit answers 403.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.dialogues.models import Commitment, Dialogue
from titian.dialogues.vocab import OWED
from titian.errors import Forbidden, NotFound


def require_read(principal: Principal) -> None:
    if not policies.has(principal, Permission.DIALOGUES_READ):
        raise Forbidden("your role does not allow reading policy dialogues")


def can_edit(principal: Principal, dialogue: Dialogue) -> bool:
    """DIALOGUES_EDIT in the owning agency, or in the operator agency."""
    owner = principal.is_operator or dialogue.agency_id == principal.agency_id
    return owner and policies.has(principal, Permission.DIALOGUES_EDIT)


def in_scope(principal: Principal, dialogue: Dialogue) -> bool:
    return (
        principal.is_operator
        or dialogue.agency_id == principal.agency_id
        or dialogue.country == principal.agency_country
    )


def _scoped(principal: Principal | None, stmt: Select[Any]) -> Select[Any]:
    """``principal`` None is the command line, run by the operator: every dialogue."""
    if principal is None or principal.is_operator:
        return stmt
    return stmt.where(
        or_(Dialogue.agency_id == principal.agency_id, Dialogue.country == principal.agency_country)
    )


def list_dialogues(
    session: Session, principal: Principal | None, country: str | None = None
) -> Sequence[Dialogue]:
    if principal is not None:
        require_read(principal)
    stmt = _scoped(principal, select(Dialogue)).order_by(Dialogue.held_on.desc(), Dialogue.title)
    if country:
        stmt = stmt.where(Dialogue.country == country.upper())
    return list(session.scalars(stmt).all())


def get_dialogue(session: Session, principal: Principal, dialogue_id: uuid.UUID) -> Dialogue:
    dialogue = session.get(Dialogue, dialogue_id)
    if dialogue is None or not in_scope(principal, dialogue):
        raise NotFound("no such dialogue")
    require_read(principal)
    return dialogue


def get_for_edit(session: Session, principal: Principal, dialogue_id: uuid.UUID) -> Dialogue:
    dialogue = get_dialogue(session, principal, dialogue_id)
    if not can_edit(principal, dialogue):
        raise Forbidden("only the organising agency edits this dialogue")
    return dialogue


def get_commitment(session: Session, principal: Principal, commitment_id: uuid.UUID) -> Commitment:
    commitment = session.get(Commitment, commitment_id)
    if commitment is None or not in_scope(principal, commitment.dialogue):
        raise NotFound("no such commitment")
    require_read(principal)
    return commitment


def list_commitments(
    session: Session,
    principal: Principal | None,
    *,
    overdue_on: date | None = None,
    country: str | None = None,
    owed_only: bool = False,
) -> Sequence[Commitment]:
    """Commitments of dialogues in scope, by due date. ``overdue_on``: only those still owed
    and due before that day."""
    if principal is not None:
        require_read(principal)
    dialogues = _scoped(principal, select(Dialogue.id))
    stmt = (
        select(Commitment)
        .where(Commitment.dialogue_id.in_(dialogues))
        .order_by(Commitment.due_on, Commitment.id)
    )
    if country:
        stmt = stmt.join(Dialogue).where(Dialogue.country == country.upper())
    if owed_only or overdue_on is not None:
        stmt = stmt.where(Commitment.status.in_(sorted(OWED)))
    if overdue_on is not None:
        stmt = stmt.where(Commitment.due_on < overdue_on)
    return session.scalars(stmt).all()
