"""Use cases of a victim case: create, read (audited), list, edit with optimistic locking.

Services never commit (the door does) and record audit events in the same transaction; audit
details hold field names, counts and ids, never identifying values (C11). The profile rules are
the pure modules (``profile``, ``rights``, ``enforcement``); this module stores their results.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth import policies
from titian.auth.models import Agency, AgencySector
from titian.auth.policies import Permission, Principal
from titian.cases import repository
from titian.cases.models import CLOSED_STATUSES, Case, CaseStatus
from titian.cases.profile import (
    SPECIAL_CATEGORY_FIELDS,
    CaseProfile,
    country_problems,
    is_minor,
    without_special_categories,
)
from titian.cases.repository import CaseFilters
from titian.cases.schemas import (
    AccessView,
    AlertRead,
    CaseCreate,
    CaseIdentity,
    CaseRead,
    CaseSummary,
    CaseUpdate,
)
from titian.cases.service_alerts import sync_alerts
from titian.cases.service_checklist import refresh_checklist
from titian.cases.service_identity import (
    CONTACT_FIELDS,
    identity_fields_set,
    load_identity,
    store_identity,
    stored_birth,
)
from titian.cases.vocab import ExploitationForm, IdentificationStatus
from titian.countries.registry import get_country
from titian.errors import Conflict, FieldError, Forbidden, Invalid
from titian.kit.clock import utcnow
from titian.kit.locking import ensure_version

PROTECTED = "(protected)"
_NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_JUSTICE_KINDS = frozenset({"police", "prosecution", "court"})


def today() -> date:
    return utcnow().date()


def require(principal: Principal, permission: Permission, what: str) -> None:
    if not policies.has(principal, permission):
        raise Forbidden(f"your role does not allow {what}")


# ---------------------------------------------------------------------------------------------
# Profile storage
# ---------------------------------------------------------------------------------------------


def load_profile(session: Session, case: Case, *, with_birth: bool = True) -> CaseProfile:
    """The stored profile; the date of birth comes back from its encrypted field."""
    data = dict(case.profile)
    if with_birth:
        birth = stored_birth(session, case)
        data["date_of_birth"] = birth.isoformat() if birth else None
    return CaseProfile.model_validate(data)


def _apply_profile(case: Case, profile: CaseProfile) -> None:
    """Store the profile JSON without the date of birth, and the columns copied from it."""
    data = profile.model_dump(mode="json")
    data["date_of_birth"] = None
    case.profile = data
    case.gender = profile.gender.value if profile.gender else None
    case.minor = is_minor(profile, today())
    case.identification_status = profile.identification_status.value
    case.custody_status = profile.custody_status.value
    case.non_punishment = any(c.non_punishment_applicable for c in profile.charges) or (
        ExploitationForm.FORCED_CRIMINALITY in profile.trafficking.exploitation_forms
        and profile.identification_status
        in (IdentificationStatus.PRESUMED, IdentificationStatus.CONFIRMED)
    )


def _has_special(profile: CaseProfile) -> bool:
    return bool(
        profile.sogiesc is not None
        or profile.sogiesc_consent
        or profile.sex_at_birth is not None
        or profile.sex_at_birth_term
    )


def _merge_special(
    principal: Principal, submitted: CaseProfile, stored: CaseProfile | None
) -> CaseProfile:
    """Without the special-category permission (C11), special fields cannot be written and the
    stored ones are kept as they are."""
    if policies.has(principal, Permission.SPECIAL_CATEGORY):
        return submitted
    if _has_special(submitted) and (
        stored is None
        or any(getattr(submitted, f) != getattr(stored, f) for f in SPECIAL_CATEGORY_FIELDS)
    ):
        raise Forbidden(
            "SOGIESC and sex at birth are special-category data: your account needs the "
            "special-category permission to record them"
        )
    if stored is None:
        return submitted
    kept = {f: getattr(stored, f) for f in SPECIAL_CATEGORY_FIELDS}
    return CaseProfile.model_validate({**submitted.model_dump(), **kept})


def _check_country(profile: CaseProfile, country: str) -> None:
    problems = country_problems(profile, get_country(country))
    if problems:
        errors = [
            FieldError(f"profile.{p.split(':', 1)[0]}", p.split(": ", 1)[-1]) for p in problems
        ]
        raise Invalid("the profile does not fit the country settings", errors)


def _check_justice_agency(session: Session, agency_id: uuid.UUID | None, country: str) -> None:
    if agency_id is None:
        return
    agency = session.get(Agency, agency_id)
    if (
        agency is None
        or agency.sector != AgencySector.STATE
        or agency.kind.value not in _JUSTICE_KINDS
        or agency.country != country
    ):
        raise Invalid(
            "justice focal point refused",
            [
                FieldError(
                    "justice_agency_id",
                    f"must be a police, prosecution or court agency of {country}",
                )
            ],
        )


def _new_number(session: Session, country: str) -> str:
    """A pseudonymous case number: country, year and random characters, nothing about the
    person."""
    while True:
        tail = "".join(secrets.choice(_NUMBER_ALPHABET) for _ in range(6))
        number = f"{country}-{today().year}-{tail}"
        if not repository.number_taken(session, number):
            return number


# ---------------------------------------------------------------------------------------------
# Create and edit
# ---------------------------------------------------------------------------------------------


def create_case(session: Session, principal: Principal, data: CaseCreate) -> Case:
    """Open a case in the principal's agency; the case worker becomes its case manager."""
    require(principal, Permission.CASES_WRITE, "recording cases")
    country = principal.agency_country
    profile = _merge_special(principal, data.profile, None)
    _check_country(profile, country)
    _check_justice_agency(session, data.justice_agency_id, country)
    case = Case(
        number=_new_number(session, country),
        owner_agency_id=principal.agency_id,
        country=country,
        status=CaseStatus.ACTIVE,
        case_manager_id=principal.user_id,
        justice_agency_id=data.justice_agency_id,
        identified_on=data.identified_on,
    )
    _apply_profile(case, profile)
    session.add(case)
    session.flush()
    stored = store_identity(session, case, data.identity, profile.date_of_birth)
    refresh_checklist(session, case, profile)
    sync_alerts(session, principal, case, profile)
    audit.record(
        session,
        principal,
        "case.create",
        "case",
        case.id,
        {
            "number": case.number,
            "identifiers": stored,
            "fields": identity_fields_set(data.identity),
        },
    )
    return case


