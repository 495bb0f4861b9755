"""``titian demo`` and ``titian serve``."""

from __future__ import annotations

import typer
from rich.table import Table

from titian.cli.context import console, settings, transaction
from titian.db import migrate
from titian.demo.loader import DEMO_LOGINS, DEMO_PASSWORD, load


def demo(
    reset: bool = typer.Option(False, "--reset", help="Drop everything and load afresh"),
) -> None:
    """Load the fictional demo data (idempotent: running it twice changes nothing)."""
    url = settings().database_url
    if reset:
        migrate.downgrade(url, "base")
    migrate.upgrade(url, "heads")
    with transaction() as session:
        state = load(session)
    console.print("demo data loaded: " + ", ".join(f"{v} {k}" for k, v in state.summary.items()))
    print_logins()


def print_logins() -> None:
    """Print the demo logins."""
    table = Table("username", "password", "who", title="Demo logins (fictional data)")
    for login in DEMO_LOGINS:
        table.add_row(login.username, DEMO_PASSWORD, login.description)
    console.print(table)


def serve(
    host: str = typer.Option("127.0.0.1"),
    port: int = typer.Option(8000),
    reload: bool = typer.Option(False, help="Restart on code changes (development)"),
) -> None:
    """Serve the web pages and the API."""
    import uvicorn

    for problem in settings().check_production():
        console.print(f"[yellow]not for production:[/yellow] {problem}")
    console.print(
        f"Titian is at [bold]http://{host}:{port}/[/bold]  "
        f"(API: http://{host}:{port}/api/v1/openapi.json) — Ctrl+C to stop"
    )
    uvicorn.run(
        "titian.asgi:app", host=host, port=port, reload=reload, log_level="info", factory=False
    )


TOP_LEVEL = [("demo", demo), ("serve", serve), ("demo-logins", print_logins)]
