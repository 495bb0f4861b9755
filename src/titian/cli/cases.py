"""``titian cases``, ``titian retention`` and ``titian keys``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer
from pydantic import ValidationError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from titian.cases.profile import CaseProfile
from titian.cases.retention import run_retention
from titian.cases.rights import derive_checklist
from titian.cases.service_identity import rotate_keys
from titian.cli.context import console, err_console, transaction
from titian.countries.registry import CountrySettingsError, get_country

cases = typer.Typer(help="Victim cases.", no_args_is_help=True)
retention = typer.Typer(help="Retention of closed cases (C14).", no_args_is_help=True)
keys = typer.Typer(help="Field-encryption keys.", no_args_is_help=True)


def _fail(message: str) -> None:
    err_console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(1)


def _profile(path: Path) -> CaseProfile:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        _fail(f"{path}: cannot read the file ({exc.strerror})")
        raise
    try:
        return CaseProfile.model_validate_json(text)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'profile'}: {e['msg']}" for e in exc.errors()
        )
        _fail(f"{path}: {problems}")
        raise


@cases.command("checklist")
def checklist(
    profile: Path = typer.Option(..., "--profile", help="The profile as JSON (docs/schemas/)"),
    country: str = typer.Option(..., "--country", help="ISO 3166-1 alpha-2, e.g. TH"),
    identified_on: str = typer.Option(
        "", "--identified-on", help="Date of identification, YYYY-MM-DD (default: today)"
    ),
    today: str = typer.Option("", "--today", help="Date to compute statuses for (default: today)"),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table"),
) -> None:
    """Derive the rights and accommodations checklist for a profile (no database needed)."""
    the_profile = _profile(profile)
    try:
        settings = get_country(country)
        start = date.fromisoformat(identified_on) if identified_on else date.today()
        now = date.fromisoformat(today) if today else date.today()
    except CountrySettingsError as exc:
        _fail(str(exc))
        raise
    except ValueError as exc:
        _fail(f"--identified-on / --today: {exc}")
        raise
    items = derive_checklist(the_profile, settings, start, now)
    if as_json:
        typer.echo(json.dumps([i.model_dump(mode="json") for i in items], indent=1))
        return
    table = Table("item", "rules", "mode", "status", "due", "title")
    for item in items:
        table.add_row(
            item.item_id,
            ",".join(item.rules),
            item.mode.value,
            item.status.value,
            item.due_on.isoformat() if item.due_on else "",
            item.title,
        )
    console.print(table)


@retention.command("run")
def retention_run(
    today: str = typer.Option("", "--today", help="Run as of this date (default: today)"),
) -> None:
    """Anonymise closed cases past their country's retention period (audited)."""
    on = date.fromisoformat(today) if today else None
    with transaction() as session:
        report = run_retention(session, None, on)
    console.print(
        f"checked {report.checked} closed cases, anonymised {len(report.anonymised)}"
        + (f": {', '.join(report.anonymised)}" if report.anonymised else "")
    )


@keys.command("rotate")
def keys_rotate() -> None:
    """Re-encrypt every encrypted field with the first key of TITIAN_ENCRYPTION_KEYS."""
    columns = (TextColumn("re-encrypting"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console) as progress, transaction() as session:
        task = progress.add_task("fields", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        changed = rotate_keys(session, advance)
    console.print(f"re-encrypted {changed} fields with the active key")


COMMANDS = [("cases", cases), ("retention", retention), ("keys", keys)]
