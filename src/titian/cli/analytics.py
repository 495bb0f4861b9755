"""``titian analytics``: disclosure-controlled GESI indicators from CTDC or the case snapshot."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn
from rich.table import Table

from titian.analytics import service
from titian.analytics.catalogue import Source, label
from titian.analytics.schemas import IndicatorQuery, IndicatorSetRead, RoundingChoice
from titian.cli.context import console, err_console, transaction
from titian.errors import TitianError

analytics = typer.Typer(help="GESI indicators (disclosure-controlled).", no_args_is_help=True)


def _table(indicator: dict[str, Any], table: dict[str, Any]) -> Table:
    title = indicator["title"]
    if table["slice"]:
        title += f" — {label(table['slice'])}"
    out = Table(*table["dimensions"], "count", "share", title=title, title_justify="left")
    for cell in table["cells"]:
        share = cell["share"]
        row = [label(str(cell[d])) for d in table["dimensions"]]
        out.add_row(*row, cell["display"], "" if share is None else f"{share:.1%}")
    return out


def _print(result: IndicatorSetRead) -> None:
    console.print(
        f"[bold]{result.source.value}[/bold] {result.country or 'all countries'} · "
        f"threshold {result.threshold} · rounding {result.rounding.value} · "
        f"dataset {result.dataset_sha256[:12]}"
    )
    for indicator in result.indicators:
        if not indicator["tables"]:
            console.print(f"[bold]{indicator['title']}[/bold]: no data in this dataset")
        for table in indicator["tables"]:
            console.print(_table(indicator, table))
        console.print(f"[dim]Denominator: {indicator['denominator']}[/dim]")
        notes = indicator["tables"][0]["notes"] if indicator["tables"] else []
        console.print(f"[dim]{' '.join(notes)}[/dim]\n")
    console.print(f"[dim]{result.citation}[/dim]")


@analytics.command("indicators")
def indicators(
    source: Source = typer.Option(Source.TITIAN, "--source", help="ctdc or titian"),
    country: str | None = typer.Option(None, "--country", help="ISO alpha-2 (ASEAN)"),
    as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    file: Path | None = typer.Option(
        None, "--file", help="Parquet to read (default: newest import or snapshot)"
    ),
    rounding: RoundingChoice = typer.Option(RoundingChoice.NONE, "--rounding"),
    indicator: list[str] = typer.Option([], "--indicator", help="Only these ids (repeat)"),
) -> None:
    """Print every indicator of the source, after small-cell and secondary suppression."""
    try:
        query = IndicatorQuery(
            source=source, country=country, indicators=indicator or None, rounding=rounding
        )
        with (
            transaction() as session,
            Progress(
                TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                console=err_console, transient=True,
            ) as bar,
        ):  # fmt: skip
            task = bar.add_task("indicators", total=None)

            def on_progress(stage: str, done: int, total: int) -> None:
                bar.update(task, description=f"indicators: {stage}", completed=done, total=total)

            result = service.indicator_set(session, None, query, file, on_progress)
    except TitianError as exc:
        err_console.print(f"[red]error:[/red] {exc.message}")
        raise typer.Exit(1) from exc
    except ValueError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=1))
    else:
        _print(result)


COMMANDS = [("analytics", analytics)]
