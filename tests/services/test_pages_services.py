# ruff: noqa: E501 (tables of filter cases)
"""Directory and gap pages through the test client: filters, detail, a provider's edit (own
agency only, 409 on a stale version), the HSDS upload (refused whole with every error), the gap
heat map and its CSV; the JSON twins agree with the pages."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.services.conftest import HSDS, SmallDirectory
from tests.support.fixtures import ApiAs, WebAs
from titian.i18n.locales import translations
from titian.referrals import gaps_store
from titian.services import repository
from titian.services.models import Service


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=TH", {"Women shelter Bangkok", "Men shelter Chiang Mai", "National legal aid", "Rainbow house Bangkok"}),
        ("country=TH&area=TH-10", {"Women shelter Bangkok", "National legal aid", "Rainbow house Bangkok"}),
        ("service_type=shelter&accepts=men", {"Men shelter Chiang Mai", "Rainbow house Bangkok"}),
        ("accepts=stateless&service_type=shelter", {"Men shelter Chiang Mai", "Rainbow house Bangkok"}),
        ("accessibility=hearing", {"National legal aid"}),
        ("accessibility=easy_read", {"National legal aid"}),
        ("language=my", {"Men shelter Chiang Mai"}),
        ("language=km", {"Clinic Phnom Penh"}),
        ("accepts=lgbtqi_affirming", {"Rainbow house Bangkok"}),
        ("q=phnom", {"Clinic Phnom Penh"}),
        ("country=KH&mine=true", set()),
    ],
)  # fmt: skip
def test_filters_on_page_and_json_agree(
    query: str,
    expected: set[str],
    client: TestClient,
    web_as: WebAs,
    api_as: ApiAs,
    directory: SmallDirectory,
) -> None:
    web_as.login(directory.world["caseworker_a"])
    page = client.get(f"/services?{query}")
    assert page.status_code == 200
    for name in expected:
        assert name in page.text
    headers = api_as.headers(directory.world["caseworker_a"])
    body = client.get(f"/api/v1/services?{query}", headers=headers).json()
    assert {i["name"] for i in body["items"]} == expected
    assert body["total"] == len(expected)


def test_bad_filter_is_named(client: TestClient, api_as: ApiAs, directory: SmallDirectory) -> None:
    headers = api_as.headers(directory.world["caseworker_a"])
    response = client.get("/api/v1/services?country=TH&area=KH-12", headers=headers)
    assert response.status_code == 422


def test_detail_shows_gesi_and_capacity(
    client: TestClient, web_as: WebAs, directory: SmallDirectory
) -> None:
    web_as.login(directory.world["caseworker_b"])
    page = client.get(f"/services/{directory.ids['Women shelter Bangkok']}")
    assert page.status_code == 200
    assert "3 of 10" in page.text and "girls, women" in page.text
    assert "Edit this service" not in page.text


def test_the_directory_in_thai_shows_its_terms_in_thai(
    client: TestClient, web_as: WebAs, directory: SmallDirectory
) -> None:
    web_as.login(directory.world["caseworker_b"])
    client.cookies.set("titian_locale", "th")
    page = client.get(f"/services/{directory.ids['Women shelter Bangkok']}").text
    assert "เด็กหญิง, ผู้หญิง" in page  # services.GenderAccepted "girls, women"
    assert "สถานคุ้มครอง" in page  # services.ServiceType "shelter"
    listed = client.get("/services").text
    assert "ความช่วยเหลือทางกฎหมาย" in listed  # the filter's option "legal aid"
    assert 'value="legal_aid"' in listed and ">legal aid<" not in listed
    accepts = re.search(r'<option value="unaccompanied_children"\s*>([^<]+)</option>', listed)
    assert accepts and accepts.group(1) == translations("th").pgettext(
        "services.AcceptsOther", "unaccompanied children"
    )
    assert accepts.group(1) != "unaccompanied children"


def _edit_form(db: Session, sid: object, **changes: str | list[str]) -> dict[str, object]:
    row = db.get_one(Service, sid)
    form: dict[str, object] = {
        "version": str(row.version), "name": row.name, "status": row.status,
        "service_types": row.service_types, "genders_accepted": row.genders_accepted,
        "citizenship_accepted": row.citizenship_accepted, "languages": ", ".join(row.languages),
        "areas": row.areas, "capacity_available": "", "capacity_maximum": "",
    }  # fmt: skip
    form.update(changes)
    return form


def test_provider_edits_own_service_and_stale_save_conflicts(
    client: TestClient, web_as: WebAs, db: Session, directory: SmallDirectory
) -> None:
    sid = directory.ids["Men shelter Chiang Mai"]
    csrf = web_as.login(directory.world["norole_a"])  # the service provider of agency A
    form = _edit_form(db, sid, genders_accepted=["men", "boys"], capacity_available="0",
                      capacity_maximum="6", areas=["TH-50", "TH-57"], csrf_token=csrf)  # fmt: skip
    saved = client.post(f"/services/{sid}", data=form, follow_redirects=False)
    assert saved.status_code == 303, saved.text[:2000]
    row = db.get_one(Service, sid)
    db.refresh(row)
    assert row.genders_accepted == ["boys", "men"] and row.capacity_available == 0
    assert row.areas == ["TH-50", "TH-57"] and row.version == 2
    stale = client.post(f"/services/{sid}", data={**form, "name": "Other name"})
    assert stale.status_code == 409 and "Someone else saved" in stale.text
    other = client.get(f"/services/{directory.ids['Clinic Phnom Penh']}/edit")
    assert other.status_code == 404


def test_edit_refuses_foreign_areas_and_bad_languages(
    client: TestClient, api_as: ApiAs, db: Session, directory: SmallDirectory
) -> None:
    sid = directory.ids["National legal aid"]
    headers = api_as.headers(directory.world["norole_a"])
    version = db.get_one(Service, sid).version
    bad_area = client.patch(f"/api/v1/services/{sid}", json={"version": version, "areas": ["KH-12"]},
                            headers=headers)  # fmt: skip
    assert bad_area.status_code == 422 and bad_area.json()["errors"][0]["field"] == "areas"
    bad_lang = client.patch(f"/api/v1/services/{sid}",
                            json={"version": version, "languages": ["not a tag!"]}, headers=headers)  # fmt: skip
    assert bad_lang.status_code == 422 and bad_lang.json()["errors"][0]["field"] == "languages"
    ok = client.patch(f"/api/v1/services/{sid}",
                      json={"version": version, "interpretation_any_language": True,
                            "accessibility": ["sign_language"]}, headers=headers)  # fmt: skip
    assert ok.status_code == 200, ok.text
    assert ok.json()["interpretation_any_language"] is True
    assert ok.json()["wg_domains"] == ["hearing"]


def test_upload_good_json_and_bad_zip(
    client: TestClient, web_as: WebAs, db: Session, directory: SmallDirectory
) -> None:
    csrf = web_as.login(directory.world["admin_a"])
    good = (HSDS / "json" / "service_full.json").read_bytes()
    done = client.post("/services/import", data={"csrf_token": csrf},
                       files={"file": ("service_full.json", good, "application/json")})  # fmt: skip
    assert done.status_code == 200 and "Imported." in done.text
    before = repository.counts(db)
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        for path in (HSDS / "csv").iterdir():
            text = path.read_text("utf-8")
            if path.name == "services.csv":
                text = text.replace(",active,", ",open,")
            archive.writestr(path.name, text)
    refused = client.post("/services/import", data={"csrf_token": csrf},
                          files={"file": ("hsds.zip", package.getvalue(), "application/zip")})  # fmt: skip
    assert refused.status_code == 422, refused.text[:3000]
    assert "nothing was imported" in refused.text and "services.csv" in refused.text
    assert repository.counts(db) == before
    not_json = client.post("/services/import", data={"csrf_token": csrf},
                           files={"file": ("x.json", b"{oops", "application/json")})  # fmt: skip
    assert not_json.status_code == 422 and "not JSON" in not_json.text


def test_gap_page_heatmap_csv_and_json(
    client: TestClient, web_as: WebAs, api_as: ApiAs, db: Session, directory: SmallDirectory
) -> None:
    gaps_store.run_coverage_scan(db, None, "TH", languages=["th", "my"])
    web_as.login(directory.world["programme"])
    page = client.get("/gaps?country=TH&service_type=shelter&group=men")
    assert page.status_code == 200
    assert "bgcolor" in page.text and "no shelter service for men in TH-57" in page.text
    csv_text = client.get("/gaps.csv?country=TH").text
    assert csv_text.startswith("country,area,service_type,group")
    assert "TH,TH-50,shelter,men" not in csv_text  # the men's shelter serves Chiang Mai
    headers = api_as.headers(directory.world["programme"])
    body = client.get("/api/v1/gaps?country=TH", headers=headers).json()
    cells = {(c["service_type"], c["group"]): c["areas_with_gap"] for c in body["heatmap"]}
    assert body["areas_total"] == 78
    assert cells[("shelter", "men")] == 76  # men: TH-50 shelter, TH-10 rainbow house
    assert cells[("legal_aid", "hearing")] == 0  # national legal aid signs
    assert cells[("shelter", "hearing")] == 78
    details = client.get("/api/v1/gaps/details?country=TH&service_type=shelter&group=stateless",
                         headers=headers).json()  # fmt: skip
    bangkok = [d for d in details if d["area"] == "TH-10"]
    assert bangkok == []  # the rainbow house declares no citizenship restriction
    assert json.dumps(body).count("person") == 0


def test_provider_dashboard_lists_own_services(
    client: TestClient, web_as: WebAs, directory: SmallDirectory
) -> None:
    web_as.login(directory.world["norole_a"])
    page = client.get("/")
    assert "Your services" in page.text and "Men shelter Chiang Mai: 2 free" in page.text
    assert "Clinic Phnom Penh" not in page.text
    web_as.login(directory.world["caseworker_a"])
    assert "Your services" not in client.get("/").text
