"""DP counts with OpenDP: mechanics, parameters and noise size (issue 7, item 6).

Noise is never seeded: the tests check properties that hold for every draw (integers, clamping,
refusals) or statistical bounds loose enough to fail only when the scale is wrong.
"""

from __future__ import annotations

import statistics

import pytest

from titian.privacy.dp import (
    DpError,
    NoiseMechanism,
    dp_count,
    dp_counts,
    plan_noise,
    split_evenly,
)


@pytest.mark.parametrize(
    ("mechanism", "delta"),
    [(NoiseMechanism.LAPLACE, 0.0), (NoiseMechanism.GAUSSIAN, 1e-7)],
)
def test_noisy_count_is_a_non_negative_integer(mechanism: NoiseMechanism, delta: float) -> None:
    values = [dp_count(3, 1.0, mechanism=mechanism, delta=delta) for _ in range(200)]
    assert all(isinstance(v, int) and v >= 0 for v in values)


def test_without_clamping_small_counts_can_go_negative() -> None:
    values = [dp_count(0, 0.5, clamp=False) for _ in range(300)]
    assert min(values) < 0 < max(values)


def test_noise_is_actually_added() -> None:
    values = {dp_count(1000, 1.0) for _ in range(100)}
    assert len(values) > 3


@pytest.mark.parametrize(("epsilon", "expected_scale"), [(1.0, 1.0), (0.5, 2.0), (2.0, 0.5)])
def test_laplace_scale_is_sensitivity_over_epsilon(epsilon: float, expected_scale: float) -> None:
    plan = plan_noise(epsilon)
    assert plan.scale == pytest.approx(expected_scale)
    assert plan_noise(epsilon, sensitivity=2).scale == pytest.approx(2 * expected_scale)


def test_laplace_error_at_epsilon_one_is_about_three() -> None:
    # disclosure-control.md: b * ln 20 ~ 3.0 at epsilon = 1 (the discrete version is a bit wider)
    plan = plan_noise(1.0)
    assert 2.9 <= plan.accuracy <= 3.6
    assert "95 % confidence" in plan.describe()


def test_empirical_spread_matches_the_scale() -> None:
    # discrete Laplace with scale 1 has a standard deviation of about 1.4; scale 10 about 14
    tight = [dp_count(500, 1.0, clamp=False) - 500 for _ in range(400)]
    wide = [dp_count(500, 0.1, clamp=False) - 500 for _ in range(400)]
    assert statistics.pstdev(tight) < 3
    assert statistics.pstdev(wide) > 7
    assert abs(statistics.mean(wide)) < 4


def test_gaussian_needs_more_noise_for_the_same_single_count() -> None:
    laplace = plan_noise(1.0)
    gaussian = plan_noise(1.0, mechanism=NoiseMechanism.GAUSSIAN, delta=1e-7)
    assert gaussian.mechanism is NoiseMechanism.GAUSSIAN
    assert gaussian.scale > laplace.scale
    assert gaussian.accuracy > laplace.accuracy


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"epsilon": 0.0}, "epsilon"),
        ({"epsilon": -1.0}, "epsilon"),
        ({"epsilon": float("inf")}, "epsilon"),
        ({"epsilon": float("nan")}, "epsilon"),
        ({"epsilon": 1.0, "delta": 1e-7}, "laplace mechanism is pure"),
        ({"epsilon": 1.0, "mechanism": NoiseMechanism.GAUSSIAN}, "delta"),
        ({"epsilon": 1.0, "mechanism": NoiseMechanism.GAUSSIAN, "delta": 1.0}, "delta"),
        ({"epsilon": 1.0, "sensitivity": 0}, "sensitivity"),
        ({"epsilon": 1.0, "mechanism": "uniform"}, "mechanism"),
    ],
)
def test_bad_parameters_are_refused(kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(DpError, match=fragment):
        dp_count(10, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("true_count", [-1, True, 2.5, 2**62])
def test_true_count_must_be_a_count(true_count: object) -> None:
    with pytest.raises(DpError, match="true_count"):
        dp_count(true_count, 1.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("mechanism", "delta"),
    [(NoiseMechanism.LAPLACE, 0.0), (NoiseMechanism.GAUSSIAN, 1e-7)],
)
def test_grouped_counts_keep_every_public_key(mechanism: NoiseMechanism, delta: float) -> None:
    counts = {"KH": 120, "TH": 0, "VN": 7}
    noisy = dp_counts(counts, 1.0, mechanism=mechanism, delta=delta)
    assert set(noisy) == set(counts)
    assert all(isinstance(v, int) and v >= 0 for v in noisy.values())
    assert dp_counts({}, 1.0) == {}


def test_grouped_counts_are_noisy_around_the_truth() -> None:
    diffs = []
    for _ in range(100):
        noisy = dp_counts({"a": 200, "b": 300}, 1.0, clamp=False)
        diffs += [noisy["a"] - 200, noisy["b"] - 300]
    assert len(set(diffs)) > 3
    assert max(abs(d) for d in diffs) < 40


def test_split_evenly_over_queries() -> None:
    assert split_evenly(1.0, 4) == pytest.approx(0.25)
    assert sum([split_evenly("1.0", 3)] * 3) <= 1
    with pytest.raises(DpError, match="queries"):
        split_evenly(1.0, 0)
