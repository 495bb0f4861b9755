"""Differentially private counts (OpenDP) and a pure privacy-budget ledger per dataset.

Why DP: k-anonymity and suppression give no guarantee across repeated, overlapping releases
(differencing attacks); CTDC moved to DP synthetic data from 2022 for this reason (CTDC codebook v2,
2024, Appendix I). DP bounds what any series of releases reveals about one person, and the bound
adds up over releases, so a budget ledger per dataset records every spend (disclosure-control.md
section 4).

Mechanisms (OpenDP 0.16, ``contrib`` features):

* ``laplace``: the discrete Laplace mechanism on integer counts, pure epsilon-DP, scale
  b = sensitivity / epsilon (95 % error about b * ln 20, so about 3 at epsilon = 1).
* ``gaussian``: the discrete Gaussian mechanism (Canonne, Kamath, Steinke 2020), zero-concentrated
  DP converted to (epsilon, delta)-DP; needs delta > 0 and suits many counts released together.

The privacy unit is one person: ``sensitivity`` is the number of rows one person can add to the
counts (1 after deduplication across agencies). Negative noisy counts are clamped to 0, which is
post-processing and does not weaken the guarantee. Group keys must be public (declared code lists),
otherwise the presence of a key discloses; that case needs OpenDP's key-release with delta > 0 and
is not covered by these functions.

The ledger uses basic sequential composition: epsilons add, deltas add. That is an upper bound
(zCDP or Renyi accounting would be tighter for many Gaussian releases), chosen because it is
simple to check by hand. Amounts are kept as :class:`decimal.Decimal` so that ten spends of 0.1 fit
exactly in a budget of 1.0.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

import opendp.prelude as dp

dp.enable_features("contrib")

K = TypeVar("K")
Amount = float | int | str | Decimal


class DpError(ValueError):
    """Bad DP parameters or a refused budget spend; the message names the field and reason.

    ``field`` is the parameter at fault: given, or the ``name:`` the message starts with.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        head = message.split(":", 1)[0]
        self.field = field or (head if head.isidentifier() else "epsilon")


class BudgetExceededError(DpError):
    """A spend would take a dataset past its privacy budget; nothing was spent."""


class NoiseMechanism(StrEnum):
    LAPLACE = "laplace"
    GAUSSIAN = "gaussian"


@dataclass(frozen=True)
class NoisePlan:
    """What a DP count will cost and how noisy it will be, known before any budget is spent."""

    mechanism: NoiseMechanism
    epsilon: float
    delta: float
    sensitivity: int
    scale: float
    accuracy: float
    alpha: float

    def describe(self) -> str:
        conf = round((1 - self.alpha) * 100)
        return (
            f"{self.mechanism} noise, epsilon={self.epsilon:g}, delta={self.delta:g}: "
            f"within +/-{self.accuracy:.1f} of the true count with {conf} % confidence"
        )


def _check_params(
    epsilon: float, mechanism: NoiseMechanism, delta: float, sensitivity: int
) -> None:
    if mechanism not in set(NoiseMechanism):
        raise DpError(f"mechanism: {mechanism!r} is not one of {[str(m) for m in NoiseMechanism]}")
    if not math.isfinite(epsilon) or epsilon <= 0:
        raise DpError(f"epsilon: {epsilon!r} must be a finite number above 0")
    if isinstance(sensitivity, bool) or not isinstance(sensitivity, int) or sensitivity < 1:
        raise DpError(f"sensitivity: {sensitivity!r} must be a whole number of rows >= 1")
    if mechanism == NoiseMechanism.LAPLACE and delta != 0:
        raise DpError(f"delta: {delta!r} given, but the laplace mechanism is pure (delta = 0)")
    if mechanism == NoiseMechanism.GAUSSIAN and not 0 < delta < 1:
        raise DpError(f"delta: {delta!r} must be between 0 and 1 for the gaussian mechanism")


def _space(vector: bool, mechanism: NoiseMechanism) -> tuple[Any, Any]:
    if not vector:
        return dp.atom_domain(T="i64"), dp.absolute_distance(T="i64")
    domain = dp.vector_domain(dp.atom_domain(T="i64"))
    if mechanism == NoiseMechanism.LAPLACE:
        return domain, dp.l1_distance(T="i64")
    return domain, dp.l2_distance(T="i64")


def _measurement(mechanism: NoiseMechanism, vector: bool, delta: float) -> Callable[[float], Any]:
    space = _space(vector, mechanism)
    if mechanism == NoiseMechanism.LAPLACE:
        return lambda scale: dp.m.make_laplace(*space, scale=scale)

    def gaussian(scale: float) -> Any:
        zcdp = dp.m.make_gaussian(*space, scale=scale)
        return dp.c.make_fix_delta(dp.c.make_zCDP_to_approxDP(zcdp), delta=delta)

    return gaussian


