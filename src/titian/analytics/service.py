"""Analytics use cases: record CTDC imports, and compute disclosure-controlled indicators.

Services never commit (the door does). Indicators are computed by :mod:`titian.analytics.indicators`
over Parquet files only (an imported CTDC file or the newest de-identified case snapshot); the only
database rows analytics touches are its own import log and the audit log.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from titian.analytics import repository
from titian.analytics.catalogue import CatalogueError, Source, load_catalogue
from titian.analytics.ctdc import ImportReport, import_ctdc
from titian.analytics.indicators import (
    AnalyticsError,
    IndicatorResult,
    compute,
    dataset_hash,
    file_sha256,
    result_dict,
)
from titian.analytics.models import CtdcImport
from titian.analytics.schemas import IndicatorQuery, IndicatorSetRead
from titian.audit import service as audit
from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.countries.registry import get_country
from titian.errors import Forbidden, Invalid, NotFound
from titian.kit.clock import utcnow
from titian.settings import Settings

Progress = Callable[[str, int, int], None]
SNAPSHOT_GLOB = "cases-*.parquet"


def settings_of(session: Session) -> Settings:
    found = session.info.get("settings")
    return found if isinstance(found, Settings) else Settings()


def require(principal: Principal | None, permission: Permission) -> None:
    """``None`` is the operator at the command line; everyone else needs the permission."""
    if principal is not None and not policies.has(principal, permission):
        raise Forbidden(f"your role does not allow this ({permission.value})")


def threshold_for(settings: Settings, country: str | None) -> int:
    """The global small-cell threshold, or the country's when that one is stricter."""
    threshold = settings.small_cell_threshold
    if country:
        override = get_country(country).small_cell_threshold
        if override is not None:
            threshold = max(threshold, override)
    return threshold


def ctdc_dir(settings: Settings) -> Path:
    return settings.data_dir / "ctdc"


def import_file(
    session: Session,
    actor: Principal | None,
    source: Path,
    out: Path | None = None,
    progress: Progress | None = None,
) -> tuple[CtdcImport, ImportReport]:
    """Import a CTDC file (all or nothing) and record it: file name, hash, generation, rows, who."""
    require(actor, Permission.ANALYTICS)
    if not source.is_file():
        raise NotFound(f"{source}: no such file")
    sha = file_sha256(source)
    target = out or ctdc_dir(settings_of(session)) / f"{source.stem}-{sha[:12]}.parquet"
    target.parent.mkdir(parents=True, exist_ok=True)
    report = import_ctdc(source, target, progress=progress)
    record = CtdcImport(
        file_name=source.name,
        sha256=sha,
        generation=str(report.generation),
        rows=report.rows_written,
        columns=report.columns_written,
        output_path=str(target.resolve()),
        imported_at=utcnow(),
        imported_by=actor.username if actor else f"system ({getpass.getuser()})",
        user_id=actor.user_id if actor else None,
    )
    session.add(record)
    session.flush()
    audit.record(
        session,
        actor,
        "analytics.ctdc_import",
        "ctdc_import",
        record.id,
        {"generation": record.generation, "rows": record.rows, "sha256": sha},
    )
    return record, report


def latest_snapshot(settings: Settings) -> Path:
    """The newest de-identified case snapshot (file names sort by their UTC timestamp)."""
    found = sorted((settings.data_dir / "snapshots").glob(SNAPSHOT_GLOB))
    if not found:
        raise NotFound(
            f"no case snapshot in {settings.data_dir / 'snapshots'} (expected {SNAPSHOT_GLOB})"
        )
    return found[-1]


def source_files(session: Session, source: Source, path: Path | None = None) -> list[Path]:
    """The Parquet file(s) a source reads: given, the newest CTDC import, or the newest snapshot.
    A snapshot's dialogue companion is found beside it by the engine
    (:func:`titian.analytics.indicators.companion_path`) and is part of ``dataset_hash``."""
    if path is not None:
        return [path]
    if source is Source.CTDC:
        latest = repository.latest_import(session)
        if latest is None:
            raise NotFound("no CTDC file imported yet (titian data import-ctdc FILE)")
        return [Path(latest.output_path)]
    return [latest_snapshot(settings_of(session))]


CACHE_SIZE = 32
_CACHE: dict[tuple[object, ...], list[IndicatorResult]] = {}


def _cache_key(query: IndicatorQuery, files: list[Path], threshold: int) -> tuple[object, ...]:
    """Protected results depend only on these: the files' content (with a Titian snapshot's
    dialogue companion: ``dataset_hash``), the catalogue and the rules. Only protected tables are
    kept, so the cache holds nothing that could not be shown."""
    for path in files:
        if not path.is_file():
            raise NotFound(f"{path}: file not found")
    catalogue = load_catalogue(query.source).version
    return (
        dataset_hash(query.source, files), query.source, query.country,
        tuple(query.indicators or ()), query.rounding, threshold, catalogue,
    )  # fmt: skip


def indicator_results(
    session: Session,
    principal: Principal | None,
    query: IndicatorQuery,
    path: Path | None = None,
    progress: Progress | None = None,
) -> tuple[list[IndicatorResult], list[Path], int]:
    """Protected indicator tables, the files read and the threshold applied."""
    require(principal, Permission.ANALYTICS)
    settings = settings_of(session)
    files = source_files(session, query.source, path)
    threshold = threshold_for(settings, query.country)
    key = _cache_key(query, files, threshold)
    if key in _CACHE:
        return _CACHE[key], files, threshold
    try:
        results = compute(
            query.source,
            files,
            country=query.country,
            threshold=threshold,
            rounding=query.rounding.rule(),
            only=query.indicators,
            progress=progress,
        )
    except (AnalyticsError, CatalogueError) as exc:
        raise Invalid(str(exc)) from exc
    if len(_CACHE) >= CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = results
    return results, files, threshold


def indicator_set(
    session: Session,
    principal: Principal | None,
    query: IndicatorQuery,
    path: Path | None = None,
    progress: Progress | None = None,
) -> IndicatorSetRead:
    """Every indicator of the query, disclosure-controlled, as the doors print or serve it."""
    results, files, threshold = indicator_results(session, principal, query, path, progress)
    catalogue = load_catalogue(query.source)
    audit.record(
        session,
        principal,
        "analytics.indicators",
        "indicator_set",
        "",
        {"source": query.source.value, "country": query.country or "", "count": len(results)},
    )
    return IndicatorSetRead(
        source=query.source,
        country=query.country,
        dataset_sha256=dataset_hash(query.source, files),
        catalogue_version=catalogue.version,
        threshold=threshold,
        rounding=query.rounding,
        citation=catalogue.citation,
        generated_at=utcnow(),
        indicators=[result_dict(r) for r in results],
    )
