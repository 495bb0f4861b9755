"""``titian cases checklist``, ``titian retention run`` and ``titian keys rotate``."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tests.cases.conftest import SECRET_IDENTITY, adult_profile
from tests.conftest import database_url_for
from tests.support.cli import cli_environment
from tests.support.factories import create_agency, create_user
from titian.auth.policies import Role
from titian.auth.service import principal_for
from titian.cases import service
from titian.cases.models import Case, CaseIdentifier, CaseStatus
from titian.cases.schemas import CaseCreate
from titian.cli import context
from titian.cli.main import app

runner = CliRunner()
KEY_1 = "k1:" + base64.urlsafe_b64encode(bytes(range(32))).decode()
KEY_2 = "k2:" + base64.urlsafe_b64encode(bytes(range(1, 33))).decode()


def test_checklist_command_prints_json(tmp_path: Path) -> None:
    path = tmp_path / "profile.json"
    path.write_text(adult_profile(gender="man", date_of_birth="2013-02-02").model_dump_json())
    result = runner.invoke(
        app,
        ["cases", "checklist", "--profile", str(path), "--country", "TH",
         "--identified-on", "2026-03-02", "--today", "2026-03-04", "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    items = {i["item_id"]: i for i in json.loads(result.output)}
    assert {"C10.male_shelter", "child.guardian"} <= set(items)
    assert items["C8.rights_information"]["due_on"] == "2026-03-05"
    assert items["C4.record_language"]["status"] == "done"


@pytest.mark.parametrize(
    ("content", "country", "message"),
    [
        ('{"gender": "robot"}', "TH", "gender"),
        ("{}", "XX", "not configured"),
        ("not json", "TH", "profile"),
    ],
)
def test_checklist_command_names_the_problem(
    tmp_path: Path, content: str, country: str, message: str
) -> None:
    path = tmp_path / "profile.json"
    path.write_text(content)
    result = runner.invoke(
        app, ["cases", "checklist", "--profile", str(path), "--country", country]
    )
    assert result.exit_code == 1 and message in result.output


@pytest.fixture
def cli_db(tmp_path: Path, worker_id: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = database_url_for(f"cases_cli_{worker_id}", tmp_path)
    with cli_environment(monkeypatch, url, tmp_path / "var", encryption_keys=KEY_1):
        assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
        yield url


def test_retention_and_key_rotation(cli_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with context.transaction() as db:
        agency = create_agency(db, "CLI shelter")
        worker = principal_for(create_user(db, agency, [Role.CASE_WORKER], "cli_worker"))
        case = service.create_case(
            db, worker, CaseCreate(profile=adult_profile(), identity=SECRET_IDENTITY)
        )
        case.status, case.closed_on = CaseStatus.CLOSED, case.created_at.date().replace(year=2010)
        kept = service.create_case(db, worker, CaseCreate(identity=SECRET_IDENTITY))
        kept_id = kept.id
    monkeypatch.setenv("TITIAN_ENCRYPTION_KEYS", f"{KEY_2},{KEY_1}")
    context.settings.cache_clear()
    rotated = runner.invoke(app, ["keys", "rotate"])
    assert rotated.exit_code == 0 and "re-encrypted 15 fields" in rotated.output
    result = runner.invoke(app, ["retention", "run"])
    assert result.exit_code == 0 and "anonymised 1" in result.output
    with context.transaction() as db:
        tokens = db.scalars(select(CaseIdentifier.token)).all()
        assert tokens and all(t.startswith("k2$") for t in tokens)
        assert db.get(Case, kept_id) is not None
        statuses = sorted(c.status.value for c in db.scalars(select(Case)))
        assert statuses == ["active", "anonymised"]
