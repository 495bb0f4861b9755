"""``titian``: the command line. Each module in ``titian.cli`` that defines ``COMMANDS`` (a list of
``(name, typer.Typer)`` sub-apps) or ``TOP_LEVEL`` (a list of ``(name, function)``) is plugged in,
so an area adds a file, not a line here."""

from __future__ import annotations

import typer

from titian.kit.discovery import submodules

app = typer.Typer(
    help="Titian: justice and victim support working together.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)

for _module in submodules("titian.cli"):
    for _name, _sub in getattr(_module, "COMMANDS", []):
        app.add_typer(_sub, name=_name)
    for _name, _fn in getattr(_module, "TOP_LEVEL", []):
        app.command(_name)(_fn)

if __name__ == "__main__":
    app()
