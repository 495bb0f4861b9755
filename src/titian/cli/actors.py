"""``titian actors import CSV``: import organisations, all or nothing."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from titian.actors import importing
from titian.actors.importing import ImportRejected
from titian.cli.context import console, err_console, transaction

actors = typer.Typer(help="The actor register (organisations).", no_args_is_help=True)


@actors.command("import")
def import_actors(
    csv_file: Path = typer.Argument(..., exists=True, dir_okay=False, help="UTF-8 CSV file"),
) -> None:
    """Import organisations from CSV: every row is checked first; if any is refused nothing is
    written and every refused row is listed. Duplicates (same normalised name and country) are
    merged and reported."""
    text = csv_file.read_text(encoding="utf-8-sig")
    try:
        with transaction() as session:
            report = importing.import_csv(session, None, text)
    except ImportRejected as exc:
        table = Table("line", "field", "reason", title="Refused rows: nothing was written")
        for problem in exc.report.rejected:
            table.add_row(str(problem.line), problem.field, problem.message)
        err_console.print(table)
        raise typer.Exit(1) from exc
    console.print(
        f"{report.rows} rows: {report.created} organisations created, "
        f"{report.merged} merged into registered ones, {len(report.duplicates)} duplicate rows"
    )
    for dup in report.duplicates:
        into = f"line {dup.merged_into_line}" if dup.merged_into_line else dup.merged_into_actor
        console.print(f"  line {dup.line} ({dup.name_key}) merged into {into}")


COMMANDS = [("actors", actors)]
