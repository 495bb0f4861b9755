"""``titian data``: import public datasets (CTDC) for analytics."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from titian.analytics import repository, service
from titian.analytics.ctdc import CtdcImportError
from titian.cli.context import console, err_console, transaction
from titian.errors import TitianError

data = typer.Typer(help="Public datasets for analytics (CTDC).", no_args_is_help=True)


def _bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=err_console,
    )


@data.command("import-ctdc")
def import_ctdc(
    file: Path = typer.Argument(..., help="A CTDC file: CSV, TSV or XLSX, any generation"),
    out: Path | None = typer.Option(
        None, "--out", help="Parquet output (default: DATA_DIR/ctdc/<name>-<hash>.parquet)"
    ),
) -> None:
    """Import a CTDC file, all or nothing, and record it (file, hash, generation, rows, who)."""
    try:
        with transaction() as session, _bar() as bar:
            task = bar.add_task("CTDC import", total=None)

            def on_progress(stage: str, done: int, total: int) -> None:
                bar.update(task, description=f"CTDC {stage}", completed=done, total=total)

            record, report = service.import_file(session, None, file, out, on_progress)
    except CtdcImportError as exc:
        err_console.print(f"[red]refused:[/red] {file} was not imported (nothing written)")
        for problem in exc.problems:
            err_console.print(f"  {problem}")
        raise typer.Exit(1) from exc
    except TitianError as exc:
        err_console.print(f"[red]error:[/red] {exc.message}")
        raise typer.Exit(1) from exc
    console.print(
        f"imported [bold]{record.file_name}[/bold]: {report.title} ({record.generation}), "
        f"{record.rows} rows x {record.columns} columns -> {record.output_path}"
    )
    console.print(f"sha256 {record.sha256}; recorded as import {record.id} by {record.imported_by}")
    if report.extras:
        console.print(f"kept as extras: {', '.join(report.extras)}")


@data.command("imports")
def list_imports() -> None:
    """The CTDC imports recorded, newest first."""
    from rich.table import Table

    with transaction() as session:
        table = Table("when", "file", "generation", "rows", "sha256", "who")
        for r in repository.list_imports(session):
            table.add_row(
                r.imported_at.strftime("%Y-%m-%d %H:%M"), r.file_name, r.generation,
                str(r.rows), r.sha256[:12], r.imported_by,
            )  # fmt: skip
        console.print(table)


COMMANDS = [("data", data)]
