"""The command line on its own database: HSDS import (all-or-nothing, every error listed) and
export, matching a profile table, and the gap report."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import database_url_for
from tests.services.conftest import HSDS, small_directory
from tests.services.profiles import CASES, Case, check
from tests.support.cli import cli_environment
from titian.audit.service import bind_key
from titian.cli.main import app
from titian.db import migrate
from titian.db.engine import make_engine, make_sessionmaker
from titian.services import repository
from titian.services.service_import import write_directory

runner = CliRunner()
SECRET = "cli-services-secret-0123456789"


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("cli_services")
    url = database_url_for(f"cli_services_{worker_id}", tmp)
    migrate.upgrade(url)
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        bind_key(session, SECRET)
        write_directory(session, None, small_directory(), ["test"])
        session.commit()
    engine.dispose()
    with (
        pytest.MonkeyPatch.context() as mp,
        cli_environment(mp, url, tmp / "var", secret_key=SECRET),
    ):
        yield url


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def _counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        found = repository.counts(session)
    engine.dispose()
    return found


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_match_profile_table(case: Case, cli_db: str, tmp_path: Path) -> None:
    path = tmp_path / "profile.json"
    profile = dict(case.profile)
    need, country, area = profile.pop("need"), profile.pop("country"), profile.pop("area")
    path.write_text(json.dumps(profile), encoding="utf-8")
    result = run("referrals", "match", "--profile", str(path), "--need", need,
                 "--country", country, "--area", area, "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    check(case, json.loads(result.output))


def test_match_prints_tables_and_the_gap(cli_db: str, tmp_path: Path) -> None:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps({"gender": "man", "age": 15, "unaccompanied": True}), "utf-8")
    result = run("referrals", "match", "--profile", str(path), "--need", "shelter",
                 "--country", "TH", "--area", "TH-50")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Excluded" in result.output and "GAP:" in result.output
    assert "no shelter service for boys in TH-50" in result.output


def test_match_refuses_a_bad_profile_naming_the_field(cli_db: str, tmp_path: Path) -> None:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps({"gender": "wizard", "age": -3}), "utf-8")
    result = run("referrals", "match", "--profile", str(path), "--need", "shelter",
                 "--country", "TH", "--area", "TH-10")  # fmt: skip
    assert result.exit_code == 1
    assert "gender" in result.output or "age" in result.output


def test_import_export_and_refusal(cli_db: str, tmp_path: Path) -> None:
    before = _counts(cli_db)
    bad = json.loads((HSDS / "json" / "service_full.json").read_text("utf-8"))
    bad["status"] = "open"
    bad["languages"][0]["code"] = "xx"
    bad_path = tmp_path / "bad.json"
    bad_path.write_text(json.dumps(bad), "utf-8")
    good = HSDS / "json" / "organization_full.json"
    refused = run("services", "import-hsds", str(good), str(bad_path))
    assert refused.exit_code == 1
    assert "nothing was imported" in refused.output
    assert "status" in refused.output and "languages[0].code" in refused.output
    assert _counts(cli_db) == before
    done = run("services", "import-hsds", str(HSDS / "csv"))
    assert done.exit_code == 0, done.output
    assert _counts(cli_db)["services"] == before["services"] + 1
    out = tmp_path / "export"
    exported = run("services", "export-hsds", str(out))
    assert exported.exit_code == 0, exported.output
    with (out / "services.csv").open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == before["services"] + 1
    as_json = run("services", "export-hsds", str(tmp_path / "all.json"))
    assert as_json.exit_code == 0
    assert len(json.loads((tmp_path / "all.json").read_text("utf-8"))) == before["services"] + 1


def test_gaps_scan_then_report(cli_db: str) -> None:
    first = run("referrals", "gaps", "--country", "KH", "--json")
    assert first.exit_code == 0, first.output
    body = json.loads(first.output[first.output.index("{") :])
    assert body["country"] == "KH" and body["areas_total"] == 25
    cell = {(c["service_type"], c["group"]): c["areas_with_gap"] for c in body["heatmap"]}
    assert cell[("medical", "women")] == 24  # only Phnom Penh has a clinic
    assert cell[("shelter", "men")] == 25  # no shelter at all in Cambodia
    as_csv = run("referrals", "gaps", "--country", "KH", "--csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert {"country", "area", "service_type", "group", "count"} <= set(rows[0])
    assert not any(
        r["area"] == "KH-12" and r["service_type"] == "medical" and r["group"] == "women"
        for r in rows
    )
    table = run("referrals", "gaps", "--country", "KH")
    assert "areas with a gap" in table.output
