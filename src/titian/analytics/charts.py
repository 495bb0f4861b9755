"""Charts of disclosure-controlled tables: Vega-Lite through Altair, rendered to SVG on the server.

Charts are drawn only from the protected output (:func:`titian.analytics.indicators.result_dict`):
a masked cell is left out of the chart and counted in its caption, never drawn as 0
(disclosure-control.md: "Titian shows a masked cell as ... and never as 0"). The SVG is rendered by
vl-convert (no browser, no CDN), so pages and PDFs carry their charts inline. Titles, axis titles
and category names are in the language of the ``texts`` given (English by default).
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

from titian.analytics.texts import ENGLISH, Texts
from titian.i18n import N_
from titian.privacy.sdc_release import TOTAL_LABEL

PALETTE = ["#4c2a85", "#d1495b", "#edae49", "#00798c", "#30638e", "#7f7f7f"]
WIDTH = 420


def _interior(table: dict[str, Any]) -> list[dict[str, Any]]:
    dims = table["dimensions"]
    return [c for c in table["cells"] if all(c[d] != TOTAL_LABEL for d in dims)]


def _svg(chart: alt.Chart | alt.LayerChart) -> str:
    spec = chart.configure_view(stroke=None).configure_axis(labelLimit=220).to_dict()
    return str(vlc.vegalite_to_svg(spec))


#: The count axis of a table's chart; ``unit`` is the indicator's unit (people, seats...).
COUNT_AXIS = N_("%(unit)s (published count)")
SHARE_AXIS = N_("Share")


def table_chart(
    title: str, table: dict[str, Any], unit: str = "People", texts: Texts = ENGLISH
) -> tuple[str | None, int]:
    """A bar chart of the published interior cells, and how many masked cells were left out."""
    label = texts.label
    cells = _interior(table)
    dims = table["dimensions"]
    shown = [c for c in cells if c["count"] is not None]
    masked = len(cells) - len(shown)
    if not shown or len(dims) > 2:
        return None, masked
    rows = [
        {"category": label(str(c[dims[0]])), "count": c["count"],
         "group": label(str(c[dims[1]])) if len(dims) == 2 else ""}
        for c in shown
    ]  # fmt: skip
    order = [label(str(v)) for v in table["categories"][0]]
    encoding: dict[str, Any] = {
        "x": alt.X("count:Q", title=texts.fill(COUNT_AXIS, unit=texts.text(unit))),
        "y": alt.Y("category:N", sort=order, title=None),
        "tooltip": ["category:N", "group:N", "count:Q"],
    }
    if len(dims) == 2:
        encoding["color"] = alt.Color("group:N", title=None, scale=alt.Scale(range=PALETTE))
    chart = (
        alt.Chart(pd.DataFrame(rows), title=title)
        .mark_bar()
        .encode(**encoding)
        .properties(width=WIDTH)
    )
    return _svg(chart), masked


def headline_chart(indicator: dict[str, Any], texts: Texts = ENGLISH) -> tuple[str | None, int]:
    """The headline share (e.g. women and girls) of each slice; withheld shares are left out."""
    label = texts.label
    headline = indicator.get("headline") or {}
    if not headline:
        return None, 0
    rows, withheld = [], 0
    for table in indicator["tables"]:
        for cell in _interior(table):
            if all(cell.get(k) == v for k, v in headline.items()):
                name = label(str(table["slice"] or _row_name(table, cell, headline)))
                if cell["share"] is None:
                    withheld += 1
                else:
                    rows.append({"category": name, "share": cell["share"]})
    if not rows:
        return None, withheld
    chart = (
        alt.Chart(pd.DataFrame(rows), title=texts.text(indicator["title"]))
        .mark_bar(color=PALETTE[0])
        .encode(
            x=alt.X(
                "share:Q",
                axis=alt.Axis(format="%"),
                title=texts.gettext(SHARE_AXIS),
                scale=alt.Scale(domain=[0, 1]),
            ),
            y=alt.Y("category:N", sort=None, title=None),
            tooltip=["category:N", alt.Tooltip("share:Q", format=".1%")],
        )
        .properties(width=WIDTH)
    )
    return _svg(chart), withheld


def _row_name(table: dict[str, Any], cell: dict[str, Any], headline: dict[str, str]) -> str:
    others = [d for d in table["dimensions"] if d not in headline]
    return str(cell[others[0]]) if others else ""
