"""``titian network gaps`` and ``titian network export``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from titian.cli.context import console, transaction
from titian.network import service

network = typer.Typer(help="The actor network: gaps and exports.", no_args_is_help=True)


class Format(StrEnum):
    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"


@network.command("gaps")
def gaps(
    country: str = typer.Option(..., help="ISO 3166-1 alpha-2"),
    as_json: bool = typer.Option(False, "--json", help="The full analysis as JSON"),
    limit: int = typer.Option(20, min=1, help="Suggested connections to list"),
) -> None:
    """Gaps, brokers, isolates and suggested connections of one country."""
    with transaction() as session:
        found = service.analyse(session, None, country, limit=limit).read()
    if as_json:
        typer.echo(json.dumps(found.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    table = Table(
        "group",
        "support",
        "justice",
        "connected",
        "long path",
        "no path",
        "no support",
        title=f"{found.country}: {found.organisations} organisations, "
        f"{found.relationships} relationships",
    )
    for s in found.summaries:
        table.add_row(
            s.group.value,
            *(
                str(v)
                for v in (
                    s.support_agencies,
                    s.justice_agencies,
                    s.connected,
                    s.long_path,
                    s.no_path,
                    s.no_support,
                )
            ),
        )
    console.print(table)
    for suggestion in found.suggestions:
        console.print(f"{suggestion.rank}. {suggestion.explanation}")


@network.command("export")
def export(
    out: Path = typer.Argument(..., help="File to write; for csv, the prefix of two files"),
    format: Format = typer.Option(Format.GRAPHML, "--format"),
    country: str | None = typer.Option(None, help="Only this country's organisations"),
) -> None:
    """Write the network as GraphML or GEXF (Gephi), or as two CSV files
    (``OUT-nodes.csv`` and ``OUT-edges.csv``). Contact people are never exported."""
    with transaction() as session:
        if format is Format.CSV:
            stem = out.with_suffix("") if out.suffix == ".csv" else out
            written = []
            for kind in ("nodes", "edges"):
                path = stem.parent / f"{stem.name}-{kind}.csv"
                with path.open("w", encoding="utf-8", newline="") as handle:
                    service.export(session, None, f"{kind}_csv", handle, country=country)  # type: ignore[arg-type]
                written.append(str(path))
        else:
            with out.open("wb") as binary:
                service.export(session, None, format.value, binary, country=country)  # type: ignore[arg-type]
            written = [str(out)]
    console.print("wrote " + ", ".join(written))


COMMANDS = [("network", network)]