def _comparable(
    case: Case, profile: CaseProfile, identity: CaseIdentity, principal: Principal
) -> dict[str, Any]:
    shown = _shown_profile(principal, profile, "owner")
    values: dict[str, Any] = {f"profile.{k}": v for k, v in shown.model_dump(mode="json").items()}
    values |= {f"identity.{k}": v for k, v in identity.model_dump(mode="json").items()}
    values |= {
        "identified_on": case.identified_on.isoformat() if case.identified_on else None,
        "justice_agency_id": str(case.justice_agency_id) if case.justice_agency_id else None,
        "status": case.status.value,
    }
    return values


def _submitted(data: CaseUpdate) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if data.profile is not None:
        values |= {f"profile.{k}": v for k, v in data.profile.model_dump(mode="json").items()}
    if data.identity is not None:
        values |= {f"identity.{k}": v for k, v in data.identity.model_dump(mode="json").items()}
    plain = data.model_dump(mode="json", exclude_unset=True, exclude={"profile", "identity"})
    return values | {k: v for k, v in plain.items() if k != "version"}


class _Snapshot:
    def __init__(self, values: dict[str, Any], version: int) -> None:
        self.__dict__.update(values)
        self.version = version


def _check_version(case: Case, data: CaseUpdate, current: dict[str, Any]) -> None:
    """409 with what changed (titian.kit.locking); identifying values are never echoed."""
    submitted = _submitted(data)
    try:
        ensure_version(_Snapshot(current, case.version), data.version, submitted, submitted)
    except Conflict as exc:
        changed = exc.details.get("changed", {})
        for name in changed:
            if name.startswith("identity.") or name == "profile.date_of_birth":
                changed[name] = {"current": PROTECTED, "yours": PROTECTED}
        raise


def update_case(
    session: Session, principal: Principal, case_id: uuid.UUID, data: CaseUpdate
) -> Case:
    """Save an edit. A save based on an old version gets 409 with what changed since; the
    first save is kept and the second editor still holds their values, so nothing is lost."""
    case = repository.get_owned_case(session, principal, case_id)
    require(principal, Permission.CASES_WRITE, "editing cases")
    if case.status == CaseStatus.ANONYMISED:
        raise Invalid("an anonymised case cannot be edited", [FieldError("status", "anonymised")])
    stored_profile = load_profile(session, case)
    identity, _ = load_identity(session, case)
    current = _comparable(case, stored_profile, identity, principal)
    _check_version(case, data, current)
    profile = stored_profile
    if data.profile is not None:
        profile = _merge_special(principal, data.profile, stored_profile)
        _check_country(profile, case.country)
    focal_point = case.justice_agency_id
    _apply_changes(session, case, data, profile)
    if data.identity is not None or profile.date_of_birth != stored_profile.date_of_birth:
        store_identity(session, case, data.identity or identity, profile.date_of_birth)
    case.updated_at = utcnow()  # the version moves on even when only identifiers changed
    session.flush()
    refresh_checklist(session, case, profile)
    new_focal_point = case.justice_agency_id != focal_point
    sync_alerts(session, principal, case, profile, new_focal_point=new_focal_point)
    after = _comparable(case, profile, data.identity or identity, principal)
    fields = sorted(k for k in after if after[k] != current.get(k))
    audit.record(session, principal, "case.update", "case", case.id, {"fields": fields})
    return case