def _scale(
    epsilon: float, mechanism: NoiseMechanism, delta: float, sensitivity: int, vector: bool
) -> float:
    """Smallest noise scale that OpenDP certifies for (epsilon, delta) (a search for Gaussian).

    Laplace: sensitivity / epsilon, nudged up by a few units in the last place when OpenDP's
    conservative float rounding of the privacy map does not certify it exactly (e.g. epsilon 0.7
    or 1.5). The noise is then larger by a negligible amount, never smaller.
    """
    make = _measurement(mechanism, vector, delta)
    if mechanism == NoiseMechanism.LAPLACE:
        scale = sensitivity / epsilon
        for _ in range(64):
            if make(scale).check(sensitivity, epsilon):
                break
            scale = math.nextafter(scale, math.inf)
        return scale
    return float(dp.binary_search_param(make, d_in=sensitivity, d_out=(epsilon, delta)))


def _build(
    epsilon: float, mechanism: NoiseMechanism, delta: float, sensitivity: int, vector: bool
) -> tuple[Any, float]:
    """The OpenDP measurement meeting (epsilon, delta) for ``sensitivity``, and its scale."""
    _check_params(epsilon, mechanism, delta, sensitivity)
    return _certified(epsilon, NoiseMechanism(mechanism), delta, sensitivity, vector)


@functools.lru_cache(maxsize=256)
def _certified(
    epsilon: float, mechanism: NoiseMechanism, delta: float, sensitivity: int, vector: bool
) -> tuple[Any, float]:
    """Build and check the measurement once per parameter set (OpenDP measurements are reusable)."""
    d_out: Any = epsilon if mechanism == NoiseMechanism.LAPLACE else (epsilon, delta)
    try:
        scale = _scale(epsilon, mechanism, delta, sensitivity, vector)
        measurement = _measurement(mechanism, vector, delta)(scale)
        certified = measurement.check(sensitivity, d_out)
    except dp.OpenDPException as exc:
        raise DpError(f"OpenDP refused the parameters: {exc}") from exc
    if not certified:
        raise DpError(f"epsilon: OpenDP does not certify {d_out} at scale {scale}")
    return measurement, scale


def plan_noise(
    epsilon: float,
    *,
    mechanism: NoiseMechanism = NoiseMechanism.LAPLACE,
    delta: float = 0.0,
    sensitivity: int = 1,
    alpha: float = 0.05,
) -> NoisePlan:
    """Noise scale and (1 - alpha) error bound of a count, to show before spending budget."""
    if not 0 < alpha < 1:
        raise DpError(f"alpha: {alpha!r} must be between 0 and 1")
    _, scale = _build(epsilon, mechanism, delta, sensitivity, vector=False)
    mechanism = NoiseMechanism(mechanism)
    if mechanism == NoiseMechanism.LAPLACE:
        accuracy = dp.discrete_laplacian_scale_to_accuracy(scale, alpha)
    else:
        accuracy = dp.discrete_gaussian_scale_to_accuracy(scale, alpha)
    return NoisePlan(mechanism, epsilon, delta, sensitivity, scale, accuracy, alpha)


