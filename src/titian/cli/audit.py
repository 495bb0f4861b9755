"""``titian audit``: verify the chain, show recent events."""

from __future__ import annotations

import typer
from rich.table import Table
from sqlalchemy import select

from titian.audit import service
from titian.audit.models import AuditEvent
from titian.cli.context import console, err_console, transaction

app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)


@app.command()
def verify() -> None:
    """Check every event against the chain. Prints OK, or the first broken event and exits 1."""
    with transaction() as session:
        verdict = service.verify(session)
    if verdict.ok:
        console.print(f"[green]{verdict.describe()}[/green]")
        return
    err_console.print(f"[red]{verdict.describe()}[/red]")
    raise typer.Exit(1)


@app.command()
def tail(limit: int = typer.Option(20, min=1, max=1000)) -> None:
    """The newest events."""
    with transaction() as session:
        rows = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit))
        table = Table("seq", "when (UTC)", "who", "action", "record")
        for e in rows:
            table.add_row(
                str(e.seq),
                e.occurred_at.strftime("%Y-%m-%d %H:%M:%S"),
                e.actor_username,
                e.action,
                f"{e.entity_type} {e.entity_id[:8]}",
            )
        console.print(table)


COMMANDS = [("audit", app)]
