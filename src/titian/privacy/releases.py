"""Release workflow rules and release files.

The workflow (disclosure-control.md section 5, "Release workflow"; GBVIMS information-sharing
protocol practice; rights-checklist C15):

1. **Requested** by a user with RELEASE_REQUEST, under an information-sharing protocol that is in
   force and that the requester's agency signed. Without such a protocol record the release action
   is disabled (C15). The automatic disclosure check runs at once.
2. **Approved** by a second person: RELEASE_APPROVE, never the requester (four-eyes principle),
   from an agency that is a party to the protocol — and by **every** party: when the protocol lists
   several agencies, an approver of each must approve (disclosure-control.md section 5, "approval by
   the data owner (and by all parties under an information-sharing protocol)"; GBVIMS ISP). The
   release stays requested until the last party approves; one rejection rejects it.
3. **Published**: the tables are computed again from the same file (its hash must not have
   changed), checked again, written, and each file's SHA-256 recorded. Every step is a row of the
   release log with who, why and the parameters.

The rules here take plain values; the file writer takes protected tables only.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from titian.analytics.indicators import IndicatorResult, result_dict
from titian.errors import Conflict, Forbidden, RuleViolation
from titian.privacy.models import ReleaseStatus
from titian.privacy.sdc_audit import audit_tables

RULE = "C15"


def protocol_in_force(signed_on: date, valid_until: date | None, today: date) -> bool:
    """A protocol is in force from its signature until the end of ``valid_until`` (if any)."""
    return signed_on <= today and (valid_until is None or today <= valid_until)


def check_protocol(
    signed_on: date,
    valid_until: date | None,
    parties: Sequence[uuid.UUID],
    agency_id: uuid.UUID,
    today: date,
) -> None:
    """C15: no release action without a protocol in force that the acting agency signed."""
    if not protocol_in_force(signed_on, valid_until, today):
        raise RuleViolation(
            RULE, "protocol_id", "the information-sharing protocol is not in force today"
        )
    if agency_id not in parties:
        raise RuleViolation(
            RULE, "protocol_id", "your agency is not a party to this information-sharing protocol"
        )


def check_approver(requested_by: uuid.UUID, approver: uuid.UUID, status: ReleaseStatus) -> None:
    """Four eyes: the approver is a second person, and only a requested release is decided."""
    if status is not ReleaseStatus.REQUESTED:
        raise Conflict(f"the release is {status.value}; only a requested release is decided")
    if approver == requested_by:
        raise Forbidden("a release is approved by a second person, not by its requester")


@dataclass(frozen=True)
class PartyApproval:
    """One party's approval of a release (from the release log)."""

    agency_id: uuid.UUID
    username: str
    at: datetime


def approvals_by_party(
    parties: Sequence[uuid.UUID], approvals: Sequence[PartyApproval]
) -> dict[uuid.UUID, PartyApproval | None]:
    """Each party with its approval, or None while it has not approved (in the parties' order)."""
    found: dict[uuid.UUID, PartyApproval | None] = dict.fromkeys(parties)
    for approval in approvals:
        if approval.agency_id in found and found[approval.agency_id] is None:
            found[approval.agency_id] = approval
    return found


def check_party_approval(agency_id: uuid.UUID, approvals: Sequence[PartyApproval]) -> None:
    """A party approves once; a second approver of the same agency adds nothing."""
    if any(a.agency_id == agency_id for a in approvals):
        raise Conflict("your agency has already approved this release; other parties must too")


def all_parties_approved(parties: Sequence[uuid.UUID], approvals: Sequence[PartyApproval]) -> bool:
    return all(a is not None for a in approvals_by_party(parties, approvals).values())


def check_publishable(status: ReleaseStatus) -> None:
    if status is not ReleaseStatus.APPROVED:
        raise Conflict(f"the release is {status.value}; only an approved release is published")


def disclosure_problems(results: Sequence[IndicatorResult], threshold: int) -> list[str]:
    """The automatic check: every table alone, and the linked tables together, must pass the
    exact audit (no published cell under the threshold, no masked cell derivable from margins)."""
    problems: list[str] = []
    linked = []
    for result in results:
        for table in result.tables:
            found = audit_tables([table.released], threshold)
            problems += [f"{result.indicator.id}: {p.message}" for p in found]
            if result.indicator.linked:
                linked.append(table.released)
    if len(linked) > 1:
        problems += [f"linked tables: {p.message}" for p in audit_tables(linked, threshold)]
    return problems


@dataclass(frozen=True)
class WrittenFile:
    name: str
    sha256: str
    size: int
    path: Path


def _csv(result: IndicatorResult) -> bytes:
    data = result_dict(result)
    dims = list(data["dimensions"])  # type: ignore[call-overload]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*dims, "count", "share"])
    for table in data["tables"]:  # type: ignore[attr-defined]
        for cell in table["cells"]:
            row = [table["slice"] if d == result.indicator.slice else cell.get(d, "") for d in dims]
            share = cell["share"]
            writer.writerow([*row, cell["display"], "" if share is None else f"{share:.4f}"])
    return out.getvalue().encode("utf-8")


def _write(folder: Path, name: str, content: bytes) -> WrittenFile:
    target = folder / name
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(content)
    os.replace(temp, target)
    digest = hashlib.sha256(content).hexdigest()
    return WrittenFile(name, digest, len(content), target)


def write_release(
    folder: Path, metadata: dict[str, Any], results: Sequence[IndicatorResult]
) -> list[WrittenFile]:
    """One CSV per indicator and ``release.json`` (metadata, rules applied, every table)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [_write(folder, f"{r.indicator.id}.csv", _csv(r)) for r in results]
    body = {**metadata, "indicators": [result_dict(r) for r in results]}
    text = json.dumps(body, indent=2, ensure_ascii=False, default=str)
    files.append(_write(folder, "release.json", text.encode("utf-8")))
    return files
