"""Score screening answers against an ILO/EC indicator list (pure: plain data in, result out).

Rules (screening-indicators.md; ILO/EC 2009, WCMS_105023, wording to verify), all read from
``catalogues/scoring_rules.yaml``:

- a dimension is positive when its observed indicators reach a combination: two strong; one strong
  plus one medium or weak; three medium; two medium plus one weak. Weak alone never counts;
- graded outcome, first match from the top: presumed victim (recruitment means, exploitation and
  means at destination); deception and exploitation; exploited worker (exploitation only); not
  indicated;
- child rule (Palermo Art. 3(c), 3(d)): an act plus positive exploitation is enough; a person whose
  age is unknown or disputed is screened as a child;
- irregular migration status can only add evidence (anti-misidentification rule 2);
- gender is never read: :func:`score` passes :class:`ScoringInput`, which has no gender field, to
  :func:`score_input` (anti-misidentification rule 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, computed_field

from titian.screening.answers import (
    ExploitationKind,
    MigrationStatus,
    OtherForm,
    ScreeningAnswers,
    TraffickingAct,
    answers_from_json,
)
from titian.screening.catalogue import (
    RULES_FILE,
    AgeGroup,
    Catalogue,
    CatalogueError,
    CatalogueInfo,
    CatalogueStatus,
    Dimension,
    Indicator,
    LineMap,
    Weight,
    find_list,
    known_indicator_ids,
    line_at,
    load_catalogue,
    parse_yaml,
    validation_error,
)

_FROZEN = ConfigDict(extra="forbid", frozen=True)


class Outcome(StrEnum):
    """Graded screening outcome (screening-indicators.md, "Graded outcome"). ``confirmed_victim``
    is absent on purpose: only a competent authority identifies a victim formally."""

    NOT_INDICATED = "not_indicated"
    EXPLOITED_MIGRANT = "exploited_migrant"
    RECRUITMENT_MEANS_AND_EXPLOITATION = "recruitment_means_and_exploitation"
    PRESUMED_VICTIM = "presumed_victim"
    PRESUMED_CHILD_VICTIM = "presumed_child_victim"

    @property
    def rank(self) -> int:
        """Order of the classes; both presumed classes rank equal (same protection)."""
        return _OUTCOME_RANK[self]


_OUTCOME_RANK: dict[Outcome, int] = {
    Outcome.NOT_INDICATED: 0,
    Outcome.EXPLOITED_MIGRANT: 1,
    Outcome.RECRUITMENT_MEANS_AND_EXPLOITATION: 2,
    Outcome.PRESUMED_VICTIM: 3,
    Outcome.PRESUMED_CHILD_VICTIM: 3,
}


class Combination(BaseModel):
    """Minimum counts of observed indicators in one dimension (all must be reached)."""

    model_config = _FROZEN
    strong: int = Field(default=0, ge=0)
    medium: int = Field(default=0, ge=0)
    weak: int = Field(default=0, ge=0)
    medium_or_weak: int = Field(default=0, ge=0)

    def met(self, strong: int, medium: int, weak: int) -> bool:
        return (
            strong >= self.strong
            and medium >= self.medium
            and weak >= self.weak
            and medium + weak >= self.medium_or_weak
        )


class OutcomeRule(BaseModel):
    """An outcome and its groups of dimensions: each group needs one positive dimension."""

    model_config = _FROZEN
    outcome: Outcome
    requires: tuple[tuple[Dimension, ...], ...] = Field(min_length=1)

    def met(self, positive: frozenset[Dimension]) -> bool:
        return all(any(d in positive for d in group) for group in self.requires)


class ChildRule(OutcomeRule):
    act_from_dimensions: tuple[Dimension, ...]


class ScoringRules(BaseModel):
    """The scoring rules file (``catalogues/scoring_rules.yaml``)."""

    model_config = _FROZEN
    rules: str
    version: str
    source: str
    verified: bool
    dimension_rule: tuple[Combination, ...] = Field(min_length=1)
    outcomes: tuple[OutcomeRule, ...] = Field(min_length=1)
    child_rule: ChildRule

    def dimension_positive(self, strong: int, medium: int, weak: int) -> bool:
        return any(c.met(strong, medium, weak) for c in self.dimension_rule)


def parse_rules_text(text: str, file: str) -> ScoringRules:
    """Parse and validate a scoring rules file; weak-only combinations are refused because weak
    indicators alone never make a dimension positive (ILO/EC 2009)."""
    raw = parse_yaml(text, file)
    if not isinstance(raw, LineMap):
        raise CatalogueError(file, 1, "a rules file must be a mapping")
    try:
        rules = ScoringRules.model_validate(dict(raw))
    except ValidationError as exc:
        raise validation_error(file, raw, exc) from exc
    for index, combo in enumerate(rules.dimension_rule):
        if combo.strong + combo.medium + combo.medium_or_weak == 0:
            line = line_at(raw, ("dimension_rule", index))
            raise CatalogueError(file, line, "a combination of weak indicators alone")
    return rules


@cache
def load_rules() -> ScoringRules:
    """The shipped scoring rules."""
    path = resources.files("titian.screening") / "catalogues" / RULES_FILE
    return parse_rules_text(path.read_text(encoding="utf-8"), f"catalogues/{RULES_FILE}")


class ScreeningError(ValueError):
    """The answers cannot be scored; the message names the field and the reason."""


class AgeBasis(StrEnum):
    """Why the adult or the child lists were used (presumption of minority when in doubt)."""

    ADULT = "adult"
    UNDER_18 = "under_18"
    AGE_UNCERTAIN = "age_uncertain"
    AGE_UNKNOWN = "age_unknown"


class FiredBy(StrEnum):
    OBSERVED = "observed"
    MIGRATION_STATUS = "migration_status"


OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.NOT_INDICATED: "not indicated on the information recorded so far",
    Outcome.EXPLOITED_MIGRANT: "exploited worker (a labour-rights case)",
    Outcome.RECRUITMENT_MEANS_AND_EXPLOITATION: "deception and exploitation",
    Outcome.PRESUMED_VICTIM: "presumed victim",
    Outcome.PRESUMED_CHILD_VICTIM: "presumed child victim",
}

NOT_A_DETERMINATION = (
    "Screening is an aid to judgement, not a legal determination of victim status: only a "
    "competent authority identifies a victim formally."
)


@dataclass(frozen=True)
class ScoringInput:
    """Everything scoring may read. There is deliberately no gender (or sex) field."""

    age_basis: AgeBasis
    kind: ExploitationKind
    form: OtherForm | None
    migration_status: MigrationStatus
    acts: frozenset[TraffickingAct]
    observed: frozenset[str]
    absent: frozenset[str]

    @property
    def child(self) -> bool:
        return self.age_basis is not AgeBasis.ADULT


class FiredIndicator(BaseModel):
    model_config = _FROZEN
    id: str
    label: str
    weight: Weight
    verified: bool
    fired_by: FiredBy


class DimensionResult(BaseModel):
    """One dimension: whether it is positive, what fired, and how much is still unknown."""

    model_config = _FROZEN
    dimension: Dimension
    title: str
    positive: bool
    strong: int
    medium: int
    weak: int
    fired: tuple[FiredIndicator, ...]
    on_list: int
    answered: int
    unknown: int


class ScreeningResult(BaseModel):
    """The graded result with its explanation; ``to_dict()`` gives the JSON form."""

    model_config = _FROZEN
    outcome: Outcome
    outcome_label: str
    screened_as_child: bool
    age_basis: AgeBasis
    act_recorded: bool
    catalogue: CatalogueInfo
    base_catalogue: CatalogueInfo | None
    rules_version: str
    dimensions: tuple[DimensionResult, ...]
    not_on_list: tuple[str, ...]
    unknown_count: int
    explanation: tuple[str, ...]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def is_presumed_victim(self) -> bool:
        """Reasonable grounds: protection applies at once (rights-checklist C6, C7)."""
        return self.outcome in (Outcome.PRESUMED_VICTIM, Outcome.PRESUMED_CHILD_VICTIM)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def htcds_trafficking_status(self) -> str | None:
        """HTCDS ``vic_TraffickingStatus`` a presumed class maps to; None below it."""
        return "PossibleVictimOfTrafficking" if self.is_presumed_victim else None

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def _age_basis(answers: ScreeningAnswers) -> AgeBasis:
    if answers.age_uncertain:
        return AgeBasis.AGE_UNCERTAIN
    if answers.age is None:
        return AgeBasis.AGE_UNKNOWN
    return AgeBasis.UNDER_18 if answers.screened_as_child else AgeBasis.ADULT


def scoring_input(answers: ScreeningAnswers) -> ScoringInput:
    """Project the answers onto what scoring may read; gender stops here."""
    return ScoringInput(
        age_basis=_age_basis(answers),
        kind=answers.exploitation_kind,
        form=answers.other_form,
        migration_status=answers.migration_status,
        acts=frozenset(answers.acts),
        observed=frozenset(answers.observed),
        absent=frozenset(answers.absent),
    )


def score(answers: ScreeningAnswers) -> ScreeningResult:
    """Score one screening interview (see the module docstring for the rules)."""
    _check_ids(answers)
    return score_input(scoring_input(answers))


def score_answers_json(text: str, source: str = "<answers>") -> ScreeningResult:
    """Parse an answers file (JSON, ``docs/schemas/screening-answers.schema.json``) and score it:
    the call behind ``titian screening score --answers FILE --json``. Every error is a
    ``ValueError`` (:class:`AnswersError`, :class:`ScreeningError`) naming the source and field."""
    return score(answers_from_json(text, source))


def _check_ids(answers: ScreeningAnswers) -> None:
    known = known_indicator_ids()
    for field in ("observed", "absent"):
        for index, indicator_id in enumerate(getattr(answers, field)):
            if indicator_id not in known:
                reason = f"{field}[{index}]: unknown indicator id {indicator_id!r}"
                raise ScreeningError(reason)


def select_lists(inp: ScoringInput) -> tuple[Catalogue, Catalogue | None]:
    """The list for the age group and purpose, and its base list for supplementary questions."""
    group = AgeGroup.CHILD if inp.child else AgeGroup.ADULT
    chosen = find_list(group, inp.kind, inp.form)
    base = load_catalogue(chosen.info.base) if chosen.info.base else None
    return chosen, base


def _fired(inp: ScoringInput, indicator: Indicator) -> FiredBy | None:
    if indicator.id in inp.observed:
        return FiredBy.OBSERVED
    if inp.migration_status in indicator.implied_by_migration_status:
        return FiredBy.MIGRATION_STATUS
    return None


def score_dimension(
    inp: ScoringInput, dimension: Dimension, indicators: tuple[Indicator, ...], rules: ScoringRules
) -> DimensionResult:
    """Count observed indicators by weight and apply the dimension rule."""
    fired: list[FiredIndicator] = []
    answered = 0
    for ind in indicators:
        by = _fired(inp, ind)
        if by is not None:
            fired.append(FiredIndicator(**_indicator_fields(ind), fired_by=by))
        if by is not None or ind.id in inp.absent:
            answered += 1
    counts = {w: sum(1 for f in fired if f.weight is w) for w in Weight}
    return DimensionResult(
        dimension=dimension,
        title=dimension.label,
        positive=rules.dimension_positive(counts[Weight.S], counts[Weight.M], counts[Weight.W]),
        strong=counts[Weight.S],
        medium=counts[Weight.M],
        weak=counts[Weight.W],
        fired=tuple(fired),
        on_list=len(indicators),
        answered=answered,
        unknown=len(indicators) - answered,
    )


def _indicator_fields(ind: Indicator) -> dict[str, Any]:
    return {"id": ind.id, "label": ind.label, "weight": ind.weight, "verified": ind.verified}


def grade(
    inp: ScoringInput, dims: tuple[DimensionResult, ...], rules: ScoringRules
) -> tuple[Outcome, bool]:
    """The outcome class and whether an act is recorded (for the child rule)."""
    positive = frozenset(d.dimension for d in dims if d.positive)
    outcome = next((r.outcome for r in rules.outcomes if r.met(positive)), Outcome.NOT_INDICATED)
    act_dims = rules.child_rule.act_from_dimensions
    act = bool(inp.acts) or any(d.fired for d in dims if d.dimension in act_dims)
    child = rules.child_rule
    if inp.child and act and child.met(positive) and child.outcome.rank >= outcome.rank:
        outcome = child.outcome
    return outcome, act


def score_input(inp: ScoringInput, rules: ScoringRules | None = None) -> ScreeningResult:
    """Score a gender-free :class:`ScoringInput` against the list its age group and purpose
    select. Never substitutes another list: an incomplete list is scored and reported as such."""
    rules = rules or load_rules()
    chosen, base = select_lists(inp)
    indicators = (base.indicators if base else ()) + chosen.indicators
    dims = tuple(
        score_dimension(inp, d, tuple(i for i in indicators if i.dimension is d), rules)
        for d in Dimension
    )
    outcome, act = grade(inp, dims, rules)
    on_list = {i.id for i in indicators}
    result = ScreeningResult(
        outcome=outcome,
        outcome_label=OUTCOME_LABELS[outcome],
        screened_as_child=inp.child,
        age_basis=inp.age_basis,
        act_recorded=act,
        catalogue=chosen.info,
        base_catalogue=base.info if base else None,
        rules_version=f"{rules.rules} {rules.version}",
        dimensions=dims,
        not_on_list=tuple(sorted((inp.observed | inp.absent) - on_list)),
        unknown_count=sum(d.unknown for d in dims),
        explanation=(),
    )
    return result.model_copy(update={"explanation": tuple(explain(result, inp))})


_AGE_LINES: dict[AgeBasis, str] = {
    AgeBasis.ADULT: "Screened with the adult lists: the person is 18 or older.",
    AgeBasis.UNDER_18: "Screened with the child lists: the person is under 18.",
    AgeBasis.AGE_UNCERTAIN: (
        "Screened with the child lists: the age is uncertain and the person may be under 18 "
        "(presumption of minority)."
    ),
    AgeBasis.AGE_UNKNOWN: (
        "Screened with the child lists: no age is recorded, so the person may be under 18 "
        "(presumption of minority)."
    ),
}

_STATUS_TEXT: dict[CatalogueStatus, str] = {
    CatalogueStatus.VERIFIED: "every weight verified",
    CatalogueStatus.TO_VERIFY: "weights still to verify against the source",
    CatalogueStatus.INCOMPLETE: (
        "INCOMPLETE list, not fully transcribed: a result below presumed victim is not a "
        "negative finding"
    ),
}

_OUTCOME_LINES: dict[Outcome, str] = {
    Outcome.PRESUMED_VICTIM: (
        "recruitment means, exploitation and means at destination are positive. Protection "
        "applies at once, and a referral for formal identification is due."
    ),
    Outcome.PRESUMED_CHILD_VICTIM: (
        "an act and exploitation are recorded for a child; no means are needed (Palermo "
        "Protocol Art. 3(c)). Child protection applies at once, and a referral for formal "
        "identification is due."
    ),
    Outcome.RECRUITMENT_MEANS_AND_EXPLOITATION: (
        "recruitment means and exploitation are positive, no destination dimension is. Refer "
        "for further assessment; offer labour-rights and protection services."
    ),
    Outcome.EXPLOITED_MIGRANT: (
        "exploitation is positive without a positive recruitment dimension. Refer to labour "
        "and legal services; ask about recruitment, which may still be unknown."
    ),
    Outcome.NOT_INDICATED: "no combination is met. Re-screening stays possible.",
}


def _list_line(info: CatalogueInfo, role: str) -> str:
    return (
        f"{role} {info.list_id} ({info.title}), {info.catalogue} version {info.version}: "
        f"{_STATUS_TEXT[info.status]}."
    )


def _dimension_line(dim: DimensionResult) -> str:
    if dim.on_list == 0:
        return f"{dim.dimension} {dim.title}: no indicators on this list yet (unknown)."
    state = "positive" if dim.positive else "not positive"
    fired = "; ".join(
        f"{f.label} ({f.weight.word}"
        + (", from irregular migration status" if f.fired_by is FiredBy.MIGRATION_STATUS else "")
        + ")"
        for f in dim.fired
    )
    seen = f"fired: {fired}" if fired else "nothing observed"
    gaps = f"{dim.answered} of {dim.on_list} answered, {dim.unknown} unknown"
    return f"{dim.dimension} {dim.title}: {state}; {seen} ({gaps})."


def _extra_lines(result: ScreeningResult, inp: ScoringInput) -> list[str]:
    lines: list[str] = []
    if result.not_on_list:
        lines.append(f"Not on this list, so not counted: {', '.join(result.not_on_list)}.")
    exploited = any(d.positive for d in result.dimensions if d.dimension is Dimension.D4)
    if inp.child and exploited and not result.act_recorded:
        lines.append(
            "No act (recruitment, transport, transfer, harbouring or receipt) is recorded: "
            "record it if known; with an act, a child in exploitation is a presumed victim."
        )
    if result.unknown_count and not result.is_presumed_victim:
        lines.append(
            f"{result.unknown_count} indicators are unknown (not asked or not answered); "
            "unknown is not 'no'."
        )
    return lines


def explain(result: ScreeningResult, inp: ScoringInput) -> list[str]:
    """Plain-language lines: age basis, lists and their status, each dimension with the
    indicators that fired and their weights, gaps, the outcome, and the legal caveat
    (anti-misidentification rules 6 and 7)."""
    lines = [_AGE_LINES[result.age_basis], _list_line(result.catalogue, "List")]
    if result.base_catalogue is not None:
        lines.append(_list_line(result.base_catalogue, "Recruitment and means questions from"))
    lines.extend(_dimension_line(d) for d in result.dimensions)
    lines.extend(_extra_lines(result, inp))
    label = OUTCOME_LABELS[result.outcome]
    lines.append(f"Outcome: {label}: {_OUTCOME_LINES[result.outcome]}")
    lines.append(f"Rules: {result.rules_version}. {NOT_A_DETERMINATION}")
    return lines
