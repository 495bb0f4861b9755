"""``titian privacy``: k-anonymous microdata, DP counts and privacy budgets."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from titian.analytics.catalogue import Source
from titian.cli.context import console, err_console, transaction
from titian.errors import TitianError
from titian.privacy import dp_service
from titian.privacy.dp import BudgetPeriod, NoiseMechanism
from titian.privacy.schemas import BudgetCreate, DpCountRequest

privacy = typer.Typer(
    help="Anonymised microdata, DP counts, privacy budgets.", no_args_is_help=True
)
budget = typer.Typer(help="Privacy budgets (epsilon) per dataset.", no_args_is_help=True)
privacy.add_typer(budget, name="budget")


def _fail(message: str) -> None:
    err_console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(1)


@privacy.command("anonymize")
def anonymize(
    input_csv: Path = typer.Option(..., "--input", help="CSV file (any of , ; tab |)"),
    qi: str = typer.Option(..., "--qi", help="Quasi-identifier columns, comma-separated"),
    hierarchies: Path = typer.Option(..., "--hierarchies", help="Folder of ARX hierarchies"),
    k: int = typer.Option(11, "--k", help="Smallest class size (CTDC uses 11)"),
    suppression: float = typer.Option(0.0, "--suppression", help="Share of rows that may go"),
    l_value: int | None = typer.Option(None, "--l", help="l-diversity of --sensitive"),
    sensitive: str | None = typer.Option(None, "--sensitive", help="Sensitive column"),
    out: Path = typer.Option(..., "--out", help="Where the verified release is written"),
) -> None:
    """Optimal k-anonymous (l-diverse) release of a CSV, verified before it is written."""
    from titian.privacy.anon_model import AnonymizationError
    from titian.privacy.anonymize import anonymize_csv
    from titian.privacy.hierarchy import HierarchyError

    if (l_value is None) != (sensitive is None):
        _fail("--l and --sensitive go together")
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(),
        console=err_console,
    )  # fmt: skip
    try:
        with progress as bar:
            task = bar.add_task("searching generalisations", total=None)

            def on_progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            result = anonymize_csv(
                input_csv, qi, hierarchies, k=k, suppression=suppression, l=l_value,
                sensitive=sensitive, out_path=out, progress=on_progress,
            )  # fmt: skip
    except (AnonymizationError, HierarchyError) as exc:
        _fail(f"{exc} (nothing written)")
    loss = result.information_loss
    table = Table("figure", "value", title="Information loss", title_justify="left")
    table.add_row("ARX loss (0 = none, 1 = all)", f"{loss.loss:.4f}")
    for name, value in loss.loss_per_qi.items():
        table.add_row(f"  loss of {name} (level {result.levels[name]})", f"{value:.4f}")
    table.add_row("discernibility", str(loss.discernibility))
    table.add_row("precision loss", f"{loss.precision_loss:.4f}")
    table.add_row("average class size / k", f"{loss.average_class_size:.2f}")
    table.add_row("rows suppressed", f"{result.suppressed_rows} of {result.rows}")
    table.add_row("classes", str(result.classes))
    console.print(table)
    model = f"k={k}" + (f", l={l_value} on {sensitive}" if l_value else "")
    verdict = "[green]verified[/green]" if result.verified else "[red]NOT verified[/red]"
    console.print(f"{verdict}: every class has at least {model}; written to {out}")


@privacy.command("dp-count")
def dp_count(
    dataset: str = typer.Option(..., "--dataset", help="Dataset id of the privacy budget"),
    indicator: str = typer.Option(..., "--indicator", help="Indicator id (no slices)"),
    epsilon: float = typer.Option(..., "--epsilon", help="Epsilon spent by this release"),
    purpose: str = typer.Option(..., "--purpose", help="What the release is for"),
    source: Source | None = typer.Option(None, "--source", help="Default: the budget's source"),
    country: str | None = typer.Option(None, "--country"),
    mechanism: NoiseMechanism = typer.Option(NoiseMechanism.LAPLACE, "--mechanism"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Release DP counts of one indicator; refused (nothing drawn) when the budget is spent."""
    try:
        request = DpCountRequest(
            dataset_id=dataset, source=source, country=country, indicator=indicator,
            epsilon=epsilon, purpose=purpose, mechanism=mechanism,
        )  # fmt: skip
        with transaction() as session:
            result = dp_service.dp_count(session, None, request)
    except TitianError as exc:
        _fail(exc.message)
    except ValueError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), indent=1))
        return
    dims = result.dimensions
    table = Table(*dims, "noisy count", title=f"{indicator} (epsilon {epsilon:g})")
    for row in result.counts:
        table.add_row(*[str(row[d]) for d in dims], str(row["count"]))
    console.print(table)
    console.print(
        f"{mechanism.value} noise, scale {result.noise_scale:.2f}: 95 % within "
        f"+/-{result.accuracy_95:.1f}. Remaining epsilon for {dataset}: {result.remaining_epsilon}"
    )


