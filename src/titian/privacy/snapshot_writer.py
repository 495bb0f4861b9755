"""Write the de-identified case snapshot (issue 7, item 2): cases -> rows -> checked Parquet,
and its dialogue companion (issue 7, item 3): seats at held dialogues -> rows -> checked Parquet.

The writer is the only reader of the operational case tables on behalf of analytics; analytics
itself reads only the Parquet file (docs/analytics.md). It needs ``privacy.snapshot``
(``Permission.SNAPSHOT``; ``None`` is the operator at the command line). Cases are read through
the cases service (:func:`titian.cases.service.load_profile`, consent records from
:func:`titian.cases.service_consent.records_of`, interviews from the cases repository) and
referral facts through :mod:`titian.privacy.snapshot_sources`; only the consented facts listed
in :mod:`titian.privacy.snapshot` go into a row.

Each file is written to a temporary name in the target folder, checked against its schema
(``snapshot_schema.yaml`` or ``dialogue_snapshot_schema.yaml``: columns, types, closed code lists
and NULLs, exactly as the engine will check it), then renamed: a file that fails the check is
deleted and nothing is kept. The companion ``dialogues-<stamp>.parquet`` (one row per seat at a
held dialogue, no names or free text) is written first, then ``cases-<stamp>.parquet``; if the
case file fails, the companion is deleted too. The snapshot is recorded in the audit log with
both files' row counts and SHA-256, and the coverage.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy.orm import Session

from titian.analytics.catalogue import (
    SnapshotColumn,
    check_dialogue_snapshot_columns,
    check_snapshot_columns,
    dialogue_snapshot_columns,
    snapshot_columns,
)
from titian.analytics.indicators import file_sha256
from titian.audit import service as audit
from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.cases import service as cases_service
from titian.cases.service_consent import records_of
from titian.errors import Forbidden
from titian.kit.clock import utcnow
from titian.privacy import snapshot_sources as sources
from titian.privacy.snapshot import (
    STATISTICS_PURPOSE,
    CaseFacts,
    SnapshotRow,
    allows_statistics,
    ordered,
    seat_row,
    snapshot_key,
    snapshot_row,
    statistical_categories,
)
from titian.settings import Settings

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``; stages ``cases`` then ``dialogues`` (seats)."""
SCHEMA_NAME = "titian_cases_snapshot"
DIALOGUE_SCHEMA_NAME = "titian_dialogues_snapshot"
CheckColumns = Callable[[dict[str, str]], list[str]]
_ARROW = {"VARCHAR": pa.string(), "BOOLEAN": pa.bool_(), "TINYINT": pa.int8(), "DATE": pa.date32()}


class SnapshotError(ValueError):
    """The snapshot could not be written or failed its check; the message says which column."""


@dataclass(frozen=True)
class SnapshotResult:
    path: Path
    rows: int
    cases: int
    excluded_no_consent: int
    sha256: str
    referrals_available: bool
    written_at: datetime
    dialogue_path: Path | None = None
    seats: int = 0
    dialogues: int = 0
    dialogue_sha256: str = ""

    @property
    def coverage(self) -> float:
        return self.rows / self.cases if self.cases else 0.0


def snapshot_dir(settings: Settings) -> Path:
    return settings.data_dir / "snapshots"


def snapshot_name(at: datetime) -> str:
    """``cases-<YYYYMMDDTHHMMSSZ>.parquet`` (names sort by time: the newest is current)."""
    return f"cases-{at.strftime('%Y%m%dT%H%M%SZ')}.parquet"


def dialogue_snapshot_name(at: datetime) -> str:
    """``dialogues-<YYYYMMDDTHHMMSSZ>.parquet``: the companion, same timestamp as the cases."""
    return f"dialogues-{at.strftime('%Y%m%dT%H%M%SZ')}.parquet"


def _settings(session: Session) -> Settings:
    found = session.info.get("settings")
    return found if isinstance(found, Settings) else Settings()


