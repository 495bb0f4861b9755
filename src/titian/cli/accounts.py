"""``titian users`` and ``titian agencies``."""

from __future__ import annotations

import getpass
import uuid

import typer
from pydantic import ValidationError
from rich.table import Table
from sqlalchemy import select

from titian.auth import repository, service
from titian.auth.models import Agency, AgencyKind, AgencySector
from titian.auth.policies import Permission, Role
from titian.auth.schemas import AgencyCreate, UserCreate
from titian.cli.context import console, err_console, transaction
from titian.errors import TitianError

users = typer.Typer(help="User accounts.", no_args_is_help=True)
agencies = typer.Typer(help="Agencies (organisations with accounts).", no_args_is_help=True)


def _fail(message: str) -> None:
    err_console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(1)


def _agency_id(session: object, ref: str) -> uuid.UUID:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    try:
        return uuid.UUID(ref)
    except ValueError:
        found = (
            session.scalars(select(Agency).where(Agency.short_name == ref)).first()
            or session.scalars(select(Agency).where(Agency.name == ref)).first()
        )
        if found is None:
            _fail(f"agency {ref!r}: no agency with this id, short name or name")
        assert found is not None
        return found.id


@users.command("create")
def create_user(
    username: str = typer.Argument(...),
    agency: str = typer.Option(..., help="Agency id, short name or name"),
    role: list[Role] = typer.Option(..., "--role", help="Repeat for several roles"),
    name: str = typer.Option("", help="Full name (default: the username)"),
    email: str | None = typer.Option(None),
    grant: list[Permission] = typer.Option([], "--grant", help="Extra permission"),
    password: str | None = typer.Option(
        None, envvar="TITIAN_NEW_PASSWORD", help="Prompted for when not given"
    ),
) -> None:
    """Create a user account (run by the operator, audited as 'system')."""
    secret = password or getpass.getpass("Password for the new user: ")
    try:
        with transaction() as session:
            data = UserCreate(
                username=username,
                display_name=name or username,
                email=email,
                password=secret,
                agency_id=_agency_id(session, agency),
                roles=role,
                grants=grant,
            )
            user = service.create_user(session, None, data)
            console.print(f"created user [bold]{user.username}[/bold] ({user.id})")
    except ValidationError as exc:
        _fail("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()))
    except TitianError as exc:
        _fail(exc.message)


@users.command("list")
def list_users(agency: str | None = typer.Option(None, help="Only this agency")) -> None:
    """List user accounts."""
    from titian.auth.models import User

    with transaction() as session:
        stmt = select(User).order_by(User.username)
        if agency:
            stmt = stmt.where(User.agency_id == _agency_id(session, agency))
        table = Table("username", "name", "agency", "roles", "active")
        for user in session.scalars(stmt):
            roles = ", ".join(sorted(m.role.value for m in user.memberships))
            table.add_row(
                user.username,
                user.display_name,
                user.agency.name,
                roles,
                "yes" if user.is_active else "no",
            )
        console.print(table)


@agencies.command("create")
def create_agency(
    name: str = typer.Argument(...),
    country: str = typer.Option(..., help="ISO 3166-1 alpha-2"),
    sector: AgencySector = typer.Option(...),
    kind: AgencyKind = typer.Option(...),
    short_name: str = typer.Option(""),
    operator: bool = typer.Option(False, help="The platform operator"),
) -> None:
    """Register an agency."""
    try:
        with transaction() as session:
            data = AgencyCreate(
                name=name,
                country=country,
                sector=sector,
                kind=kind,
                short_name=short_name,
                is_operator=operator,
            )
            created = service.create_agency(session, None, data)
            console.print(f"created agency [bold]{created.name}[/bold] ({created.id})")
    except ValidationError as exc:
        _fail("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()))
    except TitianError as exc:
        _fail(exc.message)


@agencies.command("list")
def list_agencies(country: str | None = typer.Option(None)) -> None:
    """List agencies."""
    with transaction() as session:
        table = Table("short name", "name", "country", "sector", "kind")
        for a in repository.list_agencies(session, country):
            table.add_row(a.short_name, a.name, a.country, a.sector.value, a.kind.value)
        console.print(table)


COMMANDS = [("users", users), ("agencies", agencies)]
