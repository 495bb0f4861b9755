"""``titian screening score`` and ``titian screening catalogues``."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from titian.cli.main import app

runner = CliRunner()


def test_score_prints_the_result_as_json(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps(
            {
                "age": 16,
                "exploitation_kind": "labour",
                "acts": ["recruitment"],
                "observed": ["d4.excessive_hours", "d4.hazardous"],
            }
        )
    )
    result = runner.invoke(app, ["screening", "score", "--answers", str(answers), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["outcome"] == "presumed_child_victim"
    assert data["catalogue"]["list_id"] == "C_L"


def test_score_names_the_file_and_field(tmp_path: Path) -> None:
    answers = tmp_path / "bad.json"
    answers.write_text(json.dumps({"exploitation_kind": "labour", "observed": ["d4.typo"]}))
    result = runner.invoke(app, ["screening", "score", "--answers", str(answers), "--json"])
    assert result.exit_code == 1
    assert "d4.typo" in result.output


def test_catalogues_lists_every_list_with_its_status() -> None:
    result = runner.invoke(app, ["screening", "catalogues", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["list_id"]: r["status"] for r in json.loads(result.output)}
    assert rows["A_S"] == "incomplete"
    assert rows["A_L"] == "to_verify"
    table = runner.invoke(app, ["screening", "catalogues"])
    assert "incomplete" in table.output
