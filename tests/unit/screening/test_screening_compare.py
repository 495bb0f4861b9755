"""Screenings side by side: the latest scored one per purpose, labour then sexual then other
forms; open sessions left out; the listed purposes not yet screened named, never guessed."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from tests.unit.screening.factory import create_answers

from titian.screening.answers import ExploitationKind, OtherForm
from titian.screening.compare import side_by_side
from titian.screening.indicators import score
from titian.screening.models import SessionStatus
from titian.screening.schemas import ScreeningRead

pytestmark = pytest.mark.pure

CASE = uuid.UUID(int=1)
LABOUR_PRESUMED = ("d1.nature_job_location_employer", "d1.wages", "d4.excessive_hours",
                   "d4.low_no_salary", "d5.documents", "d5.isolation")  # fmt: skip


def _read(
    kind: str, observed: tuple[str, ...] = (), day: int | None = 1, form: str | None = None
) -> ScreeningRead:
    """A synthetic scored screening (``day`` None: still open, not scored)."""
    fields = {"other_form": form} if form else {}
    answers = create_answers(*observed, kind=kind, acts=["recruitment"], **fields)
    result = score(answers).to_dict() if day is not None else None
    return ScreeningRead.model_construct(
        id=uuid.uuid4(),
        case_id=CASE,
        status=SessionStatus.FINISHED if day is not None else SessionStatus.OPEN,
        exploitation_kind=ExploitationKind(kind),
        other_form=OtherForm(form) if form else None,
        result=result,
        outcome=result["outcome"] if result else None,
        catalogue_list_id=None,
        catalogue_status=None,
        finished_at=datetime(2026, 11, day, tzinfo=UTC) if day is not None else None,
    )


CASES = [
    ("nothing scored yet", [_read("labour", day=None)], [], ["labour", "sexual"]),
    ("one labour screening", [_read("labour", LABOUR_PRESUMED)], ["labour"], ["sexual"]),
    ("both lists, sexual first in the input",
     [_read("sexual", day=2), _read("labour", LABOUR_PRESUMED, day=1)], ["labour", "sexual"], []),
    ("the latest of a purpose wins",
     [_read("labour", day=1), _read("labour", LABOUR_PRESUMED, day=5), _read("labour", day=3)],
     ["labour"], ["sexual"]),
    ("other forms come after the two lists",
     [_read("other", day=1, form="forced_marriage"), _read("sexual", day=2)],
     ["sexual", "other:forced_marriage"], ["labour"]),
]  # fmt: skip


@pytest.mark.parametrize(("reads", "purposes", "missing"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_side_by_side(reads: list[ScreeningRead], purposes: list[str], missing: list[str]) -> None:
    result = side_by_side(str(CASE), reads)
    assert [c.purpose for c in result.columns] == purposes
    assert list(result.not_screened) == missing
    assert result.dimensions == ("D1", "D2", "D3", "D4", "D5", "D6")


def test_the_latest_labour_screening_is_the_presumed_one_with_its_reasons() -> None:
    reads = [_read("labour", day=1), _read("labour", LABOUR_PRESUMED, day=5)]
    (column,) = side_by_side(str(CASE), reads).columns
    assert column.outcome == "presumed_victim"
    assert column.cells["D1"].positive and column.cells["D5"].positive
    assert not column.cells["D2"].positive and column.cells["D2"].fired == ()
    assert any("(strong)" in f for f in column.cells["D5"].fired)
    assert column.list_status  # the list's status is carried, e.g. to_verify
