"""The dialogue indicators over the snapshot's companion file (issue 7, item 3).

The companion (``dialogue_snapshot_schema.yaml``) is found beside the case snapshot by its
timestamp; without one the dialogue indicators are empty (no data, never an error). The SQL
agrees with the participation rules of the dialogue pages (``titian.dialogues.balance``) on
seats built from the same attendees. Synthetic data only; no database.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest

from titian.actors.vocab import Gender
from titian.analytics.catalogue import Source, dialogue_snapshot_columns, load_catalogue
from titian.analytics.indicators import (
    AnalyticsError,
    companion_path,
    compute,
    connect,
    dataset_files,
    dataset_hash,
    dataset_hashes,
    file_sha256,
    raw_tables,
    result_dict,
)
from titian.demo.analytics import dialogue_frame, snapshot_frame, write_snapshot
from titian.dialogues.balance import Attendee, balance
from titian.dialogues.vocab import ParticipantRole
from titian.network.vocab import ActorKind, Group
from titian.privacy.snapshot import SeatFacts, seat_row, snapshot_key
from titian.privacy.snapshot_writer import arrow_table

SEATS = ("titian_dialogue_seats_role_gender", "titian_dialogue_groups_represented")
KEY = snapshot_key(b"secret", b"0123456789abcdef")


def _cases(folder: Path, stamp: str = "20260101T000000Z") -> Path:
    path = folder / f"cases-{stamp}.parquet"
    snapshot_frame(200, seed=5).write_parquet(path)
    return path


def test_the_companion_is_found_by_its_timestamp(tmp_path: Path) -> None:
    cases = _cases(tmp_path)
    assert companion_path(cases) is None
    assert dataset_files(Source.TITIAN, [cases]) == [cases]
    assert dataset_hash(Source.TITIAN, [cases]) == file_sha256(cases)
    companion = tmp_path / "dialogues-20260101T000000Z.parquet"
    dialogue_frame(30, seed=2).write_parquet(companion)
    (tmp_path / "dialogues-20260202T000000Z.parquet").write_bytes(companion.read_bytes())
    assert companion_path(cases) == companion
    moved = cases.rename(tmp_path / "synthetic-20260101T000000Z.parquet")
    assert companion_path(moved) == companion  # the same timestamp after the demo's move
    assert dataset_files(Source.TITIAN, [moved]) == [moved, companion]
    assert dataset_files(Source.CTDC, [moved]) == [moved]  # CTDC files have no companion
    assert dataset_hash(Source.TITIAN, [moved]) not in (file_sha256(moved), file_sha256(companion))
    assert dataset_hashes(Source.TITIAN, [moved]) == {
        "people": file_sha256(moved), "seats": file_sha256(companion),
    }  # fmt: skip


def test_without_a_companion_the_dialogue_indicators_are_empty(tmp_path: Path) -> None:
    cases = _cases(tmp_path)
    con = connect(Source.TITIAN, [cases])
    try:
        assert con.execute("SELECT count(*) FROM seats").fetchone() == (0,)
        columns = {str(r[0]): str(r[1]) for r in con.execute("DESCRIBE seat_src").fetchall()}
        assert columns == {c.name: c.type for c in dialogue_snapshot_columns()}
    finally:
        con.close()
    results = compute(Source.TITIAN, [cases], threshold=11, rounding=None, only=SEATS)
    seats, groups = (result_dict(r) for r in results)
    assert seats["tables"] == [] and groups["tables"] == []  # no data, never a table of zeros


def test_a_companion_outside_its_schema_is_refused_naming_the_column(tmp_path: Path) -> None:
    cases = _cases(tmp_path)
    frame = dialogue_frame(10, seed=1).with_columns(pl.lit("A Name").alias("person"))
    frame.write_parquet(tmp_path / "dialogues-20260101T000000Z.parquet")
    with pytest.raises(AnalyticsError, match=r"'person' is not in dialogue_snapshot_schema\.yaml"):
        connect(Source.TITIAN, [cases])


def test_the_connection_reads_the_companion_and_no_other_file(tmp_path: Path) -> None:
    cases = _cases(tmp_path)
    companion = tmp_path / "dialogues-20260101T000000Z.parquet"
    dialogue_frame(10, seed=1).write_parquet(companion)
    other = tmp_path / "dialogues-20260202T000000Z.parquet"
    other.write_bytes(companion.read_bytes())
    con = connect(Source.TITIAN, [cases])
    try:
        assert con.execute(f"SELECT count(*) FROM read_parquet('{companion}')").fetchone()
        with pytest.raises(duckdb.Error):
            con.execute(f"SELECT count(*) FROM read_parquet('{other}')")
    finally:
        con.close()


def test_the_country_filter_applies_to_the_dialogues(tmp_path: Path) -> None:
    cases = write_snapshot(tmp_path / "cases-1.parquet", 300, seed=4, dialogues=80)
    companion = pl.read_parquet(tmp_path / "dialogues-1.parquet")
    con = connect(Source.TITIAN, [cases], "TH")
    try:
        assert con.execute("SELECT DISTINCT country FROM seats").fetchall() == [("TH",)]
        found = con.execute("SELECT count(*) FROM seats").fetchone()
    finally:
        con.close()
    assert found == (companion.filter(pl.col("country") == "TH").height,)


# Two held dialogues, built as the dialogue pages see them (Attendee) and as the writer writes
# them (SeatFacts -> seat_row): police (woman, man), a shelter serving children (woman), legal
# aid for migrants (undisclosed), academia (non-binary); then a women's organisation alone.
ORGS = {
    "police": (ActorKind.POLICE, frozenset[Group]()),
    "shelter": (ActorKind.SHELTER, frozenset({Group.CHILDREN})),
    "legal": (ActorKind.LEGAL_AID, frozenset({Group.MIGRANT})),
    "academia": (ActorKind.ACADEMIA, frozenset[Group]()),
    "women": (ActorKind.WOMENS_ORG, frozenset({Group.WOMEN, Group.LGBTQI})),
}
DIALOGUES = {
    uuid.UUID(int=1): [("police", ParticipantRole.JUSTICE, Gender.WOMAN),
                       ("police", ParticipantRole.JUSTICE, Gender.MAN),
                       ("shelter", ParticipantRole.SUPPORT, Gender.WOMAN),
                       ("legal", ParticipantRole.SUPPORT, Gender.UNDISCLOSED),
                       ("academia", ParticipantRole.OTHER, Gender.NON_BINARY)],
    uuid.UUID(int=2): [("women", ParticipantRole.SUPPORT, Gender.WOMAN),
                       ("women", ParticipantRole.SUPPORT, Gender.WOMAN)],
}  # fmt: skip


def _attendees(seats: list[tuple[str, ParticipantRole, Gender]]) -> list[Attendee]:
    return [Attendee(org, ORGS[org][0], ORGS[org][1], role, gender) for org, role, gender in seats]


def test_the_sql_agrees_with_the_dialogue_pages(tmp_path: Path) -> None:
    rows = [
        seat_row(SeatFacts(did, "TH", date(2026, 5, 9), role, gender, *ORGS[org]), KEY)
        for did, seats in DIALOGUES.items()
        for org, role, gender in seats
    ]
    cases = _cases(tmp_path)
    pq.write_table(
        arrow_table(rows, {}, dialogue_snapshot_columns()),
        tmp_path / "dialogues-20260101T000000Z.parquet",
    )
    cat = load_catalogue(Source.TITIAN)
    con = connect(Source.TITIAN, [cases])
    try:
        seats = raw_tables(con, cat.get("titian_dialogue_seats_role_gender"))[0].table.counts
        groups = {
            t.slice_value: t.table.counts
            for t in raw_tables(con, cat.get("titian_dialogue_groups_represented"))
        }
    finally:
        con.close()
    pooled = balance(_attendees([s for v in DIALOGUES.values() for s in v]), dialogues=2)
    # undisclosed gender is left out, as from the pages' base of the share of women
    assert sum(seats.values()) == pooled.women.base == 6
    assert sum(n for (_, g), n in seats.items() if g == "women") == pooled.women.count == 4
    assert seats == {("justice", "women"): 1, ("justice", "men"): 1, ("support", "women"): 3,
                     ("other_side", "another"): 1}  # fmt: skip
    codes = {g.value: g.value for g in Group} | {"disability": "people_with_disability"}
    for group in Group:
        represented = sum(group in balance(_attendees(v)).groups_represented
                          for v in DIALOGUES.values())  # fmt: skip
        found = groups[codes[group.value]]
        assert (found.get(("yes",), 0), found.get(("no",), 0)) == (represented, 2 - represented)
    assert groups["girls"] == {("yes",): 1, ("no",): 1}  # a shelter serving children
    assert groups["men"] == {("no",): 2}


def test_the_synthetic_companion_gives_published_dialogue_figures(tmp_path: Path) -> None:
    """The demo's synthetic companion is large enough for figures to show (not all masked)."""
    cases = write_snapshot(tmp_path / "cases-1.parquet", 500, seed=2026, dialogues=600)
    results = compute(Source.TITIAN, [cases], threshold=11, rounding=None, only=SEATS)
    for result in results:
        cells = [c for t in result_dict(result)["tables"] for c in t["cells"]]  # type: ignore[attr-defined]
        published = [c for c in cells if c["count"]]
        assert cells and len(published) >= len(cells) * 0.8, result.indicator.id


def test_the_companion_schema_has_one_flag_per_project_group() -> None:
    flags = [c.name for c in dialogue_snapshot_columns() if c.name.startswith("serves_")]
    assert flags == [f"serves_{g.value}" for g in Group]
    roles = {c.name: c.values for c in dialogue_snapshot_columns()}
    assert roles["participant_role"] == tuple(r.value for r in ParticipantRole)