def _require(principal: Principal | None) -> None:
    if principal is not None and not policies.has(principal, Permission.SNAPSHOT):
        raise Forbidden(f"your role does not allow this ({Permission.SNAPSHOT.value})")


def collect_rows(
    session: Session, at: datetime, key: bytes, progress: Progress | None = None
) -> tuple[list[SnapshotRow], int]:
    """Rows of every consenting person, and the number of cases looked at."""
    cases = sources.all_cases(session)
    alerts = sources.detention_alert_cases(session)
    referrals = sources.referral_facts(session)
    names = [c.name for c in snapshot_columns()]
    rows: list[SnapshotRow] = []
    for done, case in enumerate(cases, start=1):
        categories = statistical_categories(records_of(session, case.id), at)
        if allows_statistics(categories):
            facts = CaseFacts(
                case_id=case.id,
                country=case.country,
                profile=cases_service.load_profile(session, case),
                opened_on=case.created_at.date(),
                identified_on=case.identified_on,
                detention_alert=case.id in alerts,
                interviews=sources.interview_facts(session, case.id),
                referrals=None if referrals is None else referrals.get(case.id, ()),
                categories=categories,
            )
            rows.append(ordered(snapshot_row(facts, key), names))
        if progress is not None:
            progress("cases", done, len(cases))
    return rows, len(cases)


def collect_seats(
    session: Session, key: bytes, progress: Progress | None = None
) -> tuple[list[SnapshotRow], int]:
    """Rows of every seat at a held dialogue, and the number of held dialogues with a seat."""
    seats = sources.seat_facts(session)
    names = [c.name for c in dialogue_snapshot_columns()]
    rows = []
    for done, seat in enumerate(seats, start=1):
        rows.append(ordered(seat_row(seat, key), names))
        if progress is not None:
            progress("dialogues", done, len(seats))
    if progress is not None and not seats:
        progress("dialogues", 0, 0)
    return rows, len({s.dialogue_id for s in seats})


def arrow_table(
    rows: Sequence[SnapshotRow],
    metadata: dict[str, str],
    columns: Sequence[SnapshotColumn] | None = None,
) -> pa.Table:
    """The rows as an Arrow table with the schema's types (the case snapshot's unless
    ``columns`` is given) and the given key-value metadata."""
    cols = snapshot_columns() if columns is None else columns
    fields = [pa.field(c.name, _ARROW[c.type], nullable=c.nullable) for c in cols]
    schema = pa.schema(fields, metadata={k.encode(): v.encode() for k, v in metadata.items()})
    values = {f.name: [row[f.name] for row in rows] for f in fields}
    return pa.Table.from_pydict(values, schema=schema)


def _schema(dialogues: bool) -> tuple[Sequence[SnapshotColumn], CheckColumns]:
    if dialogues:
        return dialogue_snapshot_columns(), check_dialogue_snapshot_columns
    return snapshot_columns(), check_snapshot_columns


def check_file(path: Path, dialogues: bool = False) -> list[str]:
    """Every problem of a snapshot file: the engine's column check, then closed code lists and
    NULLs in non-nullable columns (``snapshot_schema.yaml``, or ``dialogue_snapshot_schema.yaml``
    for the companion when ``dialogues``)."""
    columns, check_columns = _schema(dialogues)
    con = duckdb.connect(":memory:")
    try:
        quoted = "'" + str(path).replace("'", "''") + "'"
        con.execute(f"CREATE VIEW f AS SELECT * FROM read_parquet({quoted})")  # noqa: S608
        found = {str(r[0]): str(r[1]) for r in con.execute("DESCRIBE f").fetchall()}
        problems = check_columns(found)
        if problems:
            return problems
        for col in columns:
            problems.extend(_column_problems(con, col.name, col.nullable, col.values))
    finally:
        con.close()
    return problems


