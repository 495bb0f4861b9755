"""Trafficking screening: ILO/EC indicator catalogues and graded scoring (pure rules).

Public API: :func:`load_catalogue`, :func:`available_catalogues`, :func:`score`,
:class:`ScreeningAnswers`, :class:`ScreeningResult`, :class:`Outcome`. Screening is an aid to
judgement, never a legal determination of victim status (screening-indicators.md).
"""

from titian.screening.answers import (
    AnswersError,
    ExploitationKind,
    Gender,
    MigrationStatus,
    OtherForm,
    ScreeningAnswers,
    TraffickingAct,
    answers_from_json,
    answers_json_schema,
)
from titian.screening.catalogue import (
    Catalogue,
    CatalogueError,
    CatalogueInfo,
    CatalogueStatus,
    Dimension,
    Weight,
    available_catalogues,
    load_catalogue,
)
from titian.screening.indicators import (
    DimensionResult,
    Outcome,
    ScreeningError,
    ScreeningResult,
    score,
    score_answers_json,
)

__all__ = [
    "AnswersError",
    "Catalogue",
    "CatalogueError",
    "CatalogueInfo",
    "CatalogueStatus",
    "Dimension",
    "DimensionResult",
    "ExploitationKind",
    "Gender",
    "MigrationStatus",
    "OtherForm",
    "Outcome",
    "ScreeningAnswers",
    "ScreeningError",
    "ScreeningResult",
    "TraffickingAct",
    "Weight",
    "answers_from_json",
    "answers_json_schema",
    "available_catalogues",
    "load_catalogue",
    "score",
    "score_answers_json",
]
