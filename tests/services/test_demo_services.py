"""The demo directory: at least 150 services in the eight demo countries, real ISO 3166-2 areas,
providers linked to their agencies, valid HSDS, the gaps it is meant to show, idempotent."""

from __future__ import annotations

from collections import Counter

import pycountry
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from titian.demo.agencies import DEMO_COUNTRIES
from titian.demo.loader import DemoState, load_agencies
from titian.demo.services import load_services
from titian.referrals import gaps_store
from titian.referrals.vocab import GapGroup, GapSource, ServiceType
from titian.services.hsds import hsds_source_from_json, parse_directory, to_hsds_json
from titian.services.models import Organization, Service, ServiceGap
from titian.services.service_import import load_directory


def test_demo_directory(db: Session) -> None:
    state = DemoState()
    load_agencies(db, state)
    load_services(db, state)
    rows = db.scalars(select(Service)).all()
    assert len(rows) >= 150
    per_country = Counter(r.country for r in rows)
    assert set(per_country) == set(DEMO_COUNTRIES) and min(per_country.values()) >= 15
    for row in rows:
        assert row.service_types and row.status == "active"
        for area in row.areas:
            assert pycountry.subdivisions.get(code=area) is not None, area
            assert area.startswith(f"{row.country}-")
    assert all(o.agency_id is not None for o in db.scalars(select(Organization)))
    men = [r for r in rows if "shelter" in r.service_types and "men" in r.genders_accepted]
    assert {r.country for r in men if not r.lgbtqi_affirming} == {"TH", "PH"}
    assert {r.country for r in men if r.lgbtqi_affirming} == {"TH", "PH", "VN"}
    signing = {r.country for r in rows if "sign_language" in r.accessibility}
    assert signing == {"TH", "PH", "ID", "VN"}
    exported = to_hsds_json(load_directory(db, None))
    assert len(parse_directory(hsds_source_from_json(exported, "demo.json")).services) == len(rows)
    shelters_for_men = gaps_store.read_gaps(
        db, "TH", source=GapSource.COVERAGE_SCAN, service_type=ServiceType.SHELTER,
        group=GapGroup.MEN,
    )  # fmt: skip
    assert len(shelters_for_men) >= 70 and "TH-63" not in {g.area for g in shelters_for_men}
    versions = {r.id: r.version for r in rows}
    gaps = db.scalar(select(func.count(ServiceGap.id)))
    load_services(db, state)
    assert {r.id: r.version for r in db.scalars(select(Service))} == versions
    assert db.scalar(select(func.count(ServiceGap.id))) == gaps
