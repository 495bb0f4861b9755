"""Retention anonymises closed cases past the country's period (C14); HTCDS export (C11, C14)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.cases.conftest import SECRETS, CaseMaker
from tests.support.factories import create_user
from tests.support.fixtures import World
from titian.audit.models import AuditEvent
from titian.auth.policies import Permission, Principal, Role
from titian.auth.service import principal_for
from titian.cases import repository, service
from titian.cases.export import export_cases
from titian.cases.models import CaseStatus
from titian.cases.retention import retention_ends, run_retention
from titian.cases.schemas import ExportRequest
from titian.errors import Forbidden


def test_retention_anonymises_only_closed_cases_past_the_period(
    db: Session, make_case: CaseMaker
) -> None:
    old = make_case(
        sogiesc_consent=True,
        sogiesc={"lgbtqi": True},
        pronouns="she",
        milestones=[{"milestone": "verdict", "on": "2018-06-30"}],
    )
    old.status, old.closed_on = CaseStatus.CLOSED, date(2019, 1, 10)
    recent = make_case()
    recent.status, recent.closed_on = CaseStatus.CLOSED, date(2025, 1, 10)
    active = make_case()
    db.flush()
    report = run_retention(db, None, today=date(2026, 11, 29))  # TH keeps 7 years
    assert report.anonymised == [old.number]
    assert (old.status, recent.status, active.status) == (
        CaseStatus.ANONYMISED,
        CaseStatus.CLOSED,
        CaseStatus.ACTIVE,
    )
    assert repository.identifiers_of(db, old.id) == []
    assert len(repository.identifiers_of(db, recent.id)) == 8
    profile = old.profile
    assert profile["date_of_birth"] is None and profile["age_band"] == "30-38"
    assert profile["sogiesc"] is None and profile["pronouns"] is None
    assert profile["milestones"] == [{"milestone": "verdict", "on": "2018-01-01"}]
    events = db.scalars(select(AuditEvent).where(AuditEvent.action == "case.anonymise")).all()
    assert [e.entity_id for e in events] == [str(old.id)]
    assert events[0].details["identifiers_destroyed"] == 8


def test_retention_end_handles_29_february() -> None:
    assert retention_ends(date(2024, 2, 29), 5) == date(2029, 2, 28)


def _exporter(db: Session, world: World, *grants: Permission) -> Principal:
    return principal_for(create_user(db, world.agency_a, [Role.CASE_WORKER], grants=list(grants)))


def test_export_needs_the_permission(db: Session, world: World, make_case: CaseMaker) -> None:
    make_case()
    with pytest.raises(Forbidden, match="export"):
        export_cases(db, _exporter(db, world), ExportRequest(purpose="annual report"))
    with pytest.raises(Forbidden, match="special-category"):
        export_cases(
            db,
            _exporter(db, world, Permission.CASES_EXPORT),
            ExportRequest(purpose="annual report", include_special_category=True),
        )


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_uses_htcds_names_has_no_identifiers_and_records_purpose(
    db: Session, world: World, make_case: CaseMaker, fmt: str
) -> None:
    case = make_case(sogiesc_consent=True, sogiesc={"lgbtqi": True}, sex_at_birth="male")
    make_case(user="caseworker_b", citizenships=["KH"])
    principal = _exporter(db, world, Permission.CASES_EXPORT)
    result = export_cases(db, principal, ExportRequest(purpose="HTCDS pooling 2026", format=fmt))
    if fmt == "json":
        rows = json.loads(result.content)
    else:
        rows = list(csv.DictReader(io.StringIO(result.content)))
    assert result.count == 1 and rows[0]["titian_case_number"] == case.number
    assert (
        rows[0]["vic_TraffickingStatus"] == "PossibleVictimOfTrafficking"
        or rows[0]["vic_TraffickingStatus"]
    )
    assert rows[0]["prs_Gender"] == "Feminine"
    assert rows[0]["prs_Birthdate"] in (None, "")
    assert not any(secret in result.content for secret in SECRETS)
    assert "sogiesc" not in result.content and "lgbtqi" not in result.content
    event = db.scalars(select(AuditEvent).where(AuditEvent.action == "case.export")).one()
    assert event.details["purpose"] == "HTCDS pooling 2026" and event.details["count"] == 1


def test_listing_counts_alerts(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case(custody_status="prison")
    summary = service.summarise(db, [case])[0]
    assert summary.open_alerts == 1
