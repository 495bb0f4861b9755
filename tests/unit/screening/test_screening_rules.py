"""The data-driven dimension rule matches the ILO/EC rule as written in the domain notes."""

from __future__ import annotations

import itertools

import pytest

from titian.screening.catalogue import CatalogueError, Dimension
from titian.screening.indicators import Outcome, load_rules, parse_rules_text


def reference_positive(strong: int, medium: int, weak: int) -> bool:
    """screening-indicators.md, "Dimension scoring rule" (ILO/EC 2009)."""
    return (
        strong >= 2
        or (strong >= 1 and medium + weak >= 1)
        or medium >= 3
        or (medium >= 2 and weak >= 1)
    )


@pytest.mark.parametrize(("strong", "medium", "weak"), list(itertools.product(range(5), repeat=3)))
def test_shipped_rule_equals_reference(strong: int, medium: int, weak: int) -> None:
    rules = load_rules()
    assert rules.dimension_positive(strong, medium, weak) == reference_positive(
        strong, medium, weak
    )


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((2, 0, 0), True),
        ((1, 1, 0), True),
        ((1, 0, 1), True),
        ((0, 3, 0), True),
        ((0, 2, 1), True),
        ((1, 0, 0), False),
        ((0, 2, 0), False),
        ((0, 1, 5), False),
        ((0, 0, 9), False),
    ],
)
def test_dimension_rule_table(counts: tuple[int, int, int], expected: bool) -> None:
    assert load_rules().dimension_positive(*counts) is expected


def test_outcome_table_order() -> None:
    rules = load_rules()
    assert [r.outcome for r in rules.outcomes] == [
        Outcome.PRESUMED_VICTIM,
        Outcome.RECRUITMENT_MEANS_AND_EXPLOITATION,
        Outcome.EXPLOITED_MIGRANT,
    ]
    assert rules.child_rule.act_from_dimensions == (Dimension.D1, Dimension.D2, Dimension.D3)


RULES = """\
rules: t
version: "1"
source: synthetic
verified: false
dimension_rule:
  - {strong: 2}
  - {weak: 3}
outcomes:
  - outcome: presumed_victim
    requires: [[D4]]
child_rule:
  outcome: presumed_child_victim
  requires: [[D4]]
  act_from_dimensions: [D1]
"""


def test_weak_only_combination_is_refused() -> None:
    with pytest.raises(CatalogueError) as err:
        parse_rules_text(RULES, "rules.yaml")
    assert (err.value.file, err.value.line) == ("rules.yaml", 7)


def test_unknown_outcome_is_refused_with_its_line() -> None:
    text = RULES.replace("{weak: 3}", "{medium: 3}").replace("presumed_victim\n", "victim\n")
    with pytest.raises(CatalogueError) as err:
        parse_rules_text(text, "rules.yaml")
    assert err.value.line == 9
    assert "outcomes.0.outcome" in err.value.reason
