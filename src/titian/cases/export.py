"""HTCDS v2.0 export of cases (data-standards.md (a); C11, C14).

Only with the ``cases.export`` permission, only the owning agency's cases, and the purpose is
recorded in the audit log with the fields and the count (C14: each export states its purpose and
uses only the data needed). Exports never carry identifiers: names, contacts, documents and the
date of birth stay behind (``prs_Birthdate`` is always empty). Special-category data (SOGIESC,
trans status) is left out unless asked for by someone with the special-category permission.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.cases.htcds import to_htcds
from titian.cases.models import Case, CaseStatus
from titian.cases.profile import CaseProfile
from titian.cases.schemas import ExportRequest
from titian.errors import Forbidden

CAS_STATUS = {
    CaseStatus.ACTIVE: "Active",
    CaseStatus.FOLLOW_UP: "FollowUp",
    CaseStatus.CLOSED: "Closed",
    CaseStatus.CLOSED_REFERRED: "ClosedReferred",
    CaseStatus.ANONYMISED: "Closed",
}


@dataclass(frozen=True)
class ExportResult:
    content: str
    media_type: str
    count: int


def _record(case: Case, include_special: bool) -> dict[str, Any]:
    profile = CaseProfile.model_validate({**case.profile, "date_of_birth": None})
    record: dict[str, Any] = {
        "titian_case_number": case.number,
        "cas_Status": CAS_STATUS[case.status],
    }
    record |= to_htcds(profile, include_special_category=include_special)
    record["prs_Birthdate"] = None
    return record


def _csv(records: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    fields = list(records[0]) if records else ["titian_case_number", "cas_Status"]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: _cell(v) for k, v in record.items()})
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value)


def export_cases(session: Session, principal: Principal, request: ExportRequest) -> ExportResult:
    """The agency's cases as HTCDS records, JSON or CSV; audited with the purpose."""
    if not (
        policies.has(principal, Permission.CASES_EXPORT)
        and policies.has(principal, Permission.CASES_READ)
    ):
        raise Forbidden("exporting cases needs the export permission")
    special = request.include_special_category
    if special and not policies.has(principal, Permission.SPECIAL_CATEGORY):
        raise Forbidden("special-category data needs the special-category permission")
    stmt = select(Case).where(Case.owner_agency_id == principal.agency_id)
    if request.status is not None:
        stmt = stmt.where(Case.status == request.status)
    records = [_record(c, special) for c in session.scalars(stmt.order_by(Case.number))]
    fields = sorted(records[0]) if records else []
    audit.record(
        session,
        principal,
        "case.export",
        "case",
        "",
        {
            "purpose": request.purpose,
            "format": request.format,
            "count": len(records),
            "fields": fields,
            "special_category": special,
        },
    )
    if request.format == "csv":
        return ExportResult(_csv(records), "text/csv", len(records))
    return ExportResult(
        json.dumps(records, ensure_ascii=False, indent=1), "application/json", len(records)
    )
