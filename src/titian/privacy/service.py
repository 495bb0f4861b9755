"""Privacy use cases: sharing protocols, the release workflow and DP counts with a budget ledger.

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
from titian.analytics.catalogue import CatalogueError, load_catalogue
from titian.analytics.indicators import (
    AnalyticsError,
    IndicatorResult,
    connect,
    dataset_hash,
    raw_tables,
)
from titian.analytics.schemas import IndicatorQuery
from titian.audit import service as audit
from titian.auth import policies
from titian.auth.models import Agency
from titian.auth.policies import Permission, Principal
from titian.errors import Conflict, FieldError, Forbidden, Invalid, RuleViolation
from titian.kit.clock import utcnow
from titian.kit.locking import ensure_version
from titian.privacy import ledger as ledgers
from titian.privacy import releases as rules
from titian.privacy import repository
from titian.privacy.dp import BudgetExceededError, BudgetLedger, DpError, dp_counts, plan_noise
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
    BudgetCreate,
    BudgetRead,
    DpCountRead,
    DpCountRequest,
    ProtocolCreate,
    ProtocolRead,
    ReleaseCreate,
    ReleaseDecision,
    ReleaseFileRead,
    ReleaseLogRead,
    ReleaseRead,
)
from titian.privacy.sdc_settings import RULES_VERSION

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
        "tables": sum(len(r.tables) for r in results),
    }
    release = Release(
        title=data.title,
        purpose=data.purpose,
        source=data.source.value,
        country=data.country,
        indicators=list(data.indicators),
        parameters=parameters,
        dataset_path=str(files[0]),
        dataset_sha256=dataset_hash(files),
        status=ReleaseStatus.REQUESTED,
        agency_id=actor.agency_id,
        protocol_id=protocol.id,
        requested_by=actor.user_id,
    )
    session.add(release)
    session.flush()
    _log(session, release, actor, ReleaseAction.REQUEST, data.purpose, parameters)
    return release


def decide_release(
    session: Session, actor: Principal, release_id: uuid.UUID, data: ReleaseDecision, approve: bool
) -> Release:
    """Approve or reject: RELEASE_APPROVE, a second person, a party to the protocol in force."""
    release = repository.get_release(session, actor, release_id, lock=True)
    if not policies.has(actor, Permission.RELEASE_APPROVE):
        raise Forbidden("your role does not allow approving releases")
    ensure_version(release, data.version, {}, {})
    rules.check_approver(release.requested_by, actor.user_id, release.status)
    if approve:
        _check_protocol(session, actor, release.protocol_id)
        release.status = ReleaseStatus.APPROVED
        release.approved_by = actor.user_id
    else:
        if not data.reason:
            raise Invalid("a reason is required", [FieldError("reason", "say why it is rejected")])
        release.status = ReleaseStatus.REJECTED
    action = ReleaseAction.APPROVE if approve else ReleaseAction.REJECT
    session.flush()
    _log(session, release, actor, action, data.reason, {})
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
    path = Path(release.dataset_path)
    if not path.is_file() or dataset_hash([path]) != release.dataset_sha256:
        raise Conflict("the dataset changed or is gone since the request; request again")
    query = IndicatorQuery(
        source=release.source,
        country=release.country,
        indicators=list(release.indicators),
        rounding=release.parameters.get("rounding", "base5"),
    )
    results, _, _ = _compute(session, query, path)
    folder = analytics.settings_of(session).data_dir / "releases" / str(release.id)
    metadata = {
        "release_id": str(release.id),
        "title": release.title,
        "purpose": release.purpose,
        "source": release.source,
        "country": release.country,
        "dataset_sha256": release.dataset_sha256,
        "parameters": release.parameters,
        "citation": load_catalogue(query.source).citation,
    }
    written = rules.write_release(folder, metadata, results)
    for f in written:
        release.files.append(
            ReleaseFile(name=f.name, sha256=f.sha256, size=f.size, path=str(f.path))
        )
    release.status = ReleaseStatus.PUBLISHED
    release.published_at = utcnow()
    session.flush()
    hashes = {f.name: f.sha256 for f in written}
    _log(session, release, actor, ReleaseAction.PUBLISH, data.reason, {"files": hashes})
    return release


# ---------------------------------------------------------------- DP budgets and counts


def budget_read(ledger: BudgetLedger) -> BudgetRead:
    now = utcnow()
    eps, dlt = ledger.spent(now)
    left, _ = ledger.remaining(now)
    return BudgetRead(
        dataset_id=ledger.dataset_id,
        total_epsilon=str(ledger.total_epsilon),
        total_delta=str(ledger.total_delta),
        period=ledger.period,
        spent_epsilon=str(eps),
        spent_delta=str(dlt),
        remaining_epsilon=str(left),
        spends=len(ledger.spends),
    )


def create_budget(session: Session, actor: Principal | None, data: BudgetCreate) -> BudgetLedger:
    if actor is not None and not policies.has(actor, Permission.RELEASE_APPROVE):
        raise Forbidden("setting a privacy budget needs the release-approval permission")
    try:
        ledger = BudgetLedger.create(
            data.dataset_id, data.total_epsilon, data.total_delta, data.period,
            data.max_epsilon_per_spend,
        )  # fmt: skip
    except DpError as exc:
        raise Invalid(str(exc)) from exc
    budget = ledgers.create_budget(session, ledger)
    audit.record(session, actor, "privacy.budget_create", "privacy_budget", budget.id, {})
    return ledger


def _true_counts(session: Session, data: DpCountRequest) -> tuple[dict[tuple[str, ...], int], str]:
    catalogue = load_catalogue(data.source)
    try:
        indicator = catalogue.get(data.indicator)
    except CatalogueError as exc:
        raise Invalid(str(exc), [FieldError("indicator", "not in the catalogue")]) from exc
    if indicator.slice is not None:
        raise Invalid(
            "a person may count in several slices of this indicator (sensitivity above 1)",
            [FieldError("indicator", "choose an indicator without slices")],
        )
    files = analytics.source_files(session, data.source)
    try:
        con = connect(data.source, files, data.country)
        try:
            raw = raw_tables(con, indicator, data.country)
        finally:
            con.close()
    except AnalyticsError as exc:
        raise Invalid(str(exc)) from exc
    table = raw[0].table
    counts = {k: table.counts.get(k, 0) for k in table.interior_keys()}
    return counts, dataset_hash(files)


def dp_count(session: Session, actor: Principal | None, data: DpCountRequest) -> DpCountRead:
    """Noisy counts of one indicator's cells; the ledger is charged first and refuses when the
    budget is spent (nothing is drawn then)."""
    if actor is not None and not policies.has(actor, Permission.RELEASE_REQUEST):
        raise Forbidden("your role does not allow releasing DP counts")
    counts, version = _true_counts(session, data)
    delta = 0.0 if data.mechanism.value == "laplace" else 1e-7
    try:
        plan = plan_noise(data.epsilon, mechanism=data.mechanism, delta=delta)
        who = actor.username if actor else "system"
        charged = ledgers.spend_now(
            session, data.dataset_id, data.epsilon, data.purpose, utcnow(), who,
            delta=delta, dataset_version=version, mechanism=data.mechanism.value,
            queries=[data.indicator],
        )  # fmt: skip
        noisy = dp_counts(counts, data.epsilon, mechanism=data.mechanism, delta=delta)
    except BudgetExceededError as exc:
        raise Conflict(str(exc), {"dataset_id": data.dataset_id}) from exc
    except DpError as exc:
        raise Invalid(str(exc)) from exc
    audit.record(
        session, actor, "privacy.dp_count", "privacy_budget", data.dataset_id,
        {"epsilon": data.epsilon, "indicator": data.indicator},
    )  # fmt: skip
    dims = load_catalogue(data.source).get(data.indicator).names
    rows = [{**dict(zip(dims, k, strict=True)), "count": v} for k, v in noisy.items()]
    return DpCountRead(
        dataset_id=data.dataset_id,
        dataset_version=version,
        indicator=data.indicator,
        epsilon=data.epsilon,
        mechanism=data.mechanism,
        noise_scale=plan.scale,
        accuracy_95=plan.accuracy,
        counts=rows,
        remaining_epsilon=str(charged.remaining(utcnow())[0]),
    )


def pending_for(session: Session, actor: Principal) -> Sequence[Release]:
    """Releases the actor could approve now (for the dashboard)."""
    if not policies.has(actor, Permission.RELEASE_APPROVE):
        return []
    return [
        r
        for r in repository.list_releases(session, actor)
        if r.status is ReleaseStatus.REQUESTED and r.requested_by != actor.user_id
    ]
