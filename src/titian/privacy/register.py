"""The register of published tables (``release_table``), read for the differencing check.

Every table of a published release is recorded as a reader knows it: its published cells, masks
and rounding, and what it counts (source, indicator, slice, country filter, hash of the data file
the table counts: :func:`table_dataset`). The pure rule (:mod:`titian.privacy.differencing`)
compares a new release's tables with every registered table. The register is deployment-wide on
purpose: a published table is public, so a new release is checked against every earlier one,
whichever agency published it.

Releases published before the register existed (revision 0008) are read from their verified
``release.json`` instead (its SHA-256 must match the release log); a release whose file is gone
or changed cannot be read, and is reported so that nobody assumes it was checked.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from titian.analytics.catalogue import CatalogueError, Source, load_catalogue
from titian.analytics.indicators import IndicatorResult
from titian.privacy.differencing import PublishedTable
from titian.privacy.models import Release, ReleasedTableRecord, ReleaseStatus
from titian.privacy.sdc_release import TOTAL_LABEL, ReleasedCell, ReleasedTable
from titian.privacy.sdc_settings import RoundingRule, SdcError
from titian.privacy.sdc_table import TOTAL, CellKey

ROUNDING = {"base5": {"base": 5, "method": "nearest"}, "floor10": {"base": 10, "method": "floor"}}


def table_dataset(release: Release, kind: str) -> str:
    """The hash of the data a table of ``kind`` (``Indicator.table``: people, seats) counts.

    A Titian snapshot may have a dialogue companion; the release's ``dataset_sha256`` covers both
    files, but a table counts one of them. Comparing tables by the file they count keeps two
    releases of people tables over the same case file "the same data" (the exact nested check)
    even when the companion changed, and vice versa. Releases without the per-kind hashes
    (parameters ``datasets``, before companions existed) read one file: their dataset hash."""
    parts = release.parameters.get("datasets")
    if isinstance(parts, dict):
        found = parts.get(kind)
        if isinstance(found, str):
            return found
    return release.dataset_sha256


def from_results(release: Release, results: Sequence[IndicatorResult]) -> list[PublishedTable]:
    """The tables a release publishes, as the differencing rule sees them."""
    found: list[PublishedTable] = []
    for result in results:
        ind = result.indicator
        for table in result.tables:
            found.append(
                _published(release, ind.id, table.slice_value, ind.linked, table.released,
                           ind.table)
            )  # fmt: skip
    return found


def _published(
    release: Release,
    indicator: str,
    slice_value: str | None,
    linked: bool,
    table: ReleasedTable,
    kind: str = "people",
) -> PublishedTable:
    return PublishedTable(
        str(release.id), release.title, release.source, indicator, slice_value, linked,
        release.country, table_dataset(release, kind), table,
    )  # fmt: skip


def _record(release_id: uuid.UUID, table: PublishedTable) -> ReleasedTableRecord:
    released = table.table
    rounding = None if released.rounding is None else released.rounding.model_dump(mode="json")
    return ReleasedTableRecord(
        release_id=release_id,
        source=table.source,
        indicator=table.indicator,
        slice_value=table.slice_value,
        linked=table.linked,
        country=table.country,
        dataset_sha256=table.dataset,
        threshold=released.threshold,
        rounding=rounding,
        dimensions=list(released.dimensions),
        categories=[list(c) for c in released.categories],
        cells=[[list(key), cell.value] for key, cell in released.cells.items()],
    )


def record_tables(session: Session, release: Release, tables: Iterable[PublishedTable]) -> None:
    for table in tables:
        session.add(_record(release.id, table))
    session.flush()


def _released(
    dimensions: Sequence[str],
    categories: Sequence[Sequence[str]],
    cells: Iterable[tuple[CellKey, int | None]],
    threshold: int,
    rounding: dict[str, Any] | None,
) -> ReleasedTable:
    built = {
        key: ReleasedCell.masked() if value is None else ReleasedCell.published(int(value))
        for key, value in cells
    }
    rule = None if rounding is None else RoundingRule.model_validate(rounding)
    return ReleasedTable(
        tuple(dimensions), tuple(tuple(c) for c in categories), built, threshold, rule
    )


def _from_record(record: ReleasedTableRecord, title: str) -> PublishedTable:
    cells: list[tuple[CellKey, int | None]] = []
    for key, value in record.cells:
        assert isinstance(key, list) and (value is None or isinstance(value, int))
        cells.append((tuple(str(k) for k in key), value))
    table = _released(
        record.dimensions, record.categories, cells, record.threshold, record.rounding
    )
    return PublishedTable(
        str(record.release_id), title, record.source, record.indicator, record.slice_value,
        record.linked, record.country, record.dataset_sha256, table,
    )  # fmt: skip


def _legacy(release: Release) -> list[PublishedTable]:
    """Tables of a release published before the register, from its verified release.json."""
    entry = next((f for f in release.files if f.name == "release.json"), None)
    if entry is None:
        raise SdcError(f"release {release.title!r} ({release.id}): no release.json recorded")
    path = Path(entry.path)
    content = path.read_bytes() if path.is_file() else b""
    if hashlib.sha256(content).hexdigest() != entry.sha256:
        raise SdcError(f"release {release.title!r} ({release.id}): {path} is gone or changed")
    body = json.loads(content)
    threshold = int(release.parameters.get("threshold", 11))  # type: ignore[call-overload]
    rounding = ROUNDING.get(str(release.parameters.get("rounding", "none")))
    found: list[PublishedTable] = []
    for indicator in body["indicators"]:
        try:
            known = load_catalogue(Source(release.source)).get(indicator["id"])
            linked, kind = known.linked, known.table
        except (CatalogueError, ValueError):
            linked, kind = False, "people"
        for t in indicator["tables"]:
            dims = t["dimensions"]
            cells = (
                (tuple(TOTAL if c[d] == TOTAL_LABEL else c[d] for d in dims), c["count"])
                for c in t["cells"]
            )
            table = _released(dims, t["categories"], cells, threshold, rounding)
            found.append(_published(release, indicator["id"], t["slice"], linked, table, kind))
    return found


def earlier_tables(
    session: Session, source: str, exclude: uuid.UUID
) -> tuple[list[PublishedTable], list[str]]:
    """Every registered table of ``source`` (all agencies), and the releases that could not be
    read (legacy releases whose release.json is gone or changed)."""
    releases = session.scalars(
        select(Release).where(
            Release.source == source,
            Release.status == ReleaseStatus.PUBLISHED,
            Release.id != exclude,
        )
    ).all()
    titles = {r.id: r.title for r in releases}
    records = session.scalars(
        select(ReleasedTableRecord).where(ReleasedTableRecord.source == source)
    ).all()
    found = [_from_record(r, titles[r.release_id]) for r in records if r.release_id in titles]
    registered = {r.release_id for r in records}
    unreadable: list[str] = []
    for release in releases:
        if release.id in registered:
            continue
        try:
            found += _legacy(release)
        except (SdcError, OSError, ValueError, KeyError) as exc:
            unreadable.append(str(exc))
    return found, unreadable


def lock_source(session: Session, source: str) -> None:
    """Serialise publications of one source (PostgreSQL advisory lock until the transaction
    ends; SQLite allows one writer at a time anyway), so that two releases checked at the same
    moment cannot both pass against a register that holds neither."""
    if session.get_bind().dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(f"release_table:{source}".encode()).digest()[:8])
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key - 2**63})
