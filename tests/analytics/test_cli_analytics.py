"""``titian data import-ctdc`` and ``titian analytics indicators`` against a real database."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tests.analytics.support import install_snapshot
from tests.fixtures import ctdc_gen
from titian.analytics.indicators import companion_path
from titian.analytics.models import CtdcImport
from titian.cli.main import app
from titian.db.engine import make_engine, make_sessionmaker
from titian.privacy.sdc_release import MASK

runner = CliRunner()
FRAMES = {
    "synthetic_2021": ctdc_gen.synthetic_2021_frame,
    "k_anonymised": ctdc_gen.k_anonymised_frame,
    "synthetic_2024": ctdc_gen.synthetic_2024_frame,
    "victim_perpetrator_2022": ctdc_gen.victim_perpetrator_frame,
}
FORMATS = {"csv": ",", "tsv": "\t", "xlsx": ","}


def imports(url: str) -> list[CtdcImport]:
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        rows = list(session.scalars(select(CtdcImport)))
    engine.dispose()
    return rows


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("generation", sorted(FRAMES))
def test_each_ctdc_format_imports_through_the_cli(
    generation: str, fmt: str, cli_db: str, tmp_path: Path
) -> None:
    source = ctdc_gen.write_fixture(
        FRAMES[generation](150, seed=3), tmp_path / f"ctdc.{fmt}", FORMATS[fmt], terms="before"
    )
    out = tmp_path / "out.parquet"
    result = runner.invoke(app, ["data", "import-ctdc", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert generation in result.output
    assert out.is_file()
    [record] = imports(cli_db)
    assert record.generation == generation
    assert record.rows == 150
    assert record.file_name == source.name
    assert record.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert record.imported_by.startswith("system")


def test_a_file_with_an_unknown_code_is_refused_whole(cli_db: str, tmp_path: Path) -> None:
    frame = ctdc_gen.synthetic_2021_frame(100, seed=1)
    frame = frame.with_columns(frame["gender"].scatter([4, 9], "Martian").alias("gender"))
    source = ctdc_gen.write_fixture(frame, tmp_path / "bad.csv")
    out = tmp_path / "bad.parquet"
    result = runner.invoke(app, ["data", "import-ctdc", str(source), "--out", str(out)])
    assert result.exit_code == 1
    text = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert "'gender'" in text and "'Martian'" in text
    assert "nothing written" in text
    assert not out.exists()
    assert imports(cli_db) == []


def test_indicators_from_an_imported_ctdc_file_as_json(cli_db: str, tmp_path: Path) -> None:
    source = ctdc_gen.write_fixture(ctdc_gen.synthetic_2021_frame(3000, seed=2), tmp_path / "c.csv")
    assert runner.invoke(app, ["data", "import-ctdc", str(source)]).exit_code == 0
    result = runner.invoke(app, ["analytics", "indicators", "--source", "ctdc", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["source"] == "ctdc" and body["threshold"] == 11
    ids = {i["id"] for i in body["indicators"]}
    assert {"ctdc_women_share_by_form", "ctdc_men_share_by_sector"} <= ids
    cells = [c for i in body["indicators"] for t in i["tables"] for c in t["cells"]]
    assert all(c["count"] is None or c["count"] == 0 or c["count"] >= 11 for c in cells)
    assert all(c["display"] == MASK for c in cells if c["count"] is None)
    women = next(i for i in body["indicators"] if i["id"] == "ctdc_women_share_by_form")
    assert "known gender" in women["denominator"]


def test_indicators_from_the_snapshot_by_country(cli_db: str, tmp_path: Path) -> None:
    install_snapshot(tmp_path / "var")
    args = ["analytics", "indicators", "--source", "titian", "--country", "TH", "--json",
            "--indicator", "titian_disability_gender",
            "--indicator", "titian_detained_gender"]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["country"] == "TH"
    assert [i["id"] for i in body["indicators"]] == args[-3::2]
    human = runner.invoke(app, ["analytics", "indicators", "--country", "TH",
                                "--indicator", "titian_detained_gender"])  # fmt: skip
    assert human.exit_code == 0 and "Denominator" in human.output


def test_indicators_without_data_say_what_is_missing(cli_db: str) -> None:
    result = runner.invoke(app, ["analytics", "indicators", "--source", "ctdc"])
    assert result.exit_code == 1
    assert "import-ctdc" in result.output + result.stderr


def test_dialogue_indicators_without_a_companion_say_no_data(cli_db: str, tmp_path: Path) -> None:
    snapshot = install_snapshot(tmp_path / "var")
    companion = companion_path(snapshot)
    assert companion is not None
    companion.unlink()  # a snapshot written before the dialogue companion existed
    args = ["analytics", "indicators", "--indicator", "titian_dialogue_seats_role_gender",
            "--indicator", "titian_gender_age"]  # fmt: skip
    human = runner.invoke(app, args)
    assert human.exit_code == 0, human.output
    assert "by side and gender: no data in this dataset" in " ".join(human.output.split())
    assert "no data" not in human.output.split("Seats at held")[0]  # the people table has data