@budget.command("create")
def budget_create(
    dataset: str = typer.Option(..., "--dataset"),
    source: Source = typer.Option(Source.TITIAN, "--source", help="The data the budget protects"),
    epsilon: float = typer.Option(4.0, "--epsilon", help="Total epsilon (default 4 per year)"),
    period: BudgetPeriod = typer.Option(BudgetPeriod.CALENDAR_YEAR, "--period"),
    per_release: float | None = typer.Option(1.0, "--per-release", help="Cap per spend"),
) -> None:
    """Give a dataset a privacy budget."""
    try:
        data = BudgetCreate(
            dataset_id=dataset, source=source, total_epsilon=epsilon, period=period,
            max_epsilon_per_spend=per_release,
        )  # fmt: skip
        with transaction() as session:
            dp_service.create_budget(session, None, data)
    except TitianError as exc:
        _fail(exc.message)
    except ValueError as exc:
        _fail(str(exc))
    console.print(
        f"budget for {dataset} ({source.value} data): epsilon {epsilon:g} ({period.value})"
    )


@budget.command("show")
def budget_show() -> None:
    """Every dataset's budget: total, spent, remaining."""
    table = Table("dataset", "source", "period", "total ε", "spent ε", "remaining ε", "spends")
    with transaction() as session:
        for b in dp_service.list_budgets(session, None):
            table.add_row(
                b.dataset_id, b.source.value, b.period.value, b.total_epsilon, b.spent_epsilon,
                b.remaining_epsilon, str(b.spends),
            )  # fmt: skip
    console.print(table)


@privacy.command("snapshot")
def snapshot(
    out: Path | None = typer.Option(None, "--out", help="Folder (default DATA_DIR/snapshots)"),
) -> None:
    """Write the de-identified snapshot of consenting cases and its dialogue companion (seats at
    held dialogues): Parquet, checked, audited."""
    from titian.privacy.snapshot_writer import SnapshotError, write_snapshot

    progress = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                        TimeElapsedColumn(), console=err_console)  # fmt: skip
    try:
        with transaction() as session, progress as bar:
            tasks = {
                "cases": bar.add_task("cases", total=None),
                "dialogues": bar.add_task("dialogue seats", total=None),
            }

            def on_progress(stage: str, done: int, total: int) -> None:
                bar.update(tasks[stage], completed=done, total=total)

            result = write_snapshot(session, None, out, on_progress)
    except (TitianError, SnapshotError) as exc:
        _fail(exc.message if isinstance(exc, TitianError) else str(exc))
    console.print(
        f"{result.rows} people of {result.cases} cases ({result.excluded_no_consent} without "
        f"statistical consent) written to {result.path}\nsha256 {result.sha256}"
        + ("" if result.referrals_available else "\nreferral columns: NULL (no referrals area)")
        + f"\n{result.seats} seats at {result.dialogues} held dialogues written to "
        f"{result.dialogue_path}\nsha256 {result.dialogue_sha256}"
    )


COMMANDS = [("privacy", privacy)]
