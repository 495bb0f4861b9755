"""The command line against a fresh database: migrations, demo, users, audit verify."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from typer.testing import CliRunner

from tests.conftest import database_url_for
from tests.support.cli import cli_environment
from titian.auth.models import Agency, User
from titian.cli.main import app
from titian.db.engine import make_engine
from titian.privacy.models import PrivacyBudget

runner = CliRunner()


@pytest.fixture
def cli_db(tmp_path: Path, worker_id: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = database_url_for(f"cli_{worker_id}", tmp_path)
    with cli_environment(monkeypatch, url, tmp_path / "var"):
        yield url


def run(*args: str) -> object:
    result = runner.invoke(app, list(args))
    return result


def test_db_upgrade_current_downgrade(cli_db: str) -> None:
    assert run("db", "upgrade").exit_code == 0
    result = run("db", "current")
    assert "up to date" in result.output
    assert run("db", "downgrade", "base").exit_code == 0
    assert "needs" in run("db", "current").output


def test_demo_is_idempotent_and_audit_verifies(cli_db: str) -> None:
    first = run("demo")
    assert first.exit_code == 0, first.output
    assert "caseworker" in first.output and "titian-demo-2026" in first.output
    engine = make_engine(cli_db)
    with engine.connect() as conn:
        counts = (
            conn.scalar(select(func.count(Agency.id))),
            conn.scalar(select(func.count(User.id))),
        )
    assert run("demo").exit_code == 0
    with engine.connect() as conn:
        again = (
            conn.scalar(select(func.count(Agency.id))),
            conn.scalar(select(func.count(User.id))),
        )
    assert counts == again and counts[0] >= 8 * 17
    countries = {"TH", "KH", "LA", "MM", "ID", "PH", "VN", "MY"}
    with engine.connect() as conn:
        present = set(conn.scalars(select(Agency.country).distinct()))
    assert countries <= present
    with engine.connect() as conn:  # one privacy budget for Titian's data, not one per run
        budgets = conn.execute(select(PrivacyBudget.dataset_id, PrivacyBudget.source)).all()
    assert [tuple(b) for b in budgets] == [("titian-cases", "titian")]

    verified = run("audit", "verify")
    assert verified.exit_code == 0 and "OK" in verified.output
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET actor_username = 'mallory' WHERE seq = 3"))
    broken = run("audit", "verify")
    assert broken.exit_code == 1
    assert "BROKEN at audit event 3" in broken.output
    engine.dispose()


def test_users_create_reports_bad_input_by_field(cli_db: str) -> None:
    assert run("db", "upgrade").exit_code == 0
    made = run(
        "agencies",
        "create",
        "Test Shelter",
        "--country",
        "TH",
        "--sector",
        "non_state",
        "--kind",
        "shelter",
        "--short-name",
        "TS",
    )
    assert made.exit_code == 0, made.output
    ok = run(
        "users",
        "create",
        "worker1",
        "--agency",
        "TS",
        "--role",
        "case_worker",
        "--password",
        "a good long password",
    )
    assert ok.exit_code == 0, ok.output
    bad = run(
        "users",
        "create",
        "W",
        "--agency",
        "TS",
        "--role",
        "case_worker",
        "--password",
        "a good long password",
    )
    assert bad.exit_code == 1 and "username" in bad.output
    missing = run(
        "users",
        "create",
        "worker2",
        "--agency",
        "Nope",
        "--role",
        "case_worker",
        "--password",
        "a good long password",
    )
    assert missing.exit_code == 1 and "Nope" in missing.output
    listing = run("users", "list")
    assert "worker1" in listing.output


def test_countries_list_and_show(cli_db: str) -> None:
    listing = run("countries", "list")
    assert listing.exit_code == 0 and "Timor-Leste" in listing.output
    shown = run("countries", "show", "ph")
    assert '"rights_information"' in shown.output
