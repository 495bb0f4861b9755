"""Identifying values, encrypted field by field (C11; IOM DP 8).

Each value (a name, an alias, the date of birth, a phone number ...) is one
:class:`~titian.cases.models.CaseIdentifier` row whose token is AES-256-GCM with the case id and
the field name as associated data. Plaintext exists only in memory, for the people allowed to
see it; it is never written to the audit log, a log file or an error message.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from titian.cases import repository
from titian.cases.models import Case, CaseIdentifier, IdentifierField
from titian.cases.schemas import CaseIdentity
from titian.kit.crypto import session_cipher

_SINGLE = {IdentifierField.GIVEN_NAME: "given_name", IdentifierField.FAMILY_NAME: "family_name"}
_MULTI = {
    IdentifierField.ALIAS: "aliases",
    IdentifierField.PHONE: "phones",
    IdentifierField.EMAIL: "emails",
    IdentifierField.IDENTITY_DOCUMENT: "identity_documents",
    IdentifierField.ADDRESS: "addresses",
}
CONTACT_FIELDS = frozenset({"phones", "emails", "addresses"})


def _context(case_id: uuid.UUID, field: IdentifierField) -> str:
    return f"{case_id}:{field.value}"


def _values(identity: CaseIdentity, birth: date | None) -> Iterator[tuple[IdentifierField, str]]:
    for field, name in _SINGLE.items():
        value = getattr(identity, name)
        if value:
            yield field, str(value)
    for field, name in _MULTI.items():
        for value in getattr(identity, name):
            yield field, str(value)
    if birth is not None:
        yield IdentifierField.DATE_OF_BIRTH, birth.isoformat()


def store_identity(session: Session, case: Case, identity: CaseIdentity, birth: date | None) -> int:
    """Replace the case's identifiers with these values, each encrypted; returns the count."""
    cipher = session_cipher(session)
    session.execute(delete(CaseIdentifier).where(CaseIdentifier.case_id == case.id))
    count = 0
    positions: dict[IdentifierField, int] = {}
    for field, value in _values(identity, birth):
        position = positions.get(field, 0)
        positions[field] = position + 1
        token = cipher.encrypt(value, _context(case.id, field))
        session.add(CaseIdentifier(case_id=case.id, field=field, position=position, token=token))
        count += 1
    session.flush()
    return count


def load_identity(session: Session, case: Case) -> tuple[CaseIdentity, date | None]:
    """The decrypted identity and date of birth of a case (call only for allowed viewers)."""
    cipher = session_cipher(session)
    single: dict[str, str] = {}
    multi: dict[str, list[str]] = {name: [] for name in _MULTI.values()}
    birth: date | None = None
    for row in repository.identifiers_of(session, case.id):
        value = cipher.decrypt(row.token, _context(case.id, row.field))
        if row.field == IdentifierField.DATE_OF_BIRTH:
            birth = date.fromisoformat(value)
        elif row.field in _SINGLE:
            single[_SINGLE[row.field]] = value
        else:
            multi[_MULTI[row.field]].append(value)
    identity = CaseIdentity.model_validate({**single, **{k: tuple(v) for k, v in multi.items()}})
    return identity, birth


def stored_birth(session: Session, case: Case) -> date | None:
    """Only the date of birth (for the profile rules: minority, age)."""
    cipher = session_cipher(session)
    stmt = select(CaseIdentifier).where(
        CaseIdentifier.case_id == case.id,
        CaseIdentifier.field == IdentifierField.DATE_OF_BIRTH,
    )
    row = session.scalars(stmt).first()
    if row is None:
        return None
    return date.fromisoformat(cipher.decrypt(row.token, _context(case.id, row.field)))


def identity_fields_set(identity: CaseIdentity) -> list[str]:
    """Names (never values) of the identity fields that hold something, for the audit log."""
    return sorted(name for name, value in identity.model_dump().items() if value)


def destroy_identity(session: Session, case_id: uuid.UUID) -> int:
    """Delete every identifier of a case (retention, C14); returns how many were destroyed."""
    count = session.scalar(
        select(func.count(CaseIdentifier.id)).where(CaseIdentifier.case_id == case_id)
    )
    session.execute(delete(CaseIdentifier).where(CaseIdentifier.case_id == case_id))
    return int(count or 0)


def rotate_keys(session: Session, progress: Callable[[int, int], None] | None = None) -> int:
    """Re-encrypt every identifier that is not under the active key; returns how many changed.

    Rows are read in batches by id so memory stays flat on large databases."""
    cipher = session_cipher(session)
    total = int(session.scalar(select(func.count(CaseIdentifier.id))) or 0)
    done = changed = 0
    last: uuid.UUID | None = None
    while True:
        stmt = select(CaseIdentifier).order_by(CaseIdentifier.id).limit(500)
        if last is not None:
            stmt = stmt.where(CaseIdentifier.id > last)
        batch = session.scalars(stmt).all()
        if not batch:
            break
        for row in batch:
            if cipher.needs_rotation(row.token):
                row.token = cipher.rotate(row.token, _context(row.case_id, row.field))
                changed += 1
        session.flush()
        done += len(batch)
        last = batch[-1].id
        if progress is not None:
            progress(done, total)
    return changed
