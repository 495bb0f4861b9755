"""Pure analysis of the actor network (issue 6, item 3), on networkx.

One import for the rest of Titian; the rules live in the modules named here, and in
``docs/network-analysis.md``:

- :func:`analyse_gaps` (:mod:`titian.network.gaps`): per country and group, which justice
  agencies have no path, or only a long one, to a support agency serving the group.
- :func:`brokers`, :func:`isolates`, :func:`components` (:mod:`titian.network.structure`).
- :func:`suggest_connections` (:mod:`titian.network.suggestions`): justice-support pairs for
  underserved groups, ranked and explained.

No function here reads a database or a clock: give them the graph of
:func:`titian.network.graph.build_graph`, built for the day you want.
"""

from __future__ import annotations

from titian.network.gaps import (
    CountryGapReport,
    GapStatus,
    GroupGapSummary,
    JusticeGap,
    PathOptions,
    analyse_gaps,
)
from titian.network.structure import (
    Broker,
    BrokerReport,
    BrokerScope,
    Component,
    brokers,
    components,
    isolates,
)
from titian.network.suggestions import GapSizes, Suggestion, gap_size_for, suggest_connections

__all__ = [
    "Broker",
    "BrokerReport",
    "BrokerScope",
    "Component",
    "CountryGapReport",
    "GapSizes",
    "GapStatus",
    "GroupGapSummary",
    "JusticeGap",
    "PathOptions",
    "Suggestion",
    "analyse_gaps",
    "brokers",
    "components",
    "gap_size_for",
    "isolates",
    "suggest_connections",
]
