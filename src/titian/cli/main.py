"""``titian``: the command line."""

from __future__ import annotations

import typer

from titian.cli import accounts, audit, countries, db, demo

app = typer.Typer(
    help="Titian: justice and victim support working together.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(db.app, name="db")
app.add_typer(accounts.users, name="users")
app.add_typer(accounts.agencies, name="agencies")
app.add_typer(audit.app, name="audit")
app.add_typer(countries.app, name="countries")
app.command("demo")(demo.demo)
app.command("serve")(demo.serve)
app.command("demo-logins", help="Print the demo logins.")(demo.print_logins)

if __name__ == "__main__":
    app()
