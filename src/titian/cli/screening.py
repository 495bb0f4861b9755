"""``titian screening``: score an answers file, list the indicator lists (no database needed)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from titian.cli.context import console, err_console
from titian.screening import available_catalogues, score_answers_json

screening = typer.Typer(help="Trafficking screening (ILO/EC indicators).", no_args_is_help=True)


def _fail(message: str) -> None:
    err_console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(1)


@screening.command("score")
def score_command(
    answers: Path = typer.Option(
        ..., "--answers", help="Answers file, JSON (docs/schemas/screening-answers.schema.json)"
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON"),
) -> None:
    """Score one answers file: the graded outcome and its explanation. Not a legal
    determination of victim status."""
    try:
        text = answers.read_text(encoding="utf-8")
    except OSError as exc:
        _fail(f"{answers}: cannot read the file ({exc.strerror})")
        raise
    try:
        result = score_answers_json(text, source=str(answers))
    except ValueError as exc:
        _fail(str(exc))
        raise
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=1, ensure_ascii=False))
        return
    console.print(f"[bold]{result.outcome_label}[/bold] ({result.outcome.value})")
    for line in result.explanation:
        console.print(f"- {line}", highlight=False)


@screening.command("catalogues")
def catalogues_command(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table"),
) -> None:
    """Every shipped indicator list with its version and status (incomplete / to verify)."""
    infos = available_catalogues()
    if as_json:
        typer.echo(json.dumps([i.model_dump(mode="json") for i in infos], indent=1))
        return
    table = Table("list", "title", "version", "status", "indicators", "base")
    for info in infos:
        table.add_row(
            info.list_id,
            info.title,
            f"{info.catalogue} {info.version}",
            info.status.value,
            str(info.indicator_count),
            info.base or "",
        )
    console.print(table)


COMMANDS = [("screening", screening)]
