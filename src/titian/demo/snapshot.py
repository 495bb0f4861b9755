"""Demo step 90: statistical consents for the demo cases, then a real de-identified snapshot.

The demo cases (step 40) carry referral consents only, and the snapshot counts only people whose
consent allows statistical use (``titian.privacy.snapshot``). So this step first records, through
the cases consent service and as each case's own case worker, a ``research_and_statistics``
consent for most demo cases (seeded: some cover the profile only, some are refused), then writes
a real snapshot of the demo database with :func:`titian.privacy.snapshot_writer.write_snapshot`,
so that ``titian analytics indicators --source titian`` reads the demo's own cases.

The synthetic 40,000-person snapshot of step 80 (``cases-20260101T000000Z.parquet``) is moved
to ``snapshots/synthetic-20260101T000000Z.parquet``: out of the ``cases-*`` pattern, so the real
snapshot is the current one, and clearly named (it can still be read with ``--file``). Its
synthetic dialogue companion (``dialogues-20260101T000000Z.parquet``) is left in place: the
engine finds a companion by the timestamp, so it still goes with the moved file, and the real
snapshot has its own companion.
Idempotent: consents are recorded only for cases without one, and a snapshot is written only
when no real one exists yet, or the newest was written to an older schema (:func:`is_current`).
"""

from __future__ import annotations

import random
from pathlib import Path

import pyarrow.parquet as pq
from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.analytics.catalogue import snapshot_columns
from titian.analytics.indicators import companion_path
from titian.auth import service as auth_service
from titian.auth.models import Membership, User
from titian.auth.policies import Principal, Role
from titian.cases import repository as cases_repository
from titian.cases import service as cases_service
from titian.cases import service_consent
from titian.cases.models import Case
from titian.cases.profile import is_minor
from titian.cases.schemas import ConsentCreate
from titian.cases.vocab import ConsentPurpose
from titian.demo.loader import DemoState
from titian.privacy.snapshot_writer import snapshot_dir, write_snapshot
from titian.settings import Settings

SEED = 2026
SYNTHETIC_NAME = "cases-20260101T000000Z.parquet"
SYNTHETIC_RENAMED = "synthetic-20260101T000000Z.parquet"
FULL = ["profile", "trafficking_details", "disability", "justice"]
CONSENT_SHARE = 0.85
REFUSED_SHARE = 0.05
PROFILE_ONLY_SHARE = 0.2


def _settings(session: Session) -> Settings:
    found = session.info.get("settings")
    return found if isinstance(found, Settings) else Settings()


def _case_worker(session: Session, case: Case, cache: dict[object, Principal]) -> Principal | None:
    """A case worker of the owning agency (the demo creates one per owning agency)."""
    if case.owner_agency_id in cache:
        return cache[case.owner_agency_id]
    stmt = (
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.agency_id == case.owner_agency_id, Membership.role == Role.CASE_WORKER)
        .order_by(User.username)
    )
    user = session.scalars(stmt).first()
    if user is None:
        return None
    cache[case.owner_agency_id] = auth_service.principal_for(user)
    return cache[case.owner_agency_id]


def _has_statistics_consent(session: Session, case: Case) -> bool:
    purpose = ConsentPurpose.RESEARCH_AND_STATISTICS.value
    return any(r.purpose == purpose for r in cases_repository.consents_of(session, case.id))


def _consent_body(session: Session, case: Case, rng: random.Random) -> ConsentCreate | None:
    draw = rng.random()
    if draw >= CONSENT_SHARE:
        return None
    profile = cases_service.load_profile(session, case)
    body: dict[str, object] = {
        "purpose": ConsentPurpose.RESEARCH_AND_STATISTICS.value,
        "purpose_detail": "De-identified statistics for national GESI reporting (demo)",
        "receiver_agency_id": case.owner_agency_id,
        "data_categories": FULL if rng.random() >= PROFILE_ONLY_SHARE else ["profile"],
        "language": profile.preferred_language or "en",
        "interpreter_present": False,
        "informed_of": ["purpose", "data_use", "research_use", "how_to_withdraw"],
        "refused": draw < REFUSED_SHARE,
    }
    if is_minor(profile, cases_service.today()):
        body["child_assent"] = {"assent_given": True}
        body["best_interests_decision"] = {
            "decided_by": "Demo child protection panel",
            "decided_on": case.identified_on or cases_service.today(),
        }
    return ConsentCreate.model_validate(body)


def record_statistics_consents(session: Session) -> int:
    """Record a statistics consent (or refusal) for demo cases that have none; returns how many."""
    cases = session.scalars(select(Case).where(Case.number.like("%-DEMO-%")).order_by(Case.number))
    workers: dict[object, Principal] = {}
    recorded = 0
    for case in cases.all():
        rng = random.Random(f"{SEED}-statistics-{case.number}")
        if _has_statistics_consent(session, case):
            continue
        body = _consent_body(session, case, rng)
        principal = _case_worker(session, case, workers)
        if body is None or principal is None:
            continue
        service_consent.record_consent(session, principal, case.id, body)
        recorded += 1
    return recorded


def move_synthetic(folder: Path) -> None:
    """Move step 80's synthetic snapshot out of the ``cases-*`` pattern (replacing an older
    moved copy)."""
    synthetic = folder / SYNTHETIC_NAME
    if synthetic.exists():
        synthetic.replace(folder / SYNTHETIC_RENAMED)


def real_snapshots(folder: Path) -> list[Path]:
    """Snapshots written by the snapshot writer (they carry ``consent_coverage`` metadata)."""
    found = []
    for path in sorted(folder.glob("cases-*.parquet")):
        metadata = pq.read_schema(path).metadata or {}
        if b"consent_coverage" in metadata:
            found.append(path)
    return found


def is_current(path: Path) -> bool:
    """Whether a snapshot has every column of the current schema and its dialogue companion: a
    snapshot left by an older version lacks them, and the engine would refuse it, so the demo
    writes a new one after an upgrade."""
    names = set(pq.read_schema(path).names)
    complete = all(c.name in names for c in snapshot_columns())
    return complete and companion_path(path) is not None


def demo_snapshot(session: Session, state: DemoState) -> None:
    """Statistical consents, the synthetic snapshot renamed, a real snapshot (idempotent)."""
    recorded = record_statistics_consents(session)
    folder = snapshot_dir(_settings(session))
    move_synthetic(folder)
    found = real_snapshots(folder)
    if recorded or not found or not is_current(found[-1]):
        result = write_snapshot(session, None)
        state.summary["snapshot people"] = result.rows
    if recorded:
        state.summary["statistics consents"] = recorded


STEPS = [(90, demo_snapshot)]
