"""Property tests (hypothesis): gender-blind, monotone in indicators, irregular status only adds."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from titian.screening.answers import (
    Gender,
    MigrationStatus,
    OtherForm,
    ScreeningAnswers,
    TraffickingAct,
)
from titian.screening.catalogue import known_indicator_ids, load_catalogue
from titian.screening.indicators import ScoringInput, score, score_input

IDS = sorted(known_indicator_ids())
LABOUR_IDS = sorted(i.id for i in load_catalogue("A_L").indicators)
PURPOSES: list[tuple[str, OtherForm | None]] = [
    ("labour", None),
    ("sexual", None),
    *(("other", form) for form in OtherForm),
]
GENDERS: list[Gender | None] = [None, *Gender]


@st.composite
def answers(draw: st.DrawFn) -> ScreeningAnswers:
    kind, form = draw(st.sampled_from(PURPOSES))
    # Most ids are on the labour lists: draw from those often, so that every class is reached.
    pool = draw(st.sampled_from([LABOUR_IDS, IDS]))
    size = draw(st.sampled_from(range(31)))
    observed = draw(st.lists(st.sampled_from(pool), unique=True, min_size=size, max_size=size))
    rest = [i for i in IDS if i not in observed]
    absent = draw(st.lists(st.sampled_from(rest), unique=True, max_size=15))
    fields: dict[str, Any] = {
        "age": draw(st.sampled_from([None, 8, 15, 17, 18, 25, 40, 70])),
        "age_uncertain": draw(st.sampled_from([False, False, False, True])),
        "gender": draw(st.sampled_from(GENDERS)),
        "migration_status": draw(st.sampled_from(list(MigrationStatus))),
        "exploitation_kind": kind,
        "other_form": form,
        "acts": draw(st.lists(st.sampled_from(list(TraffickingAct)), unique=True, max_size=3)),
        "observed": observed,
        "absent": absent,
    }
    return ScreeningAnswers.model_validate(fields)


@settings(max_examples=300, deadline=None)
@given(answers(), st.sampled_from(GENDERS))
def test_changing_gender_never_changes_the_result(
    base: ScreeningAnswers, other: Gender | None
) -> None:
    swapped = base.model_copy(update={"gender": other})
    assert score(swapped).to_dict() == score(base).to_dict()


@settings(max_examples=300, deadline=None)
@given(answers(), st.sampled_from(IDS))
def test_adding_an_indicator_never_lowers_the_outcome(base: ScreeningAnswers, extra: str) -> None:
    more = base.model_copy(
        update={
            "observed": [*base.observed, extra] if extra not in base.observed else base.observed,
            "absent": [i for i in base.absent if i != extra],
        }
    )
    before, after = score(base), score(more)
    assert after.outcome.rank >= before.outcome.rank
    for old, new in zip(before.dimensions, after.dimensions, strict=True):
        assert new.positive or not old.positive


@settings(max_examples=300, deadline=None)
@given(answers())
def test_irregular_status_never_lowers_the_outcome(base: ScreeningAnswers) -> None:
    irregular = base.model_copy(update={"migration_status": MigrationStatus.IRREGULAR_MIGRANT})
    before, after = score(base), score(irregular)
    assert after.outcome.rank >= before.outcome.rank
    for old, new in zip(before.dimensions, after.dimensions, strict=True):
        assert new.positive or not old.positive


@settings(max_examples=200, deadline=None)
@given(answers())
def test_explanation_names_every_fired_indicator_in_its_dimension(base: ScreeningAnswers) -> None:
    result = score(base)
    for dim in result.dimensions:
        line = next(x for x in result.explanation if x.startswith(f"{dim.dimension} "))
        assert all(f"{f.label} ({f.weight.word}" in line for f in dim.fired)
        assert (": positive;" in line) == dim.positive
    assert result.is_presumed_victim == (result.outcome.rank == 3)


def test_scoring_cannot_receive_gender() -> None:
    names = {f.name for f in dataclasses.fields(ScoringInput)}
    assert not names & {"gender", "sex"}
    assert list(inspect.signature(score_input).parameters) == ["inp", "rules"]
