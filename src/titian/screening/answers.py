"""The screening answers file: what a case worker recorded in one screening interview.

The file is JSON, described by ``docs/schemas/screening-answers.schema.json``, which is
generated from :class:`ScreeningAnswers` with :func:`answers_json_schema` (a unit test fails when
the committed file and the model disagree).

Gender is carried so that results can be reported disaggregated, but it is never read by scoring
(screening-indicators.md, anti-misidentification rule 1): :func:`titian.screening.indicators.score`
hands the scoring rules a projection of the answers that has no gender field at all.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

SCHEMA_ID = "https://titian.example.org/schemas/screening-answers.schema.json"
ADULT_AGE = 18


class ExploitationKind(StrEnum):
    """The purpose screened for. ILO/EC 2009 publishes lists for labour and sexual exploitation;
    ``other`` needs an :class:`OtherForm`, screened with Titian's supplementary questions."""

    LABOUR = "labour"
    SEXUAL = "sexual"
    OTHER = "other"


class OtherForm(StrEnum):
    """Forms of exploitation named in Palermo Art. 3(a) / HTCDS ``vic_TypeOfExploitation`` that
    have no ILO/EC list; Titian adds supplementary purpose questions for each."""

    FORCED_MARRIAGE = "forced_marriage"
    FORCED_CRIMINALITY = "forced_criminality"
    ORGAN_REMOVAL = "organ_removal"


class MigrationStatus(StrEnum):
    """Migration status. Irregular status may only add evidence (anti-misidentification rule 2)."""

    CITIZEN = "citizen"
    REGULAR_MIGRANT = "regular_migrant"
    IRREGULAR_MIGRANT = "irregular_migrant"
    STATELESS = "stateless"
    UNKNOWN = "unknown"


class Gender(StrEnum):
    """HTCDS v2.0 ``prs_Gender`` values (HTCDS has no separate sex field). Never read by scoring."""

    FEMININE = "Feminine"
    MASCULINE = "Masculine"
    TRANSGENDER_FEMININE = "TransgenderFeminine"
    TRANSGENDER_MASCULINE = "TransgenderMasculine"
    NON_CONFORMING = "NonConforming"
    NON_SPECIFIED_UNKNOWN = "NonSpecifiedUnknown"


class TraffickingAct(StrEnum):
    """The act element of Palermo Art. 3(a): recruitment, transportation, transfer, harbouring or
    receipt of persons. For a child, an act plus exploitation suffices (Palermo Art. 3(c))."""

    RECRUITMENT = "recruitment"
    TRANSPORTATION = "transportation"
    TRANSFER = "transfer"
    HARBOURING = "harbouring"
    RECEIPT = "receipt"


class AnswersError(ValueError):
    """An answers file does not validate; the message names the source, the field and the reason."""


class ScreeningAnswers(BaseModel):
    """One screening interview: the person's age group, the purpose screened for, and the indicators
    answered. Indicators neither observed nor marked absent are *unknown*, not absent
    (screening-indicators.md, anti-misidentification rule 7)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="Titian screening answers",
        json_schema_extra={"$id": SCHEMA_ID},
    )

    format_version: Literal[1] = Field(default=1, description="Version of this file format.")
    age: int | None = Field(
        default=None,
        ge=0,
        le=130,
        description="Age in years at screening; null when unknown (then screened as a child).",
    )
    age_uncertain: bool = Field(
        default=False,
        description=(
            "True when the age is unknown or disputed and the person may be under 18: the person "
            "is screened as a child (presumption of minority)."
        ),
    )
    gender: Gender | None = Field(
        default=None,
        description="HTCDS prs_Gender. Carried for disaggregated reporting; never used in scoring.",
    )
    migration_status: MigrationStatus = Field(
        default=MigrationStatus.UNKNOWN,
        description="Migration status. Irregular status can only add evidence, never remove it.",
    )
    exploitation_kind: ExploitationKind = Field(description="The purpose screened for.")
    other_form: OtherForm | None = Field(
        default=None,
        description="Required when exploitation_kind is 'other'; must be empty otherwise.",
    )
    acts: list[TraffickingAct] = Field(
        default_factory=list,
        description="Acts recorded (Palermo Art. 3(a)); needed for the child rule.",
    )
    observed: list[str] = Field(
        default_factory=list,
        description="Indicator ids answered 'yes' (observed), e.g. 'd4.excessive_hours'.",
    )
    absent: list[str] = Field(
        default_factory=list,
        description="Indicator ids answered 'no'. Every id in neither list counts as unknown.",
    )

    @model_validator(mode="after")
    def _check_consistency(self) -> Self:
        if self.exploitation_kind is ExploitationKind.OTHER and self.other_form is None:
            raise ValueError("other_form is required when exploitation_kind is 'other'")
        if self.exploitation_kind is not ExploitationKind.OTHER and self.other_form is not None:
            raise ValueError("other_form is only allowed when exploitation_kind is 'other'")
        both = sorted(set(self.observed) & set(self.absent))
        if both:
            raise ValueError(f"indicators both observed and absent: {', '.join(both)}")
        return self

    @property
    def screened_as_child(self) -> bool:
        """Under 18, or age unknown or disputed: presumption of minority (screening-indicators.md,
        "Child rule"; Palermo Art. 3(d))."""
        return self.age_uncertain or self.age is None or self.age < ADULT_AGE


def answers_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the answers file, as committed under ``docs/schemas``."""
    schema = ScreeningAnswers.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def answers_from_json(text: str, source: str = "<answers>") -> ScreeningAnswers:
    """Parse an answers file; errors name the source, each failing field and the reason."""
    try:
        return ScreeningAnswers.model_validate_json(text)
    except ValidationError as exc:
        reasons = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(file)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise AnswersError(f"{source}: {reasons}") from exc
