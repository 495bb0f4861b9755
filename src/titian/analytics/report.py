"""The country GESI report: sections of disclosure-controlled tables with their charts.

Built only from an :class:`~titian.analytics.schemas.IndicatorSetRead` (already protected), so the
web page, its PDF and the dashboard show the same figures as the API and the command line. Each
section states its denominator and the disclosure rules applied (disclosure-control.md: "Every
release states which rules were applied").

A report is built in one language (:class:`titian.analytics.texts.Texts`): titles, denominators,
units, category labels, notes and chart texts are translated as it is built, for the page that
shows it; the figures themselves are the same in every language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from titian.analytics.charts import headline_chart, table_chart
from titian.analytics.schemas import IndicatorSetRead
from titian.analytics.texts import ENGLISH, Texts
from titian.i18n import N_
from titian.privacy.sdc_release import TOTAL_LABEL


@dataclass(frozen=True)
class TableView:
    """A table laid out for reading: first dimension down, second across (with totals)."""

    caption: str
    corner: str
    columns: list[str]
    rows: list[tuple[str, list[str]]]
    notes: list[str]
    svg: str | None = None
    masked: int = 0


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    denominator: str
    tables: list[TableView]
    headline_svg: str | None = None
    headline_withheld: int = 0


@dataclass(frozen=True)
class Report:
    source: str
    country: str | None
    country_name: str
    threshold: int
    rounding: str
    citation: str
    dataset_sha256: str
    generated_at: str
    sections: list[Section] = field(default_factory=list)


def _text(cell: dict[str, Any]) -> str:
    share = cell["share"]
    return cell["display"] if share is None else f"{cell['display']} ({share:.0%})"


def _grid(
    table: dict[str, Any], unit: str = "People", texts: Texts = ENGLISH
) -> tuple[str, list[str], list[tuple[str, list[str]]]]:
    """``unit``: what a count counts (the indicator's ``unit``: people, seats, dialogues)."""
    dims = table["dimensions"]
    cats = [[*c, TOTAL_LABEL] for c in table["categories"]]
    index = {tuple(str(c[d]) for d in dims): c for c in table["cells"]}
    label, unit = texts.label, texts.text(unit)
    if len(dims) == 1:
        rows = [(label(v), [_text(index[(v,)])]) for v in cats[0]]
        return label(dims[0]), [unit], rows
    if len(dims) == 2:
        rows = [(label(a), [_text(index[(a, b)]) for b in cats[1]]) for a in cats[0]]
        return label(dims[0]), [label(b) for b in cats[1]], rows
    rows = [(" · ".join(label(str(c[d])) for d in dims), [_text(c)]) for c in table["cells"]]
    return " · ".join(label(d) for d in dims), [unit], rows


def _table_view(
    indicator: dict[str, Any], table: dict[str, Any], charts: bool, texts: Texts = ENGLISH
) -> TableView:
    """A table; charted only when the indicator has no headline chart and no slices (one chart
    per indicator keeps the report readable and fast to render)."""
    caption = texts.text(indicator["title"])
    if table["slice"]:
        caption += f" — {texts.label(table['slice'])}"
    unit = str(indicator.get("unit") or N_("People"))
    corner, columns, rows = _grid(table, unit, texts)
    chart = charts and not indicator.get("headline") and not indicator.get("slice")
    svg, masked = table_chart(caption, table, unit, texts) if chart else (None, 0)
    notes = [texts.text(note) for note in table["notes"]]
    return TableView(caption, corner, columns, rows, notes, svg, masked)


def build_report(
    result: IndicatorSetRead,
    country_name: str,
    charts: bool = True,
    table_charts: bool = True,
    texts: Texts = ENGLISH,
) -> Report:
    """Every indicator of ``result`` as a report section (charts rendered to SVG when asked;
    ``table_charts=False`` keeps only the headline-share charts, as on the dashboard), with its
    texts in the language of ``texts`` (English by default)."""
    sections = []
    for indicator in result.indicators:
        headline_svg, withheld = headline_chart(indicator, texts) if charts else (None, 0)
        tables = [
            _table_view(indicator, t, charts and table_charts, texts) for t in indicator["tables"]
        ]
        sections.append(
            Section(
                id=indicator["id"],
                title=texts.text(indicator["title"]),
                denominator=texts.text(indicator["denominator"]),
                tables=tables,
                headline_svg=headline_svg,
                headline_withheld=withheld,
            )
        )
    return Report(
        source=result.source.value,
        country=result.country,
        country_name=country_name,
        threshold=result.threshold,
        rounding=result.rounding.value,
        citation=texts.text(result.citation),
        dataset_sha256=result.dataset_sha256,
        generated_at=result.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        sections=sections,
    )
