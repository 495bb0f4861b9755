# ruff: noqa: E501 (tables of refused fields, one case per line)
"""Creating and retiring directory services (docs/directory.md, "Creating and retiring"): a
provider creates a service of its own agency with its GESI profile and location; another agency
is 404; every refused field is named; retiring keeps the record (referrals still name it) but
takes it out of searches, matching and the coverage scan. Synthetic data only."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.services.conftest import SmallDirectory, uid
from tests.support.fixtures import ApiAs, WebAs
from titian.referrals import gaps_store
from titian.services import repository, service_import
from titian.services.hsds import to_hsds_json
from titian.services.models import Location, Organization, Service
from titian.services.service_matching import match_need, need_from_json


def body(**changes: Any) -> dict[str, Any]:
    """A complete new service: a shelter in Bangkok for women and girls, with every GESI field."""
    data: dict[str, Any] = {
        "name": "Harbour shelter (synthetic)",
        "service_types": ["shelter", "psychosocial"],
        "areas": ["TH-10"],
        "genders_accepted": ["women", "girls"],
        "minimum_age": 12,
        "maximum_age": 60,
        "accepts_unaccompanied_children": True,
        "citizenship_accepted": ["citizens", "non_citizens", "stateless", "undocumented"],
        "accessibility": ["sign_language", "step_free_access", "easy_read"],
        "languages": ["th", "my"],
        "interpretation_languages": ["km"],
        "lgbtqi_affirming": True,
        "cost": "free",
        "capacity_maximum": 12,
        "capacity_available": 5,
        "location": {"name": "Harbour house", "address_1": "9 Test Lane", "city": "Bangkok",
                     "state_province": "Bangkok", "country": "TH", "accessibility": "ramp at the side door"},
    }  # fmt: skip
    data.update(changes)
    return data


def test_provider_creates_a_service_with_its_gesi_profile(
    client: TestClient, api_as: ApiAs, db: Session, directory: SmallDirectory
) -> None:
    headers = api_as.headers(directory.world["norole_a"])  # the service provider of agency A
    made = client.post("/api/v1/services", json=body(), headers=headers)
    assert made.status_code == 201, made.text
    got = made.json()
    assert got["agency_id"] == str(directory.world.agency_a.id)
    assert got["organization_id"] == uid("org-a")  # the agency's only directory organization
    assert (got["country"], got["areas"], got["country_wide"]) == ("TH", ["TH-10"], False)
    assert got["service_types"] == ["psychosocial", "shelter"]
    assert got["genders_accepted"] == ["girls", "women"]
    assert (got["minimum_age"], got["maximum_age"], got["accepts_unaccompanied_children"]) == (
        12,
        60,
        True,
    )
    assert got["citizenship_accepted"] == ["citizens", "non_citizens", "stateless", "undocumented"]
    assert set(got["wg_domains"]) == {"hearing", "mobility", "cognition"}
    assert (got["languages"], got["interpretation_languages"]) == (["th", "my"], ["km"])
    assert got["lgbtqi_affirming"] is True and got["cost"] == "free"
    assert (got["capacity_available"], got["capacity_maximum"], got["capacity_unit"]) == (
        5,
        12,
        "Bed",
    )
    assert got["locations"][0]["name"] == "Harbour house"
    assert "9 Test Lane, Bangkok" in got["locations"][0]["address"]
    assert got["locations"][0]["accessibility"] == ["ramp at the side door"]
    assert got["status"] == "active" and got["can_edit"] is True
    # matching finds it: a stateless deaf girl travelling alone in Bangkok
    need = need_from_json({"need": "shelter", "country": "TH", "area": "TH-10", "age": 15, "gender": "woman",
                           "unaccompanied": True, "citizenship": "stateless", "wg_domains": ["hearing"],
                           "languages_preferred": ["my"]})  # fmt: skip
    assert [e.name for e in match_need(db, need).eligible] == ["Harbour shelter (synthetic)"]


def test_created_service_exports_as_hsds(
    client: TestClient, api_as: ApiAs, db: Session, directory: SmallDirectory
) -> None:
    headers = api_as.headers(directory.world["norole_a"])
    sid = client.post("/api/v1/services", json=body(areas=[]), headers=headers).json()["id"]
    exported = to_hsds_json(service_import.load_directory(db, None))
    mine = next(s for s in exported if s["id"] == sid)
    assert [a["extent"] for a in mine["service_areas"]] == ["TH"]  # country-wide, said in HSDS
    assert mine["status"] == "active" and mine["organization"]["id"] == uid("org-a")
    codes = {a["taxonomy_term"]["code"] for a in mine["attributes"] if a.get("taxonomy_term")}
    assert {"gender-accepted:women", "accepts:stateless", "accessibility:sign_language",
            "inclusion:lgbtqi_affirming", "cost:free"} <= codes  # fmt: skip
    row = db.get_one(Service, uuid.UUID(sid))
    assert row.country_wide is True and row.areas == []


def test_agency_scope_of_creation(
    client: TestClient, api_as: ApiAs, db: Session, directory: SmallDirectory
) -> None:
    w = directory.world
    for_b = body(agency_id=str(w.agency_b.id), areas=["KH-12"], location=None)
    provider_a = api_as.headers(w["norole_a"])
    refused = client.post("/api/v1/services", json=for_b, headers=provider_a)
    assert refused.status_code == 404  # agency B does not exist for a provider of agency A
    no_role = client.post(
        "/api/v1/services", json=body(), headers=api_as.headers(w["caseworker_a"])
    )
    assert no_role.status_code == 403
    agency_admin = client.post(
        "/api/v1/services", json=body(), headers=api_as.headers(w["admin_a"])
    )
    assert (
        agency_admin.status_code == 403
    )  # importing the directory is not keeping one agency's services
    operator = client.post(
        "/api/v1/services", json=for_b, headers=api_as.headers(w["operator_admin"])
    )
    assert operator.status_code == 201, operator.text
    assert operator.json()["agency_id"] == str(w.agency_b.id)
    assert operator.json()["organization_id"] == uid("org-b") and operator.json()["country"] == "KH"
    count = len(db.scalars(select(Service)).all())
    assert count == 6  # five in the small directory, the operator's, nothing from the refused calls


def test_agency_without_organization_gets_one(
    client: TestClient, api_as: ApiAs, db: Session, directory: SmallDirectory
) -> None:
    w = directory.world
    db.get_one(Organization, uuid.UUID(uid("org-b"))).agency_id = None
    db.flush()
    headers = api_as.headers(w["operator_admin"])
    made = client.post(
        "/api/v1/services",
        json=body(agency_id=str(w.agency_b.id), areas=["KH-12"]),
        headers=headers,
    )
    assert made.status_code == 201, made.text
    org = db.get_one(Organization, uuid.UUID(made.json()["organization_id"]))
    assert org.agency_id == w.agency_b.id and org.name == w.agency_b.name


def _other_location(db: Session) -> str:
    loc = Location(name="Elsewhere", organization_id=uuid.UUID(uid("org-b")), hsds={})
    db.add(loc)
    db.flush()
    return str(loc.id)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"areas": ["KH-12", "TH-10"]}, "areas"),
        ({"country": "TH", "areas": ["TH-10", "KH-12"]}, "areas"),
        ({"areas": ["TH-XX9"]}, "areas"),
        ({"country": "ZZ", "areas": []}, "country"),
        ({"languages": ["not a tag!"]}, "languages"),
        ({"interpretation_languages": ["??"]}, "interpretation_languages"),
        ({"minimum_age": 30, "maximum_age": 18}, "maximum_age"),
        ({"minimum_age": -1}, "minimum_age"),
        ({"capacity_maximum": 2, "capacity_available": 3}, "capacity_available"),
        ({"service_types": []}, "service_types"),
        ({"service_types": ["spa"]}, "service_types.0"),
        ({"genders_accepted": ["everyone"]}, "genders_accepted.0"),
        ({"accessibility": ["ramp"]}, "accessibility.0"),
        ({"citizenship_accepted": ["tourists"]}, "citizenship_accepted.0"),
        ({"cost": "cheap"}, "cost"),
        ({"name": "x"}, "name"),
        (
            {"location": {"address_1": "1 Road", "state_province": "Bangkok", "country": "TH"}},
            "location.city",
        ),
        ({"location_id": str(uuid.uuid4()), "location": None}, "location_id"),
        ({"organization_id": uid("org-b")}, "organization_id"),
        ({"surprise": True}, "surprise"),
    ],
    ids=lambda v: str(v) if isinstance(v, str) else None,
)
def test_refused_fields_are_named(
    changes: dict[str, Any],
    field: str,
    client: TestClient,
    api_as: ApiAs,
    db: Session,
    directory: SmallDirectory,
) -> None:
    before = len(db.scalars(select(Service)).all())
    response = client.post(
        "/api/v1/services",
        json=body(**changes),
        headers=api_as.headers(directory.world["norole_a"]),
    )
    assert response.status_code == 422, response.text
    assert field in [e["field"] for e in response.json()["errors"]]
    assert len(db.scalars(select(Service)).all()) == before


def test_location_of_another_agency_is_refused(
    client: TestClient, api_as: ApiAs, db: Session, directory: SmallDirectory
) -> None:
    lid = _other_location(db)
    response = client.post("/api/v1/services", json=body(location=None, location_id=lid),
                           headers=api_as.headers(directory.world["norole_a"]))  # fmt: skip
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "location_id"


def _men_need() -> Any:
    return need_from_json(
        {"need": "shelter", "country": "TH", "area": "TH-50", "age": 30, "gender": "man"}
    )


def test_retired_service_leaves_search_and_matching_but_stays_readable(
    client: TestClient, api_as: ApiAs, db: Session, directory: SmallDirectory
) -> None:
    sid = directory.ids["Men shelter Chiang Mai"]
    assert [e.name for e in match_need(db, _men_need()).eligible] == ["Men shelter Chiang Mai"]
    headers = api_as.headers(directory.world["norole_a"])
    version = db.get_one(Service, sid).version
    retired = client.post(
        f"/api/v1/services/{sid}/retire", json={"version": version}, headers=headers
    )
    assert retired.status_code == 200, retired.text
    assert retired.json()["status"] == "inactive" and retired.json()["version"] == version + 1
    result = match_need(db, _men_need())
    assert result.eligible == () and all(
        x.name != "Men shelter Chiang Mai" for x in result.excluded
    )
    assert result.gap is not None and result.gap.candidates == 0
    reader = api_as.headers(directory.world["caseworker_b"])
    names = {
        i["name"] for i in client.get("/api/v1/services?country=TH", headers=reader).json()["items"]
    }
    assert "Men shelter Chiang Mai" not in names
    with_inactive = client.get(
        "/api/v1/services?country=TH&include_inactive=true", headers=reader
    ).json()
    assert "Men shelter Chiang Mai" in {i["name"] for i in with_inactive["items"]}
    detail = client.get(f"/api/v1/services/{sid}", headers=reader)
    assert detail.status_code == 200 and detail.json()["status"] == "inactive"
    assert sid not in {r.id for r in repository.offer_rows(db, "TH")}
    scan = gaps_store.run_coverage_scan(db, None, "TH", languages=["th"])
    assert scan.services == 3  # of the four Thai services, the retired one is not scanned
    exported = to_hsds_json(service_import.load_directory(db, None))
    assert next(s for s in exported if s["id"] == str(sid))["status"] == "inactive"


def test_retire_scope_version_and_twice(
    client: TestClient, api_as: ApiAs, db: Session, directory: SmallDirectory
) -> None:
    w = directory.world
    own, other = directory.ids["National legal aid"], directory.ids["Clinic Phnom Penh"]
    provider = api_as.headers(w["norole_a"])
    v_other = db.get_one(Service, other).version
    assert (
        client.post(
            f"/api/v1/services/{other}/retire", json={"version": v_other}, headers=provider
        ).status_code
        == 404
    )
    version = db.get_one(Service, own).version
    no_role = api_as.headers(w["caseworker_a"])
    assert (
        client.post(
            f"/api/v1/services/{own}/retire", json={"version": version}, headers=no_role
        ).status_code
        == 403
    )
    stale = client.post(
        f"/api/v1/services/{own}/retire", json={"version": version + 5}, headers=provider
    )
    assert stale.status_code == 409 and stale.json()["changed"]["status"]["current"] == "active"
    assert (
        client.post(
            f"/api/v1/services/{own}/retire", json={"version": version}, headers=provider
        ).status_code
        == 200
    )
    again = client.post(
        f"/api/v1/services/{own}/retire", json={"version": version + 1}, headers=provider
    )
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "status"
    operator = api_as.headers(w["operator_admin"])
    assert (
        client.post(
            f"/api/v1/services/{other}/retire", json={"version": v_other}, headers=operator
        ).status_code
        == 200
    )


def test_retired_service_can_be_reopened_by_an_edit(
    client: TestClient, api_as: ApiAs, db: Session, directory: SmallDirectory
) -> None:
    sid = directory.ids["Men shelter Chiang Mai"]
    headers = api_as.headers(directory.world["norole_a"])
    version = db.get_one(Service, sid).version
    client.post(f"/api/v1/services/{sid}/retire", json={"version": version}, headers=headers)
    reopened = client.patch(
        f"/api/v1/services/{sid}",
        json={"version": version + 1, "status": "active"},
        headers=headers,
    )
    assert reopened.status_code == 200 and reopened.json()["status"] == "active"
    assert [e.name for e in match_need(db, _men_need()).eligible] == ["Men shelter Chiang Mai"]


# --- pages ---------------------------------------------------------------------------------------


def _form(csrf: str, **changes: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "csrf_token": csrf, "name": "Deaf-friendly legal clinic", "service_types": ["legal_aid"],
        "areas": ["TH-50"], "genders_accepted": [], "citizenship_accepted": ["non_citizens"],
        "accessibility": ["sign_language"], "languages": "th, en", "interpretation_languages": "",
        "minimum_age": "", "maximum_age": "", "capacity_available": "", "capacity_maximum": "",
        "cost": "free", "lgbtqi_affirming": "on", "location_mode": "new",
        "location_name": "Clinic room", "location_address_1": "2 Test Road", "location_city": "Chiang Mai",
        "location_state_province": "Chiang Mai", "location_postal_code": "", "location_country": "TH",
        "location_accessibility": "",
    }  # fmt: skip
    form.update(changes)
    return form


def test_new_service_page_creates_and_names_refused_fields(
    client: TestClient, web_as: WebAs, db: Session, directory: SmallDirectory
) -> None:
    csrf = web_as.login(directory.world["norole_a"])
    assert 'href="/services/new"' in client.get("/services").text
    page = client.get("/services/new")
    assert page.status_code == 200
    assert (
        "Accessibility, by functional difficulty" in page.text
        and 'id="accessibility-sign_language"' in page.text
    )
    refused = client.post(
        "/services",
        data=_form(
            csrf, name="", service_types=[], location_city="", maximum_age="5", minimum_age="9"
        ),
    )
    assert refused.status_code == 422
    for field in ("name", "service_types", "maximum_age"):
        assert f'id="{field}-error"' in refused.text or f"<li>{field}:" in refused.text
    assert "Deaf-friendly" not in {s.name for s in db.scalars(select(Service))}
    refused_location = client.post("/services", data=_form(csrf, location_city=""))
    assert (
        refused_location.status_code == 422 and 'id="location.city-error"' in refused_location.text
    )
    made = client.post("/services", data=_form(csrf), follow_redirects=False)
    assert made.status_code == 303, made.text[:3000]
    row = db.get_one(Service, uuid.UUID(made.headers["location"].rsplit("/", 1)[1]))
    assert (row.name, row.areas, row.accessibility, row.lgbtqi_affirming) == (
        "Deaf-friendly legal clinic",
        ["TH-50"],
        ["sign_language"],
        True,
    )
    assert row.citizenship_accepted == ["non_citizens"] and row.languages == ["th", "en"]
    assert client.get(made.headers["location"]).text.count("Clinic room") == 1


def test_new_service_page_is_scoped(
    client: TestClient, web_as: WebAs, directory: SmallDirectory
) -> None:
    w = directory.world
    web_as.login(w["caseworker_a"])
    assert 'href="/services/new"' not in client.get("/services").text
    assert client.get("/services/new").status_code == 403
    web_as.login(w["norole_a"])
    assert client.get(f"/services/new?agency_id={w.agency_b.id}").status_code == 404
    web_as.login(w["operator_admin"])
    chosen = client.get(f"/services/new?agency_id={w.agency_b.id}&country=KH")
    assert chosen.status_code == 200 and "KH-12" in chosen.text and w.agency_b.name in chosen.text


def test_retire_page_asks_then_retires(
    client: TestClient, web_as: WebAs, db: Session, directory: SmallDirectory
) -> None:
    sid = directory.ids["Rainbow house Bangkok"]
    csrf = web_as.login(directory.world["norole_a"])
    detail = client.get(f"/services/{sid}")
    assert f'href="/services/{sid}/retire"' in detail.text
    confirm = client.get(f"/services/{sid}/retire")
    assert (
        confirm.status_code == 200
        and "referrals already made to it keep pointing at it" in confirm.text
    )
    version = db.get_one(Service, sid).version
    stale = client.post(
        f"/services/{sid}/retire", data={"csrf_token": csrf, "version": str(version + 3)}
    )
    assert stale.status_code == 409
    done = client.post(
        f"/services/{sid}/retire",
        data={"csrf_token": csrf, "version": str(version)},
        follow_redirects=False,
    )
    assert done.status_code == 303
    after = client.get(f"/services/{sid}").text
    assert "This service is retired" in after and f'href="/services/{sid}/retire"' not in after
    assert "Rainbow house Bangkok" not in client.get("/services?country=TH").text
    listed = client.get("/services?country=TH&include_inactive=true").text
    assert "Rainbow house Bangkok" in listed and "badge-retired" in listed
