"""Thresholds of the network analysis, read from ``network/data/network.yaml`` (``analysis``).

Rules are data (DESIGN.md): the long-path threshold and the switch to approximate betweenness are
settings a programme officer can discuss and version, not constants buried in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from titian.network.vocab import RULES_FILE, NetworkRulesError, load_rules


@dataclass(frozen=True)
class AnalysisThresholds:
    """``long_path_hops``: more hops than this to the nearest support agency is a long path.
    ``betweenness_exact_max_nodes``: exact betweenness up to this many nodes, above it sampled
    with ``betweenness_samples`` sources and ``betweenness_seed``. ``candidates_per_area``: how
    many support agencies per area a suggestion weighs for one justice agency."""

    long_path_hops: int
    betweenness_exact_max_nodes: int
    betweenness_samples: int
    betweenness_seed: int
    candidates_per_area: int


def _positive_int(section: dict[str, object], key: str) -> int:
    value = section.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise NetworkRulesError(
            f"{RULES_FILE}: analysis.{key}: {value!r} is not a positive integer"
        )
    return value


@cache
def load_thresholds() -> AnalysisThresholds:
    """The thresholds of the rules file; a missing or non-positive value is an error."""
    section = load_rules().get("analysis")
    if not isinstance(section, dict):
        raise NetworkRulesError(f"{RULES_FILE}: analysis: expected a mapping")
    return AnalysisThresholds(
        long_path_hops=_positive_int(section, "long_path_hops"),
        betweenness_exact_max_nodes=_positive_int(section, "betweenness_exact_max_nodes"),
        betweenness_samples=_positive_int(section, "betweenness_samples"),
        betweenness_seed=_positive_int(section, "betweenness_seed"),
        candidates_per_area=_positive_int(section, "candidates_per_area"),
    )
