"""``titian dialogues list | show | commitments``."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

import typer
from rich.table import Table

from titian.cli.context import console, err_console, transaction
from titian.dialogues import service
from titian.dialogues.balance import balance
from titian.dialogues.models import Dialogue
from titian.dialogues.schemas import CommitmentRead

dialogues = typer.Typer(help="Policy dialogues and their commitments.", no_args_is_help=True)


@dialogues.command("list")
def list_dialogues(country: str | None = typer.Option(None)) -> None:
    """Every dialogue (the command line acts for the operator)."""
    with transaction() as session:
        table = Table("id", "date", "country", "status", "title", "participants", "overdue")
        for d in service.list_dialogues(session, None, country):
            r = service.dialogue_read(d)
            table.add_row(
                str(r.id),
                r.held_on.isoformat(),
                r.country,
                r.status.value,
                r.title,
                str(r.participants),
                str(r.commitments_overdue),
            )
        console.print(table)


@dialogues.command("show")
def show(dialogue_id: uuid.UUID = typer.Argument(...)) -> None:
    """One dialogue: participation figures and commitments (no participants' names)."""
    with transaction() as session:
        dialogue = session.get(Dialogue, dialogue_id)
        if dialogue is None:
            err_console.print("[red]error:[/red] no such dialogue")
            raise typer.Exit(1)
        r = service.dialogue_read(dialogue)
        figures = balance(service.attendees(dialogue.participants))
        console.print(f"[bold]{r.title}[/bold] · {r.country} · {r.held_on} · {r.status.value}")
        console.print(f"topics: {', '.join(r.topics) or '—'}")
        console.print(
            f"participants: {figures.participants} from {figures.organisations} organisations; "
            f"victim support agencies {figures.support_agencies.percent()}, "
            f"women {figures.women.percent()} ({figures.gender_undisclosed} undisclosed)"
        )
        console.print("groups represented: " + (", ".join(figures.groups_represented) or "none"))
        console.print("groups missing: " + (", ".join(figures.groups_missing) or "none"))
        _commitments(service.commitment_read(c) for c in dialogue.commitments)


def _commitments(rows: Iterable[CommitmentRead]) -> None:
    table = Table("due", "status", "owner", "commitment", "dialogue", "overdue")
    for c in rows:
        table.add_row(
            c.due_on.isoformat(),
            c.status.value,
            c.owner_name or "—",
            c.description,
            c.dialogue_title,
            "yes" if c.overdue else "",
        )
    console.print(table)


@dialogues.command("commitments")
def commitments(
    overdue: bool = typer.Option(False, "--overdue", help="Only owed and past due"),
    country: str | None = typer.Option(None),
) -> None:
    """Commitments of every dialogue, by due date."""
    with transaction() as session:
        found = service.list_commitments(session, None, overdue=overdue, country=country)
        _commitments(service.commitment_read(c) for c in found)


COMMANDS = [("dialogues", dialogues)]
