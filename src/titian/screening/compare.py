"""Screenings of one case side by side (screening-indicators.md, "Sexual exploitation lists": a
person may be screened against both the labour and the sexual-exploitation list of their age
group, and the results are shown side by side).

Pure: from the case's screenings (any order), keep the latest scored one per purpose — labour,
sexual, and each other form — and lay them out as columns, one row per dimension, with what fired
there. Open (unscored) sessions are not compared. A purpose of the two ILO/EC lists that has no
scored screening yet is named in ``not_screened``, so the page can offer it; nothing is inferred
for it (an unscreened purpose is unknown, never negative)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from titian.screening.answers import ExploitationKind
from titian.screening.catalogue import Dimension
from titian.screening.schemas import ScreeningRead

_FROZEN = ConfigDict(frozen=True)
WEIGHTS = {"S": "strong", "M": "medium", "W": "weak"}
#: The purposes with an ILO/EC list: each should be screened when both may apply.
LISTED_KINDS: tuple[ExploitationKind, ...] = (ExploitationKind.LABOUR, ExploitationKind.SEXUAL)


class CompareCell(BaseModel):
    """One dimension of one screening: positive or not, and the indicators that fired."""

    model_config = _FROZEN
    positive: bool
    fired: tuple[str, ...]
    unknown: int


class CompareColumn(BaseModel):
    """The latest scored screening of one purpose."""

    model_config = _FROZEN
    screening_id: str
    purpose: str
    status: str
    outcome: str
    outcome_label: str
    list_id: str
    list_title: str
    list_status: str
    screened_as_child: bool
    finished_at: datetime | None
    cells: dict[str, CompareCell]


class Comparison(BaseModel):
    """Columns (one per purpose, labour first, then sexual, then other forms) and the listed
    purposes not yet screened."""

    model_config = _FROZEN
    case_id: str
    dimensions: tuple[str, ...]
    columns: tuple[CompareColumn, ...]
    not_screened: tuple[str, ...]


def purpose_of(read: ScreeningRead) -> str:
    """``labour``, ``sexual``, or ``other:<form>``."""
    if read.exploitation_kind is ExploitationKind.OTHER and read.other_form is not None:
        return f"other:{read.other_form.value}"
    return read.exploitation_kind.value


def _order(purpose: str) -> tuple[int, str]:
    listed = [k.value for k in LISTED_KINDS]
    return (listed.index(purpose), "") if purpose in listed else (len(listed), purpose)


def _cells(result: dict[str, Any]) -> dict[str, CompareCell]:
    return {
        d["dimension"]: CompareCell(
            positive=bool(d["positive"]),
            fired=tuple(
                f"{f['label']} ({WEIGHTS.get(f['weight'], f['weight'])})" for f in d["fired"]
            ),
            unknown=int(d["unknown"]),
        )
        for d in result.get("dimensions", ())
    }


def _column(read: ScreeningRead) -> CompareColumn:
    result = read.result or {}
    catalogue = result.get("catalogue", {})
    return CompareColumn(
        screening_id=str(read.id),
        purpose=purpose_of(read),
        status=read.status.value,
        outcome=str(result.get("outcome", read.outcome or "")),
        outcome_label=str(result.get("outcome_label", "")),
        list_id=str(catalogue.get("list_id", read.catalogue_list_id or "")),
        list_title=str(catalogue.get("title", "")),
        list_status=str(catalogue.get("status", read.catalogue_status or "")),
        screened_as_child=bool(result.get("screened_as_child", False)),
        finished_at=read.finished_at,
        cells=_cells(result),
    )


def side_by_side(case_id: str, reads: Iterable[ScreeningRead]) -> Comparison:
    """The latest scored screening per purpose, as columns (module docstring)."""
    latest: dict[str, ScreeningRead] = {}
    for read in reads:
        if read.result is None or read.finished_at is None:
            continue
        purpose = purpose_of(read)
        known = latest.get(purpose)
        if known is None or (known.finished_at or read.finished_at) < read.finished_at:
            latest[purpose] = read
    columns = tuple(_column(latest[p]) for p in sorted(latest, key=_order))
    return Comparison(
        case_id=case_id,
        dimensions=tuple(d.value for d in Dimension),
        columns=columns,
        not_screened=tuple(k.value for k in LISTED_KINDS if k.value not in latest),
    )
