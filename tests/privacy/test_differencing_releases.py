"""Differencing across releases on a real database: the register of published tables, and
refusals at request, approval and publication that name the earlier release and the table."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tests.analytics import support
from tests.privacy.release_support import party_approver
from tests.support.fixtures import World
from titian.analytics.catalogue import Source
from titian.analytics.schemas import RoundingChoice
from titian.errors import RuleViolation
from titian.privacy import service
from titian.privacy.models import Release, ReleasedTableRecord, ReleaseStatus
from titian.privacy.schemas import ReleaseCreate, ReleaseDecision


def _snapshot(world: World, name: str, extra: int = 0, outside: int = 0) -> Path:
    """Thai rows of the synthetic snapshot, plus ``extra`` Thai and ``outside`` Cambodian
    copies of one person profile (woman, same age band)."""
    base = pl.read_parquet(support.with_snapshot(world))
    thai = base.filter(pl.col("country") == "TH")
    profile = thai.filter(pl.col("gender") == "woman").head(1)
    copies = [
        profile.with_columns(
            pl.lit(f"x-{name}-{n}").alias("person_pid"),
            pl.lit("TH" if n < extra else "KH").alias("country"),
        )
        for n in range(extra + outside)
    ]
    target = support.with_snapshot(world).parent / f"cases-{name}.parquet"
    pl.concat([thai, *copies]).write_parquet(target)
    return target


def _request(db: Session, world: World, title: str, country: str | None) -> Release:
    data = ReleaseCreate(
        title=title,
        purpose="Quarterly figures on identification by gender and age.",
        source=Source.TITIAN,
        country=country,
        indicators=["titian_gender_age"],
        protocol_id=support.protocol(world).id,
        rounding=RoundingChoice.NONE,
    )
    return service.request_release(db, support.requester(world), data)


def _approve(db: Session, world: World, release: Release) -> Release:
    """Approved by both parties to the test protocol (the operator, then agency A)."""
    for approver in (support.principal(world, "analyst"), party_approver(world)):
        decision = ReleaseDecision(version=release.version)
        release = service.decide_release(db, approver, release.id, decision, True)
    return release


def _publish(db: Session, world: World, title: str, country: str | None) -> Release:
    approved = _approve(db, world, _request(db, world, title, country))
    decision = ReleaseDecision(version=approved.version)
    return service.publish_release(db, support.requester(world), approved.id, decision)


def test_all_countries_then_all_but_one_is_refused_naming_the_earlier_release(
    db: Session, world: World
) -> None:
    _snapshot(world, "20260102T000000Z", outside=3)
    everyone = _publish(db, world, "ASEAN figures", None)
    assert everyone.status is ReleaseStatus.PUBLISHED
    with pytest.raises(RuleViolation) as refused:
        _request(db, world, "Thai figures", "TH")
    message = refused.value.message
    assert "'ASEAN figures'" in message and str(everyone.id) in message
    assert "titian_gender_age (TH)" in message and "titian_gender_age (all countries)" in message
    assert "differs by 3 people" in message
    found = refused.value.details["differencing"]
    assert {f["earlier_release_id"] for f in found} == {str(everyone.id)}
    assert {"the cell [all]", "the cell [gender=woman]"} <= {f["quantity"] for f in found}
    assert refused.value.details["rule"] == "C15"


def test_the_register_keeps_only_published_values(db: Session, world: World) -> None:
    _snapshot(world, "20260102T000000Z")
    published = _publish(db, world, "Thai figures", "TH")
    rows = db.scalars(
        select(ReleasedTableRecord).where(ReleasedTableRecord.release_id == published.id)
    ).all()
    assert [(r.indicator, r.country, r.linked) for r in rows] == [("titian_gender_age", "TH", True)]
    values = [v for _, v in rows[0].cells]
    assert len(values) == 5 * 11 and None in values
    assert all(v is None or v == 0 or v >= 11 for v in values)  # type: ignore[operator]
    assert rows[0].dataset_sha256 == published.dataset_sha256


@pytest.mark.parametrize(("extra", "refused"), [(0, False), (3, True), (15, False)])
def test_a_later_snapshot_a_few_cases_apart_is_refused(
    db: Session, world: World, extra: int, refused: bool
) -> None:
    _snapshot(world, "20260102T000000Z")
    _publish(db, world, "Thai figures, January", "TH")
    _snapshot(world, "20260201T000000Z", extra=extra)
    if refused:
        with pytest.raises(RuleViolation, match="'Thai figures, January'"):
            _request(db, world, "Thai figures, February", "TH")
    else:
        assert _publish(db, world, "Thai figures, February", "TH").files


def test_the_check_runs_again_at_approval(db: Session, world: World) -> None:
    _snapshot(world, "20260102T000000Z", outside=2)
    thai = _request(db, world, "Thai figures", "TH")  # nothing published yet: accepted
    _publish(db, world, "ASEAN figures", None)
    with pytest.raises(RuleViolation, match="'ASEAN figures'"):
        _approve(db, world, thai)
    db.refresh(thai)
    assert thai.status is ReleaseStatus.REQUESTED


def test_releases_published_before_the_register_are_read_from_their_file(
    db: Session, world: World
) -> None:
    _snapshot(world, "20260102T000000Z", outside=3)
    everyone = _publish(db, world, "ASEAN figures", None)
    db.execute(delete(ReleasedTableRecord))
    with pytest.raises(RuleViolation, match="differs by 3 people"):
        _request(db, world, "Thai figures", "TH")
    document = Path(next(f.path for f in everyone.files if f.name == "release.json"))
    document.write_text(document.read_text().replace("ASEAN", "asean"))
    with pytest.raises(RuleViolation, match="cannot be checked for differencing"):
        _request(db, world, "Thai figures", "TH")
