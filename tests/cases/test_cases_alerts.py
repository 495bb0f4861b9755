"""C6 detention alerts, C7 non-punishment flag, the dashboard's alert queries."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from tests.cases.conftest import CaseMaker, adult_profile
from tests.support.fixtures import World
from titian.auth.policies import Principal
from titian.cases import repository, service, service_justice
from titian.cases.schemas import CaseUpdate
from titian.notifications import service as notifications


def test_detention_alerts_case_manager_and_justice_focal_point_until_resolved(
    db: Session, world: World, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case(custody_status="immigration_detention", justice=True)
    owner, prosecutor = as_principal("caseworker_a"), as_principal("prosecutor")
    alerts = repository.open_alerts(db, [case.id])
    assert [(a.rule, a.kind.value) for a in alerts] == [("C6", "detention")]
    assert case.number in alerts[0].message and "Zephyrine" not in alerts[0].message
    for principal in (owner, prosecutor):
        assert [c.id for _, c in repository.alerts_in_scope(db, principal)] == [case.id]
        assert any(n.kind == "case.detention_alert" for n in notifications.list_for(db, principal))
    # Another user of the owner agency does not get the case manager's own notice.
    assert not notifications.list_for(db, as_principal("norole_a"))
    assert not repository.alerts_in_scope(db, as_principal("caseworker_b"))
    # Saving again does not duplicate the alert; release resolves it.
    service.update_case(
        db,
        owner,
        case.id,
        CaseUpdate(
            version=case.version, profile=adult_profile(custody_status="immigration_detention")
        ),
    )
    assert len(repository.open_alerts(db, [case.id])) == 1
    service.update_case(
        db,
        owner,
        case.id,
        CaseUpdate(version=case.version, profile=adult_profile(custody_status="shelter_open")),
    )
    assert repository.open_alerts(db, [case.id]) == []


def test_possible_victim_in_detention_raises_no_c6_alert(db: Session, make_case: CaseMaker) -> None:
    case = make_case(identification_status="possible", custody_status="prison")
    assert repository.open_alerts(db, [case.id]) == []


def test_non_punishment_flag_shows_in_the_justice_view(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    charges = [{"offence_type": "immigration", "non_punishment_applicable": True}]
    case = make_case(
        justice=True, charges=charges, milestones=[{"milestone": "report", "on": "2026-03-03"}]
    )
    view = service_justice.justice_view(db, as_principal("prosecutor"), case.id)
    assert view.non_punishment_flagged
    assert view.charges[0]["non_punishment_applicable"] is True
    assert view.milestones == [{"milestone": "report", "on": "2026-03-03"}]
    listed = service.summarise(db, [case])[0]
    assert listed.non_punishment and listed.open_alerts == 0


def test_overdue_items_in_scope(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    from datetime import date

    case = make_case()
    rows = repository.overdue_in_scope(db, as_principal("caseworker_a"), date(2026, 11, 29))
    assert rows and rows[0][0] == case.id and rows[0][2] >= 1
    assert repository.overdue_in_scope(db, as_principal("caseworker_b"), date(2026, 11, 29)) == []


def test_a_focal_point_named_during_an_open_alert_is_told_at_once(
    db: Session, world: World, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case(custody_status="police_cell")
    prosecutor = as_principal("prosecutor")
    assert notifications.list_for(db, prosecutor) == []
    service.update_case(
        db,
        as_principal("caseworker_a"),
        case.id,
        CaseUpdate(version=case.version, justice_agency_id=world.justice.id),
    )
    assert [n.kind for n in notifications.list_for(db, prosecutor)] == ["case.detention_alert"]
