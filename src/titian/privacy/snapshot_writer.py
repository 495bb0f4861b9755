"""Write the de-identified case snapshot (issue 7, item 2): cases -> rows -> checked Parquet.

The writer is the only reader of the operational case tables on behalf of analytics; analytics
itself reads only the Parquet file (docs/analytics.md). It needs ``privacy.snapshot``
(``Permission.SNAPSHOT``; ``None`` is the operator at the command line). Cases are read through
the cases service (:func:`titian.cases.service.load_profile`, consent records from
:func:`titian.cases.service_consent.records_of`, interviews from the cases repository) and
referral facts through :mod:`titian.privacy.snapshot_sources`; only the consented facts listed
in :mod:`titian.privacy.snapshot` go into a row.

The file is written to a temporary name in the target folder, checked against
``snapshot_schema.yaml`` (columns, types, closed code lists and NULLs, exactly as the engine
will check it), then renamed: a file that fails the check is deleted and nothing is kept. The
snapshot is recorded in the audit log with its row count, coverage and SHA-256.
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

from titian.analytics.catalogue import check_snapshot_columns, snapshot_columns
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
    snapshot_key,
    snapshot_row,
    statistical_categories,
)
from titian.settings import Settings

Progress = Callable[[int, int], None]
SCHEMA_NAME = "titian_cases_snapshot"
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

    @property
    def coverage(self) -> float:
        return self.rows / self.cases if self.cases else 0.0


def snapshot_dir(settings: Settings) -> Path:
    return settings.data_dir / "snapshots"


def snapshot_name(at: datetime) -> str:
    """``cases-<YYYYMMDDTHHMMSSZ>.parquet`` (names sort by time: the newest is current)."""
    return f"cases-{at.strftime('%Y%m%dT%H%M%SZ')}.parquet"


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
            progress(done, len(cases))
    return rows, len(cases)


def arrow_table(rows: Sequence[SnapshotRow], metadata: dict[str, str]) -> pa.Table:
    """The rows as an Arrow table with the schema's types and the given key-value metadata."""
    fields = [pa.field(c.name, _ARROW[c.type], nullable=c.nullable) for c in snapshot_columns()]
    schema = pa.schema(fields, metadata={k.encode(): v.encode() for k, v in metadata.items()})
    columns = {f.name: [row[f.name] for row in rows] for f in fields}
    return pa.Table.from_pydict(columns, schema=schema)


def check_file(path: Path) -> list[str]:
    """Every problem of a snapshot file: the engine's column check, then closed code lists and
    NULLs in non-nullable columns (``snapshot_schema.yaml``)."""
    con = duckdb.connect(":memory:")
    try:
        quoted = "'" + str(path).replace("'", "''") + "'"
        con.execute(f"CREATE VIEW f AS SELECT * FROM read_parquet({quoted})")  # noqa: S608
        found = {str(r[0]): str(r[1]) for r in con.execute("DESCRIBE f").fetchall()}
        problems = check_snapshot_columns(found)
        if problems:
            return problems
        for col in snapshot_columns():
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


def write_file(rows: Sequence[SnapshotRow], metadata: dict[str, str], target: Path) -> str:
    """Write through a temporary file, check it, rename it into place; return its SHA-256."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        try:
            pq.write_table(arrow_table(rows, metadata), temp)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise SnapshotError(f"{target.name}: refused: {exc}") from exc
        problems = check_file(temp)
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
    """Write a new snapshot of every consenting person and audit it (the door commits)."""
    _require(principal)
    settings = _settings(session)
    at = utcnow()
    key = snapshot_key(settings.secret_key.get_secret_value().encode(), secrets.token_bytes(32))
    rows, cases = collect_rows(session, at, key, progress)
    available = sources.referrals_available()
    target = (out_dir or snapshot_dir(settings)) / snapshot_name(at)
    if target.exists():
        raise SnapshotError(f"{target}: a snapshot of this second already exists; try again")
    digest = write_file(rows, _metadata(at, len(rows), cases, available), target)
    details = {
        "file": target.name,
        "rows": len(rows),
        "cases": cases,
        "excluded_no_consent": cases - len(rows),
        "sha256": digest,
        "referrals": available,
    }
    audit.record(session, principal, "privacy.snapshot", "snapshot", target.name, details)
    return SnapshotResult(target, len(rows), cases, cases - len(rows), digest, available, at)
