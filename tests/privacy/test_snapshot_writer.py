"""The de-identified case snapshot on a real database (SQLite or PostgreSQL): the scan test.

Cases with known synthetic identifiers (names, aliases, birth dates, documents, phones, emails,
addresses) and free text (notes, reasons, self-described terms) are loaded; the snapshot is
written; every cell, column name and metadata entry of the Parquet file is scanned for each of
them and for the case numbers and ids (issue 7 acceptance).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.analytics.support import install_snapshot
from tests.privacy.snapshot_support import cells, load_cases, load_dialogues
from tests.support.fixtures import World
from titian.analytics import service as analytics_service
from titian.analytics.catalogue import Source, dialogue_snapshot_columns, snapshot_columns
from titian.analytics.indicators import dataset_hash, file_sha256
from titian.analytics.schemas import IndicatorQuery
from titian.audit.models import AuditEvent
from titian.auth.service import principal_for
from titian.cases import service_consent
from titian.cases.schemas import ConsentWithdraw
from titian.errors import Forbidden
from titian.privacy import snapshot_writer
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
    talks = load_dialogues(db, world.operator)
    result = write_snapshot(db, principal_for(world["analyst"]), tmp_path)
    assert result.rows == len(loaded.consenting) > 10
    assert result.dialogue_path is not None and result.seats == talks.seats > 0
    # the companion too: no participant name, organisation name, title, topic or free text
    found = "\n".join(cells(result.path) + cells(result.dialogue_path)).lower()
    leaks = [s for s in loaded.secrets + talks.secrets if s.lower() in found]
    assert leaks == []
    seats = pq.read_table(result.dialogue_path)
    assert seats.column_names == [c.name for c in dialogue_snapshot_columns()]
    assert not [n for n in seats.column_names if n.endswith(("name", "title", "person", "_id"))]
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
    # identified 1-16 March, first referral sent 20-24 April: 35 to 54 days later
    assert {r["days_to_first_referral"] for r in table} == {"31-90", None}
    assert all((r["days_to_first_referral"] is None) == (r["referral_accepted"] is None)
               for r in table)  # fmt: skip
    # a gap referral alone (never sent) or beside a sent one; cases without any referral: NULL
    assert {r["service_gap"] for r in table} == {True, False, None}
    assert any(r["service_gap"] and r["referral_accepted"] is None for r in table)
    assert any(r["service_gap"] and r["referral_accepted"] is not None for r in table)
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
    # the dataset is both files: the case snapshot and its dialogue companion
    both = hashlib.sha256((result.sha256 + result.dialogue_sha256).encode()).hexdigest()
    assert read.dataset_sha256 == both == dataset_hash(Source.TITIAN, [result.path])
    [indicator] = read.indicators
    cells_ = {(c["gender"], c["age_band"]): c["display"] for c in indicator["tables"][0]["cells"]}
    # 12 consenting adults in two age bands: small cells and the total are masked, never shown
    assert cells_[("woman", "30-38")] == "–" and cells_[("Total", "Total")] == "–"
    assert cells_[("woman", "0-8")] == "0"


def test_the_dialogue_companion_has_one_row_per_seat_at_a_held_dialogue(
    db: Session, world: World, tmp_path: Path
) -> None:
    load_cases(db, count=2)
    talks = load_dialogues(db, world.operator)
    result = write_snapshot(db, None, tmp_path)
    assert result.dialogue_path == tmp_path / result.path.name.replace("cases-", "dialogues-")
    assert (result.dialogues, result.seats) == (talks.held, talks.seats) == (2, 6)
    assert result.dialogue_sha256 == file_sha256(result.dialogue_path)
    assert check_file(result.dialogue_path, dialogues=True) == []
    rows = pq.read_table(result.dialogue_path).to_pylist()
    assert len({r["dialogue_pid"] for r in rows}) == 2
    assert {r["held_month"] for r in rows} == {date(2026, 5, 1)}
    by_side = {(r["participant_role"], r["organisation_role"], r["participant_gender"])
               for r in rows}  # fmt: skip
    assert by_side == {("support", "support", "woman"), ("justice", "justice", "man"),
                       ("other", "other", "unknown")}  # fmt: skip
    shelter = [r for r in rows if r["organisation_role"] == "support"]
    # children -> girls and boys (expand_groups); the shelter serves no migrants
    assert all(r["serves_children"] and r["serves_girls"] and r["serves_boys"]
               and r["serves_women"] and not r["serves_migrant"] for r in shelter)  # fmt: skip
    metadata = pq.read_metadata(result.dialogue_path).metadata
    assert metadata[b"titian_schema"] == b"titian_dialogues_snapshot"
    assert metadata[b"seats"] == b"6"
    event = db.scalars(select(AuditEvent).where(AuditEvent.action == "privacy.snapshot")).all()[-1]
    expected = {"dialogues_file": result.dialogue_path.name, "seats": 6,
                "dialogues_sha256": result.dialogue_sha256}  # fmt: skip
    assert expected.items() <= event.details.items()


def test_dialogue_pids_do_not_link_across_snapshots(
    db: Session, world: World, tmp_path: Path
) -> None:
    load_dialogues(db, world.operator)
    first = write_snapshot(db, None, tmp_path / "a")
    second = write_snapshot(db, None, tmp_path / "b")
    pids = [set(pq.read_table(r.dialogue_path)["dialogue_pid"].to_pylist())
            for r in (first, second) if r.dialogue_path is not None]  # fmt: skip
    assert len(pids) == 2 and len(pids[0]) == 2 and not pids[0] & pids[1]


def test_a_companion_that_fails_the_check_is_not_kept(tmp_path: Path) -> None:
    row: dict[str, object] = dict.fromkeys(c.name for c in dialogue_snapshot_columns())
    row.update({c.name: False for c in dialogue_snapshot_columns() if c.type == "BOOLEAN"})
    row.update(dialogue_pid="d", country="TH", held_month=date(2026, 5, 1),
               participant_role="justice", participant_gender="undisclosed",
               organisation_role="support")  # fmt: skip
    target = tmp_path / "dialogues-20260101T000000Z.parquet"
    with pytest.raises(SnapshotError, match=r"'participant_gender'.*undisclosed"):
        write_file([row], {}, target, dialogues=True)
    assert list(tmp_path.iterdir()) == []
    row["participant_gender"] = "unknown"
    assert write_file([row], {}, target, dialogues=True) == file_sha256(target)
    assert check_file(target, dialogues=True) == []
    assert check_file(target) != []  # not a case snapshot


def test_a_failed_case_file_takes_its_companion_with_it(
    db: Session, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_cases(db, count=2)
    load_dialogues(db, world.operator)
    real = snapshot_writer.write_file

    def failing(rows, metadata, target, dialogues=False):  # type: ignore[no-untyped-def]
        if not dialogues:
            raise SnapshotError(f"{target.name}: refused: test")
        return real(rows, metadata, target, dialogues)

    monkeypatch.setattr(snapshot_writer, "write_file", failing)
    with pytest.raises(SnapshotError, match="refused: test"):
        write_snapshot(db, None, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_a_changed_companion_is_a_different_dataset(
    db: Session, world: World, settings: Settings
) -> None:
    load_cases(db, count=14)
    talks = load_dialogues(db, world.operator)
    result = write_snapshot(db, None)
    query = IndicatorQuery(source=Source.TITIAN, indicators=["titian_dialogue_seats_role_gender"])
    analyst = principal_for(world["analyst"])
    before = analytics_service.indicator_set(db, analyst, query)
    assert result.dialogue_path is not None
    companion = pq.read_table(result.dialogue_path)
    pq.write_table(companion.slice(0, talks.seats - 1), result.dialogue_path)
    after = analytics_service.indicator_set(db, analyst, query)
    assert before.dataset_sha256 != after.dataset_sha256
    assert after.dataset_sha256 == dataset_hash(Source.TITIAN, [result.path])
    assert result.sha256 == file_sha256(result.path)  # the case file did not change
