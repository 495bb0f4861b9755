"""Access rows for analytics (API and pages). Analytics is read by the ANALYTICS permission; its
figures are disclosure-controlled aggregates, not records of an agency, so there is no
"other agency" case: anyone with the permission reads the same public-safe figures."""

from __future__ import annotations

from tests.access.matrix import Row
from tests.analytics.support import with_snapshot

OTHER = "aggregates are not agency records: no other-agency scoping applies"
ANALYST = ("caseworker_b", "caseworker_a", "analyst")


def _with_data(path: str):  # type: ignore[no-untyped-def]
    def build(world):  # type: ignore[no-untyped-def]
        with_snapshot(world)
        return path

    return build


API: list[Row] = [
    Row(
        "GET", "/api/v1/analytics/catalogue", lambda w: "/api/v1/analytics/catalogue",
        401, None, 403, 200, personas=ANALYST, why=OTHER,
    ),
    Row(
        "GET", "/api/v1/analytics/indicators",
        _with_data("/api/v1/analytics/indicators?country=TH&indicator=titian_gender_age"),
        401, None, 403, 200, personas=ANALYST, why=OTHER,
    ),
    Row(
        "GET", "/api/v1/analytics/imports", lambda w: "/api/v1/analytics/imports",
        401, None, 403, 200, personas=ANALYST, why=OTHER,
    ),
]  # fmt: skip

WEB: list[Row] = [
    Row(
        "GET", "/analytics", _with_data("/analytics?country=TH"),
        303, None, 403, 200, personas=ANALYST, why=OTHER,
    ),
    Row(
        "GET", "/analytics/report/{country}", _with_data("/analytics/report/TH"),
        303, None, 403, 200, personas=ANALYST, why=OTHER,
    ),
    Row(
        "GET", "/analytics/report/{country}/pdf", _with_data("/analytics/report/TH/pdf"),
        303, None, 403, 200, personas=ANALYST, why=OTHER, tags=("browser",),
    ),
]  # fmt: skip
