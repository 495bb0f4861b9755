"""Inputs, outputs and errors of the k-anonymous microdata release engine.

Privacy models: k-anonymity (Sweeney 2002; CTDC uses k = 11, CTDC codebook v6.0), distinct and
entropy l-diversity (Machanavajjhala et al. 2007). Information loss follows ARX's default quality
model "Loss" (Iyengar 2002, as implemented in ARX ``MetricMDNMLoss``), with discernibility
(Bayardo & Agrawal 2005), precision (Sweeney 2002) and the average class size (LeFevre et al. 2006)
reported next to it. See docs/anonymisation.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

import polars as pl

SUPPRESSED = "*"
DEFAULT_K = 11


class LDiversityKind(StrEnum):
    """Variants of l-diversity for one sensitive attribute."""

    DISTINCT = "distinct"
    ENTROPY = "entropy"


class AnonymizationError(ValueError):
    """Invalid request or input data; the message names the field or value and the reason."""


class NoSolutionError(AnonymizationError):
    """No generalisation in the lattice meets the privacy model within the suppression budget."""


@dataclass(frozen=True)
class PrivacyModel:
    """k-anonymity, optionally l-diversity, with a budget of suppressed rows."""

    k: int = DEFAULT_K
    suppression: float = 0.0
    l: int | None = None  # noqa: E741 - the model's own name
    sensitive: str | None = None
    l_kind: LDiversityKind = LDiversityKind.DISTINCT

    def __post_init__(self) -> None:
        if self.k < 1:
            raise AnonymizationError(f"k: must be at least 1, got {self.k}")
        if not 0.0 <= self.suppression < 1.0:
            raise AnonymizationError(f"suppression: must be in [0, 1), got {self.suppression}")
        if (self.l is None) != (self.sensitive is None):
            raise AnonymizationError("l and sensitive: give both or neither")
        if self.l is not None and self.l < 1:
            raise AnonymizationError(f"l: must be at least 1, got {self.l}")

    def max_outliers(self, rows: int) -> int:
        """Largest number of suppressed rows allowed: floor(suppression x rows), as in ARX."""
        return math.floor(self.suppression * rows + 1e-9)

    @property
    def diversity(self) -> bool:
        return self.l is not None


@dataclass(frozen=True)
class InformationLoss:
    """Information-loss figures of one release (0 = no loss, 1 = everything lost, unless noted).

    - ``loss``: ARX "Loss" (geometric mean over QIs of 1 + per-QI loss, minus 1); the optimum is
      chosen by this figure.
    - ``loss_per_qi``: per-QI normalised Loss (share of the domain covered by each released value,
      suppressed cells count 1).
    - ``discernibility``: sum of squared class sizes, suppressed rows cost n each.
    - ``precision_loss``: 1 - Sweeney's precision (mean generalisation height / max height).
    - ``average_class_size``: (released rows / classes) / k; 1 is ideal.
    """

    loss: float
    loss_per_qi: dict[str, float]
    discernibility: int
    precision_loss: float
    average_class_size: float


@dataclass(frozen=True)
class AnonymizationResult:
    """The verified release and how it was made."""

    frame: pl.DataFrame
    levels: dict[str, int]
    model: PrivacyModel
    rows: int
    suppressed_rows: int
    classes: int
    information_loss: InformationLoss
    verified: bool
    lattice_size: int
    nodes_evaluated: int
    problems: tuple[str, ...] = field(default=())
    timings: dict[str, float] = field(default_factory=dict)
