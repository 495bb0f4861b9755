"""Privacy use cases: sharing protocols and the release workflow (DP counts: ``dp_service``).

Services never commit (the door does) and record audit events in the same transaction. The rules
are in :mod:`titian.privacy.releases` (workflow, C15) and :mod:`titian.privacy.dp` (budget).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.analytics import service as analytics
from titian.analytics.catalogue import CatalogueError, Source, load_catalogue
from titian.analytics.indicators import IndicatorResult, dataset_hash, dataset_hashes
from titian.analytics.schemas import IndicatorQuery
from titian.audit import service as audit
from titian.auth import policies
from titian.auth.models import Agency
from titian.auth.policies import Permission, Principal
from titian.errors import Conflict, FieldError, Forbidden, Invalid, RuleViolation
from titian.kit.clock import utcnow
from titian.kit.locking import ensure_version
from titian.privacy import register, repository
from titian.privacy import releases as rules
from titian.privacy.differencing import Finding, PublishedTable, differencing_findings
from titian.privacy.models import (
    Release,
    ReleaseAction,
    ReleaseFile,
    ReleaseLogEntry,
    ReleaseStatus,
    SharingProtocol,
    SharingProtocolParty,
)
from titian.privacy.schemas import (
    PartyApprovalRead,
    ProtocolCreate,
    ProtocolRead,
    ReleaseCreate,
    ReleaseDecision,
    ReleaseFileRead,
    ReleaseLogRead,
    ReleaseRead,
)
from titian.privacy.sdc_settings import RULES_VERSION, SdcError

# ---------------------------------------------------------------- protocols


def protocol_read(session: Session, protocol: SharingProtocol) -> ProtocolRead:
    ids = [p.agency_id for p in protocol.parties]
    names = {a.id: a.name for a in session.scalars(select(Agency).where(Agency.id.in_(ids)))}
    return ProtocolRead(
        id=protocol.id,
        title=protocol.title,
        scope=protocol.scope,
        signed_on=protocol.signed_on,
        valid_until=protocol.valid_until,
        owner_agency_id=protocol.owner_agency_id,
        party_ids=ids,
        party_names=[names.get(i, "?") for i in ids],
        active=rules.protocol_in_force(protocol.signed_on, protocol.valid_until, utcnow().date()),
        version=protocol.version,
    )


def create_protocol(session: Session, actor: Principal, data: ProtocolCreate) -> SharingProtocol:
    """Record a signed protocol (RELEASE_APPROVE: the data owner's side). The actor's agency is
    always a party."""
    if not policies.has(actor, Permission.RELEASE_APPROVE):
        raise Forbidden("recording a sharing protocol needs the release-approval permission")
    party_ids = list(dict.fromkeys([actor.agency_id, *data.party_ids]))
    found = set(session.scalars(select(Agency.id).where(Agency.id.in_(party_ids))))
    missing = [str(i) for i in party_ids if i not in found]
    if missing:
        raise Invalid(
            "unknown agencies", [FieldError("party_ids", f"no agency {m}") for m in missing]
        )
    protocol = SharingProtocol(
        title=data.title,
        scope=data.scope,
        signed_on=data.signed_on,
        valid_until=data.valid_until,
        owner_agency_id=actor.agency_id,
        created_by=actor.user_id,
        parties=[SharingProtocolParty(agency_id=i) for i in party_ids],
    )
    session.add(protocol)
    session.flush()
    audit.record(
        session, actor, "privacy.protocol_create", "sharing_protocol", protocol.id,
        {"parties": len(party_ids)},
    )  # fmt: skip
    return protocol


# ---------------------------------------------------------------- releases


def _approvals(session: Session, release: Release) -> list[rules.PartyApproval]:
    """Approvals recorded in the release log. Entries written before parties were recorded count
    for the requesting agency (they approved under the one-approver rule)."""
    found = []
    for entry in repository.release_log(session, release.id):
        if entry.action is ReleaseAction.APPROVE:
            agency = entry.details.get("agency_id")
            agency_id = uuid.UUID(str(agency)) if agency else release.agency_id
            found.append(rules.PartyApproval(agency_id, entry.actor_username, entry.at))
    return found


def _parties(protocol: SharingProtocol | None) -> list[uuid.UUID]:
    return [p.agency_id for p in protocol.parties] if protocol else []


def approvals_read(
    session: Session, release: Release, protocol: SharingProtocol | None
) -> list[PartyApprovalRead]:
    parties = _parties(protocol)
    names = {a.id: a.name for a in session.scalars(select(Agency).where(Agency.id.in_(parties)))}
    parties.sort(key=lambda i: (names.get(i, "?"), str(i)))
    return [
        PartyApprovalRead(
            agency_id=agency_id,
            agency_name=names.get(agency_id, "?"),
            approved=approval is not None,
            approved_by=approval.username if approval else None,
            approved_at=approval.at if approval else None,
        )
        for agency_id, approval in rules.approvals_by_party(
            parties, _approvals(session, release)
        ).items()
    ]


def release_read(session: Session, release: Release) -> ReleaseRead:
    protocol = session.get(SharingProtocol, release.protocol_id)
    return ReleaseRead(
        id=release.id,
        title=release.title,
        purpose=release.purpose,
        source=release.source,
        country=release.country,
        indicators=list(release.indicators),
        parameters=dict(release.parameters),
        dataset_sha256=release.dataset_sha256,
        status=release.status,
        agency_id=release.agency_id,
        protocol_id=release.protocol_id,
        protocol_title=protocol.title if protocol else "",
        requested_by=release.requested_by,
        approved_by=release.approved_by,
        published_at=release.published_at,
        version=release.version,
        files=[ReleaseFileRead.model_validate(f) for f in release.files],
        log=[ReleaseLogRead.model_validate(e) for e in repository.release_log(session, release.id)],
        approvals=approvals_read(session, release, protocol),
    )


def _log(
    session: Session,
    release: Release,
    actor: Principal,
    action: ReleaseAction,
    reason: str,
    details: dict[str, Any],
) -> None:
    session.add(
        ReleaseLogEntry(
            release_id=release.id,
            action=action,
            actor_id=actor.user_id,
            actor_username=actor.username,
            at=utcnow(),
            reason=reason,
            details=details,
        )
    )
    audit.record(
        session, actor, f"privacy.release_{action.value}", "data_release", release.id,
        {"status": release.status.value},
    )  # fmt: skip


def _check_protocol(session: Session, actor: Principal, protocol_id: uuid.UUID) -> SharingProtocol:
    protocol = repository.get_protocol(session, actor, protocol_id)
    rules.check_protocol(
        protocol.signed_on,
        protocol.valid_until,
        [p.agency_id for p in protocol.parties],
        actor.agency_id,
        utcnow().date(),
    )
    return protocol


def _compute(
    session: Session, query: IndicatorQuery, path: Path | None
) -> tuple[list[IndicatorResult], list[Path], int]:
    results, files, threshold = analytics.indicator_results(session, None, query, path)
    problems = rules.disclosure_problems(results, threshold)
    if problems:
        raise RuleViolation(
            rules.RULE, "indicators", "disclosure check failed: " + "; ".join(problems[:5])
        )
    return results, files, threshold


REMEDY = (
    "Publish the same figures as before, round (base5 or floor10), collapse categories, wait "
    "until the data have moved by at least the threshold, or use DP counts"
)


def _finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "earlier_release_id": finding.earlier.release_id,
        "earlier_release_title": finding.earlier.release_title,
        "earlier_table": finding.earlier.label(),
        "table": finding.new.label(),
        "quantity": finding.what,
        "low": finding.low,
        "high": finding.high,
        "message": finding.message(),
    }


def _summary(findings: Sequence[Finding]) -> str:
    """The refusal in a few lines: per pair of tables, the first things it discloses."""
    pairs: dict[tuple[str, str, str, str], list[Finding]] = {}
    for f in findings:
        key = (f.new.label(), f.earlier.release_title, f.earlier.release_id, f.earlier.label())
        pairs.setdefault(key, []).append(f)
    parts = []
    for (new, title, release_id, earlier), found in list(pairs.items())[:3]:
        items = "; ".join(f.describe() for f in found[:3])
        more = f"; and {len(found) - 3} more" if len(found) > 3 else ""
        parts.append(
            f"{new} against release {title!r} ({release_id}), table {earlier}: {items}{more}"
        )
    if len(pairs) > 3:
        parts.append(f"and {len(pairs) - 3} more pairs of tables")
    return " | ".join(parts) + f". {REMEDY}."


def check_differencing(
    session: Session, release: Release, results: Sequence[IndicatorResult]
) -> list[PublishedTable]:
    """Refuse (422, C15) when a table of the release, set against any published table of the
    same source, isolates a small group (:mod:`titian.privacy.differencing`); return the
    release's tables for the register."""
    tables = register.from_results(release, results)
    earlier, unreadable = register.earlier_tables(session, release.source, release.id)
    if unreadable:
        raise RuleViolation(
            rules.RULE, "indicators",
            "earlier releases cannot be checked for differencing: " + "; ".join(unreadable[:3])
            + " (restore the file from a backup)",
        )  # fmt: skip
    try:
        cache: dict[Any, Any] = {}
        findings = [f for t in tables for f in differencing_findings(t, earlier, cache)]
    except SdcError as exc:
        raise RuleViolation(rules.RULE, "indicators", f"differencing check: {exc}") from exc
    if findings:
        refusal = RuleViolation(
            rules.RULE, "indicators", f"differencing with earlier releases: {_summary(findings)}"
        )
        refusal.details["differencing"] = [_finding_dict(f) for f in findings[:50]]
        raise refusal
    return tables


def _recompute(session: Session, release: Release) -> list[IndicatorResult]:
    """The release's tables computed again from the same file (409 if it changed or is gone)."""
    path = Path(release.dataset_path)
    source = Source(release.source)
    if not path.is_file() or dataset_hash(source, [path]) != release.dataset_sha256:
        raise Conflict("the dataset changed or is gone since the request; request again")
    query = IndicatorQuery(
        source=release.source,
        country=release.country,
        indicators=list(release.indicators),
        rounding=release.parameters.get("rounding", "base5"),
    )
    results, _, _ = _compute(session, query, path)
    return results


def request_release(session: Session, actor: Principal, data: ReleaseCreate) -> Release:
    """Request a release; C15 and the automatic disclosure check run before anything is stored."""
    if not policies.has(actor, Permission.RELEASE_REQUEST):
        raise Forbidden("your role does not allow requesting a release")
    protocol = _check_protocol(session, actor, data.protocol_id)
    catalogue = load_catalogue(data.source)
    try:
        for indicator_id in data.indicators:
            catalogue.get(indicator_id)
    except CatalogueError as exc:
        raise Invalid("unknown indicator", [FieldError("indicators", str(exc))]) from exc
    query = IndicatorQuery(
        source=data.source, country=data.country, indicators=data.indicators,
        rounding=data.rounding,
    )  # fmt: skip
    results, files, threshold = _compute(session, query, None)
    parameters = {
        "threshold": threshold,
        "rounding": data.rounding.value,
        "catalogue_version": catalogue.version,
        "disclosure_rules_version": RULES_VERSION,
        "secondary_suppression": True,
        "linked_tables_protected_together": True,
        "checked_against_published_releases": True,
        "tables": sum(len(r.tables) for r in results),
        # The data each kind of table counts (the case file; a snapshot's dialogue companion),
        # so the differencing register compares tables by the data they count.
        "datasets": dataset_hashes(data.source, files),
    }
    release = Release(
        title=data.title,
        purpose=data.purpose,
        source=data.source.value,
        country=data.country,
        indicators=list(data.indicators),
        parameters=parameters,
        dataset_path=str(files[0]),
        dataset_sha256=dataset_hash(data.source, files),
        status=ReleaseStatus.REQUESTED,
        agency_id=actor.agency_id,
        protocol_id=protocol.id,
        requested_by=actor.user_id,
    )
    session.add(release)
    session.flush()
    check_differencing(session, release, results)
    _log(session, release, actor, ReleaseAction.REQUEST, data.purpose, parameters)
    return release


def decide_release(
    session: Session, actor: Principal, release_id: uuid.UUID, data: ReleaseDecision, approve: bool
) -> Release:
    """Approve or reject: RELEASE_APPROVE, a second person, a party to the protocol in force.

    Every party approves once; the release is approved when the last party has (it stays
    requested until then). One party's rejection rejects it."""
    release = repository.get_release(session, actor, release_id, lock=True)
    if not policies.has(actor, Permission.RELEASE_APPROVE):
        raise Forbidden("your role does not allow approving releases")
    ensure_version(release, data.version, {}, {})
    rules.check_approver(release.requested_by, actor.user_id, release.status)
    details: dict[str, Any] = {}
    if approve:
        protocol = _check_protocol(session, actor, release.protocol_id)
        approvals = _approvals(session, release)
        rules.check_party_approval(actor.agency_id, approvals)
        check_differencing(session, release, _recompute(session, release))
        mine = rules.PartyApproval(actor.agency_id, actor.username, utcnow())
        parties = _parties(protocol)
        if rules.all_parties_approved(parties, [*approvals, mine]):
            release.status = ReleaseStatus.APPROVED
            release.approved_by = actor.user_id
        details = {"agency_id": str(actor.agency_id), "parties": len(parties),
                   "parties_approved": len(approvals) + 1}  # fmt: skip
    else:
        if not data.reason:
            raise Invalid("a reason is required", [FieldError("reason", "say why it is rejected")])
        release.status = ReleaseStatus.REJECTED
    action = ReleaseAction.APPROVE if approve else ReleaseAction.REJECT
    session.flush()
    _log(session, release, actor, action, data.reason, details)
    return release


def publish_release(
    session: Session, actor: Principal, release_id: uuid.UUID, data: ReleaseDecision
) -> Release:
    """Compute again from the same file, check again, write the files and record their hashes."""
    release = repository.get_release(session, actor, release_id, lock=True)
    allowed = policies.has(actor, Permission.RELEASE_APPROVE) or (
        policies.has(actor, Permission.RELEASE_REQUEST) and actor.user_id == release.requested_by
    )
    if not allowed:
        raise Forbidden("only the requester or an approver publishes a release")
    ensure_version(release, data.version, {}, {})
    rules.check_publishable(release.status)
    _check_protocol(session, actor, release.protocol_id)
    register.lock_source(session, release.source)
    results = _recompute(session, release)
    tables = check_differencing(session, release, results)
    folder = analytics.settings_of(session).data_dir / "releases" / str(release.id)
    metadata = {
        "release_id": str(release.id),
        "title": release.title,
        "purpose": release.purpose,
        "source": release.source,
        "country": release.country,
        "dataset_sha256": release.dataset_sha256,
        "parameters": release.parameters,
        "citation": load_catalogue(Source(release.source)).citation,
    }
    written = rules.write_release(folder, metadata, results)
    for f in written:
        release.files.append(
            ReleaseFile(name=f.name, sha256=f.sha256, size=f.size, path=str(f.path))
        )
    release.status = ReleaseStatus.PUBLISHED
    release.published_at = utcnow()
    register.record_tables(session, release, tables)
    session.flush()
    hashes = {f.name: f.sha256 for f in written}
    _log(session, release, actor, ReleaseAction.PUBLISH, data.reason, {"files": hashes})
    return release


def pending_for(session: Session, actor: Principal) -> Sequence[Release]:
    """Releases the actor could approve now (for the dashboard)."""
    if not policies.has(actor, Permission.RELEASE_APPROVE):
        return []
    pending = []
    for r in repository.list_releases(session, actor):
        if r.status is not ReleaseStatus.REQUESTED or r.requested_by == actor.user_id:
            continue
        parties = _parties(session.get(SharingProtocol, r.protocol_id))
        done = {a.agency_id for a in _approvals(session, r)}
        if actor.agency_id in parties and actor.agency_id not in done:
            pending.append(r)
    return pending
