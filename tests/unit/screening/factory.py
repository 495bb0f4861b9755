"""Typed builders of synthetic screening answers (no real person's data)."""

from __future__ import annotations

from typing import Any

from titian.screening.answers import ExploitationKind, ScreeningAnswers


def create_answers(
    *observed: str,
    age: int | None = 30,
    kind: ExploitationKind | str = ExploitationKind.LABOUR,
    **fields: Any,
) -> ScreeningAnswers:
    """Answers for one synthetic interview: the indicator ids given are observed."""
    return ScreeningAnswers.model_validate(
        {"age": age, "exploitation_kind": kind, "observed": list(observed), **fields}
    )
