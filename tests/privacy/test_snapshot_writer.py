"""The de-identified case snapshot on a real database (SQLite or PostgreSQL): the scan test.

Cases with known synthetic identifiers (names, aliases, birth dates, documents, phones, emails,
addresses) and free text (notes, reasons, self-described terms) are loaded; the snapshot is
written; every cell, column name and metadata entry of the Parquet file is scanned for each of
them and for the case numbers and ids (issue 7 acceptance).
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.analytics.support import install_snapshot
from tests.privacy.snapshot_support import cells, load_cases
from tests.support.fixtures import World
from titian.analytics import service as analytics_service
from titian.analytics.catalogue import Source, snapshot_columns
from titian.analytics.indicators import file_sha256
from titian.analytics.schemas import IndicatorQuery
from titian.audit.models import AuditEvent
from titian.auth.service import principal_for
from titian.cases import service_consent
from titian.cases.schemas import ConsentWithdraw
from titian.errors import Forbidden
from titian.privacy.snapshot_writer import (
    SnapshotError,
    check_file,
    write_file,
    write_snapshot,
)
from titian.settings import Settings

FORBIDDEN_COLUMN_WORDS = (
    "name", "alias", "birth", "phone", "email", "address", "document", "note", "text", "reason",
    "sogiesc", "sex", "orientation", "lgbtqi", "pronouns", "health", "hiv", "number", "plan",
    "characteristics", "dob", "term", "id", "case",
)  # fmt: skip


def test_no_identifying_value_or_case_number_is_in_the_snapshot(
    db: Session, world: World, tmp_path: Path
) -> None:
    loaded = load_cases(db)
    result = write_snapshot(db, principal_for(world["analyst"]), tmp_path)
    assert result.rows == len(loaded.consenting) > 10
    found = "\n".join(cells(result.path)).lower()
    leaks = [s for s in loaded.secrets if s.lower() in found]
    assert leaks == []
    for case in loaded.cases:
        for marker in (case.number, str(case.id), case.id.hex):
            assert marker.lower() not in found, marker
    names = pq.read_table(result.path).column_names
    assert names == [c.name for c in snapshot_columns()]
    assert not [n for n in names if set(n.split("_")) & set(FORBIDDEN_COLUMN_WORDS)]


def test_only_people_with_a_statistical_consent_are_written(
    db: Session, world: World, tmp_path: Path
) -> None:
    loaded = load_cases(db)
    withdrawn = loaded.consenting.pop()
    [consent] = service_consent.records_of(db, withdrawn.id)
    service_consent.withdraw_consent(
        db, loaded.worker, withdrawn.id, consent.consent_id, ConsentWithdraw(reason="stop")
    )
    result = write_snapshot(db, None, tmp_path)
    table = pq.read_table(result.path).to_pylist()
    assert result.rows == len(table) == len(loaded.consenting)
    assert result.cases >= len(loaded.cases)
    coverage = json.loads(pq.read_metadata(result.path).metadata[b"consent_coverage"])
    assert coverage["included"] == len(loaded.consenting)
    assert coverage["excluded_no_statistical_consent"] == result.cases - result.rows
    assert "research_and_statistics" in coverage["rule"]
    assert {r["identified_month"].day for r in table} == {1}
    assert {r["gender"] for r in table} <= {"woman", "man", "another", "unknown"}
    assert {r["referral_accepted"] for r in table} == {True, False, None}
    profile_only = [r for r in table if r["wg_mobility"] is None]
    assert profile_only and all(r["detained"] is None for r in profile_only)
    assert any(r["wg_mobility"] == 4 and r["detained"] is not None for r in table)


def test_pids_do_not_link_across_snapshots_and_the_snapshot_is_audited(
    db: Session, world: World, tmp_path: Path
) -> None:
    load_cases(db, count=6)
    first = write_snapshot(db, None, tmp_path / "a")
    second = write_snapshot(db, None, tmp_path / "b")
    pids = [set(pq.read_table(r.path)["person_pid"].to_pylist()) for r in (first, second)]
    assert len(pids[0]) == first.rows and not pids[0] & pids[1]
    events = db.scalars(select(AuditEvent).where(AuditEvent.action == "privacy.snapshot")).all()
    details = [e.details for e in events]
    assert {
        "file": first.path.name,
        "rows": first.rows,
        "sha256": file_sha256(first.path),
    }.items() <= details[-2].items()
    assert details[-1]["sha256"] == second.sha256


def test_a_case_worker_may_not_write_a_snapshot(db: Session, world: World, tmp_path: Path) -> None:
    with pytest.raises(Forbidden):
        write_snapshot(db, principal_for(world["caseworker_a"]), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_file_that_fails_the_check_is_not_kept(tmp_path: Path) -> None:
    row: dict[str, object] = dict.fromkeys(c.name for c in snapshot_columns())
    row.update(person_pid="p", country="TH", gender="female", age_band="unknown",
               citizenship_status="unknown", identification_status="possible")  # fmt: skip
    with pytest.raises(SnapshotError, match=r"'gender'.*female"):
        write_file([row], {}, tmp_path / "cases-20260101T000000Z.parquet")
    assert list(tmp_path.iterdir()) == []
    row["gender"] = "woman"
    row["identification_status"] = None
    with pytest.raises(SnapshotError, match=r"identification_status.*null"):
        write_file([row], {}, tmp_path / "cases-20260101T000000Z.parquet")
    row["identification_status"] = "possible"
    target = tmp_path / "cases-20260101T000000Z.parquet"
    digest = write_file([row], {}, target)
    assert check_file(target) == [] and digest == file_sha256(target)
    assert list(tmp_path.iterdir()) == [target]


def test_the_titian_indicators_read_the_newest_real_snapshot(
    db: Session, world: World, settings: Settings
) -> None:
    load_cases(db, count=14)
    synthetic = install_snapshot(settings.data_dir, rows=300)
    result = write_snapshot(db, None)
    assert result.path.parent == synthetic.parent and result.path.name > synthetic.name
    query = IndicatorQuery(source=Source.TITIAN, indicators=["titian_gender_age"])
    read = analytics_service.indicator_set(db, principal_for(world["analyst"]), query)
    assert read.dataset_sha256 == result.sha256
    [indicator] = read.indicators
    cells_ = {(c["gender"], c["age_band"]): c["display"] for c in indicator["tables"][0]["cells"]}
    # 12 consenting adults in two age bands: small cells and the total are masked, never shown
    assert cells_[("woman", "30-38")] == "–" and cells_[("Total", "Total")] == "–"
    assert cells_[("woman", "0-8")] == "0"
