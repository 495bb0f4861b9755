"""HSDS import into the database, on SQLite and PostgreSQL: the Open Referral examples import; an
invalid file leaves the database unchanged and lists every error (issue 4 acceptance)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.services.conftest import HSDS, SmallDirectory
from tests.support.fixtures import ApiAs, World
from titian.services import repository
from titian.services.hsds import (
    HsdsImportError,
    hsds_source_from_json,
    parse_directory,
    read_hsds_csv_package,
    read_hsds_json,
    to_hsds_json,
)
from titian.services.models import Service
from titian.services.service_import import import_sources, load_directory

EXAMPLES = sorted(p.name for p in (HSDS / "json").glob("*.json"))


def _snapshot(db: Session) -> tuple[dict[str, int], list[tuple[str, int, dict[str, object]]]]:
    rows = db.scalars(select(Service).order_by(Service.id)).all()
    return repository.counts(db), [(str(r.id), r.version, dict(r.hsds)) for r in rows]


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_open_referral_json_example_imports(db: Session, world: World, name: str) -> None:
    source = read_hsds_json(HSDS / "json" / name)
    report = import_sources(db, world["operator_admin"] and None, [source])
    expected = parse_directory(read_hsds_json(HSDS / "json" / name))
    counts = repository.counts(db)
    assert counts["services"] == len(expected.services)
    assert counts["organizations"] == len(expected.organizations)
    assert (
        sum(report.created.values())
        == counts["services"]
        + counts["organizations"]
        + counts["locations"]
        + counts["taxonomies"]
        + counts["taxonomy_terms"]
    )
    again = import_sources(db, None, [read_hsds_json(HSDS / "json" / name)])
    assert again.created == {} and repository.counts(db) == counts


def test_csv_package_imports_and_exports_equal(db: Session, world: World) -> None:
    import_sources(db, None, [read_hsds_csv_package(HSDS / "csv")])
    stored = load_directory(db, None)
    parsed = parse_directory(read_hsds_csv_package(HSDS / "csv"))
    assert stored.services == parsed.services
    assert stored.organizations == parsed.organizations
    assert stored.locations == parsed.locations


def _bad_document() -> dict[str, object]:
    doc = json.loads((HSDS / "json" / "service_full.json").read_text("utf-8"))
    doc["status"] = "open"  # not an HSDS status
    doc["minimum_age"] = 120  # above maximum_age (100)
    doc["languages"][0]["code"] = "xx"  # not ISO 639
    return doc


def test_invalid_file_leaves_database_unchanged_and_lists_every_error(
    db: Session, directory: SmallDirectory
) -> None:
    before = _snapshot(db)
    good = read_hsds_json(HSDS / "json" / "organization_full.json")
    bad = hsds_source_from_json(_bad_document(), "bad.json")
    with pytest.raises(HsdsImportError) as caught:
        import_sources(db, None, [good, bad])
    fields = {(e.file, e.field) for e in caught.value.errors}
    assert ("bad.json", "status") in fields
    assert ("bad.json", "maximum_age") in fields
    assert any(f == "bad.json" and "languages[0]" in field for f, field in fields)
    assert _snapshot(db) == before


def test_invalid_upload_through_the_api_is_refused_whole(
    client: TestClient, api_as: ApiAs, directory: SmallDirectory, db: Session
) -> None:
    before = _snapshot(db)
    headers = api_as.headers(directory.world["operator_admin"])
    response = client.post(
        "/api/v1/services/import?name=bad.json", json=_bad_document(), headers=headers
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {e["field"] for e in errors} >= {"status", "maximum_age"}
    assert all(e["file"] == "bad.json" for e in errors)
    assert _snapshot(db) == before


def test_api_export_is_valid_hsds(
    client: TestClient, api_as: ApiAs, directory: SmallDirectory
) -> None:
    headers = api_as.headers(directory.world["operator_admin"])
    exported = client.get("/api/v1/services/export", headers=headers).json()
    assert len(exported) == 5
    again = parse_directory(hsds_source_from_json(exported, "export.json"))
    assert {s.name for s in again.services} == set(directory.ids)


def test_import_upserts_by_hsds_id_and_bumps_the_version(
    db: Session, directory: SmallDirectory
) -> None:
    stored = load_directory(db, None)
    row = db.get_one(Service, directory.ids["National legal aid"])
    version = row.version
    changed = [
        {**s, "name": "National legal aid (renamed)"} if s["name"] == "National legal aid" else s
        for s in to_hsds_json(stored)
    ]
    report = import_sources(db, None, [hsds_source_from_json(changed, "update.json")])
    assert report.updated["services"] == 5 and report.created == {}
    db.refresh(row)
    assert row.name == "National legal aid (renamed)" and row.version == version + 1


def test_ids_that_are_not_uuids_refuse_the_import(db: Session, world: World) -> None:
    doc = json.loads((HSDS / "json" / "service_list.json").read_text("utf-8"))
    doc["contents"][0]["id"] = "not-a-uuid"
    before = repository.counts(db)
    with pytest.raises(HsdsImportError) as caught:
        import_sources(db, None, [hsds_source_from_json(doc, "ids.json")])
    assert any("not-a-uuid" in e.message or "uuid" in e.message for e in caught.value.errors)
    assert repository.counts(db) == before


def test_example_path_exists() -> None:
    assert Path(HSDS / "csv" / "services.csv").exists()
