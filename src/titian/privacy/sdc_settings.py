"""Disclosure-control settings: the threshold, the rounding rule and the DP budget defaults.

Defaults follow disclosure-control.md section 5 ("Titian defaults"): counts 1-10 are suppressed and
0 and 11+ published (CTDC's k = 11, CTDC codebook v6.0); published counts may be rounded to base 5
or floored to a multiple of 10 (the Synthetic Data Showcase ``reporting_resolution``); DP releases
spend epsilon = 1.0 each and at most epsilon = 4 per dataset per year, with delta = 1e-7 only when
the group keys are not public.

Every value here is versioned (``RULES_VERSION``) and overridable per deployment through
:class:`DisclosureSettings`; pure functions take the values as arguments and never read settings.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from pydantic import BaseModel, ConfigDict, Field

RULES_VERSION: Final = "2026.1"
DEFAULT_THRESHOLD: Final = 11
MIN_THRESHOLD: Final = 2
POLICY_MIN_THRESHOLD: Final = 3


class SdcError(ValueError):
    """Bad input to a disclosure-control function; the message names the field and the reason."""


class RoundingMethod(StrEnum):
    """How published counts are rounded after suppression (disclosure-control.md, "Rounding")."""

    NEAREST = "nearest"
    """Round to the nearest multiple of the base, halves up (base 5: 12 -> 10, 13 -> 15)."""
    FLOOR = "floor"
    """Round down to a multiple of the base, as SDS ``reporting_resolution`` (base 10: 19 -> 10)."""


class RoundingRule(BaseModel):
    """A rounding rule: method and base. Applied only to published (unsuppressed) cells."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    base: int = Field(ge=2, description="Round to multiples of this number")
    method: RoundingMethod = RoundingMethod.NEAREST

    def apply(self, value: int) -> int:
        """The published value for a true count ``value`` (zero stays zero)."""
        if value < 0:
            raise SdcError(f"rounding: value {value} is negative")
        if self.method is RoundingMethod.FLOOR:
            return value - value % self.base
        return ((2 * value + self.base) // (2 * self.base)) * self.base

    def preimage(self, published: int) -> tuple[int, int]:
        """Smallest and largest true counts that this rule publishes as ``published``."""
        if published < 0 or published % self.base:
            raise SdcError(
                f"rounding: {published} is not a multiple of the base {self.base} ({self.method})"
            )
        if self.method is RoundingMethod.FLOOR:
            return published, published + self.base - 1
        low = max(published - self.base // 2, 0)
        high = published + (self.base - 1) // 2
        while self.apply(low) != published:
            low += 1
        while self.apply(high + 1) == published:
            high += 1
        return low, high

    def describe(self) -> str:
        if self.method is RoundingMethod.FLOOR:
            return f"counts rounded down to a multiple of {self.base}"
        return f"counts rounded to the nearest multiple of {self.base}"


BASE_5: Final = RoundingRule(base=5, method=RoundingMethod.NEAREST)
FLOOR_10: Final = RoundingRule(base=10, method=RoundingMethod.FLOOR)


class DisclosureSettings(BaseModel):
    """Deployment settings for disclosure control (disclosure-control.md section 5).

    ``threshold`` is the smallest count that may be published (CTDC k = 11). ``rounding`` is the
    rule applied to released tables (base 5 by default). The DP fields give the epsilon spent by one
    release, the yearly cap per dataset and the delta used when group keys are not public.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = RULES_VERSION
    threshold: int = Field(default=DEFAULT_THRESHOLD, ge=POLICY_MIN_THRESHOLD)
    rounding: RoundingRule | None = BASE_5
    dp_epsilon_per_release: float = Field(default=1.0, gt=0)
    dp_epsilon_per_year: float = Field(default=4.0, gt=0)
    dp_delta_unknown_keys: float = Field(default=1e-7, gt=0, lt=1)


DEFAULT_SETTINGS: Final = DisclosureSettings()


def check_threshold(threshold: int) -> int:
    """Reject thresholds that make suppression meaningless (below 2) or are not integers."""
    if isinstance(threshold, bool) or not isinstance(threshold, int):
        raise SdcError(f"threshold: {threshold!r} is not an integer")
    if threshold < MIN_THRESHOLD:
        raise SdcError(f"threshold: {threshold} is below the minimum of {MIN_THRESHOLD}")
    return threshold
