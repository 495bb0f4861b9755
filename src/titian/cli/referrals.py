"""``titian referrals``: match a need profile over the database directory, and the coverage gap
report (issue 4, items 5 and 7). A gap is a result: it is printed, never an empty list."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from titian.cli.context import console, err_console, transaction
from titian.errors import Invalid
from titian.referrals import gaps_store
from titian.referrals.vocab import ServiceType
from titian.services.service_matching import match_need, need_from_json, result_json

app = typer.Typer(help="Referral matching and service gaps.", no_args_is_help=True)


def _fail_invalid(exc: Invalid) -> None:
    err_console.print(f"[red]refused:[/red] {exc.message}")
    for e in exc.details.get("errors", []):
        err_console.print(f"  {e['field'] or '(profile)'}: {e['message']}")
    raise typer.Exit(1)


def _load_profile(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        err_console.print(f"[red]error:[/red] {path}: {exc}")
        raise typer.Exit(1) from exc


def _print_result(body: dict[str, Any]) -> None:
    eligible = Table("#", "service", "score", "why", "to confirm", title="Eligible")
    for n, e in enumerate(body["eligible"], 1):
        why = "; ".join(r["text"] for r in e["reasons"])
        caveats = "; ".join(c["text"] for c in e["caveats"])
        eligible.add_row(str(n), e["name"], str(e["score"]), why, caveats)
    excluded = Table("service", "reasons", title="Excluded")
    for x in body["excluded"]:
        excluded.add_row(x["name"], "; ".join(r["text"] for r in x["reasons"]))
    console.print(eligible, excluded)
    if body["gap"]:
        blocking = ", ".join(body["gap"]["blocking_reasons"]) or "-"
        console.print(f"[bold red]GAP:[/bold red] {body['gap_text']} (blocking: {blocking})")


@app.command("match")
def match(
    profile: Path = typer.Option(..., help="Need profile JSON (docs/schemas/need-profile...)"),
    need: ServiceType | None = typer.Option(None, help="Service type (overrides the profile)"),
    country: str | None = typer.Option(None, help="ISO 3166-1 alpha-2 (overrides the profile)"),
    area: str | None = typer.Option(None, help="ISO 3166-2 area (overrides the profile)"),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON"),
) -> None:
    """Rank the directory's services for one need; list exclusions with reasons and the gap."""
    data = _load_profile(profile)
    overrides = {"need": need.value if need else None, "country": country, "area": area}
    try:
        need_profile = need_from_json(data, overrides)
        with transaction() as session:
            body = result_json(need_profile, match_need(session, need_profile))
    except Invalid as exc:
        _fail_invalid(exc)
        return
    if as_json:
        typer.echo(json.dumps(body, indent=2, ensure_ascii=False))
    else:
        _print_result(body)


def _print_heatmap(ov: gaps_store.GapOverview) -> None:
    groups = ov.heatmap.groups
    table = Table("service type", *(g.value.replace("_", " ") for g in groups),
                  title=f"{ov.country}: areas with a gap, of {ov.heatmap.areas_total}")  # fmt: skip
    for stype in ov.heatmap.service_types:
        cells = [str(ov.heatmap.cells.get((stype, g), 0)) for g in groups]
        table.add_row(stype.value.replace("_", " "), *cells)
    console.print(table)


@app.command("gaps")
def gaps(
    country: str = typer.Option(..., help="ISO 3166-1 alpha-2"),
    as_json: bool = typer.Option(False, "--json", help="The report as JSON"),
    as_csv: bool = typer.Option(False, "--csv", help="The report rows as CSV"),
    rescan: bool = typer.Option(False, help="Run a new coverage scan first"),
    include_special: bool = typer.Option(
        False, help="Include special-category (LGBTQI) rows of real referrals (internal use)"
    ),
) -> None:
    """The coverage gap report of a country; runs the coverage scan when there is none yet."""
    code = country.upper()
    with transaction() as session:
        if rescan or gaps_store.last_scan(session, code) is None:
            with console.status(f"coverage scan of {code}…"):
                summary = gaps_store.run_coverage_scan(session, None, code)
            err_console.print(f"scanned {summary.areas} areas, {summary.services} services: "
                              f"{summary.gaps} gaps")  # fmt: skip
        rows = gaps_store.report(session, code, include_special=include_special)
        ov = gaps_store.GapOverview(code, gaps_store.last_scan(session, code), include_special,
                                    rows, gaps_store.heatmap(code, rows))  # fmt: skip
    if as_csv:
        typer.echo(gaps_store.report_csv(rows), nl=False)
    elif as_json:
        typer.echo(gaps_store.overview_read(ov).model_dump_json(indent=2))
    else:
        _print_heatmap(ov)


COMMANDS = [("referrals", app)]
