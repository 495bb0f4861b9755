"""``titian i18n``: extract, update, compile and check the interface translations
(docs/translations.md). ``make messages`` runs extract, update and compile."""

from __future__ import annotations

from pathlib import Path

import typer

from titian.cli.context import console, err_console
from titian.i18n import catalogue

app = typer.Typer(help="Interface translations (Babel catalogues).", no_args_is_help=True)


@app.command()
def extract(
    root: Path = typer.Option(None, "--root", help="The checkout holding babel.cfg"),
) -> None:
    """Extract the strings of the sources into messages.pot (written only when they changed)."""
    written = catalogue.write_template(root)
    console.print(f"{catalogue.TEMPLATE}: {'updated' if written else 'up to date'}")


@app.command()
def update() -> None:
    """Carry messages.pot into every .po: new strings empty, removed ones dropped."""
    written = catalogue.update()
    console.print(f"updated: {', '.join(written) or 'none (all up to date)'}")


@app.command()
def init(locale: str = typer.Argument(..., help="A supported locale, e.g. km")) -> None:
    """Start the catalogue of a new locale from messages.pot, marked as a draft."""
    try:
        path = catalogue.init(locale)
    except (ValueError, FileExistsError) as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
    console.print(f"created {path}")


@app.command("compile")
def compile_catalogues(
    locale: list[str] = typer.Option(None, "--locale", help="Only these locales"),
    quiet: bool = typer.Option(False, "--quiet", help="Print nothing on success"),
) -> None:
    """Compile every .po to its .mo; a catalogue that fails its checks is not compiled."""
    try:
        written = catalogue.compile_all(locale or None)
    except ValueError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
    if not quiet:
        for path in written:
            console.print(f"compiled {path}")


@app.command()
def check() -> None:
    """Check every catalogue: placeholders, HTML and URLs kept, plural forms, draft notice."""
    problems = [p for loc in catalogue.catalogue_locales() for p in catalogue.check(loc)]
    for problem in problems:
        err_console.print(str(problem))
    if problems:
        raise typer.Exit(1)
    console.print(f"{len(catalogue.catalogue_locales())} catalogues: no problem found")


COMMANDS = [("i18n", app)]