def _column_problems(
    con: duckdb.DuckDBPyConnection, name: str, nullable: bool, values: tuple[str, ...] | None
) -> list[str]:
    problems = []
    if not nullable:
        nulls = con.execute(f'SELECT count(*) FROM f WHERE "{name}" IS NULL').fetchone()  # noqa: S608
        if nulls and nulls[0]:
            problems.append(f"column {name!r}: {nulls[0]} NULL value(s) in a non-nullable column")
    if values is not None:
        wanted = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
        sql = f'SELECT DISTINCT "{name}" FROM f WHERE "{name}" NOT IN ({wanted})'  # noqa: S608
        bad = sorted(str(r[0]) for r in con.execute(sql).fetchall())
        if bad:
            problems.append(f"column {name!r}: values not in the code list: {bad}")
    return problems


def _metadata(at: datetime, rows: int, cases: int, referrals: bool) -> dict[str, str]:
    coverage = {
        "rule": f"active consent with purpose {STATISTICS_PURPOSE.value} covering 'profile'",
        "cases": cases,
        "included": rows,
        "excluded_no_statistical_consent": cases - rows,
        "share": round(rows / cases, 4) if cases else 0.0,
    }
    return {
        "titian_schema": SCHEMA_NAME,
        "schema_version": "2026.1",
        "written_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "consent_coverage": json.dumps(coverage, sort_keys=True),
        "referrals": "available" if referrals else "not available (columns NULL)",
    }


def _dialogue_metadata(at: datetime, seats: int, dialogues: int) -> dict[str, str]:
    return {
        "titian_schema": DIALOGUE_SCHEMA_NAME,
        "schema_version": "2026.1",
        "written_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "rule": "one row per participant seat at a held dialogue; no names, titles or free text",
        "dialogues": str(dialogues),
        "seats": str(seats),
    }


def write_file(
    rows: Sequence[SnapshotRow], metadata: dict[str, str], target: Path, dialogues: bool = False
) -> str:
    """Write through a temporary file, check it, rename it into place; return its SHA-256.
    ``dialogues``: the rows are seats of the companion file (its own schema)."""
    columns, _ = _schema(dialogues)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        try:
            pq.write_table(arrow_table(rows, metadata, columns), temp)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise SnapshotError(f"{target.name}: refused: {exc}") from exc
        problems = check_file(temp, dialogues)
        if problems:
            raise SnapshotError(f"{target.name}: refused: " + "; ".join(problems))
        digest = file_sha256(temp)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return digest


def write_snapshot(
    session: Session,
    principal: Principal | None,
    out_dir: Path | None = None,
    progress: Progress | None = None,
) -> SnapshotResult:
    """Write a new snapshot of every consenting person, and its dialogue companion (same
    timestamp, same per-snapshot key), and audit both (the door commits)."""
    _require(principal)
    settings = _settings(session)
    at = utcnow()
    key = snapshot_key(settings.secret_key.get_secret_value().encode(), secrets.token_bytes(32))
    rows, cases = collect_rows(session, at, key, progress)
    seats, dialogues = collect_seats(session, key, progress)
    available = sources.referrals_available()
    folder = out_dir or snapshot_dir(settings)
    target = folder / snapshot_name(at)
    companion = folder / dialogue_snapshot_name(at)
    if target.exists() or companion.exists():
        raise SnapshotError(f"{target}: a snapshot of this second already exists; try again")
    seats_digest = write_file(
        seats, _dialogue_metadata(at, len(seats), dialogues), companion, dialogues=True
    )
    try:
        digest = write_file(rows, _metadata(at, len(rows), cases, available), target)
    except BaseException:
        companion.unlink(missing_ok=True)
        raise
    details = {
        "file": target.name,
        "rows": len(rows),
        "cases": cases,
        "excluded_no_consent": cases - len(rows),
        "sha256": digest,
        "referrals": available,
        "dialogues_file": companion.name,
        "dialogues": dialogues,
        "seats": len(seats),
        "dialogues_sha256": seats_digest,
    }
    audit.record(session, principal, "privacy.snapshot", "snapshot", target.name, details)
    return SnapshotResult(
        target, len(rows), cases, cases - len(rows), digest, available, at,
        companion, len(seats), dialogues, seats_digest,
    )  # fmt: skip
