"""``titian privacy snapshot`` then ``titian analytics indicators --source titian`` (end to end)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from tests.analytics.support import install_snapshot
from tests.privacy.snapshot_support import cells, load_cases
from titian.analytics.catalogue import Source
from titian.analytics.indicators import companion_path, dataset_hash, file_sha256
from titian.audit.service import bind_key
from titian.cli.context import settings
from titian.cli.main import app
from titian.db.engine import make_engine, make_sessionmaker
from titian.kit.crypto import bind_cipher

runner = CliRunner()


def _fill(url: str) -> list[str]:
    engine = make_engine(url)
    with make_sessionmaker(engine)() as db:
        bind_key(db, settings().secret_key.get_secret_value())
        bind_cipher(db, settings())
        db.info["settings"] = settings()
        loaded = load_cases(db, count=24)
        secrets = loaded.secrets + [c.number for c in loaded.cases]
        db.commit()
    engine.dispose()
    return secrets


def test_the_indicators_read_the_snapshot_the_cli_wrote(cli_db: str, tmp_path: Path) -> None:
    secrets = _fill(cli_db)
    synthetic = install_snapshot(settings().data_dir, rows=300)
    written = runner.invoke(app, ["privacy", "snapshot"])
    assert written.exit_code == 0, written.output
    [real] = [p for p in synthetic.parent.glob("cases-*.parquet") if p != synthetic]
    assert f"sha256 {file_sha256(real)}" in written.output
    assert "without statistical consent" in written.output
    companion = companion_path(real)
    assert companion is not None and companion.name == real.name.replace("cases-", "dialogues-")
    assert "0 seats at 0 held dialogues" in written.output  # no dialogue in this database
    assert f"sha256 {file_sha256(companion)}" in written.output
    assert pq.read_metadata(real).num_rows == 21
    found = "\n".join(cells(real)).lower()
    assert [s for s in secrets if s.lower() in found] == []

    shown = runner.invoke(app, ["analytics", "indicators", "--source", "titian", "--json"])
    assert shown.exit_code == 0, shown.output
    result = json.loads(shown.output)
    assert result["dataset_sha256"] == dataset_hash(Source.TITIAN, [real])
    ids = {i["id"] for i in result["indicators"]}
    assert {"titian_gender_age", "titian_disability_gender"} <= ids
    # no held dialogue: the dialogue indicators are there, with nothing in them (not an error)
    found = {i["id"]: i for i in result["indicators"]}
    seats = found["titian_dialogue_seats_role_gender"]
    assert {c["count"] for t in seats["tables"] for c in t["cells"]} == {0}
    assert found["titian_dialogue_groups_represented"]["tables"] == []


def test_snapshot_out_folder(cli_db: str, tmp_path: Path) -> None:
    _fill(cli_db)
    written = runner.invoke(app, ["privacy", "snapshot", "--out", str(tmp_path / "elsewhere")])
    assert written.exit_code == 0, written.output
    [path] = (tmp_path / "elsewhere").glob("cases-*.parquet")
    assert not (settings().data_dir / "snapshots").exists()
    assert pq.read_metadata(path).num_rows == 21
