"""``titian db``: migrations."""

from __future__ import annotations

import typer

from titian.cli.context import console, engine, settings
from titian.db import migrate

app = typer.Typer(help="Database migrations (Alembic).", no_args_is_help=True)


@app.command()
def upgrade(revision: str = typer.Argument("heads")) -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    migrate.upgrade(settings().database_url, revision)
    console.print(f"database at revision [bold]{migrate.current(engine())}[/bold]")


@app.command()
def downgrade(revision: str = typer.Argument("-1")) -> None:
    """Undo migrations down to REVISION (default: one step; 'base' removes everything)."""
    migrate.downgrade(settings().database_url, revision)
    console.print(f"database at revision [bold]{migrate.current(engine()) or 'base'}[/bold]")


@app.command()
def current() -> None:
    """Print the database's revision and the newest one available."""
    now = migrate.current(engine())
    newest = migrate.head(settings().database_url)
    state = "up to date" if now == newest else "needs 'titian db upgrade'"
    console.print(f"current: {now or 'base'}  head: {newest}  ({state})")


@app.command()
def history() -> None:
    """List the migrations."""
    console.print(migrate.history(settings().database_url))


COMMANDS = [("db", app)]