def _apply_changes(session: Session, case: Case, data: CaseUpdate, profile: CaseProfile) -> None:
    sent = data.model_fields_set
    if "justice_agency_id" in sent:
        _check_justice_agency(session, data.justice_agency_id, case.country)
        case.justice_agency_id = data.justice_agency_id
    if "identified_on" in sent:
        case.identified_on = data.identified_on
    if data.status is not None and data.status != case.status:
        if data.status == CaseStatus.ANONYMISED:
            raise Invalid("refused", [FieldError("status", "only the retention job anonymises")])
        case.status = data.status
        case.closed_on = today() if data.status in CLOSED_STATUSES else None
    _apply_profile(case, profile)


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def _shown_profile(principal: Principal, profile: CaseProfile, view: AccessView) -> CaseProfile:
    shown = profile
    if view != "owner" or not policies.has(principal, Permission.SPECIAL_CATEGORY):
        shown = without_special_categories(shown)
    return shown


def shared_categories(session: Session, case: Case, agency_id: uuid.UUID) -> set[str]:
    """Data categories that active consents behind the agency's grants cover."""
    from titian.cases.service_consent import covered_categories

    return covered_categories(session, case, agency_id)


def read_case(session: Session, principal: Principal, case_id: uuid.UUID) -> CaseRead:
    """One case in the principal's view; the read is audited (C11)."""
    case, view = repository.get_case(session, principal, case_id)
    if view == "justice":
        raise Forbidden(
            "justice officials see the justice view of a case, without support records (C17)",
            {"justice_view": f"/api/v1/cases/{case.id}/justice"},
        )
    return case_read(session, principal, case, view, audit_read=True)


def case_read(
    session: Session, principal: Principal, case: Case, view: AccessView, *, audit_read: bool
) -> CaseRead:
    identity, birth = load_identity(session, case)
    profile = load_profile(session, case, with_birth=False)
    shown_identity: CaseIdentity | None = identity
    if view == "shared":
        categories = shared_categories(session, case, principal.agency_id)
        shown_identity = _shared_identity(identity, categories)
        if "identity" not in categories:
            birth = None
    shown = _shown_profile(principal, profile, view)
    profile_data = shown.model_dump(mode="json")
    profile_data["date_of_birth"] = birth.isoformat() if birth else None
    alerts = repository.open_alerts(session, [case.id])
    if audit_read:
        details = {"view": view, "identifiers": shown_identity is not None}
        audit.record(session, principal, "case.read", "case", case.id, details)
    return CaseRead(
        id=case.id,
        number=case.number,
        country=case.country,
        status=case.status,
        owner_agency_id=case.owner_agency_id,
        case_manager_id=case.case_manager_id if view == "owner" else None,
        justice_agency_id=case.justice_agency_id,
        identified_on=case.identified_on,
        closed_on=case.closed_on,
        version=case.version,
        view=view,
        profile=profile_data,
        identity=shown_identity,
        special_category_hidden=shown is not profile,
        alerts=[AlertRead.model_validate(a) for a in alerts],
        created_at=case.created_at,
        updated_at=case.updated_at,
    )


def _shared_identity(identity: CaseIdentity, categories: set[str]) -> CaseIdentity | None:
    """A receiving agency sees names and documents only with consent for ``identity``, and
    contacts only with consent for ``contact`` (C1, C2)."""
    if "identity" not in categories and "contact" not in categories:
        return None
    data = identity.model_dump()
    for name in list(data):
        is_contact = name in CONTACT_FIELDS
        if (is_contact and "contact" not in categories) or (
            not is_contact and "identity" not in categories
        ):
            data[name] = None if name in ("given_name", "family_name") else ()
    return CaseIdentity.model_validate(data)


def list_cases(session: Session, principal: Principal, filters: CaseFilters) -> list[CaseSummary]:
    """Cases in the principal's scope (owner, shared, justice), filtered; the listing is audited
    with its count."""
    cases = repository.list_cases(session, principal, filters)
    summaries = summarise(session, cases)
    audit.record(session, principal, "case.list", "case", "", {"count": len(summaries)})
    return summaries


def summarise(session: Session, cases: Sequence[Case]) -> list[CaseSummary]:
    ids = [c.id for c in cases]
    alerts: dict[uuid.UUID, int] = {}
    for alert in repository.open_alerts(session, ids):
        alerts[alert.case_id] = alerts.get(alert.case_id, 0) + 1
    overdue = repository.overdue_counts(session, ids, today())
    return [
        CaseSummary(
            id=c.id,
            number=c.number,
            country=c.country,
            status=c.status,
            owner_agency_id=c.owner_agency_id,
            identified_on=c.identified_on,
            gender=c.gender,
            minor=c.minor,
            identification_status=c.identification_status,
            custody_status=c.custody_status,
            non_punishment=c.non_punishment,
            open_alerts=alerts.get(c.id, 0),
            overdue_items=overdue.get(c.id, 0),
            version=c.version,
        )
        for c in cases
    ]


def profile_errors(exc: ValidationError, prefix: str = "profile") -> list[FieldError]:
    """Pydantic errors as field errors (messages only, never the submitted values)."""
    return [
        FieldError(".".join([prefix, *(str(p) for p in e["loc"])]), str(e["msg"]))
        for e in exc.errors()
    ]
