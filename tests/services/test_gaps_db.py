"""The service_gap table: a rescan replaces only the country's scan rows; referral gaps (added by
the referrals area) stay; LGBTQI rows of real referrals need the special-category grant (C11)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.services.conftest import SmallDirectory
from titian.auth.service import principal_for
from titian.errors import Forbidden
from titian.referrals import gaps_store
from titian.referrals.matching import Gap
from titian.referrals.vocab import ExclusionReason, GapGroup, GapKind, GapSource, ServiceType
from titian.services.models import ServiceGap, ServiceGapGroup


def _referral_gap(*groups: GapGroup) -> Gap:
    return Gap(
        country="TH",
        area="TH-57",
        service_type=ServiceType.SHELTER,
        kind=GapKind.NO_AFFIRMING_SERVICE,
        groups=frozenset(groups),
        language=None,
        blocking_reasons=frozenset({ExclusionReason.OUTSIDE_AREA}),
        candidates=4,
        source=GapSource.REFERRAL,
    )


def test_rescan_keeps_referral_gaps_and_special_rows_need_the_grant(
    db: Session, directory: SmallDirectory
) -> None:
    world = directory.world
    first = gaps_store.run_coverage_scan(db, None, "KH", languages=[])
    assert gaps_store.record_gaps(db, [_referral_gap(GapGroup.MEN, GapGroup.LGBTQI)]) == 1
    again = gaps_store.run_coverage_scan(db, None, "KH", languages=[])
    assert again.gaps == first.gaps and again.scan_id != first.scan_id
    scan_rows = db.scalar(select(func.count(ServiceGap.id)).where(ServiceGap.country == "KH"))
    assert scan_rows == again.gaps
    stored = gaps_store.read_gaps(db, "TH", source=GapSource.REFERRAL, group=GapGroup.LGBTQI)
    assert stored == [_referral_gap(GapGroup.MEN, GapGroup.LGBTQI)]
    groups = db.scalars(select(ServiceGapGroup.group).join(ServiceGap)
                        .where(ServiceGap.source == "referral")).all()  # fmt: skip
    assert sorted(groups) == ["lgbtqi", "men"]
    without = gaps_store.overview(db, principal_for(world["programme"]), "TH")
    assert {r.group for r in without.rows} == {GapGroup.MEN}
    granted = gaps_store.overview(db, principal_for(world["caseworker_a"]), "TH")
    assert {r.group for r in granted.rows} == {GapGroup.MEN, GapGroup.LGBTQI}
    assert all(r.special_category == (r.group is GapGroup.LGBTQI) for r in granted.rows)


def test_gap_readers_and_scanners(db: Session, directory: SmallDirectory) -> None:
    world = directory.world
    with pytest.raises(Forbidden):
        gaps_store.overview(db, principal_for(world["norole_a"]), "TH")
    with pytest.raises(Forbidden):
        gaps_store.require_scan(principal_for(world["caseworker_a"]))
    gaps_store.require_scan(principal_for(world["programme"]))
    gaps_store.require_scan(principal_for(world["admin_a"]))
