"""Demo analytics: a synthetic case snapshot, an information-sharing protocol, a sample release.

Everything is generated from a seeded random generator: no real case, dialogue or CTDC figure is
used. :func:`write_snapshot` writes a Parquet file to the schema of
``titian/analytics/snapshot_schema.yaml`` and, when asked, its dialogue companion
(``dialogue_snapshot_schema.yaml``: seats at held dialogues); the tests, the benchmark and the demo
use them (step 90 then writes a real snapshot of the demo database, see ``titian.demo.snapshot``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import cast

import numpy as np
import polars as pl
from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.analytics.catalogue import (
    Source,
    asean_alpha3,
    dialogue_snapshot_columns,
    snapshot_columns,
)
from titian.auth.service import principal_for
from titian.countries.registry import ASEAN_CODES, all_countries
from titian.demo.loader import DemoState
from titian.network.vocab import Group, group_implications
from titian.privacy import dp_service
from titian.privacy import service as privacy_service
from titian.privacy.models import PrivacyBudget, Release, SharingProtocol
from titian.privacy.schemas import BudgetCreate, ProtocolCreate, ReleaseCreate

GENDERS = ("woman", "man", "another", "unknown")
AGE_BANDS = ("0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+", "unknown")
MIGRATION = ("labour_migrant", "irregular_migrant", "refugee", "asylum_seeker", "stateless_person",
             "internally_displaced_person", "returnee", "student", "family_migrant")  # fmt: skip
SECTORS = ("fishing", "agriculture", "forestry", "mining", "construction", "factory",
           "domestic_work", "hospitality", "entertainment", "transport", "retail", "online_scam",
           "begging", "other")  # fmt: skip
FORMS = ("forced_labour", "sexual_exploitation", "forced_marriage", "forced_criminality",
         "forced_begging", "servitude", "other")  # fmt: skip
DAYS_BANDS = ("0-3", "4-7", "8-30", "31-90", "91+", "before_identification")
DAYS_P = [0.34, 0.2, 0.26, 0.12, 0.05, 0.03]
DEMO_ROWS = 40_000
DEMO_DIALOGUES = 600
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
    # Drawn after the columns above, so that their values for a given seed do not change.
    referred = cast(list[bool | None], data["referral_accepted"])
    bands = _choice(rng, DAYS_BANDS, rows, DAYS_P)
    # Never referred (referral_accepted NULL): no band; else mostly within the first month.
    data["days_to_first_referral"] = [
        None if r is None else b for r, b in zip(referred, bands, strict=True)
    ]
    # A referral was started for most people; about one in eight found no suitable service.
    data["service_gap"] = _flag(rng, rows, 0.12, 0.15)
    schema = {c.name: PYTYPES[c.type] for c in snapshot_columns()}
    return pl.DataFrame({k: pl.Series(k, list(data[k]), dtype=t) for k, t in schema.items()})  # type: ignore[call-overload]


#: Share of organisations of each side that serve each project group (support organisations
#: often serve named groups; justice and other organisations rarely say so).
GROUP_SHARES = {
    "support": {"women": 0.5, "girls": 0.2, "men": 0.2, "boys": 0.1, "children": 0.3,
                "disability": 0.15, "ethnic_minority": 0.15, "migrant": 0.3, "stateless": 0.08,
                "lgbtqi": 0.05},
    "justice": {"women": 0.08, "children": 0.1, "migrant": 0.1},
    "other": {"migrant": 0.2, "women": 0.05},
}  # fmt: skip
SIDES = ("justice", "support", "other")


def dialogue_frame(dialogues: int, seed: int = 0) -> pl.DataFrame:
    """A synthetic dialogue companion: ``dialogues`` held dialogues of 4 to 24 seats (random
    values; never real dialogues), to ``dialogue_snapshot_schema.yaml``."""
    rng = np.random.default_rng(seed + 1)
    sizes = np.clip(rng.poisson(12, dialogues), 4, 24)
    n = int(sizes.sum())
    ids = np.repeat([f"d{seed}-{i:06d}" for i in range(dialogues)], sizes)
    countries = np.repeat(_choice(rng, ASEAN_CODES, dialogues), sizes)
    months = np.repeat(_months(rng, dialogues, dt.date(2024, 1, 1), 24), sizes)
    side = _choice(rng, SIDES, n, [0.4, 0.35, 0.25])
    # most participants speak for their own organisation's side
    org = np.where(rng.random(n) < 0.85, side, _choice(rng, SIDES, n))
    data: dict[str, object] = {
        "dialogue_pid": ids,
        "country": countries,
        "held_month": months,
        "participant_role": side,
        "participant_gender": _choice(rng, GENDERS, n, [0.45, 0.45, 0.02, 0.08]),
        "organisation_role": org,
    }
    draws = rng.random((n, len(Group)))
    served: dict[str, np.ndarray] = {}
    for j, group in enumerate(Group):
        share = np.array([GROUP_SHARES[o].get(group.value, 0.0) for o in org])
        served[group.value] = draws[:, j] < share
    implied = group_implications()
    for broad, narrow in implied.items():  # expand_groups: children -> girls and boys
        for group in narrow:
            served[group.value] = served[group.value] | served[broad.value]
    for group in Group:
        data[f"serves_{group.value}"] = served[group.value]
    schema = {c.name: PYTYPES[c.type] for c in dialogue_snapshot_columns()}
    return pl.DataFrame({k: pl.Series(k, list(data[k]), dtype=t) for k, t in schema.items()})  # type: ignore[call-overload]


def write_snapshot(path: Path, rows: int, seed: int = 0, dialogues: int = 0) -> Path:
    """Write a synthetic snapshot Parquet file (the folder is created) and, when ``dialogues``
    is positive, its synthetic dialogue companion beside it with the same timestamp
    (``cases-<stamp>`` -> ``dialogues-<stamp>``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    snapshot_frame(rows, seed).write_parquet(path)
    if dialogues > 0:
        companion = path.with_name("dialogues-" + path.name.split("-", 1)[-1])
        dialogue_frame(dialogues, seed).write_parquet(companion)
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


BUDGET_ID = "titian-cases"
BUDGET_EPSILON = 4.0


def _budget(session: Session, state: DemoState) -> bool:
    """The privacy budget of Titian's own data (one per source), so that the demo analyst can
    draw differentially private counts (docs/releases.md); False when it exists already."""
    if session.scalars(select(PrivacyBudget.id).where(PrivacyBudget.source == "titian")).first():
        return False
    data = BudgetCreate(
        dataset_id=BUDGET_ID, source=Source.TITIAN, total_epsilon=BUDGET_EPSILON,
        max_epsilon_per_spend=1.0,
    )  # fmt: skip
    dp_service.create_budget(session, principal_for(state.users["analyst"]), data)
    return True


def demo_analytics(session: Session, state: DemoState) -> None:
    """A synthetic snapshot, a sharing protocol, a requested sample release and a privacy
    budget for differentially private counts (idempotent).

    The release stays "requested": approval needs a second person with RELEASE_APPROVE.
    """
    snapshot = _data_dir(session) / "snapshots" / "cases-20260101T000000Z.parquet"
    if not snapshot.exists():
        write_snapshot(snapshot, DEMO_ROWS, seed=2026, dialogues=DEMO_DIALOGUES)
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
    if _budget(session, state):
        state.summary["privacy budget"] = 1
    state.summary["synthetic snapshot people"] = DEMO_ROWS
    state.summary["synthetic snapshot dialogues"] = DEMO_DIALOGUES


STEPS = [(80, demo_analytics)]
