"""Demo analytics: a synthetic case snapshot, an information-sharing protocol, a sample release.

Everything is generated from a seeded random generator: no real case and no CTDC figure is
used. :func:`synthetic_snapshot` writes a Parquet file to the schema of
``titian/analytics/snapshot_schema.yaml``; the tests, the benchmark and the demo use it until the
cases area writes real snapshots.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl
from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.analytics.catalogue import Source, asean_alpha3, snapshot_columns
from titian.auth.service import principal_for
from titian.countries.registry import ASEAN_CODES, all_countries
from titian.demo.loader import DemoState
from titian.privacy import service as privacy_service
from titian.privacy.models import Release, SharingProtocol
from titian.privacy.schemas import ProtocolCreate, ReleaseCreate

GENDERS = ("woman", "man", "another", "unknown")
AGE_BANDS = ("0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+", "unknown")
MIGRATION = ("labour_migrant", "irregular_migrant", "refugee", "asylum_seeker", "stateless_person",
             "internally_displaced_person", "returnee", "student", "family_migrant")  # fmt: skip
SECTORS = ("fishing", "agriculture", "forestry", "mining", "construction", "factory",
           "domestic_work", "hospitality", "entertainment", "transport", "retail", "online_scam",
           "begging", "other")  # fmt: skip
FORMS = ("forced_labour", "sexual_exploitation", "forced_marriage", "forced_criminality",
         "forced_begging", "servitude", "other")  # fmt: skip
DEMO_ROWS = 40_000
PYTYPES = {"VARCHAR": pl.String, "BOOLEAN": pl.Boolean, "TINYINT": pl.Int8, "DATE": pl.Date}


def _choice(
    rng: np.random.Generator, values: tuple[str, ...], n: int, p: list[float] | None = None
) -> np.ndarray:
    return rng.choice(np.array(values, dtype=object), size=n, p=p)


def _flag(rng: np.random.Generator, n: int, p: float, missing: float = 0.1) -> list[bool | None]:
    out = (rng.random(n) < p).astype(object)
    out[rng.random(n) < missing] = None
    return list(out)


def _wg(rng: np.random.Generator, n: int) -> list[int | None]:
    answers = rng.choice(np.array([1, 1, 1, 1, 1, 2, 2, 3, 4], dtype=object), size=n)
    answers[rng.random(n) < 0.08] = None
    return list(answers)


def _months(rng: np.random.Generator, n: int, start: dt.date, span: int) -> np.ndarray:
    offsets = rng.integers(0, span, size=n)
    years = start.year + (start.month - 1 + offsets) // 12
    months = (start.month - 1 + offsets) % 12 + 1
    return np.array([dt.date(int(y), int(m), 1) for y, m in zip(years, months, strict=True)])


def _ethnicities() -> tuple[str, ...]:
    codes = {e.code for c in all_countries().values() for e in c.ethnicities}
    return (*sorted(codes), "not_in_list")


def snapshot_frame(rows: int, seed: int = 0) -> pl.DataFrame:
    """A synthetic snapshot of ``rows`` people (random values; never real cases)."""
    rng = np.random.default_rng(seed)
    age = _choice(rng, AGE_BANDS, rows)
    data: dict[str, object] = {
        "person_pid": [f"p{seed}-{i:08d}" for i in range(rows)],
        "country": _choice(rng, ASEAN_CODES, rows),
        "gender": _choice(rng, GENDERS, rows, [0.52, 0.42, 0.02, 0.04]),
        "age_band": age,
        "minor": [None if a == "unknown" else a in ("0-8", "9-17") for a in age],
        **{
            name: _wg(rng, rows)
            for name in (
                "wg_seeing",
                "wg_hearing",
                "wg_mobility",
                "wg_cognition",
                "wg_selfcare",
                "wg_communication",
            )
        },
        "ethnicity_code": _choice(rng, (*_ethnicities(), None), rows),  # type: ignore[arg-type]
        "citizenship_status": _choice(
            rng, ("known", "stateless", "undocumented", "unknown"), rows, [0.8, 0.07, 0.08, 0.05]
        ),
        "citizenship": _choice(rng, (*asean_alpha3(), "CHN", "IND", None), rows),  # type: ignore[arg-type]
        "migration_status": _choice(rng, (*MIGRATION, None), rows),  # type: ignore[arg-type]
        "exploitation_country": _choice(rng, (*asean_alpha3(), "CHN", "ARE", None), rows),  # type: ignore[arg-type]
        **{f"form_{f}": _flag(rng, rows, 0.5 if f in FORMS[:2] else 0.08, 0.02) for f in FORMS},
        "sector": _choice(rng, (*SECTORS, None), rows),  # type: ignore[arg-type]
        "identification_status": _choice(
            rng, ("possible", "presumed", "confirmed", "not_a_victim"), rows
        ),
        "detained": _flag(rng, rows, 0.1),
        "charged_non_punishment": _flag(rng, rows, 0.05),
        "offered_choice": _flag(rng, rows, 0.6),
        "interpreter_in_language": _flag(rng, rows, 0.7, 0.4),
        "identified_month": _months(rng, rows, dt.date(2024, 1, 1), 24),
        "first_referral_month": _months(rng, rows, dt.date(2024, 2, 1), 24),
        "referral_accepted": _flag(rng, rows, 0.7, 0.2),
    }
    schema = {c.name: PYTYPES[c.type] for c in snapshot_columns()}
    return pl.DataFrame({k: pl.Series(k, list(data[k]), dtype=t) for k, t in schema.items()})  # type: ignore[call-overload]


def write_snapshot(path: Path, rows: int, seed: int = 0) -> Path:
    """Write a synthetic snapshot Parquet file (the folder is created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    snapshot_frame(rows, seed).write_parquet(path)
    return path


def _data_dir(session: Session) -> Path:
    from titian.settings import Settings

    settings = session.info.get("settings")
    return settings.data_dir if isinstance(settings, Settings) else Path("var")


PROTOCOL_TITLE = "Demo: Thailand counter-trafficking statistics sharing protocol"
RELEASE_TITLE = "Demo: GESI figures for Thailand, by gender"


def _protocol(session: Session, state: DemoState) -> SharingProtocol:
    found = session.scalars(
        select(SharingProtocol).where(SharingProtocol.title == PROTOCOL_TITLE)
    ).first()
    if found is not None:
        return found
    analyst = principal_for(state.users["analyst"])
    parties = [a.id for k, a in state.agencies.items() if k.startswith("TH-")][:4]
    data = ProtocolCreate(
        title=PROTOCOL_TITLE,
        scope=(
            "Aggregate, disclosure-controlled statistics on identified victims in Thailand "
            "(gender, age band, disability, citizenship), for national reporting and policy "
            "dialogue. No microdata, no free text, no single-case stories."
        ),
        signed_on=dt.date(2026, 1, 15),
        valid_until=dt.date(2028, 1, 14),
        party_ids=parties,
    )
    return privacy_service.create_protocol(session, analyst, data)


def demo_analytics(session: Session, state: DemoState) -> None:
    """A synthetic snapshot, a sharing protocol and a requested sample release (idempotent).

    The release stays "requested": approval needs a second person with RELEASE_APPROVE.
    """
    snapshot = _data_dir(session) / "snapshots" / "cases-20260101T000000Z.parquet"
    if not snapshot.exists():
        write_snapshot(snapshot, DEMO_ROWS, seed=2026)
    protocol = _protocol(session, state)
    exists = session.scalars(select(Release.id).where(Release.title == RELEASE_TITLE)).first()
    if exists is None:
        data = ReleaseCreate(
            title=RELEASE_TITLE,
            purpose="Annual national report on victim identification, disaggregated by gender.",
            source=Source.TITIAN,
            country="TH",
            indicators=["titian_gender_age", "titian_disability_gender"],
            protocol_id=protocol.id,
        )
        privacy_service.request_release(session, principal_for(state.users["analyst"]), data)
    state.summary["synthetic snapshot people"] = DEMO_ROWS


STEPS = [(80, demo_analytics)]
