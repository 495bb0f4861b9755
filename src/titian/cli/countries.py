"""``titian countries``: the configured countries and their settings."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from titian.cli.context import console
from titian.countries.registry import all_countries, get_country

app = typer.Typer(help="Per-country settings.", no_args_is_help=True)


@app.command("list")
def list_countries() -> None:
    """The ASEAN member states and Timor-Leste."""
    table = Table("code", "name", "official languages", "retention (years)", "SOGIESC")
    for c in all_countries().values():
        table.add_row(
            c.code, c.name, ", ".join(c.official_languages), str(c.retention_years), c.sogiesc.value
        )
    console.print(table)


@app.command()
def show(code: str) -> None:
    """One country's settings as JSON."""
    console.print_json(json.dumps(get_country(code).model_dump(mode="json")))


COMMANDS = [("countries", app)]
