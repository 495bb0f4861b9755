"""``titian services``: import and export the directory as Open Referral HSDS (issue 4, item 2).

An import is all-or-nothing: every file is read and checked first; any error refuses the whole
import, listed by file, row and field, and nothing is written.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import typer
from rich.progress import Progress
from rich.table import Table

from titian.cli.context import console, err_console, transaction
from titian.errors import TitianError
from titian.services.hsds import (
    HsdsError,
    HsdsImportError,
    HsdsSource,
    parse_directory,
    read_hsds_csv_package,
    read_hsds_json,
    to_hsds_json,
    write_hsds_csv_package,
)
from titian.services.schemas import ImportReport
from titian.services.service_import import link_agency, load_directory, object_count
from titian.services.service_import import write_directory as write

app = typer.Typer(help="The service directory (Open Referral HSDS 3.0).", no_args_is_help=True)


def _read(path: Path, kind: str | None) -> HsdsSource:
    return read_hsds_csv_package(path) if path.is_dir() else read_hsds_json(path, kind)


def print_errors(errors: tuple[HsdsError, ...]) -> None:
    table = Table("file", "row", "field", "problem", title=f"{len(errors)} error(s)")
    for e in sorted(errors, key=HsdsError.sort_key):
        table.add_row(e.file, "" if e.row is None else str(e.row), e.field, e.message)
    err_console.print(table)


def _print_report(report: ImportReport) -> None:
    table = Table("object", "created", "updated", title="HSDS import")
    for name in sorted(set(report.created) | set(report.updated)):
        table.add_row(name, str(report.created.get(name, 0)), str(report.updated.get(name, 0)))
    console.print(table)
    if report.warnings:
        console.print(f"[yellow]{len(report.warnings)} warning(s)[/yellow] (first 20):")
        for w in report.warnings[:20]:
            console.print(
                f"  {w['file']} {w['row'] if w['row'] is not None else ''} "
                f"{w['field']}: {w['message']}"
            )


@app.command("import-hsds")
def import_hsds(
    paths: list[Path] = typer.Argument(..., help="HSDS JSON files and/or CSV package folders"),
    kind: str | None = typer.Option(None, help="Object type of JSON files (service, ...)"),
) -> None:
    """Import HSDS 3.0 JSON files or CSV data packages; refused whole on any error."""
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("read and check", total=len(paths))
        sources = []
        for path in paths:
            sources.append(_read(path, kind))
            progress.advance(task)
        try:
            directory = parse_directory(*sources)
        except HsdsImportError as exc:
            progress.stop()
            err_console.print(f"[red]refused:[/red] {exc.message}; nothing was imported")
            print_errors(exc.errors)
            raise typer.Exit(1) from exc
        writing = progress.add_task("write", total=object_count(directory))
        with transaction() as session:
            report = write(session, None, directory, [s.name for s in sources],
                           lambda: progress.advance(writing))  # fmt: skip
    _print_report(report)


@app.command("export-hsds")
def export_hsds(
    out: Path = typer.Argument(..., help="A .json file, or a folder for the CSV data package"),
) -> None:
    """Export the whole directory: HSDS JSON (services with everything nested) or CSV."""
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("read the directory", total=2)
        with transaction() as session:
            directory = load_directory(session, None)
        progress.advance(task)
        if out.suffix.lower() == ".json":
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(to_hsds_json(directory), indent=2, ensure_ascii=False),
                           encoding="utf-8")  # fmt: skip
            written = [out]
        else:
            written = write_hsds_csv_package(directory, out)
        progress.advance(task)
    console.print(f"exported {len(directory.services)} services to {len(written)} file(s) in {out}")


@app.command("link-agency")
def link(
    organization: uuid.UUID = typer.Argument(..., help="HSDS organization id"),
    agency: uuid.UUID | None = typer.Argument(None, help="Titian agency id (omit to unlink)"),
) -> None:
    """Link a directory organization to the Titian agency that runs it: that agency's service
    providers then edit its services."""
    try:
        with transaction() as session:
            link_agency(session, organization, agency)
    except TitianError as exc:
        err_console.print(f"[red]error:[/red] {exc.message}")
        raise typer.Exit(1) from exc
    console.print("linked" if agency else "unlinked")


COMMANDS = [("services", app)]
