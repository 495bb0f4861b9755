"""Correcting the justice record of a case, and ending a C6 detention alert by hand.

Charges (with the C7 non-punishment flag) and milestones live in the profile, in order; a door
names one by its position (from 0). Every change goes through :func:`service.update_case`, so the
case's version moves on, the checklist and the C7 flag are derived again and the C6 alert follows
the custody status. A save based on an old version of the case gets 409 before anything is
written: positions may have moved, so the editor looks at the current record first.

- A correction changes some fields of one entry; the audit event names the fields and the
  entry's vocabulary values (offence type, outcome, flag), never free text.
- A removal is only for data errors (entered in error, a duplicate, the wrong case) and its
  reason goes to the audit log. A charge that was dropped is not removed: its outcome becomes
  ``dropped``, because C7 reports count flagged cases that still end in charges.
- C6 (ACTIP 14(8); OHCHR P7): the red alert ends when the person is no longer a presumed or
  identified victim in detention. Resolving it by hand is allowed only by recording the release
  (where the person is now, when, what happened); the alert can never be dismissed while the
  case still says the person is detained.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth.policies import Permission, Principal
from titian.cases import repository
from titian.cases.models import Case, CaseAlert, CaseStatus
from titian.cases.profile import CaseProfile, Charge, MilestoneEntry
from titian.cases.schemas import (
    CaseUpdate,
    ChargeCorrection,
    DetentionRelease,
    JusticeEntryRemove,
    MilestoneCorrection,
    ProceedingsRead,
)
from titian.errors import Conflict, FieldError, Invalid, NotFound

E = TypeVar("E", bound=BaseModel)


def _editable(session: Session, principal: Principal, case_id: uuid.UUID) -> Case:
    from titian.cases.service import require

    case = repository.get_owned_case(session, principal, case_id)
    require(principal, Permission.CASES_WRITE, "editing cases")
    if case.status == CaseStatus.ANONYMISED:
        raise Invalid("an anonymised case cannot be edited", [FieldError("status", "anonymised")])
    return case


def _plain(entry: BaseModel | None) -> Any:
    return "(none)" if entry is None else entry.model_dump(mode="json")


def _check_version(
    case: Case, version: int, what: str, current: BaseModel | None, yours: Any
) -> None:
    """409 before any write when the case moved on: positions may have changed."""
    if case.version == version:
        return
    raise Conflict(
        f"the justice record was changed by someone else (version {version} → {case.version}); "
        "nothing was saved: check the current record and make your change again",
        {
            "current_version": case.version,
            "your_version": version,
            "changed": {what: {"current": _plain(current), "yours": yours}},
        },
    )


def _at(entries: Sequence[E], index: int) -> E | None:
    return entries[index] if 0 <= index < len(entries) else None


def _entry(entries: Sequence[E], index: int, kind: str) -> E:
    found = _at(entries, index)
    if found is None:
        raise NotFound(f"no {kind} {index + 1} on this case")
    return found


def _corrected(old: E, changes: dict[str, Any], model: type[E]) -> E:
    try:
        return model.model_validate({**old.model_dump(), **changes})
    except ValidationError as exc:
        errors = [
            FieldError(".".join(str(p) for p in e["loc"]) or "form", str(e["msg"]))
            for e in exc.errors()
        ]
        raise Invalid("the correction was refused", errors) from exc


def _save(
    session: Session, principal: Principal, case: Case, profile: CaseProfile, **changes: Any
) -> None:
    """Store the changed profile through the case service (checklist, C6 alert, C7 flag)."""
    from titian.cases.service import update_case

    changed = CaseProfile.model_validate({**profile.model_dump(), **changes})
    update_case(session, principal, case.id, CaseUpdate(version=case.version, profile=changed))


def proceedings_read(case: Case, profile: CaseProfile) -> ProceedingsRead:
    return ProceedingsRead(
        case_id=case.id,
        version=case.version,
        charges=list(profile.charges),
        milestones=list(profile.milestones),
        non_punishment_flagged=case.non_punishment,
    )


def proceedings(session: Session, principal: Principal, case_id: uuid.UUID) -> ProceedingsRead:
    """The justice record as its owner edits it (charges and milestones with positions); the
    read is audited."""
    from titian.cases.service import load_profile

    case = repository.get_owned_case(session, principal, case_id)
    read = proceedings_read(case, load_profile(session, case, with_birth=False))
    details = {"view": "proceedings", "charges": len(read.charges)}
    audit.record(session, principal, "case.read", "case", case.id, details)
    return read


def _after(session: Session, case: Case) -> ProceedingsRead:
    from titian.cases.service import load_profile

    return proceedings_read(case, load_profile(session, case, with_birth=False))


# ---------------------------------------------------------------------------------------------
# Charges
# ---------------------------------------------------------------------------------------------


def _charge_facts(charge: Charge) -> dict[str, Any]:
    return {
        "offence_type": charge.offence_type.value,
        "non_punishment_applicable": charge.non_punishment_applicable,
        "outcome": charge.outcome.value,
    }


def correct_charge(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    index: int,
    data: ChargeCorrection,
) -> ProceedingsRead:
    """Correct one charge (offence, description, the C7 flag, the outcome)."""
    from titian.cases.service import load_profile

    case = _editable(session, principal, case_id)
    profile = load_profile(session, case)
    changes = data.model_dump(mode="json", exclude={"version"}, exclude_unset=True)
    _check_version(
        case, data.version, f"charges[{index + 1}]", _at(profile.charges, index), changes
    )
    old = _entry(profile.charges, index, "charge")
    new = _corrected(old, changes, Charge)
    fields = sorted(k for k in changes if getattr(old, k) != getattr(new, k))
    if not fields:
        return proceedings_read(case, profile)
    charges = [*profile.charges[:index], new, *profile.charges[index + 1 :]]
    _save(session, principal, case, profile, charges=charges)
    details = {"index": index, "fields": fields, **_charge_facts(new)}
    audit.record(session, principal, "case.charge.correct", "case", case.id, details)
    return _after(session, case)


def remove_charge(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    index: int,
    data: JusticeEntryRemove,
) -> ProceedingsRead:
    """Remove a charge entered in error; the reason and what it was go to the audit log."""
    from titian.cases.service import load_profile

    case = _editable(session, principal, case_id)
    profile = load_profile(session, case)
    what = f"charges[{index + 1}]"
    _check_version(case, data.version, what, _at(profile.charges, index), "(remove)")
    old = _entry(profile.charges, index, "charge")
    charges = [*profile.charges[:index], *profile.charges[index + 1 :]]
    _save(session, principal, case, profile, charges=charges)
    details = {"index": index, "reason": data.reason.value, **_charge_facts(old)}
    audit.record(session, principal, "case.charge.remove", "case", case.id, details)
    return _after(session, case)


# ---------------------------------------------------------------------------------------------
# Milestones
# ---------------------------------------------------------------------------------------------


def correct_milestone(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    index: int,
    data: MilestoneCorrection,
) -> ProceedingsRead:
    """Correct one milestone of the proceedings (which one, and its date)."""
    from titian.cases.service import load_profile

    case = _editable(session, principal, case_id)
    profile = load_profile(session, case)
    changes = data.model_dump(mode="json", exclude={"version"}, exclude_unset=True)
    what = f"milestones[{index + 1}]"
    _check_version(case, data.version, what, _at(profile.milestones, index), changes)
    old = _entry(profile.milestones, index, "milestone")
    new = _corrected(old, changes, MilestoneEntry)
    fields = sorted(k for k in changes if getattr(old, k) != getattr(new, k))
    if not fields:
        return proceedings_read(case, profile)
    milestones = [*profile.milestones[:index], new, *profile.milestones[index + 1 :]]
    _save(session, principal, case, profile, milestones=milestones)
    details = {"index": index, "fields": fields, "milestone": new.milestone.value}
    audit.record(session, principal, "case.milestone.correct", "case", case.id, details)
    return _after(session, case)


def remove_milestone(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    index: int,
    data: JusticeEntryRemove,
) -> ProceedingsRead:
    """Remove a milestone entered in error; the reason goes to the audit log."""
    from titian.cases.service import load_profile

    case = _editable(session, principal, case_id)
    profile = load_profile(session, case)
    what = f"milestones[{index + 1}]"
    _check_version(case, data.version, what, _at(profile.milestones, index), "(remove)")
    old = _entry(profile.milestones, index, "milestone")
    milestones = [*profile.milestones[:index], *profile.milestones[index + 1 :]]
    _save(session, principal, case, profile, milestones=milestones)
    details = {"index": index, "reason": data.reason.value, "milestone": old.milestone.value}
    audit.record(session, principal, "case.milestone.remove", "case", case.id, details)
    return _after(session, case)


# ---------------------------------------------------------------------------------------------
# C6: the release that ends a detention alert
# ---------------------------------------------------------------------------------------------


def record_release(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    alert_id: uuid.UUID,
    data: DetentionRelease,
) -> CaseAlert:
    """Resolve an open C6 alert by recording the person's release from detention.

    The custody status of the case becomes where the person is now, so the alert, the
    checklist item ``C6.release_from_detention`` and the dashboard all agree; the alert keeps
    the date and the note as its resolution (not in the audit log: the note is free text).
    """
    from titian.cases.service import load_profile, today

    case = _editable(session, principal, case_id)
    alert = repository.get_alert(session, case.id, alert_id)
    profile = load_profile(session, case)
    yours = {"custody_status": data.custody_status.value}
    if case.version != data.version:
        raise Conflict(
            f"the case was changed by someone else (version {data.version} → {case.version}); "
            "nothing was saved: check the alert and the custody status again",
            {
                "current_version": case.version,
                "your_version": data.version,
                "changed": {
                    "custody_status": {"current": profile.custody_status.value, **yours},
                    "alert": {
                        "current": "resolved" if alert.resolved_at else "open",
                        "yours": "resolve",
                    },
                },
            },
        )
    if alert.resolved_at is not None:
        raise Invalid("this alert is already resolved", [FieldError("alert", "already resolved")])
    released_on = data.released_on or today()
    _save(session, principal, case, profile, custody_status=data.custody_status)
    alert.resolution = (
        f"released on {released_on.isoformat()} "
        f"({data.custody_status.value.replace('_', ' ')}): {data.note}"
    )[:300]
    session.flush()
    audit.record(
        session,
        principal,
        "case.alert.release",
        "case",
        case.id,
        {
            "alert_id": str(alert.id),
            "rule": alert.rule,
            "custody_status": data.custody_status.value,
            "released_on": released_on.isoformat(),
        },
    )
    return alert
