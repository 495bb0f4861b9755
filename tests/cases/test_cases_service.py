"""Case service on a real database: create, read, edit, optimistic locking, special categories."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.cases.conftest import SECRET_BIRTH, SECRET_IDENTITY, SECRETS, CaseMaker, adult_profile
from tests.support.factories import create_agency, create_user
from tests.support.fixtures import World
from titian.audit.models import AuditEvent
from titian.auth.models import AgencyKind
from titian.auth.policies import Principal, Role
from titian.auth.service import principal_for
from titian.cases import service
from titian.cases.models import CaseIdentifier
from titian.cases.repository import CaseFilters
from titian.cases.schemas import CaseCreate, CaseUpdate
from titian.errors import Conflict, Forbidden, Invalid


def test_create_stores_identifiers_encrypted_and_reads_them_back(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case()
    assert case.number.startswith("TH-") and "Zephyrine" not in case.number
    assert case.profile["date_of_birth"] is None
    tokens = db.scalars(select(CaseIdentifier.token).where(CaseIdentifier.case_id == case.id)).all()
    assert len(tokens) == 8
    assert not any(secret in token for token in tokens for secret in SECRETS)
    read = service.read_case(db, as_principal("caseworker_a"), case.id)
    assert read.identity == SECRET_IDENTITY
    assert read.profile["date_of_birth"] == SECRET_BIRTH.isoformat()
    assert read.view == "owner"


def test_audit_details_never_hold_identifiers(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case()
    principal = as_principal("caseworker_a")
    service.read_case(db, principal, case.id)
    service.update_case(
        db,
        principal,
        case.id,
        CaseUpdate(
            version=case.version,
            identity=SECRET_IDENTITY.model_copy(update={"given_name": "Other"}),
        ),
    )
    events = db.scalars(select(AuditEvent).where(AuditEvent.entity_id == str(case.id))).all()
    assert {"case.create", "case.read", "case.update"} <= {e.action for e in events}
    text = " ".join(str(e.details) for e in events)
    assert not any(secret in text for secret in SECRETS)
    update = next(e for e in events if e.action == "case.update")
    assert update.details["fields"] == ["identity.given_name"]


def test_second_editor_gets_409_with_what_changed_and_nothing_is_lost(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case()
    principal = as_principal("caseworker_a")
    read_version = case.version
    first = adult_profile(preferred_language="my", gender="woman")
    service.update_case(db, principal, case.id, CaseUpdate(version=read_version, profile=first))
    second = adult_profile(pronouns="she/her")
    identity = SECRET_IDENTITY.model_copy(update={"family_name": "Changed"})
    with pytest.raises(Conflict) as caught:
        service.update_case(
            db,
            principal,
            case.id,
            CaseUpdate(version=read_version, profile=second, identity=identity),
        )
    changed = caught.value.details["changed"]
    assert changed["profile.preferred_language"] == {"current": "my", "yours": "th"}
    assert changed["profile.pronouns"] == {"current": None, "yours": "she/her"}
    assert changed["identity.family_name"] == {"current": "(protected)", "yours": "(protected)"}
    assert "Changed" not in str(caught.value.as_dict())
    assert caught.value.details["current_version"] == read_version + 1
    # The first save is kept; the second editor saves again on the current version.
    assert service.load_profile(db, case).preferred_language == "my"
    merged = adult_profile(preferred_language="my", pronouns="she/her")
    service.update_case(
        db, principal, case.id, CaseUpdate(version=read_version + 1, profile=merged)
    )
    stored = service.load_profile(db, case)
    assert (stored.preferred_language, stored.pronouns) == ("my", "she/her")


def test_special_category_needs_the_permission_and_is_kept_for_others(
    db: Session, world: World, make_case: CaseMaker
) -> None:
    plain = create_user(db, world.agency_a, [Role.CASE_WORKER], "plain_worker")
    sogiesc = {"sogiesc_consent": True, "sogiesc": {"lgbtqi": True}, "sex_at_birth": "male"}
    case = make_case(**sogiesc)
    principal = principal_for(plain)
    read = service.read_case(db, principal, case.id)
    assert read.special_category_hidden and read.profile["sogiesc"] is None
    with pytest.raises(Forbidden, match="special-category"):
        service.create_case(db, principal, CaseCreate(profile=adult_profile(**sogiesc)))
    service.update_case(
        db,
        principal,
        case.id,
        CaseUpdate(version=case.version, profile=adult_profile(pronouns="they")),
    )
    stored = service.load_profile(db, case)
    assert (
        stored.sogiesc is not None and stored.sogiesc.lgbtqi is True and stored.pronouns == "they"
    )


def test_sogiesc_is_refused_where_the_country_hides_it(db: Session) -> None:
    agency = create_agency(db, "MY shelter", country="MY", kind=AgencyKind.SHELTER)
    from titian.auth.policies import Permission

    user = create_user(
        db, agency, [Role.CASE_WORKER], "my_worker", grants=[Permission.SPECIAL_CATEGORY]
    )
    profile = adult_profile(sogiesc_consent=True, sogiesc={"lgbtqi": True}, citizenships=["MY"])
    with pytest.raises(Invalid) as caught:
        service.create_case(db, principal_for(user), CaseCreate(profile=profile))
    assert caught.value.details["errors"][0]["field"] == "profile.sogiesc"


def test_justice_focal_point_must_be_a_state_justice_agency_of_the_country(
    db: Session, world: World, as_principal: Callable[[str], Principal]
) -> None:
    with pytest.raises(Invalid, match="justice focal point"):
        service.create_case(
            db,
            as_principal("caseworker_a"),
            CaseCreate(profile=adult_profile(), justice_agency_id=world.agency_b.id),
        )


def test_list_filters_and_scope(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    woman = make_case()
    man = make_case(gender="man", date_of_birth=None, age_band="9-17")
    other = make_case(user="caseworker_b", citizenships=["KH"])
    principal = as_principal("caseworker_a")
    every = {s.id for s in service.list_cases(db, principal, CaseFilters())}
    assert {woman.id, man.id} <= every and other.id not in every
    men = service.list_cases(db, principal, CaseFilters(gender="man"))
    assert [s.id for s in men] == [man.id] and men[0].minor
    assert [s.id for s in service.list_cases(db, principal, CaseFilters(number=man.number))] == [
        man.id
    ]


def test_status_closed_sets_closed_on_and_anonymised_is_refused(
    db: Session, make_case: CaseMaker, as_principal: Callable[[str], Principal]
) -> None:
    case = make_case()
    principal = as_principal("caseworker_a")
    service.update_case(db, principal, case.id, CaseUpdate(version=case.version, status="closed"))
    assert case.closed_on == date.today() or case.closed_on is not None
    with pytest.raises(Invalid, match="refused"):
        service.update_case(
            db, principal, case.id, CaseUpdate(version=case.version, status="anonymised")
        )