def _check_count(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**62:
        raise DpError(f"{name}: {value!r} is not a count (whole number >= 0)")


def dp_count(
    true_count: int,
    epsilon: float,
    *,
    mechanism: NoiseMechanism = NoiseMechanism.LAPLACE,
    delta: float = 0.0,
    sensitivity: int = 1,
    clamp: bool = True,
) -> int:
    """A noisy count satisfying (epsilon, delta)-DP when one person changes it by ``sensitivity``.

    Spends ``epsilon`` (and ``delta``) of the dataset's budget: record it in a
    :class:`BudgetLedger` first, or use :func:`charged_count`.
    """
    _check_count("true_count", true_count)
    measurement, _ = _build(epsilon, mechanism, delta, sensitivity, vector=False)
    noisy = int(measurement(true_count))
    return max(noisy, 0) if clamp else noisy


def dp_counts(
    counts: Mapping[K, int],
    epsilon: float,
    *,
    mechanism: NoiseMechanism = NoiseMechanism.LAPLACE,
    delta: float = 0.0,
    sensitivity: int = 1,
    clamp: bool = True,
) -> dict[K, int]:
    """Noisy counts of disjoint groups with public keys, for ``epsilon`` in total.

    Each person is in at most ``sensitivity`` rows; the L1 (Laplace) or L2 (Gaussian) sensitivity of
    the whole vector is then at most ``sensitivity``, so the epsilon is spent once for all groups
    (parallel composition), not once per group. Every key must be public (a fixed code list),
    including keys whose true count is 0.
    """
    keys = list(counts)
    for key in keys:
        _check_count(f"counts[{key!r}]", counts[key])
    if not keys:
        return {}
    measurement, _ = _build(epsilon, mechanism, delta, sensitivity, vector=True)
    noisy = [int(v) for v in measurement([counts[k] for k in keys])]
    return {k: (max(v, 0) if clamp else v) for k, v in zip(keys, noisy, strict=True)}


def split_evenly(epsilon: Amount, queries: int) -> Decimal:
    """Epsilon per query when a release of ``queries`` queries spends ``epsilon`` in total."""
    if queries < 1:
        raise DpError(f"queries: {queries} must be at least 1")
    return _amount("epsilon", epsilon, positive=True) / queries


def _amount(name: str, value: Amount, positive: bool = False) -> Decimal:
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except ArithmeticError as exc:
        raise DpError(f"{name}: {value!r} is not a number") from exc
    if not amount.is_finite() or amount < 0 or (positive and amount == 0):
        raise DpError(f"{name}: {value!r} must be a finite number {'>' if positive else '>='} 0")
    return amount


class BudgetPeriod(StrEnum):
    LIFETIME = "lifetime"
    """The total is never renewed: the guarantee covers every release of the dataset."""
    CALENDAR_YEAR = "calendar_year"
    """The total is renewed each UTC calendar year (Titian default: epsilon 4 per year)."""


@dataclass(frozen=True)
class Spend:
    """One recorded use of a dataset's privacy budget."""

    epsilon: Decimal
    delta: Decimal
    purpose: str
    at: datetime
    dataset_version: str = ""
    release_id: str = ""
    mechanism: str = ""
    queries: tuple[str, ...] = ()


@dataclass(frozen=True)
class BudgetLedger:
    """The privacy budget of one dataset and every spend against it (immutable).

    :meth:`spend` returns a new ledger or raises :class:`BudgetExceededError`; persistence stores
    the ledger's header and its spends and rebuilds it with :meth:`from_rows`.
    """

    dataset_id: str
    total_epsilon: Decimal
    total_delta: Decimal = Decimal(0)
    period: BudgetPeriod = BudgetPeriod.LIFETIME
    max_epsilon_per_spend: Decimal | None = None
    spends: tuple[Spend, ...] = ()

    def __post_init__(self) -> None:
        if not self.dataset_id.strip():
            raise DpError("dataset_id: must not be empty")
        _amount("total_epsilon", self.total_epsilon, positive=True)
        if not Decimal(0) <= self.total_delta < 1:
            raise DpError(f"total_delta: {self.total_delta} must be >= 0 and below 1")
        if self.max_epsilon_per_spend is not None:
            _amount("max_epsilon_per_spend", self.max_epsilon_per_spend, positive=True)

    @classmethod
    def create(
        cls,
        dataset_id: str,
        total_epsilon: Amount,
        total_delta: Amount = 0,
        period: BudgetPeriod = BudgetPeriod.LIFETIME,
        max_epsilon_per_spend: Amount | None = None,
    ) -> BudgetLedger:
        cap = None if max_epsilon_per_spend is None else _amount("cap", max_epsilon_per_spend)
        return cls(
            dataset_id,
            _amount("total_epsilon", total_epsilon, positive=True),
            _amount("total_delta", total_delta),
            BudgetPeriod(period),
            cap,
        )

    def _in_period(self, spend: Spend, at: datetime) -> bool:
        if self.period is BudgetPeriod.LIFETIME:
            return True
        return spend.at.year == at.year

    def spent(self, at: datetime | None = None) -> tuple[Decimal, Decimal]:
        """(epsilon, delta) spent in the period containing ``at`` (all spends if lifetime)."""
        if at is None:
            chosen: Sequence[Spend] = self.spends
        else:
            chosen = [s for s in self.spends if self._in_period(s, _utc("at", at))]
        return sum((s.epsilon for s in chosen), Decimal(0)), sum(
            (s.delta for s in chosen), Decimal(0)
        )

    def remaining(self, at: datetime) -> tuple[Decimal, Decimal]:
        eps, delta = self.spent(at)
        return self.total_epsilon - eps, self.total_delta - delta

    def spend(
        self,
        epsilon: Amount,
        purpose: str,
        at: datetime,
        *,
        delta: Amount = 0,
        dataset_version: str = "",
        release_id: str = "",
        mechanism: str = "",
        queries: Sequence[str] = (),
    ) -> BudgetLedger:
        """Record a spend, or raise :class:`BudgetExceededError` naming what would be exceeded."""
        eps = _amount("epsilon", epsilon, positive=True)
        dlt = _amount("delta", delta)
        when = _utc("at", at)
        if not purpose.strip():
            raise DpError("purpose: every spend must say what the release is for")
        self._refuse_if_over(eps, dlt, when)
        record = Spend(
            eps, dlt, purpose, when, dataset_version, release_id, mechanism, tuple(queries)
        )
        return replace(self, spends=(*self.spends, record))

    def _refuse_if_over(self, eps: Decimal, dlt: Decimal, at: datetime) -> None:
        cap = self.max_epsilon_per_spend
        if cap is not None and eps > cap:
            raise BudgetExceededError(
                f"dataset {self.dataset_id}: epsilon {eps} is above the per-release cap {cap}",
                "epsilon",
            )
        left_eps, left_delta = self.remaining(at)
        scope = "this year" if self.period is BudgetPeriod.CALENDAR_YEAR else "in total"
        if eps > left_eps:
            raise BudgetExceededError(
                f"dataset {self.dataset_id}: epsilon {eps} requested, {left_eps} of "
                f"{self.total_epsilon} left {scope}",
                "epsilon",
            )
        if dlt > left_delta:
            raise BudgetExceededError(
                f"dataset {self.dataset_id}: delta {dlt} requested, {left_delta} of "
                f"{self.total_delta} left {scope}",
                "delta",
            )

    def to_rows(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """(header row, spend rows) for persistence; amounts as decimal strings."""
        header = {
            "dataset_id": self.dataset_id,
            "total_epsilon": str(self.total_epsilon),
            "total_delta": str(self.total_delta),
            "period": str(self.period),
            "max_epsilon_per_spend": (
                None if self.max_epsilon_per_spend is None else str(self.max_epsilon_per_spend)
            ),
        }
        rows = [
            {
                "dataset_id": self.dataset_id,
                "epsilon": str(s.epsilon),
                "delta": str(s.delta),
                "purpose": s.purpose,
                "spent_at": s.at,
                "dataset_version": s.dataset_version,
                "release_id": s.release_id,
                "mechanism": s.mechanism,
                "queries": list(s.queries),
            }
            for s in self.spends
        ]
        return header, rows

    @classmethod
    def from_rows(
        cls, header: Mapping[str, Any], rows: Sequence[Mapping[str, Any]]
    ) -> BudgetLedger:
        """Rebuild a ledger from stored rows; stored spends are trusted, not re-checked."""
        ledger = cls.create(
            str(header["dataset_id"]),
            header["total_epsilon"],
            header.get("total_delta", 0),
            BudgetPeriod(header.get("period", BudgetPeriod.LIFETIME)),
            header.get("max_epsilon_per_spend"),
        )
        spends = tuple(
            Spend(
                _amount(f"rows[{i}].epsilon", r["epsilon"], positive=True),
                _amount(f"rows[{i}].delta", r.get("delta", 0)),
                str(r["purpose"]),
                _utc(f"rows[{i}].spent_at", r["spent_at"]),
                str(r.get("dataset_version", "")),
                str(r.get("release_id", "")),
                str(r.get("mechanism", "")),
                tuple(r.get("queries", ())),
            )
            for i, r in enumerate(rows)
        )
        return replace(ledger, spends=spends)


def _utc(name: str, at: datetime) -> datetime:
    if not isinstance(at, datetime) or at.tzinfo is None or at.utcoffset() is None:
        raise DpError(f"{name}: {at!r} must be a timezone-aware datetime (UTC)")
    return at.astimezone(UTC)


def charged_count(
    ledger: BudgetLedger,
    true_count: int,
    epsilon: float,
    purpose: str,
    at: datetime,
    *,
    mechanism: NoiseMechanism = NoiseMechanism.LAPLACE,
    delta: float = 0.0,
    sensitivity: int = 1,
    dataset_version: str = "",
) -> tuple[int, BudgetLedger]:
    """Charge the ledger, then draw the noisy count: a refused spend draws no noise at all."""
    _check_params(epsilon, mechanism, delta, sensitivity)
    _check_count("true_count", true_count)
    charged = ledger.spend(
        epsilon, purpose, at, delta=delta, dataset_version=dataset_version, mechanism=mechanism
    )
    noisy = dp_count(true_count, epsilon, mechanism=mechanism, delta=delta, sensitivity=sensitivity)
    return noisy, charged
